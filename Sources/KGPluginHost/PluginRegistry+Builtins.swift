import KGAudit
import KGCore
import KGExport
import KGImport
import KGPluginAPI
import KGQuery

extension PluginRegistry {
    /// A registry with everything kgq ships — exporters, the `.kg` and CSV importers, every query
    /// function and every audit rule — registered through the same calls plugins use.
    /// Throws only if two built-ins share a name, a bug in kgq that its tests catch.
    public static func builtins() throws(Diagnostic) -> PluginRegistry {
        var registry = PluginRegistry()
        for format in ExportFormat.allCases {
            try registry.register(exporter: BuiltinExporter(format), origin: .builtin)
        }
        try registry.register(exporter: KGFileExporter(), origin: .builtin)
        try registry.register(exporter: Neo4jJSONFileExporter(), origin: .builtin)
        try registry.register(importer: KGFileImporter(), origin: .builtin)
        try registry.register(importer: CSVImporter(), origin: .builtin)
        try registry.register(importer: JSONGraphImporter(), origin: .builtin)
        try registry.register(importer: GraphMLImporter(), origin: .builtin)
        try registry.register(importer: Neo4jJSONImporter(), origin: .builtin)
        try registry.register(importer: CypherShellImporter(), origin: .builtin)
        let table = FunctionRegistry.builtins
        for name in table.names {
            if let function = table.lookup(name) {
                try registry.register(function: function, origin: .builtin, summary: FunctionHelp.of(name)?.summary)
            }
        }
        for rule in BuiltinRules.all {
            try registry.register(auditRule: rule, origin: .builtin)
        }
        return registry
    }
}
