import Foundation
import KGTestSupport
import Testing

/// `kgq check`, `kgq stats`, `kgq fmt` end to end on Tests/Fixtures/small, running the built binary.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct CoreCommandTests {
    static let small = KGTestSupport.fixtures.appendingPathComponent("small").path

    /// Issue 18 item 9: a misspelt subcommand is named, with the nearest one, exit 2.
    @Test func unknownSubcommandSuggestsTheNearest() {
        let r = KGTestSupport.runKGQ(["qurey", "RETURN 1"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("error: unknown command 'qurey'; did you mean 'query'?\n"), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let far = KGTestSupport.runKGQ(["zzzzzzzz"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("error: unknown command 'zzzzzzzz'\n  help: the commands are repl, query,"), "\(far.stderr)")
        let query = KGTestSupport.runKGQ(["MATCH (n) RETURN n"])
        #expect(query.status == 2)
        #expect(query.stderr.contains("help: to run a query: kgq query 'MATCH (n) RETURN n'"), "\(query.stderr)")
        let help = KGTestSupport.runKGQ(["help", "query"])
        #expect(help.status == 0 && help.stdout.contains("USAGE: kgq query"), "help is a command: \(help.stderr)")
        let piped = KGTestSupport.runKGQ(["--graph", Self.small, "--format", "csv"], stdin: "RETURN 1 AS one;")
        #expect(piped.status == 0 && piped.stdout.contains("one"), "options first still open the REPL: \(piped.stderr)")
    }

    @Test func checkPrintsCounts() {
        let r = KGTestSupport.runKGQ(["check", "--graph", Self.small])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("7 nodes, 4 relationships, 3 documents, 7 citations"), "\(r.stdout)")
    }

    @Test func checkUsesTheEnvironmentVariable() {
        let r = KGTestSupport.runKGQ(["check"], environment: ["KGQ_GRAPH": Self.small])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("7 nodes"))
    }

    @Test func checkMissingFolderExits2() {
        let r = KGTestSupport.runKGQ(["check", "--graph", "/nonexistent/kgq"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("graph folder '/nonexistent/kgq' does not exist"))
        #expect(r.stdout.isEmpty)
    }

    @Test func checkReportsEveryErrorWithPositionAndExits2() throws {
        let folder = try KGTestSupport.temporaryFolder()
        try "nod n:a :R\nnode n:b {x: 1}\n".write(to: folder.appendingPathComponent("a.kg"), atomically: true, encoding: .utf8)
        try "edge n:a -[:T]-> n:c\n".write(to: folder.appendingPathComponent("b.kg"), atomically: true, encoding: .utf8)
        let r = KGTestSupport.runKGQ(["check", "--graph", folder.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.kg:1:1: error:"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean 'node'"))
        #expect(r.stderr.contains("a.kg:2:10: error: expected a label"), "\(r.stderr)")
    }

    @Test func notUTF8Exits2() throws {
        let folder = try KGTestSupport.temporaryFolder()
        try Data([0x6E, 0x6F, 0x64, 0x65, 0x20, 0xFF, 0x0A]).write(to: folder.appendingPathComponent("x.kg"))
        let r = KGTestSupport.runKGQ(["check", "--graph", folder.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("x.kg:1:6: error: the file is not valid UTF-8"), "\(r.stderr)")
    }

    @Test func statsText() {
        let r = KGTestSupport.runKGQ(["stats", "--graph", Self.small])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("statements     8 (6 cited, 2 uncited)"), "\(r.stdout)")
        #expect(r.stdout.contains("doc:sv-guide-MENTIONS->role:helper"))
        #expect(r.stdout.contains("doc:sv-guide  [sv]"))
    }

    @Test func statsJSON() throws {
        let r = KGTestSupport.runKGQ(["stats", "--graph", Self.small, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["nodes"] as? Int == 7)
        #expect(json["relationships"] as? Int == 4)
        let labels = try #require(json["labels"] as? [String: Int])
        #expect(labels["Document"] == 3 && labels["Source"] == 1 && labels["Organization"] == 1)
        let statements = try #require(json["statements"] as? [String: Int])
        #expect(statements == ["total": 8, "cited": 6, "uncited": 2])
    }

    @Test func statsBadFormatIsAUsageError() {
        let r = KGTestSupport.runKGQ(["stats", "--graph", Self.small, "--format", "xml"])
        #expect(r.status == 2)
    }

    @Test func fmtCheckThenFmtThenIdempotent() throws {
        let copy = try KGTestSupport.copyFixture("small")
        let check = KGTestSupport.runKGQ(["fmt", "--check", "--graph", copy.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("01-documents.kg"))
        let before = KGTestSupport.runKGQ(["stats", "--graph", copy.path, "--format", "json"]).stdout

        let fmt = KGTestSupport.runKGQ(["fmt", "--graph", copy.path])
        #expect(fmt.status == 0, "\(fmt.stderr)")
        #expect(fmt.stdout.contains("formatted 3 of 3 file(s)"), "\(fmt.stdout)")
        let text = try String(contentsOf: copy.appendingPathComponent("02-nodes.kg"), encoding: .utf8)
        #expect(text.contains("node skill:patience :Skill {\n  name: \"patience\"\n  name@nl: \"geduld\"\n}"), "\(text)")
        #expect(text.contains("kundtjänstmedarbetare"))

        let again = KGTestSupport.runKGQ(["fmt", "--graph", copy.path])
        #expect(again.stdout.contains("formatted 0 of 3 file(s)"))
        #expect(KGTestSupport.runKGQ(["fmt", "--check", "--graph", copy.path]).status == 0)
        // Same graph after formatting; no temporary files left behind.
        #expect(KGTestSupport.runKGQ(["stats", "--graph", copy.path, "--format", "json"]).stdout == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: copy.path).sorted()
        #expect(left == ["01-documents.kg", "02-nodes.kg", "03-edges.kg"])
    }

    @Test func fmtLeavesABrokenFolderUntouched() throws {
        let folder = try KGTestSupport.temporaryFolder()
        let file = folder.appendingPathComponent("a.kg")
        let text = "node n:a   :R {z: 1, name: \"x\"}\nedge n:a -[:T]-> n:missing\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let r = KGTestSupport.runKGQ(["fmt", "--graph", folder.path])
        #expect(r.status == 2)
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
    }

    @Test func versionAndHelp() {
        let v = KGTestSupport.runKGQ(["--version"])
        #expect(v.stdout.contains("0.1.0"))
        let h = KGTestSupport.runKGQ(["--help"])
        for sub in ["check", "stats", "fmt"] { #expect(h.stdout.contains(sub), "\(sub)") }
    }
}
