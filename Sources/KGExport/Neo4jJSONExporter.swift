import KGCore

/// Writes a subgraph as Neo4j's `apoc.export.json` does (JSON Lines), with the property
/// conventions of the Cypher export — what `kgq export --format cypher` run in Neo4j and exported
/// with `CALL apoc.export.json.all("all.json", {})` gives:
///
///     {"type": "node", "id": "0", "labels": ["Role"], "properties": {"id": "role:csr", "name": "…", "name_nl": "…", "cite_document": […], …}}
///     {"type": "relationship", "id": "0", "label": "REQUIRES", "properties": {"id": "…"}, "start": {"id": "0", "labels": ["Role"]}, "end": {"id": "5", "labels": ["Skill"]}}
///
/// Element ids go in the property `id` (or `_id` when an element has a property `id`); names per
/// language in `name_LANG` (a list when there are several); citations in the parallel lists
/// `cite_document`, `cite_line`, `cite_quote`, `cite_gloss`, `cite_via`. As in Neo4j, dates, times
/// and durations are ISO text, and maps and lists of mixed types are JSON text.
public struct Neo4jJSONExporter: Sendable {
    public init() {}

    public func write(_ graph: Graph, _ subgraph: Subgraph) -> String {
        let sub = subgraph.closed(in: graph)
        let idKey = CypherExporter.idKey(graph, sub)
        var neo4jID: [Int: String] = [:]
        var out = ""
        for (k, n) in sub.nodes.enumerated() {
            let node = graph.nodes[n]
            neo4jID[n] = String(k)
            var properties: [(String, String)] = [(idKey, JSONText.string(node.id))]
            for (language, texts) in JSONGraphExporter.namesByLanguage(node).sorted(by: { $0.language < $1.language }) {
                let value = texts.count == 1 ? JSONText.string(texts[0]) : "[" + texts.map(JSONText.string).joined(separator: ", ") + "]"
                properties.append(("name_\(language)", value))
            }
            properties += Self.properties(node.properties, skipping: Set(properties.map(\.0)))
            properties += Self.citationProperties(node.citations)
            out += JSONText.object([
                ("type", "\"node\""), ("id", JSONText.string(String(k))),
                ("labels", "[" + node.labels.map(JSONText.string).joined(separator: ", ") + "]"),
                ("properties", JSONText.object(properties)),
            ]) + "\n"
        }
        for (k, e) in sub.edges.enumerated() {
            let edge = graph.edges[e]
            var properties: [(String, String)] = [(idKey, JSONText.string(edge.id))]
            properties += Self.properties(edge.properties, skipping: [idKey])
            properties += Self.citationProperties(edge.citations)
            func end(_ n: Int) -> String {
                JSONText.object([("id", JSONText.string(neo4jID[n] ?? "")),
                                 ("labels", "[" + graph.nodes[n].labels.map(JSONText.string).joined(separator: ", ") + "]")])
            }
            out += JSONText.object([
                ("type", "\"relationship\""), ("id", JSONText.string(String(k))), ("label", JSONText.string(edge.type)),
                ("properties", JSONText.object(properties)), ("start", end(edge.from)), ("end", end(edge.to)),
            ]) + "\n"
        }
        return out
    }

    static func properties(_ p: [String: Value], skipping: Set<String>) -> [(String, String)] {
        p.keys.sorted().filter { !skipping.contains($0) && !$0.hasPrefix("cite_") }.compactMap { key in
            (p[key].flatMap(value)).map { (key, $0) }
        }
    }

    /// A property as Neo4j holds it and apoc writes it; nil for null (Neo4j stores none).
    static func value(_ v: Value) -> String? {
        switch v {
        case .null: return nil
        case .map: return JSONText.string(JSONText.value(v))
        case .list(let items):
            let present = items.filter { !$0.isNull }
            guard case .list? = PropertyColumn.kind(of: .list(present)) else { return JSONText.string(JSONText.value(v)) }
            return "[" + present.compactMap(value).joined(separator: ", ") + "]"
        default: return JSONText.value(v)
        }
    }

    static func citationProperties(_ citations: [Citation]) -> [(String, String)] {
        guard !citations.isEmpty else { return [] }
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        return [
            ("cite_document", list(citations.map { JSONText.string($0.document) })),
            ("cite_line", list(citations.map { String($0.line) })),
            ("cite_quote", list(citations.map { JSONText.string($0.quote) })),
            ("cite_gloss", list(citations.map { JSONText.string($0.gloss ?? "") })),
            ("cite_via", list(citations.map { JSONText.string($0.via ?? "") })),
        ]
    }
}
