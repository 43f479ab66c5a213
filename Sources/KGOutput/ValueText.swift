import KGCore
import KGQuery

/// Writes query values for people: nodes as `(:Role {name: "Agent"})` (or the short form),
/// relationships as `[:REQUIRES]`, paths as `(…)-[:R]->(…)`, floats with '.', dates as
/// `2016-05`. A string at the top of a cell is written bare; inside lists and maps it is quoted
/// so that `["a, b"]` and `["a", "b"]` stay different.
public struct ValueText: Sendable {
    public var graph: Graph
    public var nodeStyle: NodeStyle
    public var language: String?
    /// How a top-level NULL is written (`NULL`; empty in CSV).
    public var null: String

    public init(graph: Graph, nodeStyle: NodeStyle = .full, language: String? = nil, null: String = "NULL") {
        self.graph = graph
        self.nodeStyle = nodeStyle
        self.language = language
        self.null = null
    }

    /// A cell: strings bare, everything else as `literal`.
    public func cell(_ v: QueryValue) -> String {
        switch v {
        case .null: return null
        case .string(let s): return s
        default: return literal(v)
        }
    }

    /// A value as a Cypher-like literal (strings quoted).
    public func literal(_ v: QueryValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return Value.formatFloat(d)
        case .string(let s): return "\"" + Value.escape(s) + "\""
        case .date(let d): return d.description
        case .temporal(let t): return t.description
        case .list(let l): return "[" + l.map(literal).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): " + literal(m[$0] ?? .null) }.joined(separator: ", ") + "}"
        case .node(let h): return node(h)
        case .edge(let h): return edge(h)
        case .path(let p): return path(p)
        }
    }

    /// A node: `(:Role:Job {name: "Agent", level: 2})`, or `(:Role "Agent")` in the short style.
    public func node(_ h: Int) -> String {
        guard h >= 0 && h < graph.nodes.count else { return "(?)" }
        let n = graph.nodes[h]
        let labels = n.labels.map { ":" + $0 }.joined()
        switch nodeStyle {
        case .short:
            return "(" + labels + (labels.isEmpty ? "" : " ") + "\"" + Value.escape(n.name(in: language)) + "\")"
        case .full:
            let props = properties(n.properties)
            return "(" + labels + (props.isEmpty ? "" : (labels.isEmpty ? "" : " ") + props) + ")"
        }
    }

    /// A relationship: `[:REQUIRES]`, with its properties when it has any.
    public func edge(_ h: Int) -> String {
        guard h >= 0 && h < graph.edges.count else { return "[?]" }
        let e = graph.edges[h]
        let props = properties(e.properties)
        return "[:" + e.type + (props.isEmpty ? "" : " " + props) + "]"
    }

    /// A path with each relationship's direction: `(a)-[:R]->(b)<-[:S]-(c)`.
    public func path(_ p: Path) -> String {
        var out = ""
        for (i, n) in p.nodes.enumerated() {
            out += node(n)
            guard i < p.edges.count else { break }
            let e = p.edges[i]
            let forward = e >= 0 && e < graph.edges.count ? graph.edges[e].from == n : true
            out += forward ? "-" + edge(e) + "->" : "<-" + edge(e) + "-"
        }
        return out
    }

    /// `{name: "Agent", level: 2}` with `name` first, then the other keys sorted; empty for none.
    private func properties(_ p: [String: Value]) -> String {
        guard !p.isEmpty else { return "" }
        let keys = p.keys.sorted { a, b in a == "name" ? b != "name" : (b == "name" ? false : a < b) }
        return "{" + keys.map { "\($0): " + literal(QueryValue(p[$0] ?? .null)) }.joined(separator: ", ") + "}"
    }
}
