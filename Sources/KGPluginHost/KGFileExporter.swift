import KGCore
import KGFormat
import KGPluginAPI

/// kgq's own format as an export: one `.kg` file that loads back (`--graph` on a folder holding
/// it) to the same nodes, relationships, names and citations (see `GraphWriter`).
public struct KGFileExporter: Exporter {
    public init() {}

    public let format = "kg"
    public let fileExtensions = ["kg"]
    public let summary = "One .kg file (kgq's own format) that loads back to the same graph, citations included."

    public func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput {
        if let cap = settings.maxNodes, subgraph.nodes.count > cap {
            throw Diagnostic(.error, "the subgraph has \(subgraph.nodes.count) nodes, more than --max-nodes \(cap)",
                             help: "raise --max-nodes, or narrow the query")
        }
        let text = try GraphWriter.write(graph, nodes: subgraph.nodes, edges: subgraph.edges)
        return ExportOutput(files: [ExportOutput.File(bytes: Array(text.utf8))])
    }
}
