import Foundation
import KGTestSupport
import Testing

/// Where the built binary and the fixture graph are.
enum ExportCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/kgq").path
    static let graph = root.appendingPathComponent("Tests/Fixtures/export-graph").path
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }
}

/// `kgq export` end to end: runs the built binary on Tests/Fixtures/export-graph.
@Suite(.enabled(if: ExportCLI.binaryExists, "build kgq first (swift build)"))
struct ExportCLITests {
    static let binary = ExportCLI.binary
    static let graph = ExportCLI.graph

    static func kgq(_ arguments: [String]) throws -> KGQRun { KGTestSupport.runKGQ(arguments) }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func jsonToStdout() throws {
        let run = try Self.kgq(["export", "--graph", Self.graph, "--format", "json", "-o", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect((object["documents"] as? [Any])?.count == 2)
        #expect((object["nodes"] as? [Any])?.count == 9)
        #expect((object["edges"] as? [Any])?.count == 7)
    }

    /// The query of an export is bounded like `kgq query`'s: a runaway one fails with exit 2
    /// and writes nothing.
    @Test func queryIsBounded() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("big.dot").path
        let run = try Self.kgq(["export", "--graph", Self.graph, "--query", "UNWIND range(1, 100) AS x MATCH (n) RETURN n",
                                "--max-rows", "10", "-o", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("ResourceLimit (TooManyRows)"), "\(run.stderr)")
        #expect(run.stderr.contains("--max-rows N"))
        #expect(!FileManager.default.fileExists(atPath: path))
        let bounded = try Self.kgq(["export", "--graph", Self.graph, "--query", "UNWIND range(1, 100) AS x MATCH (n) RETURN n",
                                    "--max-rows", "1000", "-o", path])
        #expect(bounded.status == 0, "\(bounded.stderr)")
    }

    /// `-o FILE.kg` writes kgq's own format; its folder loads as a graph with the same counts.
    @Test func kgFileLoadsBack() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try Self.kgq(["export", "--graph", Self.graph, "-o", directory.appendingPathComponent("graph.kg").path])
        #expect(run.status == 0, "\(run.stderr)")
        let original = try Self.kgq(["stats", "--graph", Self.graph])
        let copy = try Self.kgq(["stats", "--graph", directory.path])
        #expect(copy.status == 0, "\(copy.stderr)")
        let counts = { (r: KGQRun) in r.stdout.split(separator: "\n").prefix(4).joined(separator: "\n") }
        #expect(counts(copy) == counts(original))
        #expect(counts(copy).contains("documents      2"))
    }

    @Test func queryResultToPNG() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("skills.png").path
        let run = try Self.kgq(["export", "--graph", Self.graph, "--query",
                                "MATCH p = (r:Role)-[:REQUIRES]->() RETURN p", "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(run.stderr.contains("wrote \(path)"))
        // The DOT of the same query holds exactly the role and its two requirements.
        let dot = try Self.kgq(["export", "--graph", Self.graph, "--query",
                                "MATCH p = (r:Role)-[:REQUIRES]->() RETURN p", "--format", "dot", "-o", "-"])
        let text = dot.stdout
        #expect(text.components(separatedBy: " -> ").count - 1 == 2)
        #expect(text.contains("\"qual:diploma\" ["))
        #expect(!text.contains("\"sector:service\" ["))
    }

    @Test func formatFromExtensionAndCSVDirectory() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, marker) in [("g.svg", "<svg"), ("g.graphml", "<graphml"), ("g.cypher", "CREATE ("), ("g.gv", "digraph kgq")] {
            let path = directory.appendingPathComponent(name).path
            let run = try Self.kgq(["export", "--graph", Self.graph, "-o", path])
            #expect(run.status == 0, "\(name): \(run.stderr)")
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains(marker), "\(name)")
        }
        let csv = directory.appendingPathComponent("csv").path + "/"
        let run = try Self.kgq(["export", "--graph", Self.graph, "-o", csv])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: csv).sorted() == ["nodes.csv", "relationships.csv"])
    }

    /// Issue 18 item 8: `-o NEWDIR/graph.kg` creates NEWDIR, as CSV export creates its directory.
    @Test func aMissingFolderIsCreated() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("new/deeper/graph.kg").path
        let run = try Self.kgq(["export", "--graph", Self.graph, "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("node "))
        let help = try Self.kgq(["export", "--help"])
        #expect(help.stdout.contains("cypher, kg or"), "\(help.stdout)")
    }

    @Test func overTheCapIsAnErrorAndLeavesTheOldFile() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("g.svg").path
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try Self.kgq(["export", "--graph", Self.graph, "--max-nodes", "3", "-o", path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: the subgraph to export has 9 nodes, more than --max-nodes 3"))
        #expect(run.stderr.contains("--layout sfdp"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
    }

    @Test(arguments: [
        (["--format", "csv", "-o", "-"], "cannot go to stdout"),
        (["-o", "x.unknown"], "cannot tell the format"),
        (["--format", "json", "--query", "MATCH (n RETURN n", "-o", "-"], "SyntaxError"),
        (["--query", "MATCH (n) RETURN n", "--query-file", "x.cypher", "-o", "x.svg"], "not both"),
        (["--query-file", "/nonexistent/view.cypher", "-o", "x.svg"], "cannot read the query file"),
        (["-o", "/dev/null/sub/x.svg"], "cannot create the folder"),
        (["--max-nodes", "0", "--format", "json", "-o", "-"], "--max-nodes must be at least 1"),
    ])
    func usageAndInputErrorsExitTwo(arguments: [String], message: String) throws {
        let run = try Self.kgq(["export", "--graph", Self.graph] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
    }

    @Test func editsOfTheQuerySessionAreExported() throws {
        let script = "CREATE (:Skill {name: 'empathy \"and\" patience'}); MATCH (r:Role), (s:Skill {name: 'empathy \"and\" patience'}) CREATE p = (r)-[:REQUIRES]->(s) RETURN p"
        let run = try Self.kgq(["export", "--graph", Self.graph, "--format", "cypher", "--query", script, "-o", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.stdout
        #expect(text.contains(#"name: "empathy \"and\" patience""#))
        #expect(text.contains("CREATE (a)-[:REQUIRES"))
        #expect(text.contains(#"CREATE (:Role {id: "role:agent""#))
    }

    @Test func queryWithoutGraphElementsWarns() throws {
        let run = try Self.kgq(["export", "--graph", Self.graph, "--format", "json", "--query", "RETURN 1 AS one", "-o", "-"])
        #expect(run.status == 0)
        #expect(run.stderr.contains("warning: the query returned no nodes, relationships or paths"))
    }
}
