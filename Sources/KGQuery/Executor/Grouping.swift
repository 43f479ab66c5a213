/// The groups of an aggregating projection, filled one row at a time, so a MATCH can feed
/// its matches straight in instead of first materialising every row.
///
/// Everything a group owns lives in flat arrays indexed by group number — its key values,
/// their canonical forms, its accumulators — and groups are found through an open-addressing
/// table of group numbers, so a new group costs no allocation of its own and growing the
/// table moves integers, not keys.
struct Grouping {
    let projection: BoundProjection
    /// Whether the first row of each group is kept: needed only when an item, an ORDER BY key
    /// or the WITH … WHERE filter reads more than the keys and the aggregates (`firstRow`).
    let keepsFirsts: Bool
    private var firsts: [Row] = []
    /// Group `g`'s key `k` at `g * keyCount + k`: as evaluated, and canonical (`groupKey`).
    private var keys: [QueryValue] = []
    private var canonical: [QueryValue] = []
    private var hashes: [Int] = []
    /// Open addressing: group number + 1 per slot (0: empty); the count is a power of two.
    private var slots: [Int32] = []
    /// The accumulators of all groups in one array: group `g`'s aggregate `j` is at
    /// `g * projection.aggregates.count + j`.
    private var accumulators: [Accumulator] = []
    private(set) var count = 0
    private let keyCount: Int
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
        keyCount = p.groupingIndexes.count
        keepsFirsts = Grouping.needsFirstRows(p)
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

    /// Whether projecting the groups of `p` reads a group's input row: an item that is neither
    /// a key nor an aggregate, an ORDER BY key that is not a column, or a filter on more than
    /// the columns.
    static func needsFirstRows(_ p: BoundProjection) -> Bool {
        let columns = Set(p.columns)
        let slots = Set(p.aggregates.map(\.slot))
        let keys = Set(p.groupingIndexes)
        for (i, e) in p.items.enumerated() where !keys.contains(i) {
            if case .variable(let v) = e.kind, slots.contains(v) { continue }
            return true
        }
        for (e, _) in p.order {
            if case .variable(let v) = e.kind, columns.contains(v) { continue }
            return true
        }
        if let f = p.filter, !f.freeVariables.isSubset(of: columns) { return true }
        return false
    }

    /// Group `g`'s value of grouping key `k`.
    func key(_ g: Int, _ k: Int) -> QueryValue { keys[g * keyCount + k] }

    /// The first row of group `g` (only when `keepsFirsts`).
    func firstRow(_ g: Int) -> Row { firsts[g] }

    /// Group `g`'s value of aggregate `j`.
    func result(_ g: Int, _ j: Int, _ ctx: ExecutionContext) throws(QueryError) -> QueryValue {
        try accumulators[g * projection.aggregates.count + j].result(projection.aggregates[j], ctx)
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

    /// Whether group `g`'s canonical key equals the `keyCount` values at the end of `canonical`.
    private func keyEquals(_ g: Int, candidate start: Int) -> Bool {
        for k in 0..<keyCount where canonical[g * keyCount + k] != canonical[start + k] { return false }
        return true
    }

    /// Doubles the slot table (or creates it) and re-inserts every group by its stored hash.
    private mutating func grow() {
        let size = max(16, slots.count * 2)
        slots = [Int32](repeating: 0, count: size)
        let mask = size - 1
        for g in 0..<count {
            var s = hashes[g] & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(g + 1)
        }
    }

    /// Adds a row — `weight` rows at once that differ only in variables the projection does
    /// not read (a factorised count from the matcher).
    mutating func add(_ row: Row, _ ctx: ExecutionContext, weight: Int = 1) throws(QueryError) {
        if weight == 0 { return }
        if keyCount == 0 {
            // One group: no key to build or hash per row.
            if count == 0 { newGroup(row, hash: 0) }
            try accumulate(0, row, ctx, weight: weight)
            return
        }
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
        // The candidate key goes at the end of the flat arrays; it stays there if the group is new.
        let start = count * keyCount
        var hasher = Hasher()
        for i in projection.groupingIndexes {
            let value = try ctx.eval(projection.items[i], row)
            let c = ValueSemantics.groupKey(value)
            hasher.combine(c)
            keys.append(value)
            canonical.append(c)
        }
        let hash = hasher.finalize()
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var s = hash & mask
        var g = -1
        while slots[s] != 0 {
            let other = Int(slots[s]) - 1
            if hashes[other] == hash && keyEquals(other, candidate: start) { g = other; break }
            s = (s + 1) & mask
        }
        if g < 0 {
            g = count
            slots[s] = Int32(g + 1)
            newGroup(row, hash: hash)
        } else {
            keys.removeLast(keyCount)
            canonical.removeLast(keyCount)
        }
        if let (node, h) = handle {
            if node { Grouping.remember(&byNode, h, g) } else { Grouping.remember(&byEdge, h, g) }
        }
        try accumulate(g, row, ctx, weight: weight)
    }

    /// Records group `count` (its keys are already at the end of `keys` and `canonical`).
    private mutating func newGroup(_ row: Row, hash: Int) {
        if keepsFirsts { firsts.append(row) }
        hashes.append(hash)
        accumulators.append(contentsOf: repeatElement(Accumulator(), count: projection.aggregates.count))
        count += 1
    }

    /// With no input rows and no grouping keys, aggregates still produce one row (count(*) = 0).
    mutating func finish() {
        if count == 0 && keyCount == 0 { newGroup([:], hash: 0) }
    }
}
