import KGCore

/// Writes a subgraph in the graph-export JSON shape of DESIGN.md:
///
///     {
///       "documents": [{"id", "file", "sha256", "language", "title", "kind", "publisher"}, …],
///       "nodes": [{"id", "labels", "names": {"nl": ["…", "…"], "sv": ["…"]}, "properties", "citations"}, …],
///       "edges": [{"id", "type", "from", "to", "properties", "citations"}, …]
///     }
///
/// `names` holds every localized name, a list per language (a node may have several names
/// in one language). `types` is there only when a property is a date, time or duration (or a list
/// of them), which JSON writes as text: `"types": {"period": "date"}` (see ``PropertyTypeHint``),
/// so the JSON importer reads them back as the same type. Every citation is `{"document", "line", "quote", "gloss", "via"}` (gloss and via null when
/// absent). `documents` lists every document node in the subgraph and every document its
/// citations point to, sorted by id; nodes and edges keep the subgraph's (load) order. One
/// element per line, so the file diffs well.
public struct JSONGraphExporter: Sendable {
    public init() {}

    /// A node's localized names grouped by language, languages in first-written order and the
    /// names of each in the order written (`nl: [klantenservicemedewerker, klantenvertegenwoordiger]`).
    public static func namesByLanguage(_ node: Node) -> [(language: String, names: [String])] {
        var order: [String] = []
        var byLanguage: [String: [String]] = [:]
        for n in node.names {
            if byLanguage[n.language] == nil { order.append(n.language) }
            byLanguage[n.language, default: []].append(n.text)
        }
        return order.map { ($0, byLanguage[$0] ?? []) }
    }

    /// `("types", {"period": "date"})` for the properties JSON would read back as strings (dates,
    /// times, durations, lists of them; see ``PropertyTypeHint``); nothing when there are none.
    static func types(_ properties: [String: Value]) -> [(String, String)] {
        let hinted = properties.keys.sorted().compactMap { key in
            properties[key].flatMap(PropertyTypeHint.hint).map { (key, JSONText.string($0)) }
        }
        return hinted.isEmpty ? [] : [("types", JSONText.object(hinted))]
    }

    public func write(_ graph: Graph, _ subgraph: Subgraph) -> String {
        let sub = subgraph.closed(in: graph)
        var documentIDs = Set<String>()
        for n in sub.nodes {
            let node = graph.nodes[n]
            if node.hasLabel(Document.label) { documentIDs.insert(node.id) }
            node.citations.forEach { documentIDs.insert($0.document) }
        }
        for e in sub.edges { graph.edges[e].citations.forEach { documentIDs.insert($0.document) } }
        let documents = documentIDs.sorted().compactMap { graph.document(id: $0) }

        let documentLines = documents.map { d in
            var members: [(String, String)] = [
                ("id", JSONText.string(d.id)), ("file", JSONText.string(d.file)),
                ("sha256", JSONText.string(d.sha256)), ("language", JSONText.string(d.language)),
                ("title", JSONText.string(d.title)), ("kind", JSONText.string(d.kind)),
            ]
            members.append(("publisher", d.publisher.map(JSONText.string) ?? "null"))
            return JSONText.object(members)
        }
        let nodeLines = sub.nodes.map { n in
            let node = graph.nodes[n]
            let names = JSONText.object(JSONGraphExporter.namesByLanguage(node).map { language, texts in
                (language, "[" + texts.map(JSONText.string).joined(separator: ", ") + "]")
            })
            return JSONText.object([
                ("id", JSONText.string(node.id)),
                ("labels", "[" + node.labels.map(JSONText.string).joined(separator: ", ") + "]"),
                ("names", names),
                ("properties", JSONText.value(.map(node.properties))),
            ] + Self.types(node.properties) + [
                ("citations", JSONText.citations(node.citations)),
            ])
        }
        let edgeLines = sub.edges.map { e in
            let edge = graph.edges[e]
            return JSONText.object([
                ("id", JSONText.string(edge.id)), ("type", JSONText.string(edge.type)),
                ("from", JSONText.string(graph.nodes[edge.from].id)),
                ("to", JSONText.string(graph.nodes[edge.to].id)),
                ("properties", JSONText.value(.map(edge.properties))),
            ] + Self.types(edge.properties) + [
                ("citations", JSONText.citations(edge.citations)),
            ])
        }
        func array(_ key: String, _ lines: [String]) -> String {
            if lines.isEmpty { return "  \(JSONText.string(key)): []" }
            return "  \(JSONText.string(key)): [\n" + lines.map { "    " + $0 }.joined(separator: ",\n") + "\n  ]"
        }
        return "{\n" + [array("documents", documentLines), array("nodes", nodeLines), array("edges", edgeLines)]
            .joined(separator: ",\n") + "\n}\n"
    }
}
