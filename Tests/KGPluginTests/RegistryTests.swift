import KGAudit
import KGCore
import KGExport
import KGPluginAPI
import KGPluginHost
import KGQuery
import Testing

/// The registry: built-ins register through the same calls as plugins, names are unique.
struct RegistryTests {
    @Test func builtinsRegisterEveryFormatFunctionAndRule() throws {
        let registry = try PluginRegistry.builtins()
        #expect(registry.formatNames == ExportFormat.allCases.map(\.rawValue))
        #expect(registry.exporters.allSatisfy { $0.origin == .builtin })
        #expect(registry.importers.map(\.value.name) == ["kg"])
        #expect(registry.rules.map(\.id) == BuiltinRules.all.map(\.id))
        #expect(registry.functions.names == FunctionRegistry.builtins.names)
    }
}
