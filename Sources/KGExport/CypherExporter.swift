import Foundation
import KGCore

/// Writes a Cypher script of `CREATE` statements that recreates a subgraph in another engine
/// (Neo4j's cypher-shell, Memgraph, Kùzu with a schema, or kgq itself).
///
/// One statement per line, each ending in `;`: first the nodes
/// (`CREATE (:Role {id: "role:csr", name: "…", name_nl: "…", …});`), then the relationships
/// (`MATCH (a:Role {id: "…"}), (b:Skill {id: "…"}) CREATE (a)-[:REQUIRES {id: "…"}]->(b);`),
/// so the script runs statement by statement and does not depend on variables across them.
///
/// Provenance stays as properties, as parallel lists with one entry per citation:
/// `cite_document`, `cite_line`, `cite_quote`, `cite_gloss`, `cite_via` (`""` where a citation has
/// no gloss or via — Neo4j lists cannot hold null). Properties Neo4j cannot store (maps, mixed
/// lists) are written as JSON text; NaN and infinities as `(0.0 / 0.0)` and `(1.0 / 0.0)`. A
/// property named `id` is kept: element ids then go under `_id` (said in the script's header).
public struct CypherExporter: Sendable {
    public init() {}

    public func write(_ graph: Graph, _ subgraph: Subgraph) -> String {
        let sub = subgraph.closed(in: graph)
        // Element ids go under `id`, unless an exported element has a property of that name:
        // then under the first of `_id`, `__id`, … that none has, so both survive.
        let idKey = Self.idKey(graph, sub)
        var out = "// kgq export: \(sub.nodes.count) nodes, \(sub.edges.count) relationships.\n"
        out += "// Citations are kept as the list properties cite_document, cite_line, cite_quote, cite_gloss, cite_via.\n"
        if idKey != "id" {
            out += "// Element ids are in the property \(idKey) (some elements have a property named id).\n"
        }
        for n in sub.nodes {
            let node = graph.nodes[n]
            var properties: [(String, String)] = [(idKey, Self.string(node.id))]
            // One key per language (a map cannot repeat one): a string, or a list of several names.
            for (language, texts) in JSONGraphExporter.namesByLanguage(node).sorted(by: { $0.language < $1.language }) {
                let value = texts.count == 1 ? Self.string(texts[0]) : "[" + texts.map(Self.string).joined(separator: ", ") + "]"
                properties.append(("name_\(language)", value))
            }
            properties += Self.properties(node.properties, skipping: Set(properties.map(\.0)))
            properties += Self.citationProperties(node.citations)
            out += "CREATE (\(Self.labels(node.labels)) \(Self.map(properties)));\n"
        }
        for e in sub.edges {
            let edge = graph.edges[e]
            let from = graph.nodes[edge.from], to = graph.nodes[edge.to]
            var properties: [(String, String)] = [(idKey, Self.string(edge.id))]
            properties += Self.properties(edge.properties, skipping: [idKey])
            properties += Self.citationProperties(edge.citations)
            out += "MATCH (a\(Self.labels(from.labels)) {\(Self.name(idKey)): \(Self.string(from.id))}), "
                + "(b\(Self.labels(to.labels)) {\(Self.name(idKey)): \(Self.string(to.id))}) "
                + "CREATE (a)-[:\(Self.name(edge.type)) \(Self.map(properties))]->(b);\n"
        }
        return out
    }

    /// The property key that holds element ids: `id`, or the first of `_id`, `__id`, … that no
    /// exported node or relationship uses for a property of its own.
    static func idKey(_ graph: Graph, _ sub: Subgraph) -> String {
        var taken = Set<String>()
        for n in sub.nodes { for key in graph.nodes[n].properties.keys where key.hasSuffix("id") { taken.insert(key) } }
        for e in sub.edges { for key in graph.edges[e].properties.keys where key.hasSuffix("id") { taken.insert(key) } }
        var key = "id"
        while taken.contains(key) { key = "_" + key }
        return key
    }

    static func properties(_ p: [String: Value], skipping: Set<String>) -> [(String, String)] {
        p.keys.sorted().filter { !skipping.contains($0) && !$0.hasPrefix("cite_") }.compactMap { key in
            (p[key].flatMap(literal)).map { (key, $0) }
        }
    }

    static func citationProperties(_ citations: [Citation]) -> [(String, String)] {
        guard !citations.isEmpty else { return [] }
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        return [
            ("cite_document", list(citations.map { string($0.document) })),
            ("cite_line", list(citations.map { String($0.line) })),
            ("cite_quote", list(citations.map { string($0.quote) })),
            ("cite_gloss", list(citations.map { string($0.gloss ?? "") })),
            ("cite_via", list(citations.map { string($0.via ?? "") })),
        ]
    }

    /// A Cypher literal for a property value Neo4j can store; nil to leave it out.
    static func literal(_ v: Value) -> String? {
        switch v {
        case .null: return nil
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        // Cypher has no literal for infinity or NaN; these expressions give them (kgq, Neo4j).
        case .float(let d) where d.isNaN: return "(0.0 / 0.0)"
        case .float(let d) where d.isInfinite: return d < 0 ? "(-1.0 / 0.0)" : "(1.0 / 0.0)"
        case .float(let d): return Value.formatFloat(d)
        case .string(let s): return string(s)
        case .date(let d): return "date(\(string(d.description)))"
        case .temporal(let t): return "\(t.kind.rawValue)(\(string(t.description)))"
        case .map: return string(JSONText.value(v))
        case .list(let items):
            let present = items.filter { !$0.isNull }
            // Neo4j lists hold one type; anything else is kept as JSON text.
            guard case .list? = PropertyColumn.kind(of: .list(present)) else { return string(JSONText.value(v)) }
            return "[" + present.compactMap(literal).joined(separator: ", ") + "]"
        }
    }

    /// A Cypher string literal in double quotes.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A label, type or key: bare when it is a plain identifier, else in backticks.
    static func name(_ s: String) -> String {
        let startsWell = s.unicodeScalars.first.map { !("0"..."9").contains($0) } ?? false
        let plain = startsWell && s.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic && $0.isASCII) || $0 == "_" || ("0"..."9").contains($0)
        }
        return plain ? s : "`" + s.replacingOccurrences(of: "`", with: "``") + "`"
    }

    static func labels(_ labels: [String]) -> String {
        labels.map { ":" + name($0) }.joined()
    }

    static func map(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(name($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
