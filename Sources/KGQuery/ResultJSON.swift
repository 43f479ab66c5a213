import KGCore

/// The JSON encoding of results and errors (one object per statement, one per line), as
/// documented in the README: `{"columns": [...], "rows": [[...]], "stats": {...}}` or
/// `{"error": {"type", "detail", "phase", "message", "line", "column"}}`.
public enum ResultJSON {
    /// One line of JSON for a statement's result.
    public static func encode(_ r: ResultSet, graph: Graph) -> String {
        var s = "{\"columns\": [" + r.columns.map(string).joined(separator: ", ") + "], \"rows\": ["
        s += r.rows.map { "[" + $0.map { value($0, graph: graph) }.joined(separator: ", ") + "]" }.joined(separator: ", ")
        s += "]"
        if !r.stats.isEmpty {
            s += ", \"stats\": {" + r.stats.counters.map { string($0.name) + ": \($0.count)" }.joined(separator: ", ") + "}"
        }
        if let plan = r.plan { s += ", \"plan\": " + string(plan) }
        return s + "}"
    }

    /// One line of JSON for an error.
    public static func encode(_ e: QueryError) -> String {
        var fields = ["\"type\": " + string(e.type.rawValue), "\"detail\": " + string(e.detail.rawValue), "\"phase\": " + string(e.phase.rawValue),
                      "\"message\": " + string(e.message)]
        fields.append("\"line\": " + (e.line.map(String.init) ?? "null"))
        fields.append("\"column\": " + (e.column.map(String.init) ?? "null"))
        return "{\"error\": {" + fields.joined(separator: ", ") + "}}"
    }

    /// A value: JSON scalars and lists, maps as objects, tagged `$node`, `$edge`, `$path`;
    /// floats always with a '.' or an exponent; NaN and infinities as `{"$float": "NaN"}`, `"Inf"`, `"-Inf"`.
    public static func value(_ v: QueryValue, graph: Graph) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d):
            if d.isNaN { return "{\"$float\": \"NaN\"}" }
            if d.isInfinite { return d > 0 ? "{\"$float\": \"Inf\"}" : "{\"$float\": \"-Inf\"}" }
            return Value.formatFloat(d)
        case .string(let s): return string(s)
        case .date(let d): return string(d.description)
        case .temporal(let t): return string(t.description)
        case .list(let l): return "[" + l.map { value($0, graph: graph) }.joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.keys.sorted().map { string($0) + ": " + value(m[$0]!, graph: graph) }.joined(separator: ", ") + "}"
        case .node(let h): return node(h, graph)
        case .edge(let h): return edge(h, graph)
        case .path(let p):
            var items: [String] = []
            for (i, n) in p.nodes.enumerated() {
                items.append(node(n, graph))
                if i < p.edges.count { items.append(edge(p.edges[i], graph)) }
            }
            return "{\"$path\": [" + items.joined(separator: ", ") + "]}"
        }
    }

    private static func properties(_ p: [String: Value]) -> String {
        "{" + p.keys.sorted().map { string($0) + ": " + value(QueryValue(p[$0]!), graph: Graph()) }.joined(separator: ", ") + "}"
    }

    private static func node(_ h: Int, _ g: Graph) -> String {
        guard h >= 0 && h < g.nodes.count else { return "null" }
        let n = g.nodes[h]
        return "{\"$node\": {\"id\": \(string(n.id)), \"labels\": [" + n.labels.map(string).joined(separator: ", ")
            + "], \"properties\": " + properties(n.properties) + "}}"
    }

    private static func edge(_ h: Int, _ g: Graph) -> String {
        guard h >= 0 && h < g.edges.count else { return "null" }
        let e = g.edges[h]
        return "{\"$edge\": {\"id\": \(string(e.id)), \"type\": \(string(e.type)), \"from\": \(string(g.id(node: e.from))), "
            + "\"to\": \(string(g.id(node: e.to))), \"properties\": " + properties(e.properties) + "}}"
    }

    /// A JSON string literal.
    public static func string(_ s: String) -> String {
        JSONText.string(s)
    }

    /// Parses a JSON text into a query value (for `--params`). Objects become maps. Nil when
    /// the text is not JSON; `read` says why and where.
    public static func parse(_ text: String) -> QueryValue? {
        try? read(text)
    }

    /// Parses a JSON text into a query value, or throws what is wrong and where (line and
    /// column, counted in characters from 1). Nesting is bounded by `QueryLimits.maxValueDepth`.
    public static func read(_ text: String) throws(JSONError) -> QueryValue {
        var p = JSONReader(Array(text.unicodeScalars))
        let v = try p.value(depth: 0)
        p.ws()
        guard p.atEnd else { throw p.error("unexpected text after the JSON value") }
        return v
    }
}
