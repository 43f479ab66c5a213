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
            let values = rows.map { r in q.columns.map { r[$0] ?? .null } }
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
                for row in rows {
                    if plan.countsLast {
                        try matcher.runCounting(row) { (r: Row, n: Int) throws(QueryError) in try grouping.add(r, ctx, weight: n) }
                    } else {
                        try matcher.forEachMatch(row) { (r: Row) throws(QueryError) in try grouping.add(r, ctx) }
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
    static func first(_ k: Int, of indices: Range<Int>, by before: (Int, Int) -> Bool) -> [Int] {
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
            for row in rows {
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
    private func project(_ p: BoundProjection, grouped: Grouping?, rows: [Row] = []) throws(QueryError) -> [Row] {
        // Each output row with the environment ORDER BY sees.
        var produced: [(out: Row, env: Row)] = []
        if var grouping = grouped {
            grouping.finish()
            for g in 0..<grouping.count {
                var env = grouping.firsts[g]
                var out = Row()
                for (k, i) in p.groupingIndexes.enumerated() { out[p.columns[i]] = grouping.key(g, k) }
                for j in p.aggregates.indices { env[p.aggregates[j].slot] = try grouping.result(g, j, ctx) }
                for (c, v) in out { env[c] = v }
                for i in p.items.indices where !p.groupingIndexes.contains(i) {
                    out[p.columns[i]] = try ctx.eval(p.items[i], env)
                }
                for (c, v) in out { env[c] = v }
                produced.append((out, env))
            }
        } else {
            for row in rows {
                try ctx.tick()
                var out = Row()
                for (i, e) in p.items.enumerated() { out[p.columns[i]] = try ctx.eval(e, row) }
                var env = row
                for (c, v) in out { env[c] = v }
                produced.append((out, env))
            }
        }
        if p.distinct {
            var seen = Set<[QueryValue]>()
            produced = produced.filter { r in seen.insert(p.columns.map { ValueSemantics.groupKey(r.out[$0] ?? .null) }).inserted }
        }
        if !p.order.isEmpty {
            var keyed: [([QueryValue], (out: Row, env: Row))] = []
            keyed.reserveCapacity(produced.count)
            for r in produced {
                var ks: [QueryValue] = []
                for (e, _) in p.order { ks.append(try ctx.eval(e, r.env)) }
                keyed.append((ks, r))
            }
            let desc = p.order.map(\.1)
            // Sort positions, not the rows: moving two dictionaries per comparison is the costly part.
            // Ties keep their input order (the position decides last), so the order is total.
            let before = { (a: Int, b: Int) -> Bool in
                for i in desc.indices {
                    let c = ValueSemantics.order(keyed[a].0[i], keyed[b].0[i])
                    if c != 0 { return desc[i] ? c > 0 : c < 0 }
                }
                return a < b
            }
            // ORDER BY … LIMIT k keeps only the first k: a bounded insertion beats sorting everything.
            let wanted = try rowCap(p)
            let sorted = wanted.map { $0 < keyed.count / 4 } == true
                ? Executor.first(wanted!, of: keyed.indices, by: before)
                : keyed.indices.sorted(by: before)
            produced = sorted.map { keyed[$0].1 }
        }
        if let skip = try intArgument(p.skip, "SKIP") { produced = Array(produced.dropFirst(skip)) }
        if let limit = try intArgument(p.limit, "LIMIT") { produced = Array(produced.prefix(limit)) }
        if let f = p.filter {
            var kept: [Row] = []
            for r in produced where try ctx.truth(f, r.env) == true { kept.append(r.out) }
            return kept
        }
        return produced.map(\.out)
    }
}
