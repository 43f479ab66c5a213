import KGCore

/// The schema procedures of Neo4j that scripts call, answered before parsing (kgq's query
/// language has no CALL): `CALL db.labels()`, `CALL db.relationshipTypes()`,
/// `CALL db.propertyKeys()` and `CALL db.schema.visualization()`, each alone in its statement,
/// optionally with `YIELD` of its columns. A self-contained hook of `QuerySession.run`.
///
///     CALL db.labels() YIELD label     // one row per label, sorted
public enum Procedures {
    /// The procedures, by their name in lower case, with their columns.
    public static let all: [(name: String, columns: [String], summary: String)] = [
        ("db.labels", ["label"], "the node labels of the graph"),
        ("db.relationshipTypes", ["relationshipType"], "the relationship types of the graph"),
        ("db.propertyKeys", ["propertyKey"], "the property keys of nodes and relationships"),
        ("db.schema.visualization", ["nodes", "relationships"],
         "labels (with counts) and the relationship types between them; :export draws them"),
        (CiteProcedure.name, CiteProcedure.columns,
         "cites a node or relationship: CALL kgq.cite(x, 'doc:ID', LINE, 'quote', {via: 'source:ID'}) at the end of a statement"),
    ]

    /// The result of `text` when it is one of the procedure calls; nil when it is not a CALL.
    /// A CALL of another procedure, or with arguments, is an error naming those kgq has.
    static func answer(_ text: String, graph: Graph) throws(QueryError) -> ResultSet? {
        // Most statements are not a CALL: decide that from the first word before trimming the text.
        let lead = text.utf8.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        guard lead.count > 5, String(decoding: lead.prefix(4), as: UTF8.self).uppercased() == "CALL" else { return nil }
        var words = trim(Substring(text), extra: ";")
        guard words.count > 5, words.prefix(5).uppercased() == "CALL " || words.prefix(5).uppercased() == "CALL\t" else { return nil }
        words = trim(words.dropFirst(5))
        let nameEnd = words.firstIndex { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") } ?? words.endIndex
        let name = String(words[..<nameEnd])
        var rest = trim(words[nameEnd...])
        let known = all.map(\.name)
        guard let procedure = all.first(where: { $0.name.lowercased() == name.lowercased() }) else {
            throw QueryError(type: .procedureError, detail: .procedureNotFound, phase: .compileTime,
                             message: "there is no procedure '\(name)'",
                             help: (Suggest.closest(to: name, among: known).map { "did you mean \($0)()? " } ?? "")
                                + "kgq answers " + known.map { "CALL \($0)()" }.joined(separator: ", "))
        }
        guard rest.hasPrefix("(") else { throw usage(procedure.name, "expected '(' after \(procedure.name)") }
        rest = trim(rest.dropFirst())
        guard rest.hasPrefix(")") else { throw usage(procedure.name, "\(procedure.name)() takes no arguments") }
        rest = trim(rest.dropFirst())
        var columns = procedure.columns
        if !rest.isEmpty {
            guard rest.uppercased().hasPrefix("YIELD ") else {
                throw usage(procedure.name, "only YIELD may follow CALL \(procedure.name)() (kgq has no CALL inside a query)")
            }
            let yielded = rest.dropFirst(6).split(separator: ",").map { trim($0) }
            for y in yielded where !procedure.columns.contains(y) {
                throw usage(procedure.name, "\(procedure.name)() yields \(procedure.columns.joined(separator: ", ")), not '\(y)'")
            }
            columns = yielded
        }
        let full = rows(procedure.name, graph: graph)
        let indices = columns.map { c in procedure.columns.firstIndex(of: c)! }
        return ResultSet(columns: columns, rows: full.map { row in indices.map { row[$0] } })
    }

    static func trim(_ s: Substring, extra: Character? = nil) -> String {
        let skip: (Character) -> Bool = { $0.isWhitespace || $0 == extra }
        return String(s.drop(while: skip).reversed().drop(while: skip).reversed())
    }

    static func usage(_ name: String, _ message: String) -> QueryError {
        QueryError(type: .syntaxError, detail: .invalidProcedureCall, phase: .compileTime, message: message,
                   help: "write CALL \(name)() or CALL \(name)() YIELD …")
    }

    static func rows(_ name: String, graph: Graph) -> [[QueryValue]] {
        switch name {
        case "db.labels": return graph.labelCounts.map(\.label).sorted().map { [.string($0)] }
        case "db.relationshipTypes": return graph.typeCounts.map(\.type).sorted().map { [.string($0)] }
        case "db.propertyKeys": return graph.propertyKeys.map { [.string($0)] }
        default:
            let schema = schemaGraph(of: graph)
            let nodes: [QueryValue] = schema.nodeHandles.map { h in
                .map(["name": .string(schema.nodes[h].name), "count": QueryValue(schema.nodes[h].properties["count"] ?? .null)])
            }
            let rels: [QueryValue] = schema.edgeHandles.map { h in
                let e = schema.edges[h]
                return .map(["type": .string(e.type), "start": .string(schema.nodes[e.from].name),
                             "end": .string(schema.nodes[e.to].name), "count": QueryValue(e.properties["count"] ?? .null)])
            }
            return [[.list(nodes), .list(rels)]]
        }
    }

    /// The graph's schema as a graph: a node per label (`name`, `count`), a relationship per
    /// type between the first labels of its ends (`count`), for `db.schema.visualization()`.
    public static func schemaGraph(of graph: Graph) -> Graph {
        var schema = Graph()
        var handle: [String: Int] = [:]
        for (label, count) in graph.labelCounts.sorted(by: { $0.label < $1.label }) {
            handle[label] = try? schema.addNode(Node(id: "label:" + label, labels: [label],
                                                     properties: ["name": .string(label), "count": .int(count)]))
        }
        var counts: [String: (from: String, type: String, to: String, count: Int)] = [:]
        for h in graph.edgeHandles {
            let e = graph.edges[h]
            guard let from = graph.labels(node: e.from).first, let to = graph.labels(node: e.to).first else { continue }
            counts[from + "\u{0}" + e.type + "\u{0}" + to, default: (from, e.type, to, 0)].count += 1
        }
        for (key, c) in counts.sorted(by: { $0.key < $1.key }) {
            guard let f = handle[c.from], let t = handle[c.to] else { continue }
            _ = try? schema.addEdge(Edge(id: "type:" + key.replacingOccurrences(of: "\u{0}", with: ":"), type: c.type, from: f, to: t,
                                         properties: ["count": .int(c.count)]))
        }
        return schema
    }
}
