import Foundation
import Testing

/// `--plugin`, `--plugin-dir`, `KGQ_PLUGIN_PATH` and `kgq plugins` through the built binary.
@Suite(.enabled(if: PluginFixture.built, "build kgq and the example plugin first (swift build)"))
struct PluginCLITests {
    static let graph = PluginFixture.graph
    static let mermaid = PluginFixture.mermaid

    @Test func exportsMermaidToStdout() throws {
        let run = try PluginFixture.kgq(["export", "--graph", Self.graph, "--plugin", Self.mermaid,
                                         "--query", "MATCH p = (:Role)-[:REQUIRES]->() RETURN p", "--format", "mermaid", "-o", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("flowchart LR\n"))
        #expect(run.stdout.contains("-->|REQUIRES|"))
        #expect(run.stdout.components(separatedBy: "-->").count == 3)
    }

    @Test func theFormatFollowsThePluginsExtension() throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("graph.mmd").path
        let run = try PluginFixture.kgq(["export", "--graph", Self.graph, "--plugin", Self.mermaid, "--title", "All", "-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: \"All\"\n---\nflowchart LR\n"))
    }

    @Test func slugInAQuery() throws {
        let run = try PluginFixture.kgq(["query", "--graph", Self.graph, "--plugin", Self.mermaid, "--format", "json",
                                         "MATCH (r:Role) RETURN slug(r.name) AS slug, slug(name(r, 'sv')) AS sv"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#"[["support-agent", "kundtjanstmedarbetare"]]"#), "\(run.stdout)")
    }

    @Test func withoutThePluginTheFormatAndFunctionAreUnknown() throws {
        let export = try PluginFixture.kgq(["export", "--graph", Self.graph, "--format", "mermaid", "-o", "-"])
        #expect(export.status == 2)
        #expect(export.stderr.contains("unknown export format 'mermaid'"))
        #expect(export.stderr.contains("--plugin PATH"))
        let query = try PluginFixture.kgq(["query", "--graph", Self.graph, "RETURN slug('a')"])
        #expect(query.status == 2)
    }

    @Test func pluginsListsOriginsFromDirAndEnvironment() throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("libKGMermaidPlugin.so").path,
                                                   withDestinationPath: Self.mermaid)
        try "not a plugin".write(to: directory.appendingPathComponent("README.txt"), atomically: true, encoding: .utf8)
        for (arguments, environment) in [(["--plugin-dir", directory.path], [:]),
                                         ([], ["KGQ_PLUGIN_PATH": "/no/such/folder:\(directory.path)"])] as [([String], [String: String])] {
            let run = try PluginFixture.kgq(["plugins"] + arguments, environment: environment)
            if environment.isEmpty {
                #expect(run.status == 0, "\(run.stderr)")
            } else {
                // A KGQ_PLUGIN_PATH entry that is no folder is an error too: a typo must not go unnoticed.
                #expect(run.status == 2)
                #expect(run.stderr.contains("'/no/such/folder' (from KGQ_PLUGIN_PATH) is not a directory"))
                continue
            }
            #expect(run.stdout.contains("Plugins loaded (1):\n  mermaid 1.0.0  "))
            #expect(run.stdout.contains(#/  mermaid +plugin mermaid +Mermaid flowchart/#))
            #expect(run.stdout.contains("slug(1..2)"))
            #expect(run.stdout.contains(#/  png +built-in/#))
        }
        let env = try PluginFixture.kgq(["plugins", "--format", "json"], environment: ["KGQ_PLUGIN_PATH": directory.path])
        #expect(env.status == 0, "\(env.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(env.stdout.utf8)) as? [String: Any])
        let functions = try #require(object["functions"] as? [[String: Any]])
        let slug = try #require(functions.first { $0["name"] as? String == "slug" })
        #expect(slug["plugin"] as? String == "mermaid")
        #expect(slug["minArity"] as? Int == 1 && slug["maxArity"] as? Int == 2)
        #expect((object["auditRules"] as? [Any])?.isEmpty == false)
    }

    @Test func theSamePluginNamedTwiceLoadsOnce() throws {
        let run = try PluginFixture.kgq(["plugins", "--plugin", Self.mermaid, "--plugin-dir",
                                         (Self.mermaid as NSString).deletingLastPathComponent])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Plugins loaded (1):"))
    }

    /// Refusals reach the user as one clear error and exit code 2, whichever command runs.
    @Test(arguments: ["plugins", "check", "stats", "query", "export"])
    func aWrongVersionIsRefusedByEveryCommand(command: String) throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try PluginFixture.buildC(TestPlugins.wrongVersion, name: "future", in: directory)
        var arguments = [command, "--plugin", path]
        if command != "plugins" { arguments += ["--graph", Self.graph] }
        if command == "query" { arguments.append("RETURN 1") }
        if command == "export" { arguments += ["--format", "json", "-o", "-"] }
        let run = try PluginFixture.kgq(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: plugin '\(path)' (future 9.9) was built for plugin API version 42; this kgq implements version 1"),
                "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aPluginAuditRuleRunsInKgqAudit() throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try PluginFixture.buildC(TestPlugins.good, name: "good", in: directory)
        let run = try PluginFixture.kgq(["audit", "--graph", Self.graph, "--plugin", path, "--rule", "agent-audited",
                                         "--format", "json", "--fail-on", "warning"])
        #expect(run.status == 1, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 1)
        #expect(findings.first?["ruleId"] as? String == "agent-audited")
        #expect(findings.first?["message"] as? String == "agents are audited")
        let without = try PluginFixture.kgq(["audit", "--graph", Self.graph, "--rule", "agent-audited"])
        #expect(without.status == 2)
        #expect(without.stderr.contains("unknown rule 'agent-audited'"))
    }

    @Test func aMissingPluginIsAUsageError() throws {
        let run = try PluginFixture.kgq(["plugins", "--plugin", "no/such/libplugin.so"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("plugin 'no/such/libplugin.so' not found"))
    }
}
