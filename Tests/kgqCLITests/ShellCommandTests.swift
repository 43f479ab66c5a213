import Foundation
import KGTestSupport
import Testing

/// Issue 18 through the real binary: `:audit` options, where the default graph comes from,
/// the config file and `kgq config`, scripts (`-f`, `--param name => expr`) and the schema
/// procedures.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct ShellCommandTests {
    static let small = KGTestSupport.fixtures.appendingPathComponent("small").path
    static let defaultGraph = KGTestSupport.packageRoot.appendingPathComponent("graphs/customer-service").path
    /// No config file of the machine's user leaks into a test.
    static let noConfig: [String: String?] = ["KGQ_CONFIG": "/nonexistent/kgq-config", "KGQ_GRAPH": nil]

    /// Item 6: `:audit` takes `kgq audit`'s options; a bad one is an error that says so.
    @Test func auditInTheShellTakesTheAuditOptions() {
        let r = KGTestSupport.runKGQ(["--graph", Self.small, "--no-history"],
                                     stdin: ":audit --rule uncited-statement --format json --fail-on info\n", environment: Self.noConfig)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"rule\"") || r.stdout.contains("\"findings\""), "JSON report: \(r.stdout)")
        #expect(!r.stdout.contains("quote-not-found"), "only the rule asked for: \(r.stdout)")
        let md = KGTestSupport.runKGQ(["--graph", Self.small], stdin: ":audit --format markdown\n", environment: Self.noConfig)
        #expect(md.stdout.contains("#"), "\(md.stdout)")
        let bad = KGTestSupport.runKGQ(["--graph", Self.small], stdin: ":audit --rule no-such-rule\n:audit --fromat json\n:audit --fix\n",
                                       environment: Self.noConfig)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown rule 'no-such-rule'"), "\(bad.stderr)")
        #expect(bad.stderr.contains(":audit: Unknown option '--fromat'"), "\(bad.stderr)")
        #expect(bad.stderr.contains(":audit does not take --fix"), "\(bad.stderr)")
    }

    /// Item 7: from another folder, kgq finds the graph of the repository it was built in, one
    /// installed beside it (PREFIX/share/kgq), the config file's, or $KGQ_GRAPH — and says which.
    @Test func defaultGraphIsFoundFromAnyFolder() throws {
        let elsewhere = try KGTestSupport.temporaryFolder("kgq-elsewhere")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let built = KGTestSupport.runKGQ(["config"], environment: Self.noConfig, directory: elsewhere)
        #expect(built.stdout.contains("graph         = \"\(Self.defaultGraph)\"   # the default graph of the repository kgq was built in"), "\(built.stdout)")
        let repl = KGTestSupport.runKGQ(["--format", "csv"], stdin: "MATCH (r:Role) RETURN count(r) AS roles;\n", environment: Self.noConfig, directory: elsewhere)
        #expect(repl.status == 0 && repl.stdout.contains("roles\r\n6"), "\(repl.stdout) \(repl.stderr)")
        // A command that edits files does not rewrite that graph by surprise.
        let fmt = KGTestSupport.runKGQ(["fmt"], environment: Self.noConfig, directory: elsewhere)
        #expect(fmt.status == 2 && fmt.stderr.contains("kgq fmt edits graph files, and no --graph was given"), "\(fmt.stderr)")
        #expect(KGTestSupport.runKGQ(["fmt", "--check"], environment: Self.noConfig, directory: elsewhere).status == 0, "checking is reading")

        // An install: PREFIX/bin/kgq and PREFIX/share/kgq/graphs/customer-service (a copy of the fixture).
        let prefix = try KGTestSupport.temporaryFolder("kgq-prefix")
        defer { try? FileManager.default.removeItem(at: prefix) }
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: prefix.appendingPathComponent("share/kgq/graphs"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: KGTestSupport.kgqBinary, toPath: prefix.appendingPathComponent("bin/kgq").path)
        try FileManager.default.copyItem(atPath: Self.small, toPath: prefix.appendingPathComponent("share/kgq/graphs/customer-service").path)
        let installed = Process()
        installed.executableURL = prefix.appendingPathComponent("bin/kgq")
        installed.arguments = ["check"]
        installed.currentDirectoryURL = elsewhere
        var env = ProcessInfo.processInfo.environment
        env["KGQ_CONFIG"] = "/nonexistent/kgq-config"
        env["KGQ_GRAPH"] = nil
        installed.environment = env
        let out = Pipe()
        installed.standardOutput = out
        try installed.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        installed.waitUntilExit()
        #expect(installed.terminationStatus == 0)
        #expect(text.contains("share/kgq/graphs/customer-service: 7 nodes"), "\(text)")

        // The config file's graph, then $KGQ_GRAPH over it.
        let config = elsewhere.appendingPathComponent("config").path
        try "# mine\ngraph = \"\(Self.small)\"\nmode = \"csv\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let configured = KGTestSupport.runKGQ(["config"], environment: ["KGQ_CONFIG": config, "KGQ_GRAPH": nil], directory: elsewhere)
        #expect(configured.stdout.contains("graph         = \"\(Self.small)\"   # graph in \(config)"), "\(configured.stdout)")
        #expect(configured.stdout.contains("mode          = \"csv\"   # \(config)"), "\(configured.stdout)")
        let csv = KGTestSupport.runKGQ([], stdin: "MATCH (n) RETURN count(n) AS n;\n", environment: ["KGQ_CONFIG": config, "KGQ_GRAPH": nil])
        #expect(csv.stdout == "n\r\n7\r\n", "the config's graph and mode: \(csv.stdout.debugDescription) \(csv.stderr)")
        let env2 = KGTestSupport.runKGQ(["config"], environment: ["KGQ_CONFIG": config, "KGQ_GRAPH": Self.defaultGraph])
        #expect(env2.stdout.contains("# $KGQ_GRAPH"), "\(env2.stdout)")
    }

    /// Item 14: a config file with a mistake is an error with its line and the fix, exit 2.
    @Test func badConfigFileIsAnError() throws {
        let dir = try KGTestSupport.temporaryFolder("kgq-config")
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("config").path
        try "mode = \"csv\"\npagr = \"off\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = KGTestSupport.runKGQ(["query", "--graph", Self.small, "RETURN 1"], environment: ["KGQ_CONFIG": config])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(config):2:1: error: unknown setting 'pagr'"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean 'pager'?"))
        try "maxrows = lots\n".write(toFile: config, atomically: true, encoding: .utf8)
        let c = KGTestSupport.runKGQ(["config"], environment: ["KGQ_CONFIG": config])
        #expect(c.status == 2 && c.stderr.contains("maxrows takes a whole number"), "\(c.stderr)")
    }

    /// Item 13: `kgq -f FILE`, `kgq query -f FILE` and `--param 'name => expr'`, as cypher-shell.
    @Test func scriptsFromAFileWithCypherShellParameters() throws {
        let dir = try KGTestSupport.temporaryFolder("kgq-script")
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("roles.cypher").path
        try "MATCH (r:Role) RETURN r.name AS n ORDER BY n LIMIT $k;\n".write(toFile: script, atomically: true, encoding: .utf8)
        let repl = KGTestSupport.runKGQ(["-f", script, "--param", "k => 1 + 1", "--format", "csv"], environment: Self.noConfig)
        #expect(repl.status == 0, "\(repl.stderr)")
        #expect(repl.stdout.split(separator: "\r\n").count == 3, "a header and two rows: \(repl.stdout)")
        let query = KGTestSupport.runKGQ(["query", "-f", script, "--param", "k=>1", "--format", "csv"], environment: Self.noConfig)
        #expect(query.status == 0 && query.stdout.split(separator: "\r\n").count == 2, "\(query.stdout) \(query.stderr)")
        let bad = KGTestSupport.runKGQ(["query", "RETURN $x", "--param", "x => 1 +"], environment: Self.noConfig)
        #expect(bad.status == 2 && bad.stderr.contains("--param 'x => 1 +'"), "\(bad.stderr)")
        let missing = KGTestSupport.runKGQ(["query", "-f", dir.appendingPathComponent("none.cypher").path], environment: Self.noConfig)
        #expect(missing.status == 2 && missing.stderr.contains("cannot read"), "\(missing.stderr)")
        try "RETURN 1;\nRETURN nope;\n".write(toFile: script, atomically: true, encoding: .utf8)
        #expect(KGTestSupport.runKGQ(["-f", script], environment: Self.noConfig).status == 2, "a failed statement: exit 2")
    }

    /// Item 13: Neo4j's schema procedures answer, with YIELD; a misspelt one is named.
    @Test func schemaProcedures() {
        let labels = KGTestSupport.runKGQ(["query", "--graph", Self.small, "--format", "csv", "CALL db.labels()"], environment: Self.noConfig)
        #expect(labels.status == 0, "\(labels.stderr)")
        #expect(labels.stdout.hasPrefix("label\r\n"), "\(labels.stdout)")
        let types = KGTestSupport.runKGQ(["query", "--graph", Self.small, "--format", "csv", "CALL db.relationshipTypes() YIELD relationshipType;"],
                                         environment: Self.noConfig)
        #expect(types.status == 0 && types.stdout.hasPrefix("relationshipType\r\n"), "\(types.stdout) \(types.stderr)")
        let keys = KGTestSupport.runKGQ(["query", "--graph", Self.small, "--format", "csv", "CALL db.propertyKeys()"], environment: Self.noConfig)
        #expect(keys.stdout.contains("\r\nname\r\n"), "\(keys.stdout)")
        let typo = KGTestSupport.runKGQ(["query", "--graph", Self.small, "CALL db.lables()"], environment: Self.noConfig)
        #expect(typo.status == 2 && typo.stderr.contains("did you mean db.labels()?"), "\(typo.stderr)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-schema-\(getpid()).dot").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let picture = KGTestSupport.runKGQ(["--graph", Self.small], stdin: "CALL db.schema.visualization();\n:export dot \(dir)\n", environment: Self.noConfig)
        #expect(picture.status == 0, "\(picture.stderr)")
        #expect(picture.stderr.contains("wrote \(dir): the schema"), "\(picture.stderr)")
        #expect(((try? String(contentsOfFile: dir, encoding: .utf8)) ?? "").contains("digraph"))
    }

    /// Item 17: `kgq plugins` describes every function — its signature, one line and an
    /// example — as text and as JSON, and every example runs.
    @Test func pluginsDescribesEveryFunction() throws {
        let text = KGTestSupport.runKGQ(["plugins"], environment: Self.noConfig)
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("Query functions (") }, "\(text.stdout)")
        let count = try #require(Int(lines[header].drop { !$0.isNumber }.prefix { $0.isNumber }))
        let listed = lines[(header + 1)...].prefix { $0.hasPrefix("  ") }
        #expect(listed.count == count, "\(count) functions announced, \(listed.count) listed")
        for line in listed { #expect(line.contains("(") && line.contains("built-in") && line.contains("; e.g. "), "\(line)") }
        #expect(listed.contains { $0.hasPrefix("  toLower(s) ") && $0.hasSuffix("e.g. RETURN toLower('Agent')") })
        #expect(text.stdout.contains("Aggregate functions (") && text.stdout.contains("  count(x) "), "\(text.stdout)")

        let json = KGTestSupport.runKGQ(["plugins", "--format", "json"], environment: Self.noConfig)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let functions = try #require(object["functions"] as? [[String: Any]])
        #expect(functions.count == count)
        var examples = ""
        for f in functions {
            let name = f["name"] as? String ?? "?"
            #expect((f["signature"] as? String)?.lowercased().hasPrefix(name.lowercased() + "(") == true, "\(f)")
            #expect((f["summary"] as? String)?.isEmpty == false, "\(f)")
            let example = try #require(f["example"] as? String, "\(f)")
            examples += example + ";\n"
        }
        // Every example runs on the default graph (one session, as a script).
        let ran = KGTestSupport.runKGQ(["query", "--graph", Self.defaultGraph, "--format", "jsonl"], stdin: examples, environment: Self.noConfig)
        #expect(ran.status == 0, "\(ran.stderr)")
    }
}
