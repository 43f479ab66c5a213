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

    /// Issue 19's "done when": in a git repository holding a copy of the default graph, edits in
    /// the shell and `:save` change only the edited statements (`git diff` says so, line by line),
    /// and the saved folder reloads to the graph the session had.
    @Test func shellSaveInAGitRepositoryDiffsOnlyTheEditedStatements() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-save-git")
        defer { try? FileManager.default.removeItem(at: root) }
        let g = root.appendingPathComponent("g")
        try FileManager.default.copyItem(at: KGTestSupport.packageRoot.appendingPathComponent("graphs/customer-service"), to: g)
        try? FileManager.default.removeItem(at: g.appendingPathComponent("rendered"))
        func git(_ arguments: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.name=kgq test", "-c", "user.email=kgq@example.invalid", "-c", "core.autocrlf=false"] + arguments
            p.currentDirectoryURL = root
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(arguments.joined(separator: " ")) failed")
            return String(decoding: data, as: UTF8.self)
        }
        _ = try git(["init", "-q"])
        _ = try git(["add", "."])
        _ = try git(["commit", "-q", "-m", "the default graph"])

        let counts = "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships;"
        let edited = "MATCH (s:Skill {name: 'accountancy'}) RETURN s.years AS years;"
            + " MATCH (:Role {name: 'customer service representative'})-[e:REQUIRES]->(s:Skill {name: 'Empathy'}) RETURN id(s) AS id, e.level AS level;"
        let session = KGTestSupport.runKGQ(["--graph", "g", "--no-history", "--format", "csv"], stdin: """
            CREATE (s:Skill {name: 'Empathy'});
            MATCH (r:Role {name: 'customer service representative'}), (s:Skill {name: 'Empathy'}) CREATE (r)-[:REQUIRES {level: 'valued'}]->(s);
            MATCH (s:Skill {name: 'accountancy'}) SET s.years = 3;
            MATCH (q:Qualification {name: 'Business certificate IV'}) DETACH DELETE q;
            \(counts)
            :save

            """, directory: root)
        #expect(session.status == 0, "\(session.stderr)")
        #expect(session.stderr.contains("saved into g:"), "\(session.stderr)")

        // git sees one file changed, and in it exactly the edited statements.
        #expect(try git(["status", "--porcelain"]) == " M g/skills.kg\n")
        let diff = try git(["diff", "-U0", "--", "g"])
        let lines = diff.split(separator: "\n").map(String.init)
        let removed = lines.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.map { String($0.dropFirst()) }.filter { !$0.isEmpty }
        let added = lines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }.filter { !$0.isEmpty }
        #expect(removed == [
            "node qual:business-certificate-iv :Qualification {",
            "  name: \"Business certificate IV\"",
            "}",
            "cite doc:job-market-trends line 30 \"Business certificate IV\"",
            "edge person:john -[:HAS_QUALIFICATION]-> qual:business-certificate-iv",
            "cite doc:job-market-trends line 30 \"Business certificate IV\"",
            "edge role:customer-service-representative -[:REQUIRES {level: \"valued\"}]-> qual:business-certificate-iv",
            "cite doc:job-market-trends line 35 \"These are all good portable skills for any customer service job.\"",
        ], "\(diff)")
        #expect(added == [
            "  years: 3",
            "node skill:empathy :Skill {",
            "  name: \"Empathy\"",
            "}",
            "edge role:customer-service-representative -[:REQUIRES {level: \"valued\"}]-> skill:empathy",
        ], "\(diff)")

        // Reloaded from disk: the session's counts, and the edited values under readable ids.
        let shellOut = session.stdout.replacingOccurrences(of: "\r", with: "")
        let before = shellOut.components(separatedBy: "nodes,relationships\n").last.map { String($0.prefix { $0 != "\n" }) }
        let reload = KGTestSupport.runKGQ(["query", "--graph", "g", "--format", "csv", counts + " " + edited], directory: root)
        #expect(reload.status == 0, "\(reload.stderr)")
        let reloaded = reload.stdout.replacingOccurrences(of: "\r", with: "")
        #expect(reloaded.contains("nodes,relationships\n\(before ?? "?")\n"), "\(shellOut)\n---\n\(reloaded)")
        #expect(before == "153,183", "one skill added and one qualification removed; one REQUIRES added and two removed")
        #expect(reloaded.contains("years\n3\n"), "\(reloaded)")
        #expect(reloaded.contains("id,level\nskill:empathy,valued\n"), "\(reloaded)")
        let check = KGTestSupport.runKGQ(["check", "--graph", "g"], directory: root)
        #expect(check.status == 0, "\(check.stderr)")
    }
}
