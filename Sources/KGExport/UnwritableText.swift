import KGCore

/// Characters no picture or XML file may hold: C0 controls other than tab, newline and
/// carriage return (XML 1.0 forbids them, Graphviz cannot show them), and the non-characters
/// U+FFFE and U+FFFF (XML forbids them; `dot` refuses a file with them). Every exporter that
/// writes DOT, SVG or GraphML replaces each with U+FFFD "�", and `kgq export` warns once, so
/// the output stays valid and nothing is dropped silently.
public enum UnwritableText {
    /// What replaces an unwritable character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True for a character the DOT, SVG and GraphML outputs cannot hold.
    @inlinable public static func isUnwritable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0xFFFE || v == 0xFFFF
    }

    /// How many unwritable characters the strings of `subgraph` hold (ids, labels, names,
    /// properties, relationship types, citations).
    public static func count(in graph: Graph, _ subgraph: Subgraph) -> Int {
        var total = 0
        func scan(_ s: String) { for scalar in s.unicodeScalars where isUnwritable(scalar) { total += 1 } }
        func scan(_ value: Value) {
            switch value {
            case .string(let s): scan(s)
            case .list(let items): items.forEach(scan)
            case .map(let entries): for (k, v) in entries { scan(k); scan(v) }
            default: break
            }
        }
        func scan(_ citations: [Citation]) {
            for c in citations { scan(c.document); scan(c.quote); c.gloss.map(scan); c.via.map(scan) }
        }
        for n in subgraph.nodes {
            let node = graph.nodes[n]
            scan(node.id)
            node.labels.forEach(scan)
            for (k, v) in node.properties { scan(k); scan(v) }
            for name in node.names { scan(name.text) }
            scan(node.citations)
        }
        for e in subgraph.edges {
            let edge = graph.edges[e]
            scan(edge.id)
            scan(edge.type)
            for (k, v) in edge.properties { scan(k); scan(v) }
            scan(edge.citations)
        }
        return total
    }
}
