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
            s += ", \"stats\": {" + r.stats.keys.sorted().map { string($0) + ": \(r.stats[$0]!)" }.joined(separator: ", ") + "}"
        }
        if let plan = r.plan { s += ", \"plan\": " + string(plan) }
        return s + "}"
    }

    /// One line of JSON for an error.
    public static func encode(_ e: QueryError) -> String {
        var fields = ["\"type\": " + string(e.type), "\"detail\": " + string(e.detail), "\"phase\": " + string(e.phase.rawValue),
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

    /// Parses a JSON text into a query value (for `--params`). Objects become maps.
    public static func parse(_ text: String) -> QueryValue? {
        var p = JSONReader(Array(text.unicodeScalars))
        guard let v = p.value() else { return nil }
        p.ws()
        return p.atEnd ? v : nil
    }
}

/// A small JSON reader for parameters.
struct JSONReader {
    let s: [Unicode.Scalar]
    var i = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }
    var atEnd: Bool { i >= s.count }

    mutating func ws() { while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r" { i += 1 } }

    mutating func value() -> QueryValue? {
        ws()
        guard i < s.count else { return nil }
        switch s[i] {
        case "{":
            i += 1
            var m: [String: QueryValue] = [:]
            ws()
            if i < s.count, s[i] == "}" { i += 1; return .map(m) }
            while true {
                ws()
                guard let k = str() else { return nil }
                ws()
                guard i < s.count, s[i] == ":" else { return nil }
                i += 1
                guard let v = value() else { return nil }
                m[k] = v
                ws()
                guard i < s.count else { return nil }
                if s[i] == "," { i += 1; continue }
                if s[i] == "}" { i += 1; return .map(m) }
                return nil
            }
        case "[":
            i += 1
            var l: [QueryValue] = []
            ws()
            if i < s.count, s[i] == "]" { i += 1; return .list(l) }
            while true {
                guard let v = value() else { return nil }
                l.append(v)
                ws()
                guard i < s.count else { return nil }
                if s[i] == "," { i += 1; continue }
                if s[i] == "]" { i += 1; return .list(l) }
                return nil
            }
        case "\"": return str().map(QueryValue.string)
        case "t": return word("true") ? .bool(true) : nil
        case "f": return word("false") ? .bool(false) : nil
        case "n": return word("null") ? .null : nil
        default:
            let start = i
            while i < s.count, "+-0123456789.eE".unicodeScalars.contains(s[i]) { i += 1 }
            let t = String(String.UnicodeScalarView(s[start..<i]))
            if let n = Int(t) { return .int(n) }
            if let d = Double(t) { return .float(d) }
            return nil
        }
    }

    mutating func word(_ w: String) -> Bool {
        let u = Array(w.unicodeScalars)
        guard i + u.count <= s.count, Array(s[i..<(i + u.count)]) == u else { return false }
        i += u.count
        return true
    }

    mutating func str() -> String? {
        guard i < s.count, s[i] == "\"" else { return nil }
        i += 1
        var out = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            i += 1
            if c == "\"" { return String(out) }
            if c == "\\" {
                guard i < s.count else { return nil }
                let e = s[i]
                i += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                case "u":
                    guard i + 4 <= s.count, var v = UInt32(String(String.UnicodeScalarView(s[i..<(i + 4)])), radix: 16) else { return nil }
                    i += 4
                    if (0xD800..<0xDC00).contains(v), i + 6 <= s.count, s[i] == "\\", s[i + 1] == "u",
                       let lo = UInt32(String(String.UnicodeScalarView(s[(i + 2)..<(i + 6)])), radix: 16) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    }
                    out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                default: out.append(e)
                }
                continue
            }
            out.append(c)
        }
        return nil
    }
}
