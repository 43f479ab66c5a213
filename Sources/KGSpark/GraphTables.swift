import Foundation
import KGCore

/// One table of a pushed graph: its name, the Spark DDL schema its staged JSON lines are read
/// with, the file of those lines, how many rows it has and the column its rows are spread by.
public struct StagedTable: Sendable, Equatable {
    public var name: String
    public var ddl: String
    public var file: String
    public var rows: Int
    public var partitionColumn: String
}

/// Writes a graph as JSON lines, one file per table, for Spark to turn into Parquet tables:
/// nodes (id, labels, one typed column per property key), relationships (id, type, start, end,
/// property columns), names, citations, documents and the schema that maps keys to columns.
public struct GraphTables: Sendable {
    public let graph: Graph
    public let schema: SparkSchema

    public init(graph: Graph, prefix: String) {
        self.graph = graph
        self.schema = SparkSchema(prefix: prefix, graph: graph)
    }

    /// Writes every table's lines into `folder` (created if missing).
    public func stage(into folder: String) throws(Diagnostic) -> [StagedTable] {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw Diagnostic(.error, "cannot create the staging folder \(folder): \(error.localizedDescription)",
                             help: "pass --staging with a writable folder the Spark workers can read")
        }
        let nodeColumns = schema.nodeColumns.values.sorted { $0.column < $1.column }
        let edgeColumns = schema.relationshipColumns.values.sorted { $0.column < $1.column }
        var tables: [StagedTable] = []
        func write(_ name: String, _ ddl: String, _ partition: String, _ lines: () -> [String]) throws(Diagnostic) {
            let rows = lines()
            let file = (folder as NSString).appendingPathComponent("\(name).jsonl")
            var text = rows.joined(separator: "\n")
            if !rows.isEmpty { text += "\n" }
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                throw Diagnostic(.error, "cannot write \(file)", help: "check the staging folder's permissions and free space")
            }
            tables.append(StagedTable(name: name, ddl: ddl, file: file, rows: rows.count, partitionColumn: partition))
        }
        let g = graph
        try write(schema.nodes, (["id string", "labels array<string>"] + nodeColumns.map { "\($0.column) \($0.type.ddl)" }).joined(separator: ", "), "id") {
            g.nodeHandles.map { n in
                let props = g.properties(node: n)
                return JSONText.object([("id", JSONText.string(g.id(node: n))),
                                        ("labels", "[" + g.labels(node: n).map(JSONText.string).joined(separator: ",") + "]")]
                                       + nodeColumns.compactMap { c in props[c.key].map { (c.column, Self.cell($0, c.type)) } })
            }
        }
        try write(schema.relationships, (["id string", "type string", "`start` string", "`end` string"]
                                         + edgeColumns.map { "\($0.column) \($0.type.ddl)" }).joined(separator: ", "), "start") {
            g.edgeHandles.map { e in
                let props = g.properties(edge: e)
                return JSONText.object([("id", JSONText.string(g.id(edge: e))), ("type", JSONText.string(g.type(edge: e))),
                                        ("start", JSONText.string(g.id(node: g.from(edge: e)))), ("end", JSONText.string(g.id(node: g.to(edge: e))))]
                                       + edgeColumns.compactMap { c in props[c.key].map { (c.column, Self.cell($0, c.type)) } })
            }
        }
        try write(schema.names, "node string, language string, text string", "node") {
            g.nodeHandles.flatMap { n in
                g.names(node: n).map { JSONText.object([("node", JSONText.string(g.id(node: n))), ("language", JSONText.string($0.language)),
                                                        ("text", JSONText.string($0.text))]) }
            }
        }
        try write(schema.citations, "element string, kind string, document string, line bigint, quote string, gloss string, via string", "element") {
            func rows(_ id: String, _ kind: String, _ cs: [Citation]) -> [String] {
                cs.map { c in
                    JSONText.object([("element", JSONText.string(id)), ("kind", JSONText.string(kind)), ("document", JSONText.string(c.document)),
                                     ("line", "\(c.line)"), ("quote", JSONText.string(c.quote))]
                                    + [("gloss", c.gloss.map(JSONText.string)), ("via", c.via.map(JSONText.string))].compactMap { k, v in v.map { (k, $0) } })
                }
            }
            return g.nodeHandles.flatMap { rows(g.id(node: $0), "node", g.citations(node: $0)) }
                + g.edgeHandles.flatMap { rows(g.id(edge: $0), "relationship", g.citations(edge: $0)) }
        }
        try write(schema.documents, "id string, file string, sha256 string, language string, title string, kind string, publisher string", "id") {
            g.documents.map { d in
                JSONText.object([("id", JSONText.string(d.id)), ("file", JSONText.string(d.file)), ("sha256", JSONText.string(d.sha256)),
                                 ("language", JSONText.string(d.language)), ("title", JSONText.string(d.title)), ("kind", JSONText.string(d.kind))]
                                + (d.publisher.map { [("publisher", JSONText.string($0))] } ?? []))
            }
        }
        try write(schema.schema, "element string, key string, `column` string, type string", "key") {
            schema.rows.map { r in JSONText.object(zip(["element", "key", "column", "type"], r.map(JSONText.string)).map { ($0, $1) }) }
        }
        return tables
    }

    /// One property value as its JSON cell: the value itself in a typed column, kgq's JSON text
    /// of it (a JSON string) in a `json` column.
    static func cell(_ v: Value, _ type: SparkColumnType) -> String {
        type == .json ? JSONText.string(JSONText.typedValue(v)) : JSONText.value(v)
    }
}
