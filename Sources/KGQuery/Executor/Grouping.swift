/// The groups of an aggregating projection, filled one row at a time, so a MATCH can feed
/// its matches straight in instead of first materialising every row (issue 9: Q3, Q4, Q6).
struct Grouping {
    let projection: BoundProjection
    /// Groups in order of first appearance: the first row (ORDER BY and non-key items read it),
    /// the grouping key values, and one accumulator per aggregate.
    private(set) var groups: [(first: Row, keys: [QueryValue], acc: [Accumulator])] = []
    private var index: [[QueryValue]: Int] = [:]
    /// When every grouping key reads only one variable (`s.name`, `s`), rows binding that
    /// variable to the same node or relationship fall in the same group (nothing writes while
    /// grouping), so the group is found by the handle, without evaluating and hashing the keys.
    private let keyVariable: String?
    private var byNode: [Int: Int] = [:]
    private var byEdge: [Int: Int] = [:]

    init(_ p: BoundProjection) {
        projection = p
        var v: String? = nil
        var ok = !p.groupingIndexes.isEmpty
        for i in p.groupingIndexes where ok {
            let name: String
            switch p.items[i].kind {
            case .variable(let x): name = x
            case .property(let base, _):
                guard case .variable(let x) = base.kind else { ok = false; continue }
                name = x
            default: ok = false; continue
            }
            if v == nil { v = name } else if v != name { ok = false }
        }
        keyVariable = ok ? v : nil
    }

    mutating func add(_ row: Row, _ ctx: ExecutionContext) throws(QueryError) {
        let g: Int
        if projection.groupingIndexes.isEmpty {
            // One group: no key to build or hash per row.
            if groups.isEmpty { groups.append((row, [], projection.aggregates.map { Accumulator(call: $0) })) }
            g = 0
        } else {
            var handle: (node: Bool, h: Int)? = nil
            if let v = keyVariable {
                switch row[v] {
                case .node(let h)?: handle = (true, h)
                case .edge(let h)?: handle = (false, h)
                default: break
                }
                if let (node, h) = handle, let found = node ? byNode[h] : byEdge[h] {
                    for j in projection.aggregates.indices { try groups[found].acc[j].add(row, ctx) }
                    return
                }
            }
            var keys: [QueryValue] = []
            keys.reserveCapacity(projection.groupingIndexes.count)
            for i in projection.groupingIndexes { keys.append(try ctx.eval(projection.items[i], row)) }
            let gk = keys.map(ValueSemantics.groupKey)
            if let found = index[gk] {
                g = found
            } else {
                g = groups.count
                index[gk] = g
                groups.append((row, keys, projection.aggregates.map { Accumulator(call: $0) }))
            }
            if let (node, h) = handle {
                if node { byNode[h] = g } else { byEdge[h] = g }
            }
        }
        for j in projection.aggregates.indices { try groups[g].acc[j].add(row, ctx) }
    }

    /// With no input rows and no grouping keys, aggregates still produce one row (count(*) = 0).
    mutating func finish() {
        if groups.isEmpty && projection.groupingIndexes.isEmpty {
            groups.append(([:], [], projection.aggregates.map { Accumulator(call: $0) }))
        }
    }
}
