import Foundation
import KGAudit
import KGCore
import KGPluginAPI
import KGPluginHost
import KGQuery
import Testing

/// The dlopen loader in-process: the example plugin works like a built-in, and every broken
/// plugin is refused with a Diagnostic that names its file — never a crash.
@Suite(.enabled(if: PluginFixture.built, "build kgq and the example plugin first (swift build)"))
struct LoaderTests {
    static func graph() throws -> Graph {
        try KGFileImporter().load(folder: PluginFixture.graph)
    }

    @Test func mermaidExporterAndSlugRegisterWithTheirOrigin() throws {
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(PluginFixture.mermaid, into: &registry)
        let exporter = try #require(registry.exporter(format: "mermaid"))
        #expect(registry.exporter(fileExtension: "mmd")?.format == "mermaid")
        let origin = try #require(registry.exporters.last?.origin)
        guard case .library(let path, let name, let version) = origin else {
            Issue.record("origin is \(origin)"); return
        }
        #expect(path == PluginFixture.mermaid)
        #expect(name == "mermaid" && version == "1.0.0")
        #expect(registry.queryFunctions.last?.value.name == "slug")
        #expect(registry.queryFunctions.last?.value.arity == 1...2)

        let graph = try Self.graph()
        let output = try exporter.export(graph, Subgraph(all: graph), settings: ExportSettings(title: "Export \"fixture\""))
        let text = String(decoding: try #require(output.files.first).bytes, as: UTF8.self)
        try Golden.check("export-graph.mmd", text)
    }

    /// slug() through a query session, as `kgq query` runs it.
    @Test(arguments: [
        ("RETURN slug('Kundtjänst­medarbetare (m/v)') AS v", QueryValue.string("kundtjanstmedarbetare-m-v")),
        ("RETURN slug('Support  Agent', '_') AS v", .string("support_agent")),
        ("RETURN slug(null) AS v", .null),
        ("MATCH (r:Role) RETURN slug(r.name) AS v", .string("support-agent")),
    ])
    func slugInQueries(query: String, expected: QueryValue) throws {
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(PluginFixture.mermaid, into: &registry)
        var session = QuerySession(graph: try Self.graph(), functions: registry.functions)
        let result = try session.run(query)
        #expect(result.rows.first?.first == expected)
    }

    @Test func slugErrorsAreQueryErrorsNamingThePlugin() throws {
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(PluginFixture.mermaid, into: &registry)
        var session = QuerySession(graph: try Self.graph(), functions: registry.functions)
        do {
            _ = try session.run("RETURN slug(42)")
            Issue.record("slug(42) did not fail")
        } catch {
            #expect(error.message == "slug(): expects a string but got a number")
            #expect(error.help?.contains(PluginFixture.mermaid) == true)
        }
        // The arity range is checked before the plugin is called.
        #expect(throws: QueryError.self) { _ = try session.run("RETURN slug('a', '-', 'x')") }
    }

    @Test func loadingTwiceIsRefusedAsADuplicate() throws {
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(PluginFixture.mermaid, into: &registry)
        let before = registry.exporters.count
        #expect(throws: Diagnostic.self) { try PluginLoader.load(PluginFixture.mermaid, into: &registry) }
        #expect(registry.exporters.count == before)
    }

    @Test func aCPluginsFunctionAndFailingExporter() throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try PluginFixture.buildC(TestPlugins.good, name: "good", in: directory)
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(path, into: &registry)
        let graph = try Self.graph()
        var session = QuerySession(graph: graph, functions: registry.functions)
        #expect(try session.run("RETURN shout('abc') AS v").rows.first?.first == .string("ABC"))

        // The audit rule runs with the built-ins and its finding points at the .kg line.
        let rule = try #require(registry.rules.first { $0.id == "agent-audited" })
        #expect(rule.defaultSeverity == .warning)
        let findings = rule.check(AuditContext(graph: graph))
        #expect(findings.count == 1)
        #expect(findings.first?.focus == AuditFocus(.node, "role:agent", property: "name"))
        #expect(findings.first?.location?.line == graph.nodes[try #require(graph.node(id: "role:agent"))].location?.line)
        #expect(findings.first?.message == "agents are audited")

        let exporter = try #require(registry.exporter(format: "fail"))
        do {
            _ = try exporter.export(graph, Subgraph(all: graph), settings: ExportSettings())
            Issue.record("the failing exporter succeeded")
        } catch {
            #expect(error.message.contains("this exporter always fails"))
            #expect(error.message.contains(path))
        }
    }

    /// Every way a plugin can be broken, and the words the refusal must contain.
    static let refusals: [(name: String, source: String?, expected: [String])] = [
        ("wrongVersion", TestPlugins.wrongVersion,
         ["was built for plugin API version \(PluginLoader.apiVersion + 41)", "this kgq implements version \(PluginLoader.apiVersion)", "future 9.9"]),
        ("noEntry", TestPlugins.noEntry, ["is not a kgq plugin", "kgq_plugin_register"]),
        ("undeclared", TestPlugins.undeclared, ["did not declare its API version"]),
        ("refuses", TestPlugins.refuses, ["failed to register", "the licence file is missing"]),
        ("clash", TestPlugins.clash, ["'toUpper' is already registered by built-in"]),
        ("badArity", TestPlugins.badArity, ["arity 3...1"]),
        ("badSeverity", TestPlugins.badSeverity, ["severity 'fatal'; use error, warning or info"]),
        ("notALibrary", nil, ["cannot load plugin"]),
    ]

    @Test(arguments: refusals.map(\.name))
    func brokenPluginsAreRefusedNamingTheFile(name: String) throws {
        let case_ = try #require(Self.refusals.first { $0.name == name })
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path: String
        if let source = case_.source {
            path = try PluginFixture.buildC(source, name: name, in: directory)
        } else {
            path = directory.appendingPathComponent("notes.so").path
            try "just text, not ELF".write(toFile: path, atomically: true, encoding: .utf8)
        }
        var registry = try PluginRegistry.builtins()
        let before = (registry.exporters.count, registry.queryFunctions.count)
        do {
            try PluginLoader.load(path, into: &registry)
            Issue.record("\(name) was loaded")
        } catch {
            #expect(error.message.contains(path), "\(error.message)")
            for words in case_.expected { #expect(error.rendered().contains(words), "\(error.rendered())") }
        }
        #expect((registry.exporters.count, registry.queryFunctions.count) == before)
    }

    @Test func aPluginAnsweringWithoutJSONIsAQueryError() throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try PluginFixture.buildC(TestPlugins.badJSON, name: "badjson", in: directory)
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(path, into: &registry)
        var session = QuerySession(graph: try Self.graph(), functions: registry.functions)
        do {
            _ = try session.run("RETURN garbled()")
            Issue.record("garbled() succeeded")
        } catch {
            #expect(error.message.contains("not a JSON value"))
        }
    }

    /// A plugin's answer nested 40,000 levels deep is an error with its position, not a stack
    /// overflow in the JSON reader (issue 16 item 5), for a function and for an audit rule.
    @Test func deeplyNestedPluginAnswersAreErrors() throws {
        let directory = try PluginFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try PluginFixture.buildC(TestPlugins.deepJSON, name: "deepjson", in: directory)
        var registry = try PluginRegistry.builtins()
        try PluginLoader.load(path, into: &registry)
        var session = QuerySession(graph: try Self.graph(), functions: registry.functions)
        do {
            _ = try session.run("RETURN deep()")
            Issue.record("deep() succeeded")
        } catch {
            #expect(error.message.contains("line 1, column 1001: JSON nested more than 1000 levels deep"), "\(error.message)")
        }
        let run = try PluginFixture.kgq(["audit", "--graph", PluginFixture.graph, "--plugin", path, "--rule", "deep-rule", "--format", "json"])
        #expect(run.stdout.contains("line 1, column 1001: JSON nested more than 1000 levels deep"), "\(run.stdout.prefix(800)) \(run.stderr.prefix(800))")
        #expect(!run.stderr.contains("Backtrac"))
    }

    @Test func missingFilesAndDirectoriesAreRefused() throws {
        var registry = try PluginRegistry.builtins()
        #expect { try PluginLoader.load("/nonexistent/libx.so", into: &registry) } throws: { error in
            (error as? Diagnostic)?.message == "plugin '/nonexistent/libx.so' not found"
        }
        #expect { try PluginLoader.load(PluginFixture.graph, into: &registry) } throws: { error in
            (error as? Diagnostic)?.message.contains("is a directory") == true
        }
    }
}
