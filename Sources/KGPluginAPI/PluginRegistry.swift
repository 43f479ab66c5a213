import KGAudit
import KGCore
import KGQuery

/// Every exporter, importer, query function and audit rule kgq can use, with where each came from.
///
/// Built once at start-up — the built-ins first, then each plugin in load order — and passed
/// down to the commands; there is no global registry. Built-ins register through exactly the
/// calls plugins use. Names are unique: a plugin cannot replace a built-in format, function or
/// rule, nor another plugin's (the second registration is refused with a Diagnostic).
///
///     var registry = PluginRegistry()
///     try registry.register(exporter: TSVExporter(), origin: .builtin)
///     let session = QuerySession(graph: graph, functions: registry.functions)
///
/// The one protocol of each kind: `Exporter` and `Importer` (this module), `KGQuery.QueryFunction`
/// (a value: name, arity range, evaluation over `QueryValue`s) and `KGAudit.AuditRule`.
public struct PluginRegistry: Sendable {
    public private(set) var exporters: [Registered<any Exporter>] = []
    public private(set) var importers: [Registered<any Importer>] = []
    public private(set) var queryFunctions: [Registered<QueryFunction>] = []
    public private(set) var auditRules: [Registered<any AuditRule>] = []

    public init() {}

    public mutating func register(exporter: any Exporter, origin: PluginOrigin) throws(Diagnostic) {
        let name = exporter.format.lowercased()
        guard !name.isEmpty else { throw Self.unnamed("exporter", origin) }
        if let other = exporters.first(where: { $0.value.format.lowercased() == name }) {
            throw Self.duplicate("exporter", name, origin, other.origin)
        }
        exporters.append(Registered(exporter, origin: origin))
    }

    public mutating func register(importer: any Importer, origin: PluginOrigin) throws(Diagnostic) {
        guard !importer.name.isEmpty else { throw Self.unnamed("importer", origin) }
        if let other = importers.first(where: { $0.value.name == importer.name }) {
            throw Self.duplicate("importer", importer.name, origin, other.origin)
        }
        importers.append(Registered(importer, origin: origin))
    }

    /// Registers a scalar query function. Names are case-insensitive, as in openCypher;
    /// aggregate names (`count`, `sum`, …) are reserved.
    public mutating func register(function: QueryFunction, origin: PluginOrigin, summary: String? = nil) throws(Diagnostic) {
        let name = function.name.lowercased()
        guard !name.isEmpty else { throw Self.unnamed("query function", origin) }
        // Built-ins may be namespaced (`duration.between`), as openCypher's own functions are.
        let isName = origin == .builtin
            ? function.name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { Self.isIdentifier(String($0)) }
            : Self.isIdentifier(function.name)
        guard isName else {
            throw Diagnostic(.error, "\(origin): the query function name '\(function.name)' is not an identifier",
                             help: "use letters, digits and '_', starting with a letter")
        }
        guard function.arity.lowerBound >= 0 else {
            throw Diagnostic(.error, "\(origin): the query function '\(function.name)' has a negative arity")
        }
        if FunctionRegistry.aggregateNames.contains(name) {
            throw Diagnostic(.error, "\(origin): '\(function.name)' is an aggregate function of the query language and cannot be redefined",
                             help: "choose another name")
        }
        if let other = queryFunctions.first(where: { $0.value.name.lowercased() == name }) {
            throw Self.duplicate("query function", function.name, origin, other.origin)
        }
        queryFunctions.append(Registered(function, origin: origin, summary: summary))
    }

    public mutating func register(auditRule: any AuditRule, origin: PluginOrigin) throws(Diagnostic) {
        guard !auditRule.id.isEmpty else { throw Self.unnamed("audit rule", origin) }
        if let other = auditRules.first(where: { $0.value.id == auditRule.id }) {
            throw Self.duplicate("audit rule", auditRule.id, origin, other.origin)
        }
        auditRules.append(Registered(auditRule, origin: origin))
    }

    // MARK: Lookups

    /// The exporter for a `--format` name (case-insensitive).
    public func exporter(format: String) -> (any Exporter)? {
        let name = format.lowercased()
        return exporters.first { $0.value.format.lowercased() == name }?.value
    }

    /// The exporter whose file extensions include `fileExtension` (without the dot).
    public func exporter(fileExtension: String) -> (any Exporter)? {
        let ext = fileExtension.lowercased()
        return exporters.first { $0.value.fileExtensions.contains(ext) }?.value
    }

    /// The importer of a name (`json`, `graphml`), for `--graph-format` and `kgq convert --from`.
    public func importer(named name: String) -> (any Importer)? {
        let name = name.lowercased()
        return importers.first { $0.value.name.lowercased() == name }?.value
    }

    /// The first importer that can read `folder` (or file).
    public func importer(for folder: String) -> (any Importer)? {
        importers.first { $0.value.canImport(folder: folder) }?.value
    }

    /// Every registered function as the table a `QuerySession` takes.
    public var functions: FunctionRegistry {
        var table = FunctionRegistry()
        for f in queryFunctions { table.register(f.value) }
        return table
    }

    /// Every registered audit rule, in registration order, for `Audit(rules:)`.
    public var rules: [any AuditRule] { auditRules.map(\.value) }

    /// The origin of every contribution (with repeats), for listing the loaded plugins.
    public var allOrigins: [PluginOrigin] {
        exporters.map(\.origin) + importers.map(\.origin) + queryFunctions.map(\.origin) + auditRules.map(\.origin)
    }

    /// The `--format` names, in registration order.
    public var formatNames: [String] { exporters.map(\.value.format) }

    // MARK: Errors

    private static func unnamed(_ kind: String, _ origin: PluginOrigin) -> Diagnostic {
        Diagnostic(.error, "\(origin): a \(kind) was registered without a name")
    }

    private static func duplicate(_ kind: String, _ name: String, _ origin: PluginOrigin, _ first: PluginOrigin) -> Diagnostic {
        Diagnostic(.error, "\(origin): the \(kind) '\(name)' is already registered by \(first)",
                   help: "rename it in the plugin, or leave out one of the plugins")
    }

    private static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }
}
