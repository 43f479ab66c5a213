import KGAudit
import KGCore
import KGExport
import KGPluginAPI
import KGPluginHost
import KGQuery
import Testing

/// The registry: built-ins register through the same calls as plugins; names are unique.
struct RegistryTests {
    struct Upper: Exporter {
        var format = "upper"
        var fileExtensions = ["up"]
        var summary = "Node ids in capitals."
        func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput {
            ExportOutput(text: subgraph.nodes.map { graph.nodes[$0].id.uppercased() }.joined(separator: "\n"))
        }
    }

    static let plugin = PluginOrigin.library(path: "/tmp/libx.so", name: "x", version: "1")

    @Test func builtinsRegisterEveryFormatFunctionAndRule() throws {
        let registry = try PluginRegistry.builtins()
        #expect(registry.formatNames == ExportFormat.allCases.map(\.rawValue) + ["kg", "neo4j-json"])
        #expect(registry.importers.map(\.value.name) == ["kg", "csv", "json", "graphml", "neo4j-json", "cypher-shell"])
        #expect(registry.rules.map(\.id) == BuiltinRules.all.map(\.id))
        #expect(registry.functions.names == FunctionRegistry.builtins.names)
        #expect(Set(registry.allOrigins) == [.builtin])
    }

    @Test(arguments: [("gv", "dot"), ("XML", "graphml"), ("cyp", "cypher"), ("svg", "svg"), ("kg", "kg"), ("mmd", nil), ("", nil)] as [(String, String?)])
    func exportersByFileExtension(ext: String, format: String?) throws {
        #expect(try PluginRegistry.builtins().exporter(fileExtension: ext)?.format == format)
    }

    @Test func aPluginExporterIsFoundByNameAndExtension() throws {
        var registry = try PluginRegistry.builtins()
        try registry.register(exporter: Upper(), origin: Self.plugin)
        #expect(registry.exporter(format: "UPPER")?.format == "upper")
        #expect(registry.exporter(fileExtension: "up")?.format == "upper")
        #expect(registry.exporters.last?.origin == Self.plugin)
    }

    @Test func duplicateNamesAreRefusedAndNameTheFirstOrigin() throws {
        var registry = try PluginRegistry.builtins()
        var json = Upper()
        json.format = "JSON"
        #expect { try registry.register(exporter: json, origin: Self.plugin) } throws: { error in
            let message = (error as? Diagnostic)?.message ?? ""
            return message.contains("'json' is already registered by built-in") && message.contains("/tmp/libx.so")
        }
        let shadow = QueryFunction(name: "TOUPPER", arity: 1...1) { _, _ in .null }
        #expect(throws: Diagnostic.self) { try registry.register(function: shadow, origin: Self.plugin) }
        #expect(throws: Diagnostic.self) { try registry.register(auditRule: BuiltinRules.all[0], origin: Self.plugin) }
        #expect(throws: Diagnostic.self) { try registry.register(importer: KGFileImporter(), origin: Self.plugin) }
    }

    @Test(arguments: ["count", "collect", "", "has space", "9lives", "a-b"])
    func badFunctionNamesAreRefused(name: String) throws {
        var registry = PluginRegistry()
        let f = QueryFunction(name: name, arity: 0...0) { _, _ in .null }
        #expect(throws: Diagnostic.self) { try registry.register(function: f, origin: Self.plugin) }
        #expect(registry.queryFunctions.isEmpty)
    }

    @Test func registeredFunctionsReachTheQuerySession() throws {
        var registry = try PluginRegistry.builtins()
        let double = QueryFunction(name: "double", arity: 1...1) { args, _ in
            if case .int(let i) = args[0] { return .int(2 * i) }
            return .null
        }
        try registry.register(function: double, origin: Self.plugin, summary: "twice")
        var session = QuerySession(graph: Graph(), functions: registry.functions)
        #expect(try session.run("RETURN double(21) AS v").rows == [[.int(42)]])
        #expect(registry.queryFunctions.last?.summary == "twice")
    }

    @Test func theKGImporterClaimsOnlyFoldersWithKGFiles() throws {
        let registry = try PluginRegistry.builtins()
        #expect(registry.importer(for: PluginFixture.graph)?.name == "kg")
        #expect(registry.importer(for: PluginFixture.root.appendingPathComponent("Sources").path) == nil)
    }
}
