import Foundation
import KGCore

/// Writes a subgraph as two CSV files in the header style of Neo4j's `neo4j-admin database
/// import` (also read by Memgraph and Kùzu-style bulk loaders):
///
///     nodes.csv          id:ID,:LABEL,name,name_nl,name_sv,value:double,period:date,…,citations
///     relationships.csv  :START_ID,:END_ID,:TYPE,id,…,citations
///
/// Columns are typed (`:long`, `:double`, `:boolean`, `:date`, `:string[]` …; plain = string);
/// lists use `;` between elements (Neo4j's default array delimiter); a list of strings that
/// contains `;` and any map is written as JSON text. `citations` holds the JSON array of the
/// graph-export shape. Multi-line values are quoted: import with `--multiline-fields=true`.
/// A property named `id` gets a column of its own; the ids are then in an unnamed `:ID` column
/// (neo4j-admin takes `:ID` in node files only: drop it from relationships.csv there).
public struct CSVExporter: Sendable {
    /// The file names, in the order they are written.
    public static let nodesFile = "nodes.csv"
    public static let relationshipsFile = "relationships.csv"

    public init() {}

    /// The two files: (name, text).
    public func write(_ graph: Graph, _ subgraph: Subgraph) -> [(name: String, text: String)] {
        let sub = subgraph.closed(in: graph)
        let nodes = sub.nodes.map { graph.nodes[$0] }
        let edges = sub.edges.map { graph.edges[$0] }
        // A property named `id` is kept as a column of that name; the element ids then go in an
        // unnamed `:ID` column (in relationships.csv too, where kgq's CSV importer reads it).
        let nodeIDProperty = nodes.contains { $0.properties["id"] != nil }
        let edgeIDProperty = edges.contains { $0.properties["id"] != nil }
        let nodeReserved: Set<String> = nodeIDProperty ? ["citations"] : ["id", "citations"]
        let edgeReserved: Set<String> = edgeIDProperty ? ["citations"] : ["id", "citations"]
        let languages = Set(nodes.flatMap { $0.names.map(\.language) }).sorted()
        let nameKeys = Set(languages.map { "name_\($0)" })
        let nodeColumns = PropertyColumn.columns(of: nodes.map(\.properties), arrayDelimiter: ";")
            .filter { !nodeReserved.contains($0.key) && !nameKeys.contains($0.key) }
        let edgeColumns = PropertyColumn.columns(of: edges.map(\.properties), arrayDelimiter: ";")
            .filter { !edgeReserved.contains($0.key) }

        var nodeRows: [[String]] = [[nodeIDProperty ? ":ID" : "id:ID", ":LABEL"] + languages.map { "name_\($0)" }
            + nodeColumns.map(Self.header) + ["citations"]]
        for node in nodes {
            var row = [node.id, node.labels.joined(separator: ";")]
            for language in languages { row.append(node.names.first { $0.language == language }?.text ?? "") }
            for c in nodeColumns { row.append(node.properties[c.key].flatMap { c.text($0) } ?? "") }
            row.append(JSONText.citations(node.citations))
            nodeRows.append(row)
        }
        var edgeRows: [[String]] = [[":START_ID", ":END_ID", ":TYPE", edgeIDProperty ? ":ID" : "id"] + edgeColumns.map(Self.header) + ["citations"]]
        for edge in edges {
            var row = [graph.nodes[edge.from].id, graph.nodes[edge.to].id, edge.type, edge.id]
            for c in edgeColumns { row.append(edge.properties[c.key].flatMap { c.text($0) } ?? "") }
            row.append(JSONText.citations(edge.citations))
            edgeRows.append(row)
        }
        return [(Self.nodesFile, Self.table(nodeRows)), (Self.relationshipsFile, Self.table(edgeRows))]
    }

    static func header(_ c: PropertyColumn) -> String {
        c.key + typeSuffix(c.kind)
    }

    static func typeSuffix(_ kind: PropertyColumn.Kind) -> String {
        switch kind {
        case .string: return ""
        case .long: return ":long"
        case .double: return ":double"
        case .boolean: return ":boolean"
        case .date: return ":date"
        case .temporal(let k): return ":" + k.rawValue
        case .list(let element):
            let base = typeSuffix(element)
            return (base.isEmpty ? ":string" : base) + "[]"
        }
    }

    static func table(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting: a field with a comma, quote, line break or edge space is quoted,
    /// quotes doubled.
    static func field(_ s: String) -> String {
        let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
