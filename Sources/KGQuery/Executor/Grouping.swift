/// The groups of an aggregating projection, filled one row at a time, so a MATCH can feed
/// its matches straight in instead of first materialising every row (issue 9: Q3, Q4, Q6).
struct Grouping {
    let projection: BoundProjection
    /// Per group, in order of first appearance: the first row (ORDER BY and non-key items
    /// read it) and the grouping key values (all groups' in one array, as the accumulators).
    private(set) var firsts: [Row] = []
    private var keys: [QueryValue] = []
    /// The accumulators of all groups in one array: group `g`'s aggregate `j` is at
    /// `g * projection.aggregates.count + j` (no array of its own per group).
    private(set) var accumulators: [Accumulator] = []
    var count: Int { firsts.count }
    private var index: [[QueryValue]: Int] = [:]
    /// When every grouping key reads only one variable (`s.name`, `s`), rows binding that
    /// variable to the same node or relationship fall in the same group (nothing writes while
    /// grouping), so the group is found by the handle, without evaluating and hashing the keys.
    private let keyVariable: String?
    /// Whether no aggregate has arguments (count(*)): accumulating a row is counting it.
    private let onlyCounts: Bool
    /// The group of each handle seen (-1: none yet), indexed by the handle; grown on demand.
    private var byNode: [Int32] = []
    private var byEdge: [Int32] = []

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
        onlyCounts = p.aggregates.allSatisfy { $0.kind == .countStar }
    }

    /// Group `g`'s value of grouping key `k`.
    func key(_ g: Int, _ k: Int) -> QueryValue { keys[g * projection.groupingIndexes.count + k] }

    /// Group `g`'s value of aggregate `j`.
    func result(_ g: Int, _ j: Int, _ ctx: ExecutionContext) throws(QueryError) -> QueryValue {
        try accumulators[g * projection.aggregates.count + j].result(projection.aggregates[j], ctx)
    }

    private mutating func newGroup(_ row: Row, _ keys: [QueryValue]) {
        firsts.append(row)
        self.keys += keys
        accumulators.append(contentsOf: repeatElement(Accumulator(), count: projection.aggregates.count))
    }

    private mutating func accumulate(_ g: Int, _ row: Row, _ ctx: ExecutionContext, weight: Int) throws(QueryError) {
        let n = projection.aggregates.count
        if onlyCounts {
            for j in 0..<n { accumulators[g * n + j].addRows(weight) }
        } else {
            for j in 0..<n { try accumulators[g * n + j].add(projection.aggregates[j], row, ctx, weight: weight) }
        }
    }

    /// The group remembered for node (relationship) handle `h` (nil: none yet). Two functions,
    /// not one taking the table: passing the array would retain and release it per row.
    private func group(ofNode h: Int) -> Int? {
        h >= 0 && h < byNode.count && byNode[h] >= 0 ? Int(byNode[h]) : nil
    }

    private func group(ofEdge h: Int) -> Int? {
        h >= 0 && h < byEdge.count && byEdge[h] >= 0 ? Int(byEdge[h]) : nil
    }

    private static func remember(_ table: inout [Int32], _ h: Int, _ g: Int) {
        guard h >= 0, g <= Int(Int32.max) else { return }
        if h >= table.count { table += repeatElement(-1, count: max(h + 1, 2 * table.count) - table.count) }
        table[h] = Int32(g)
    }

    /// Adds a row — `weight` rows at once that differ only in variables the projection does
    /// not read (a factorised count from the matcher).
    mutating func add(_ row: Row, _ ctx: ExecutionContext, weight: Int = 1) throws(QueryError) {
        if weight == 0 { return }
        let g: Int
        if projection.groupingIndexes.isEmpty {
            // One group: no key to build or hash per row.
            if firsts.isEmpty { newGroup(row, []) }
            g = 0
        } else {
            var handle: (node: Bool, h: Int)? = nil
            if let v = keyVariable {
                switch row[v] {
                case .node(let h)?: handle = (true, h)
                case .edge(let h)?: handle = (false, h)
                default: break
                }
                if let (node, h) = handle, let found = node ? group(ofNode: h) : group(ofEdge: h) {
                    try accumulate(found, row, ctx, weight: weight)
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
                g = firsts.count
                index[gk] = g
                newGroup(row, keys)
            }
            if let (node, h) = handle {
                if node { Grouping.remember(&byNode, h, g) } else { Grouping.remember(&byEdge, h, g) }
            }
        }
        try accumulate(g, row, ctx, weight: weight)
    }

    /// With no input rows and no grouping keys, aggregates still produce one row (count(*) = 0).
    mutating func finish() {
        if firsts.isEmpty && projection.groupingIndexes.isEmpty { newGroup([:], []) }
    }
}
