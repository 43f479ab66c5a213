import KGCore

/// A projection's rows as they arrive — from the clause before it, or straight from a MATCH's
/// matcher without a row being stored per match — kept as column values in one flat table.
///
/// The environment ORDER BY and WITH … WHERE see (input variables plus columns) is kept only
/// when a key or the filter reads more than the columns. When the rows are sorted and cut by
/// LIMIT (no DISTINCT, no filter), only the ORDER BY columns are computed as rows arrive; the
/// other items are computed for the rows kept, from the values of just the variables they read
/// (late materialisation, as a Top-K operator before the projection would do).
struct ProjectionInput {
    let p: BoundProjection
    /// Per ORDER BY key: the column it is, when it is one (then its values are the column's).
    let orderColumns: [Int?]
    let filterOnColumns: Bool
    let needsEnv: Bool
    var values: ValueTable
    var envs: [Row] = []
    /// Items computed only for the rows kept, and whether each item is one.
    private var deferred: [Int] = []
    private var isDeferred: [Bool]
    /// The variables the deferred items read, and their bindings in each row (nil: unbound),
    /// row `i`'s at `i * deferredVariables.count`.
    private var deferredVariables: [String] = []
    private var saved: [QueryValue?] = []
    /// ORDER BY keys (by key index) whose column reads one property of one variable (`s.name`),
    /// deferred too: their sort keys are read from the property column's bytes for every row,
    /// and the value (a `String`) is made only for the rows kept. The variable's position in
    /// `deferredVariables` and the key.
    private var keyReads: [Int: (variable: Int, key: PropertyKey)] = [:]

    var count: Int { values.count }

    init(_ p: BoundProjection) {
        self.p = p
        let columnIndex = Dictionary(p.columns.enumerated().map { ($1, $0) }) { a, _ in a }
        orderColumns = p.order.map { (e, _) in
            if case .variable(let v) = e.kind { return columnIndex[v] }
            return nil
        }
        filterOnColumns = p.filter.map { $0.freeVariables.isSubset(of: columnIndex.keys) } ?? true
        needsEnv = orderColumns.contains(nil) || !filterOnColumns
        values = ValueTable(width: p.columns.count)
        isDeferred = Array(repeating: false, count: p.items.count)
        if !p.isAggregating && !p.order.isEmpty && !p.distinct && p.filter == nil && !needsEnv && p.limit != nil {
            var reads: [Int: (String, PropertyKey)] = [:]
            for (n, c) in orderColumns.enumerated() {
                if let c, case .property(let base, let key) = p.items[c].kind, case .variable(let v) = base.kind { reads[n] = (v, key) }
            }
            let computedKeys = Set(orderColumns.indices.compactMap { reads[$0] == nil ? orderColumns[$0] : nil })
            deferred = p.items.indices.filter { !computedKeys.contains($0) }
            for i in deferred { isDeferred[i] = true }
            // Pattern variables count as read (`freeVariables` is conservative), so a pattern
            // inside a deferred item sees the same bound variables as in the whole row.
            deferredVariables = deferred.reduce(into: Set<String>()) { $0.formUnion(p.items[$1].freeVariables) }.sorted()
            for (n, (v, key)) in reads { keyReads[n] = (deferredVariables.firstIndex(of: v)!, key) }
        }
    }

    /// Takes one input row of a projection without aggregation.
    mutating func add(_ row: Row, _ ctx: ExecutionContext) throws(QueryError) {
        try ctx.tick()
        for i in p.items.indices { values.cells.append(isDeferred[i] ? .null : try ctx.eval(p.items[i], row)) }
        values.count += 1
        for v in deferredVariables { saved.append(row[v]) }
        if needsEnv { envs.append(environment(row, values.count - 1)) }
    }

    /// Takes one output row whose values are already computed (a group of an aggregation),
    /// with the environment its ORDER BY keys and filter see.
    mutating func add(values vals: [QueryValue], environment env: Row) {
        values.append(row: vals)
        if needsEnv { envs.append(environment(env, values.count - 1)) }
    }

    private func environment(_ base: Row, _ i: Int) -> Row {
        var env = base
        for (c, name) in p.columns.enumerated() { env[name] = values[i, c] }
        return env
    }

    /// The positions of the rows kept, in their order: DISTINCT, ORDER BY, SKIP and LIMIT
    /// applied (`cap` is SKIP + LIMIT), and the deferred items computed for them.
    mutating func keep(skip: Int?, limit: Int?, cap: Int?, _ ctx: ExecutionContext) throws(QueryError) -> [Int] {
        var kept = Array(0..<values.count)
        if p.distinct {
            var seen = Set<[QueryValue]>()
            kept = kept.filter { seen.insert(values.row($0).map(ValueSemantics.groupKey)).inserted }
        }
        if !p.order.isEmpty {
            // Sort positions, not rows, by typed key columns. Ties keep their input order (the
            // position decides last), so the order is total.
            var columns: [SortColumn] = []
            for (n, (e, _)) in p.order.enumerated() {
                if let (v, key) = keyReads[n] {
                    let w = deferredVariables.count
                    if let bytes = ctx.byteSortKeys(key, count: values.count, of: { saved[$0 * w + v] }) {
                        columns.append(bytes)
                        continue
                    }
                    // Not all ASCII strings: the key's values, as for any other key.
                    try computeDeferred(Array(0..<values.count), only: [orderColumns[n]!], ctx)
                }
                var column: [QueryValue] = []
                column.reserveCapacity(values.count)
                for i in 0..<values.count {
                    if let c = orderColumns[n] { column.append(values[i, c]) } else { column.append(try ctx.eval(e, envs[i])) }
                }
                columns.append(SortColumn(column))
            }
            let order = RowOrder(columns: columns, descending: p.order.map(\.1))
            // ORDER BY … LIMIT k keeps only the first k: a bounded insertion beats sorting everything.
            if let cap, cap < kept.count / 4 {
                kept = RowOrder.first(cap, of: kept) { order.before($0, $1) }
            } else if columns.count == 1, let sorted = columns[0].sorted(kept, descending: p.order[0].1) {
                kept = sorted
            } else {
                kept.sort { order.before($0, $1) }
            }
        }
        if let skip { kept = Array(kept.dropFirst(skip)) }
        if let limit { kept = Array(kept.prefix(limit)) }
        if !deferred.isEmpty { try computeDeferred(kept, only: deferred, ctx) }
        return kept
    }

    /// Computes the deferred `items` of the rows at `positions` from their saved variables.
    private mutating func computeDeferred(_ positions: [Int], only items: [Int], _ ctx: ExecutionContext) throws(QueryError) {
        let w = deferredVariables.count
        var env = Row(capacity: w)
        for i in positions {
            try ctx.tick()
            for j in 0..<w { env[deferredVariables[j]] = saved[i * w + j] }
            for k in items { values[i, k] = try ctx.eval(p.items[k], env) }
        }
    }

    /// Row `i` as a row of the next clause: its columns.
    func row(_ i: Int) -> Row {
        var r = Row(capacity: p.columns.count)
        for (c, name) in p.columns.enumerated() { r[name] = values[i, c] }
        return r
    }
}

/// The order of ORDER BY's keys over row positions: a value with constant storage, so a sort
/// specialised for it compares in place (one key: one typed comparison, no loop).
struct RowOrder {
    let columns: [SortColumn]
    let descending: [Bool]

    @inline(__always)
    func before(_ a: Int, _ b: Int) -> Bool {
        if columns.count == 1 {
            let c = columns[0].order(a, b)
            return c != 0 ? (descending[0] ? c > 0 : c < 0) : a < b
        }
        for n in columns.indices {
            let c = columns[n].order(a, b)
            if c != 0 { return descending[n] ? c > 0 : c < 0 }
        }
        return a < b
    }

    /// The first `k` of `indices` in this order, in that order: what sorting all and keeping
    /// `k` gives, in about one comparison per element when k is small.
    @inline(__always)
    static func first(_ k: Int, of indices: [Int], by before: (Int, Int) -> Bool) -> [Int] {
        guard k > 0 else { return [] }
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for i in indices {
            if best.count == k && !before(i, best[k - 1]) { continue }
            var lo = 0, hi = best.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(i, best[mid]) { hi = mid } else { lo = mid + 1 }
            }
            best.insert(i, at: lo)
            if best.count > k { best.removeLast() }
        }
        return best
    }
}
