/// Where a registered exporter, importer, function or audit rule comes from.
public enum PluginOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Shipped with kgq.
    case builtin
    /// A dynamic-library plugin: the file it was loaded from, and the name and version it declared.
    case library(path: String, name: String, version: String)

    /// `built-in`, or `plugin mermaid 1.0 (/path/libKGMermaidPlugin.so)`.
    public var description: String {
        switch self {
        case .builtin: return "built-in"
        case .library(let path, let name, let version): return "plugin \(name) \(version) (\(path))"
        }
    }
}
