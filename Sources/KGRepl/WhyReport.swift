import KGCore
import KGOutput
import KGQuery

/// The text of `:why N`: the row's values, then every statement they rest on — the
/// relationships first, then the nodes — each with its citations: quote and line → document
/// (title, file) → the original source it cites (`via`). Lines are wrapped to `width`.
public enum WhyReport {
    /// `sources` are the nodes and relationships behind the row: those in its values and those
    /// its property values were read from (see ``Lineage``); `note` says why tracing stopped short.
    public static func render(row: [QueryValue], columns: [String], graph: Graph, language: String?,
                              sources: (nodes: [Int], edges: [Int]), note: String? = nil, width: Int? = nil,
                              cap: Int = 10) -> String {
        let text = ValueText(graph: graph, nodeStyle: .short, language: language)
        var lines: [(indent: Int, text: String)] = []
        for (i, value) in row.enumerated() {
            let column = i < columns.count ? columns[i] : "column \(i + 1)"
            lines.append((0, "\(column) = \(text.cell(value))"))
        }
        let edges = sources.edges.filter(graph.isAlive(edge:))
        let nodes = sources.nodes.filter(graph.isAlive(node:))
        if let note { lines.append((0, "(\(note))")) }
        if edges.isEmpty && nodes.isEmpty {
            lines.append((0, "no statement of the graph stands behind this row: its values are computed or literal"))
        } else {
            lines.append((0, "rests on \(count(edges.count, "relationship")) and \(count(nodes.count, "node")):"))
        }
        // An aggregate rests on many statements: the first `cap` are shown, the rest counted.
        let shownEdges = Array(edges.prefix(cap)), shownNodes = Array(nodes.prefix(max(0, cap - shownEdges.count)))
        for e in shownEdges {
            let edge = graph.edges[e]
            lines.append((2, "\(text.node(edge.from))-[:\(edge.type)]->\(text.node(edge.to))"))
            lines += citations(edge.citations, graph)
        }
        for n in shownNodes {
            lines.append((2, "\(text.node(n)) \(graph.nodes[n].id)"))
            lines += citations(graph.nodes[n].citations, graph)
        }
        let hidden = edges.count + nodes.count - shownEdges.count - shownNodes.count
        if hidden > 0 {
            lines.append((2, "… \(hidden) more (the first \(cap) are shown; query the rows without aggregating to see them all)"))
        }
        return lines.map { wrap($0.text, indent: $0.indent, width: width) }.joined(separator: "\n") + "\n"
    }

    static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    static func citations(_ list: [Citation], _ graph: Graph) -> [(indent: Int, text: String)] {
        guard !list.isEmpty else { return [(4, "uncited")] }
        var out: [(indent: Int, text: String)] = []
        for c in list {
            out.append((4, "\"\(c.quote)\"" + (c.gloss.map { " (\($0))" } ?? "") + " — line \(c.line)"))
            if let d = graph.document(id: c.document) {
                out.append((6, "document: \(d.title) (\(d.file))" + (d.publisher.map { ", \($0)" } ?? "")))
            } else {
                out.append((6, "document: \(c.document) (not registered)"))
            }
            if let via = c.via {
                let name = graph.node(id: via).map { graph.nodes[$0].name } ?? via
                out.append((6, "via: \(name) (\(via))"))
            } else {
                out.append((6, "via: — (the document itself)"))
            }
        }
        return out
    }

    /// Breaks `text` at spaces so no line passes `width`; continuation lines indent two more.
    static func wrap(_ text: String, indent: Int, width: Int?) -> String {
        let pad = String(repeating: " ", count: indent)
        guard let width, width > indent + 20, indent + text.count > width else { return pad + text }
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let limit = width - indent - (lines.isEmpty ? 0 : 2)
            if !line.isEmpty && line.count + 1 + word.count > limit {
                lines.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        lines.append(line)
        return lines.enumerated().map { (i, l) in pad + (i == 0 ? "" : "  ") + l }.joined(separator: "\n")
    }
}
