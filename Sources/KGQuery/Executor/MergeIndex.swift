import KGCore

/// Finds the nodes `MERGE (n:Label {k: v, …})` matches through a hash of (labels, keys, values)
/// kept for the clause, instead of a label scan per row: `UNWIND range(1, 200000) AS i MERGE
/// (:T {k: i})` was quadratic (minutes). A class: the clause's loop extends the one hash in place
/// (a struct copied per row would copy the hash each time). The hash is built from the graph on first use and
/// extended with each node the clause creates; any other write of the statement (an ON CREATE
/// SET, a DELETE) changes `ExecutionContext.graphVersion` and the hash is built again.
///
/// Only patterns it can answer exactly take this path: one node, no relationship or path
/// variable, at least one label, a literal property map whose values are booleans, strings,
/// integers or floats of magnitude below 2^53 (where Cypher's `1 = 1.0` is exact) — the rest
/// (null, NaN, lists, dates, …) go through the pattern matcher as before.
final class MergeIndex {
    /// A property value as the hash keys it: numbers that compare equal key equal.
    enum Key: Hashable {
        case bool(Bool)
        case number(Int)
        case float(Double)
        case string(String)

        static let exactLimit = 9_007_199_254_740_992.0   // 2^53

        init?(_ v: QueryValue) {
            switch v {
            case .bool(let b): self = .bool(b)
            case .string(let s): self = .string(s)
            case .int(let i): self.init(number: i)
            case .float(let f): self.init(float: f)
            default: return nil
            }
        }

        init?(_ v: Value) {
            switch v {
            case .bool(let b): self = .bool(b)
            case .string(let s): self = .string(s)
            case .int(let i): self.init(number: i)
            case .float(let f): self.init(float: f)
            default: return nil
            }
        }

        private init?(number i: Int) {
            guard Double(i.magnitude) < Self.exactLimit else { return nil }
            self = .number(i)
        }

        private init?(float f: Double) {
            guard f.isFinite, abs(f) < Self.exactLimit else { return nil }
            self = f == f.rounded() ? .number(Int(f)) : .float(f)
        }
    }

    /// The node pattern this index answers: its variable, labels and literal property map.
    struct Shape {
        let variable: String?
        let labels: [String]
        let properties: [(String, Expr)]

        init?(_ part: PatternPart) {
            guard part.rels.isEmpty, part.pathVariable == nil, part.shortest == .none, part.nodes.count == 1,
                  let node = part.nodes.first, !node.labels.isEmpty,
                  let props = node.properties, case .map(let entries) = props.kind, !entries.isEmpty else { return nil }
            variable = node.variable
            labels = Array(Set(node.labels)).sorted()
            properties = entries
        }
    }

    let shape: Shape
    private var version = -1
    private var nodes: [[Key]: [Int]] = [:]

    init(_ shape: Shape) { self.shape = shape }

    /// The keys of the pattern's values in `row`, or nil when this row must use the matcher
    /// (its variable is bound already, or a value is not one the hash keys exactly).
    func keys(_ row: Row, _ ctx: ExecutionContext) throws(QueryError) -> [Key]? {
        if let v = shape.variable, row[v] != nil { return nil }
        var keys: [Key] = []
        keys.reserveCapacity(shape.properties.count)
        for (_, e) in shape.properties {
            guard let k = Key(try ctx.eval(e, row)) else { return nil }
            keys.append(k)
        }
        return keys
    }

    /// The nodes with the pattern's labels and these property values, in handle order.
    func matches(_ keys: [Key], _ ctx: ExecutionContext) throws(QueryError) -> [Int] {
        if version != ctx.graphVersion { try rebuild(ctx) }
        return nodes[keys] ?? []
    }

    /// Records a node the clause just created from the pattern (so it has exactly these values).
    func created(_ handle: Int, _ keys: [Key], _ ctx: ExecutionContext) {
        nodes[keys, default: []].append(handle)
        version = ctx.graphVersion
    }

    private func rebuild(_ ctx: ExecutionContext) throws(QueryError) {
        nodes = [:]
        let g = ctx.graph
        let codes = shape.labels.map(g.labelCode)
        candidates: for h in g.nodes(labelled: shape.labels[0]) where g.isAlive(node: h) {
            try ctx.tick()
            for c in codes.dropFirst() where !g.hasLabel(node: h, code: c) { continue candidates }
            var keys: [Key] = []
            for (name, _) in shape.properties {
                guard let v = g.property(node: h, name), let k = Key(v) else { continue candidates }
                keys.append(k)
            }
            nodes[keys, default: []].append(h)
        }
        version = ctx.graphVersion
    }
}
