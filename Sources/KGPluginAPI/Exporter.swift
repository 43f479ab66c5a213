import KGCore

/// Writes a subgraph in one output format: `kgq export --format NAME`.
///
/// Built-in formats (dot, png, json, …) and plugin formats register the same way, through
/// `PluginRegistry.register(exporter:origin:)`. An exporter is a value: it holds no state
/// between calls and may be called from any thread.
///
///     struct TSVExporter: Exporter {
///         let format = "tsv"
///         let fileExtensions = ["tsv"]
///         let summary = "Nodes as tab-separated id and name."
///         func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput {
///             ExportOutput(text: subgraph.nodes.map { "\(graph.nodes[$0].id)\t\(graph.nodes[$0].name)\n" }.joined())
///         }
///     }
public protocol Exporter: Sendable {
    /// The `--format` name, lower-case (`mermaid`).
    var format: String { get }
    /// File extensions (lower-case, no dot) from which `-o FILE` infers this format.
    var fileExtensions: [String] { get }
    /// One sentence for `kgq plugins` and help.
    var summary: String { get }
    /// True when the output is several files written into a directory (CSV).
    var writesDirectory: Bool { get }
    /// True when the output is not text; kgq then refuses to write it to a terminal.
    var isBinary: Bool { get }
    /// Exports `subgraph` of `graph`. Bad settings or a failure are a Diagnostic (exit code 2).
    func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput
}

extension Exporter {
    public var writesDirectory: Bool { false }
    public var isBinary: Bool { false }
}
