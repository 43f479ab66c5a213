import KGCore
import KGExport
import KGPluginAPI

/// Neo4j's `apoc.export.json` shape as an export (`--format neo4j-json`), which the neo4j-json
/// importer reads back.
public struct Neo4jJSONFileExporter: Exporter {
    public init() {}

    public let format = "neo4j-json"
    public let fileExtensions = ["jsonl", "ndjson"]
    public let summary = "JSON Lines as Neo4j's apoc.export.json writes them, with the Cypher export's id, name_LANG and cite_* properties."

    public func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput {
        ExportOutput(text: Neo4jJSONExporter().write(graph, subgraph))
    }
}
