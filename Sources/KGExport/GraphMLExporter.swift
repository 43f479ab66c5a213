import KGCore

/// Writes a subgraph as GraphML (opens in Gephi, yEd, NetworkX, igraph).
///
/// Every attribute is declared as a `<key>` with its type (`string`, `long`, `double`,
/// `boolean`). Nodes carry `labels` (`:Role:Person`), `label` (the display name, which Gephi
/// shows), `name_LANG` (the first name in each language), `names` (every name: the JSON object
/// of the graph-export shape, a list per language) when any node has localized names, their
/// properties, and `citations` (the JSON array of the graph-export shape); edges carry `type`, `label`, their properties and `citations`.
/// Dates, times, durations, lists and maps are written as text (GraphML has no such types);
/// their types are named in the graph's `kgq.types` data (`{"node": {"period": "date"}, "edge":
/// {…}}`), which NetworkX keeps as a graph attribute, so the GraphML importer reads them back typed.
public struct GraphMLExporter: Sendable {
    public init() {}

    public func write(_ graph: Graph, _ subgraph: Subgraph) -> String {
        let sub = subgraph.closed(in: graph)
        let nodes = sub.nodes.map { graph.nodes[$0] }
        let edges = sub.edges.map { graph.edges[$0] }
        let reserved: Set<String> = ["labels", "label", "citations", "type", "names"]
        let languages = Set(nodes.flatMap { $0.names.map(\.language) }).sorted()
        let nameKeys = Set(languages.map { "name_\($0)" })
        let nodeColumns = PropertyColumn.columns(of: nodes.map(\.properties), lists: false)
            .filter { !reserved.contains($0.key) && !nameKeys.contains($0.key) }
        let edgeColumns = PropertyColumn.columns(of: edges.map(\.properties), lists: false).filter { !reserved.contains($0.key) }
        let nodeHints = Self.typeHints(nodeColumns, nodes.map(\.properties))
        let edgeHints = Self.typeHints(edgeColumns, edges.map(\.properties))

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        out += "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        out += "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"

        // Key ids: n0… for nodes, e0… for edges, in declaration order.
        var nodeKeys: [(id: String, name: String, type: String)] = [("n0", "labels", "string"), ("n1", "label", "string")]
        for language in languages { nodeKeys.append(("n\(nodeKeys.count)", "name_\(language)", "string")) }
        if !languages.isEmpty { nodeKeys.append(("n\(nodeKeys.count)", "names", "string")) }
        for c in nodeColumns { nodeKeys.append(("n\(nodeKeys.count)", c.key, Self.type(c.kind))) }
        nodeKeys.append(("n\(nodeKeys.count)", "citations", "string"))
        var edgeKeys: [(id: String, name: String, type: String)] = [("e0", "type", "string"), ("e1", "label", "string")]
        for c in edgeColumns { edgeKeys.append(("e\(edgeKeys.count)", c.key, Self.type(c.kind))) }
        edgeKeys.append(("e\(edgeKeys.count)", "citations", "string"))

        for k in nodeKeys {
            out += "  <key id=\"\(k.id)\" for=\"node\" attr.name=\"\(Self.xml(k.name))\" attr.type=\"\(k.type)\"/>\n"
        }
        for k in edgeKeys {
            out += "  <key id=\"\(k.id)\" for=\"edge\" attr.name=\"\(Self.xml(k.name))\" attr.type=\"\(k.type)\"/>\n"
        }
        let hinted = !nodeHints.isEmpty || !edgeHints.isEmpty
        if hinted {
            out += "  <key id=\"g0\" for=\"graph\" attr.name=\"kgq.types\" attr.type=\"string\"/>\n"
        }
        out += "  <graph id=\"kgq\" edgedefault=\"directed\">\n"
        if hinted {
            func object(_ hints: [String: String]) -> String {
                JSONText.object(hints.keys.sorted().map { ($0, JSONText.string(hints[$0] ?? "")) })
            }
            let types = JSONText.object([("node", object(nodeHints)), ("edge", object(edgeHints))])
            out += "    <data key=\"g0\">\(Self.xml(types))</data>\n"
        }

        let nodeKeyByName = Dictionary(uniqueKeysWithValues: nodeKeys.map { ($0.name, $0.id) })
        let edgeKeyByName = Dictionary(uniqueKeysWithValues: edgeKeys.map { ($0.name, $0.id) })
        for node in nodes {
            out += "    <node id=\"\(Self.xml(node.id))\">\n"
            var data: [(String, String)] = [("labels", node.labels.map { ":" + $0 }.joined()), ("label", node.displayName(in: nil))]
            // One value per key: the first name of each language; `names` keeps them all.
            let grouped = JSONGraphExporter.namesByLanguage(node)
            for (language, texts) in grouped.sorted(by: { $0.language < $1.language }) {
                if let first = texts.first { data.append(("name_\(language)", first)) }
            }
            if !grouped.isEmpty {
                data.append(("names", JSONText.object(grouped.map { language, texts in
                    (language, "[" + texts.map(JSONText.string).joined(separator: ", ") + "]")
                })))
            }
            for c in nodeColumns {
                if let v = node.properties[c.key], let text = Self.text(v, c, nodeHints) { data.append((c.key, text)) }
            }
            data.append(("citations", JSONText.citations(node.citations)))
            for (name, text) in data {
                out += "      <data key=\"\(nodeKeyByName[name] ?? "")\">\(Self.xml(text))</data>\n"
            }
            out += "    </node>\n"
        }
        for edge in edges {
            out += "    <edge id=\"\(Self.xml(edge.id))\" source=\"\(Self.xml(graph.nodes[edge.from].id))\" target=\"\(Self.xml(graph.nodes[edge.to].id))\">\n"
            var data: [(String, String)] = [("type", edge.type), ("label", edge.type)]
            for c in edgeColumns {
                if let v = edge.properties[c.key], let text = Self.text(v, c, edgeHints) { data.append((c.key, text)) }
            }
            data.append(("citations", JSONText.citations(edge.citations)))
            for (name, text) in data {
                out += "      <data key=\"\(edgeKeyByName[name] ?? "")\">\(Self.xml(text))</data>\n"
            }
            out += "    </edge>\n"
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// The types of the string-typed keys whose values are not all strings (see PropertyTypeHint):
    /// `date`, a temporal kind, `[date]` when every value is of that type, else `json` (lists,
    /// maps, mixed values: every value of the key is then written as JSON text, strings too, with
    /// dates, times and durations tagged as `JSONText.typedValue` writes them).
    static func typeHints(_ columns: [PropertyColumn], _ maps: [[String: Value]]) -> [String: String] {
        var hints: [String: String] = [:]
        for c in columns where type(c.kind) == "string" {
            var shared: String?? = .none   // .some(nil): values differ
            var allStrings = true
            for map in maps {
                guard let v = map[c.key], !v.isNull else { continue }
                if v.string == nil { allStrings = false }
                let h = PropertyTypeHint.hint(of: v)
                if let s = shared { if s != h { shared = .some(nil) } } else { shared = .some(h) }
            }
            if allStrings { continue }
            hints[c.key] = (shared ?? nil) ?? "json"
        }
        return hints
    }

    /// The text of one `<data>` value: as the column's kind writes it, or JSON text for a `json`
    /// or list-typed key.
    static func text(_ v: Value, _ c: PropertyColumn, _ hints: [String: String]) -> String? {
        if v.isNull { return nil }
        if let hint = hints[c.key], hint == "json" { return JSONText.typedValue(v) }
        if let hint = hints[c.key], hint.hasPrefix("[") { return JSONText.value(v) }
        return c.text(v).map { xsd($0, c.kind) }
    }

    /// A double as XML Schema spells it: the infinities are INF and -INF (NaN is NaN already).
    static func xsd(_ text: String, _ kind: PropertyColumn.Kind) -> String {
        guard case .double = kind else { return text }
        switch text {
        case "Infinity": return "INF"
        case "-Infinity": return "-INF"
        default: return text
        }
    }

    static func type(_ kind: PropertyColumn.Kind) -> String {
        switch kind {
        case .long: return "long"
        case .double: return "double"
        case .boolean: return "boolean"
        case .string, .date, .temporal, .list: return "string"
        }
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids become U+FFFD (see ``UnwritableText``).
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            case "\r": out += "&#13;"
            default:
                out.unicodeScalars.append(UnwritableText.isUnwritable(scalar) ? UnwritableText.replacement : scalar)
            }
        }
        return out
    }
}
