import KGCore
import KGOutput
import KGQuery

/// The text of `:why N`: every node and relationship in a result row, each with its
/// citations — quote and line → document (title, file) → the original source it cites (`via`).
public enum WhyReport {
    public static func render(row: [QueryValue], columns: [String], graph: Graph, language: String?) -> String {
        let text = ValueText(graph: graph, nodeStyle: .short, language: language)
        var out = ""
        var seenNodes = Set<Int>(), seenEdges = Set<Int>()
        for (i, value) in row.enumerated() {
            var nodes: [Int] = [], edges: [Int] = []
            collect(value, &nodes, &edges)
            let column = i < columns.count ? columns[i] : "column \(i + 1)"
            if nodes.isEmpty && edges.isEmpty {
                out += "\(column): \(text.cell(value)) — a value, not a statement of the graph\n"
                continue
            }
            out += "\(column):\n"
            for n in nodes where seenNodes.insert(n).inserted && graph.isAlive(node: n) {
                let node = graph.nodes[n]
                out += "  \(text.node(n)) \(node.id)\n" + citations(node.citations, graph)
            }
            for e in edges where seenEdges.insert(e).inserted && graph.isAlive(edge: e) {
                let edge = graph.edges[e]
                out += "  \(text.node(edge.from))-[:\(edge.type)]->\(text.node(edge.to))\n" + citations(edge.citations, graph)
            }
        }
        return out
    }

    static func collect(_ v: QueryValue, _ nodes: inout [Int], _ edges: inout [Int]) {
        switch v {
        case .node(let h): nodes.append(h)
        case .edge(let h): edges.append(h)
        case .path(let p): nodes += p.nodes; edges += p.edges
        case .list(let l): for x in l { collect(x, &nodes, &edges) }
        case .map(let m): for k in m.keys.sorted() { collect(m[k] ?? .null, &nodes, &edges) }
        default: break
        }
    }

    static func citations(_ list: [Citation], _ graph: Graph) -> String {
        guard !list.isEmpty else { return "    uncited\n" }
        var out = ""
        for c in list {
            out += "    \"\(c.quote)\"" + (c.gloss.map { " (\($0))" } ?? "") + " — line \(c.line)\n"
            if let d = graph.document(id: c.document) {
                out += "      document: \(d.title) (\(d.file))" + (d.publisher.map { ", \($0)" } ?? "") + "\n"
            } else {
                out += "      document: \(c.document) (not registered)\n"
            }
            if let via = c.via {
                let name = graph.node(id: via).map { graph.nodes[$0].name } ?? via
                out += "      via: \(name) (\(via))\n"
            } else {
                out += "      via: — (the document itself)\n"
            }
        }
        return out
    }
}
