import KGCore

/// What completion and `:schema` know about a graph: labels, relationship types and the
/// property keys used on each, with counts.
public struct Schema: Sendable, Hashable {
    public var labels: [(name: String, count: Int)]
    public var types: [(name: String, count: Int)]
    /// Property key → number of nodes with that label carrying it, per label.
    public var nodeProperties: [String: [String: Int]]
    /// Property key → number of relationships of that type carrying it, per type.
    public var edgeProperties: [String: [String: Int]]

    public init(_ g: Graph) {
        labels = g.labelCounts.map { ($0.label, $0.count) }
        types = g.typeCounts.map { ($0.type, $0.count) }
        var np: [String: [String: Int]] = [:]
        for h in g.nodeHandles {
            let n = g.nodes[h]
            for l in n.labels { for k in n.properties.keys { np[l, default: [:]][k, default: 0] += 1 } }
        }
        var ep: [String: [String: Int]] = [:]
        for h in g.edgeHandles {
            let e = g.edges[h]
            for k in e.properties.keys { ep[e.type, default: [:]][k, default: 0] += 1 }
        }
        nodeProperties = np
        edgeProperties = ep
    }

    /// Every property key of nodes with any of `labels` (all labels when empty) and, for an
    /// unknown variable, of relationships too; sorted.
    public func propertyKeys(labels: [String]) -> [String] {
        var keys = Set<String>()
        if labels.isEmpty {
            for m in nodeProperties.values { keys.formUnion(m.keys) }
            for m in edgeProperties.values { keys.formUnion(m.keys) }
        } else {
            for l in labels { keys.formUnion(nodeProperties[l]?.keys ?? [:].keys) }
            for l in labels { keys.formUnion(edgeProperties[l]?.keys ?? [:].keys) }
        }
        return keys.sorted()
    }

    public static func == (a: Schema, b: Schema) -> Bool {
        a.labels.map(\.name) == b.labels.map(\.name) && a.labels.map(\.count) == b.labels.map(\.count)
            && a.types.map(\.name) == b.types.map(\.name) && a.nodeProperties == b.nodeProperties
            && a.edgeProperties == b.edgeProperties
    }

    public func hash(into h: inout Hasher) {
        h.combine(labels.map(\.name)); h.combine(types.map(\.name))
    }

    /// The text of `:schema`.
    public var description: String {
        var out = "Labels:\n"
        for l in labels {
            out += "  :\(l.name) (\(l.count))\n"
            let props = nodeProperties[l.name] ?? [:]
            if !props.isEmpty {
                out += "      " + props.keys.sorted().map { "\($0) (\(props[$0] ?? 0))" }.joined(separator: ", ") + "\n"
            }
        }
        out += "Relationship types:\n"
        for t in types {
            out += "  [:\(t.name)] (\(t.count))\n"
            let props = edgeProperties[t.name] ?? [:]
            if !props.isEmpty {
                out += "      " + props.keys.sorted().map { "\($0) (\(props[$0] ?? 0))" }.joined(separator: ", ") + "\n"
            }
        }
        return out
    }
}
