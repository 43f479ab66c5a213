import Foundation
import KGTestSupport
import Testing

/// `CALL kgq.cite`, `kgq query --write` / `--dry-run` and `:save` through the built binary.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct SaveCLITests {
    static func folder() throws -> URL {
        let dir = try KGTestSupport.temporaryFolder("kgq-cli-save")
        #expect(KGTestSupport.runKGQ(["init", "g"], directory: dir).status == 0)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("g/texts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KGTestSupport.fixtures.appendingPathComponent("tutorial/riverton-bikes.txt"),
                                         to: dir.appendingPathComponent("g/texts/riverton-bikes.txt"))
        #expect(KGTestSupport.runKGQ(["doc", "add", "g/texts/riverton-bikes.txt", "--graph", "g"], directory: dir).status == 0)
        return dir
    }

    static let create = "CREATE (s:Source {name: 'Riverton Transit Office'}) "
        + "CALL kgq.cite(s, 'doc:riverton-bikes', 3, 'According to the Riverton Transit Office')"

    @Test func queryWriteSavesTheCitedNodeAndDryRunWritesNothing() throws {
        let dir = try Self.folder()
        let statements = dir.appendingPathComponent("g/statements.kg")
        let dry = KGTestSupport.runKGQ(["query", "--graph", "g", "--dry-run", Self.create], directory: dir)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stderr.contains("would save into g (--dry-run: nothing written):"), "\(dry.stderr)")
        #expect(try String(contentsOf: statements, encoding: .utf8) == "")

        let saved = KGTestSupport.runKGQ(["query", "--graph", "g", "--write", Self.create], directory: dir)
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("exact"))
        #expect(saved.stderr.contains("+ statements.kg: node source:riverton-transit-office :Source"), "\(saved.stderr)")
        #expect(try String(contentsOf: statements, encoding: .utf8) == """
            node source:riverton-transit-office :Source {
              name: "Riverton Transit Office"
            }
            cite doc:riverton-bikes line 3 col 1-40 "According to the Riverton Transit Office"

            """)
        let audit = KGTestSupport.runKGQ(["audit", "--graph", "g", "--documents", "g", "--rule", "uncited-statement"], directory: dir)
        #expect(audit.stdout.contains("0 findings"), "\(audit.stdout)")

        let bad = KGTestSupport.runKGQ(["query", "--graph", "g", "--write",
                                        "CREATE (s:Skill) CALL kgq.cite(s, 'doc:riverton-bike', 3, 'According')"], directory: dir)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("did you mean 'doc:riverton-bikes'?"), "\(bad.stderr)")
        #expect(bad.stderr.contains("not saved"), "\(bad.stderr)")
        #expect(KGTestSupport.runKGQ(["query", "--graph", "g", "--force", "RETURN 1"], directory: dir).status == 2)
    }

    @Test func shellSaveAndWhy() throws {
        let dir = try Self.folder()
        let run = KGTestSupport.runKGQ(["--graph", "g", "--no-history"], stdin: """
            \(Self.create);
            :save
            MATCH (s:Source) RETURN s.name;
            :why 1
            :save --bogus

            """, directory: dir)
        #expect(run.status == 2, "the bad :save option fails")
        #expect(run.stderr.contains("saved into g:"), "\(run.stderr)")
        #expect(run.stdout.contains("According to the Riverton Transit Office"), "\(run.stdout)")
        #expect(run.stderr.contains("unknown option '--bogus' of :save"), "\(run.stderr)")
        let check = KGTestSupport.runKGQ(["check", "--graph", "g"], directory: dir)
        #expect(check.stdout.contains("2 nodes, 0 relationships, 1 documents, 1 citations"), "\(check.stdout)")
    }
}
