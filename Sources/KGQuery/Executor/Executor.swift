import KGCore

/// What one clause did while the statement ran (PROFILE).
struct ClauseProfile: Sendable {
    var rows: Int
    var dbHits: Int
    var seconds: Double
    /// A MATCH that fed the aggregating projection after it directly (both are in this entry).
    var fused: Bool

    init(rows: Int, dbHits: Int, since start: ContinuousClock.Instant, fused: Bool) {
        let d = ContinuousClock.now - start
        self.rows = rows
        self.dbHits = dbHits
        self.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        self.fused = fused
    }
}

/// Runs a bound statement clause by clause; each clause turns the rows it receives into the
/// rows the next one sees.
struct Executor {
    let ctx: ExecutionContext

    /// Per query, per clause: what it did (PROFILE). A MATCH feeding an aggregation straight
    /// into its groups is one entry, at the MATCH, with the projection's rows.
    var profile: [[ClauseProfile?]] = []

    init(context: ExecutionContext) { self.ctx = context }

    mutating func run(_ st: BoundStatement) throws(QueryError) -> [[QueryValue]] {
        var all: [[QueryValue]] = []
        for (i, q) in st.queries.enumerated() {
            profile.append(Array(repeating: nil, count: q.clauses.count))
            let rows = try run(q, plans: ctx.plan.clauses[i], profileAt: i)
            let values = rows.map { $0.values(of: q.columns) }
            all += values
            try ctx.produced(all.count)
            if i > 0 && !st.unionAll[i - 1] {
                all = Executor.distinct(all)
            }
        }
        if st.queries.count > 1, st.unionAll.allSatisfy({ !$0 }) { all = Executor.distinct(all) }
        return all
    }

    static func distinct(_ rows: [[QueryValue]]) -> [[QueryValue]] {
        var seen = Set<[QueryValue]>()
        return rows.filter { seen.insert($0.map(ValueSemantics.groupKey)).inserted }
    }

    mutating func run(_ q: BoundQuery, plans: [MatchPlan?], profileAt qi: Int) throws(QueryError) -> [Row] {
        var rows: [Row] = [[:]]
        var skipNext = false
        for (k, c) in q.clauses.enumerated() {
            if skipNext { skipNext = false; continue }
            let t0 = ContinuousClock.now
            let hits0 = ctx.dbHits
            // MATCH followed by an aggregating projection: matches go straight into the groups.
            if case .match(let m) = c, !m.optional, k + 1 < q.clauses.count,
               case .project(let p) = q.clauses[k + 1], p.isAggregating, let plan = plans[k] {
                let matcher = PatternMatcher(context: ctx, plan: plan)
                var grouping = Grouping(p)
                // Matches fed to the groups count toward --max-rows like rows kept between
                // clauses (counted hops are not rows: they are never enumerated).
                var fed = 0
                for row in rows {
                    if plan.countsLast {
                        try matcher.runCounting(row) { (r: Row, n: Int) throws(QueryError) in
                            fed += 1
                            try ctx.fed(fed)
                            try grouping.add(r, ctx, weight: n)
                        }
                    } else {
                        try matcher.forEachMatch(row) { (r: Row) throws(QueryError) in
                            fed += 1
                            try ctx.fed(fed)
                            try grouping.add(r, ctx)
                        }
                    }
                }
                rows = try project(p, grouped: grouping)
                skipNext = true
                try ctx.checkBudget(rows: rows.count)
                profile[qi][k] = ClauseProfile(rows: rows.count, dbHits: ctx.dbHits - hits0, since: t0, fused: true)
                continue
            }
            rows = try run(c, plans[k], rows, cap: try rowCap(before: k + 1, in: q))
            try ctx.checkBudget(rows: rows.count)
            profile[qi][k] = ClauseProfile(rows: rows.count, dbHits: ctx.dbHits - hits0, since: t0, fused: false)
        }
        return rows
    }

    static func name(_ c: BoundClause) -> String {
        switch c {
        case .match(let m): return m.optional ? "OptionalMatch" : "Match"
        case .unwind: return "Unwind"
        case .project(let p): return (p.isReturn ? "Return" : "With") + (p.isAggregating ? " (aggregate)" : "") + (p.distinct ? " (distinct)" : "")
        case .create: return "Create"
        case .merge: return "Merge"
        case .set: return "Set"
        case .remove: return "Remove"
        case .delete: return "Delete"
        }
    }

    /// The most rows clause `k` of `q` will use: the first SKIP + LIMIT when it is a plain
    /// projection (no aggregation, DISTINCT or ORDER BY), so the clause before it may stop
    /// there — `UNWIND range(1, 10000000) AS i WITH i LIMIT 3` reads three elements, and
    /// `MATCH (n) RETURN n LIMIT 10` stops after ten matches. Nil: all rows are needed.
    private func rowCap(before k: Int, in q: BoundQuery) throws(QueryError) -> Int? {
        guard k < q.clauses.count, case .project(let p) = q.clauses[k],
              !p.isAggregating, !p.distinct, p.order.isEmpty else { return nil }
        return try rowCap(p)
    }

    /// SKIP + LIMIT of a projection with a LIMIT (nil without one, or when the sum overflows).
    private func rowCap(_ p: BoundProjection) throws(QueryError) -> Int? {
        guard let limit = try intArgument(p.limit, "LIMIT") else { return nil }
        let (sum, overflow) = limit.addingReportingOverflow(try intArgument(p.skip, "SKIP") ?? 0)
        return overflow ? nil : sum
    }

    /// The first `k` of `indices` in the order `before` (a strict total order), in that order:
    /// what sorting all and keeping `k` gives, in about one comparison per element when k is small.
    static func first<S: Sequence<Int>>(_ k: Int, of indices: S, by before: (Int, Int) -> Bool) -> [Int] {
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

    private func run(_ c: BoundClause, _ plan: MatchPlan?, _ rows: [Row], cap: Int? = nil) throws(QueryError) -> [Row] {
        let cap = cap ?? Int.max
        switch c {
        case .match(let m):
            let matcher = PatternMatcher(context: ctx, plan: plan!)
            var out: [Row] = []
            for row in rows where out.count < cap {
                var any = false
                try matcher.run(row) { (r: Row) throws(QueryError) -> Bool in
                    any = true
                    out.append(r)
                    try ctx.produced(out.count)
                    return out.count < cap
                }
                if !any && m.optional {
                    var r = row
                    for v in m.introduced where r[v] == nil { r[v] = .null }
                    out.append(r)
                    try ctx.produced(out.count)
                }
            }
            return out
        case .unwind(let e, let v):
            var out: [Row] = []
            for row in rows where out.count < cap {
                let value = try ctx.eval(e, row)
                switch value {
                case .null: continue
                case .list(let l):
                    for x in l.prefix(cap - out.count) { var r = row; r[v] = x; out.append(r); try ctx.produced(out.count) }
                default:
                    var r = row; r[v] = value; out.append(r)
                }
            }
            return out
        case .project(let p):
            return try project(p, rows)
        case .create(let pattern, _):
            var out: [Row] = []
            for row in rows { out.append(try Writer(ctx: ctx).create(pattern, row)) }
            return out
        case .merge(let part, let onCreate, let onMatch, _, _):
            var out: [Row] = []
            let w = Writer(ctx: ctx)
            var planned = plan!
            let index = MergeIndex.Shape(part).map(MergeIndex.init)
            for row in rows {
                // A single node with literal properties: found through a hash, not a scan per row.
                if let ix = index, let keys = try ix.keys(row, ctx) {
                    let handles = try ix.matches(keys, ctx)
                    if handles.isEmpty {
                        let r = try w.create([part], row, merging: true)
                        ix.created(ctx.graph.nodes.count - 1, keys, ctx)
                        for item in onCreate { try w.set(item, r) }
                        out.append(r)
                        try ctx.produced(out.count)
                    } else {
                        for h in handles {
                            var r = row
                            if let v = ix.shape.variable { r[v] = .node(h) }
                            for item in onMatch { try w.set(item, r) }
                            out.append(r)
                            try ctx.produced(out.count)
                        }
                    }
                    continue
                }
                // Planned once for the statement; a row bound otherwise (rare) gets a plan of its own.
                if !planned.fits(row) {
                    planned = ctx.plan.addRuntimePlan(Planner.plan([part], predicate: nil, bound: Set(row.keys), graph: ctx.graph))
                }
                var found: [Row] = []
                // Each row sees the nodes earlier rows merged: a matcher over the graph as it is now.
                try PatternMatcher(context: ctx, plan: planned).forEachMatch(row) { (r: Row) throws(QueryError) in found.append(r) }
                if found.isEmpty {
                    let r = try w.create([part], row, merging: true)
                    for item in onCreate { try w.set(item, r) }
                    out.append(r)
                    try ctx.produced(out.count)
                } else {
                    for r in found {
                        for item in onMatch { try w.set(item, r) }
                        out.append(r)
                        try ctx.produced(out.count)
                    }
                }
            }
            return out
        case .set(let items):
            let w = Writer(ctx: ctx)
            for row in rows { for item in items { try w.set(item, row) } }
            return rows
        case .remove(let items):
            let w = Writer(ctx: ctx)
            for row in rows { for item in items { try w.remove(item, row) } }
            return rows
        case .delete(let es, let detach):
            let w = Writer(ctx: ctx)
            var nodes: [(Int, SourceSpan)] = []
            for row in rows {
                for e in es { try w.delete(try ctx.eval(e, row), detach: detach, span: e.span, nodes: &nodes) }
            }
            try w.deleteNodes(nodes, detach: detach)
            return rows
        }
    }

    // MARK: - Projection

    private func intArgument(_ e: Expr?, _ what: String) throws(QueryError) -> Int? {
        guard let e else { return nil }
        let v = try ctx.eval(e, [:])
        switch v {
        case .int(let i):
            if i < 0 { throw ctx.runtimeError("SyntaxError", "NegativeIntegerArgument", "\(what) cannot be negative", at: e.span) }
            return i
        case .float(let d) where d == d.rounded() && false:
            return Int(d)
        default:
            throw ctx.runtimeError("SyntaxError", "InvalidArgumentType", "\(what) needs an integer", at: e.span)
        }
    }

    private func project(_ p: BoundProjection, _ rows: [Row]) throws(QueryError) -> [Row] {
        if p.isAggregating {
            var grouping = Grouping(p)
            for row in rows { try ctx.tick(); try grouping.add(row, ctx) }
            return try project(p, grouped: grouping)
        }
        return try project(p, grouped: nil, rows: rows)
    }

    /// The projection's rows: from `grouped` when it aggregates, else one per input row.
    ///
    /// Each output is first the array of its column values; the environment ORDER BY and
    /// WITH … WHERE see (input variables plus columns) is built only when a key or the filter
    /// reads more than the columns, and output rows only for the rows that are kept — so
    /// `ORDER BY … LIMIT k` over many rows sorts arrays of values and builds k rows.
    private func project(_ p: BoundProjection, grouped: Grouping?, rows: [Row] = []) throws(QueryError) -> [Row] {
        let columns = p.columns
        let columnIndex = Dictionary(columns.enumerated().map { ($1, $0) }) { a, _ in a }
        func column(_ e: Expr) -> Int? {
            if case .variable(let v) = e.kind { return columnIndex[v] }
            return nil
        }
        // ORDER BY keys that are columns are read from the values; others need the environment.
        let orderColumns = p.order.map { column($0.0) }
        let filterOnColumns = p.filter.map { $0.freeVariables.isSubset(of: columnIndex.keys) } ?? true
        let needsEnv = orderColumns.contains(nil) || !filterOnColumns
        var values = ValueTable(width: columns.count)
        var envs: [Row] = []
        /// Items computed only for the rows kept (see below), and whether each item is one.
        var deferred: [Int] = []
        var isDeferred = [Bool](repeating: false, count: p.items.count)
        func environment(_ base: Row, _ vals: [QueryValue]) -> Row {
            var env = base
            for (i, c) in columns.enumerated() { env[c] = vals[i] }
            return env
        }
        if var grouping = grouped {
            grouping.finish()
            // An item that is just an aggregate's slot takes its result without an environment.
            let slotOf = Dictionary(p.aggregates.enumerated().map { ($1.slot, $0) }) { a, _ in a }
            let direct: [Int?] = p.items.map { e in
                if case .variable(let v) = e.kind { return slotOf[v] }
                return nil
            }
            let keyAt = Dictionary(p.groupingIndexes.enumerated().map { ($1, $0) }) { a, _ in a }
            let computed = p.items.indices.filter { keyAt[$0] == nil && direct[$0] == nil }
            values.reserve(grouping.count)
            for g in 0..<grouping.count {
                try ctx.tick()
                var vals = [QueryValue](repeating: .null, count: columns.count)
                for (i, k) in keyAt { vals[i] = grouping.key(g, k) }
                for i in p.items.indices { if let j = direct[i] { vals[i] = try grouping.result(g, j, ctx) } }
                if !computed.isEmpty || needsEnv {
                    var env = grouping.firstRow(g)
                    for j in p.aggregates.indices { env[p.aggregates[j].slot] = try grouping.result(g, j, ctx) }
                    for k in p.groupingIndexes { env[columns[k]] = vals[k] }
                    for i in computed { vals[i] = try ctx.eval(p.items[i], env) }
                    if needsEnv { envs.append(environment(env, vals)) }
                }
                values.append(row: vals)
            }
        } else {
            values.reserve(rows.count)
            // Sorted rows without DISTINCT or a filter: only the ORDER BY columns are computed
            // for every row, the others for the rows SKIP and LIMIT keep (late materialisation,
            // as a Top-K operator before the projection would do).
            let later = !p.order.isEmpty && !p.distinct && p.filter == nil && !needsEnv && p.limit != nil
            if later {
                let keys = Set(orderColumns.compactMap { $0 })
                deferred = p.items.indices.filter { !keys.contains($0) }
                for i in deferred { isDeferred[i] = true }
            }
            for row in rows {
                try ctx.tick()
                for (i, e) in p.items.enumerated() { values.cells.append(isDeferred[i] ? .null : try ctx.eval(e, row)) }
                values.count += 1
                if needsEnv { envs.append(environment(row, Array(values.row(values.count - 1)))) }
            }
        }
        var kept = Array(0..<values.count)
        if p.distinct {
            var seen = Set<[QueryValue]>()
            kept = kept.filter { seen.insert(values.row($0).map(ValueSemantics.groupKey)).inserted }
        }
        if !p.order.isEmpty {
            // Sort positions, not rows, by typed key columns. Ties keep their input order (the
            // position decides last), so the order is total.
            var sortColumns: [SortColumn] = []
            for (n, (e, _)) in p.order.enumerated() {
                var column: [QueryValue] = []
                column.reserveCapacity(values.count)
                for i in 0..<values.count {
                    if let c = orderColumns[n] { column.append(values[i, c]) } else { column.append(try ctx.eval(e, envs[i])) }
                }
                sortColumns.append(SortColumn(column))
            }
            let desc = p.order.map(\.1)
            let before: (Int, Int) -> Bool
            if sortColumns.count == 1 {
                let key = sortColumns[0], down = desc[0]
                before = { (a: Int, b: Int) -> Bool in
                    let c = key.order(a, b)
                    return c != 0 ? (down ? c > 0 : c < 0) : a < b
                }
            } else {
                before = { (a: Int, b: Int) -> Bool in
                    for n in desc.indices {
                        let c = sortColumns[n].order(a, b)
                        if c != 0 { return desc[n] ? c > 0 : c < 0 }
                    }
                    return a < b
                }
            }
            // ORDER BY … LIMIT k keeps only the first k: a bounded insertion beats sorting everything.
            if let wanted = try rowCap(p), wanted < kept.count / 4 {
                kept = Executor.first(wanted, of: kept, by: before)
            } else {
                kept.sort(by: before)
            }
        }
        if let skip = try intArgument(p.skip, "SKIP") { kept = Array(kept.dropFirst(skip)) }
        if let limit = try intArgument(p.limit, "LIMIT") { kept = Array(kept.prefix(limit)) }
        if !deferred.isEmpty {
            for i in kept {
                try ctx.tick()
                for k in deferred { values[i, k] = try ctx.eval(p.items[k], rows[i]) }
            }
        }
        func row(_ i: Int) -> Row {
            var r = Row(capacity: columns.count)
            for (c, name) in columns.enumerated() { r[name] = values[i, c] }
            return r
        }
        if let f = p.filter {
            var out: [Row] = []
            for i in kept {
                let r = row(i)
                if try ctx.truth(f, filterOnColumns ? r : envs[i]) == true { out.append(r) }
            }
            return out
        }
        return kept.map(row)
    }
}
