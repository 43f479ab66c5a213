import KGCore

/// What one clause did while the statement ran (PROFILE).
struct ClauseProfile: Sendable {
    var rows: Int
    var dbHits: Int
    var seconds: Double
    /// A MATCH that fed the projection after it directly (both are in this entry).
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
            all += try run(q, plans: ctx.plan.clauses[i], profileAt: i)
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

    /// Runs one query (a part of a UNION) and returns its result rows, the values of its columns.
    ///
    /// Rows flow clause by clause, except that a MATCH hands its matches straight to the
    /// projection after it (into the groups when it aggregates, else into the projection's
    /// value table), and the last projection yields the result's values without rows.
    mutating func run(_ q: BoundQuery, plans: [MatchPlan?], profileAt qi: Int) throws(QueryError) -> [[QueryValue]] {
        var rows: [Row] = [[:]]
        var k = 0
        while k < q.clauses.count {
            let c = q.clauses[k]
            let t0 = ContinuousClock.now
            let hits0 = ctx.dbHits
            if case .match(let m) = c, !m.optional, k + 1 < q.clauses.count,
               case .project(let p) = q.clauses[k + 1], let plan = plans[k] {
                let matcher = PatternMatcher(context: ctx, plan: plan)
                var input = ProjectionInput(p)
                if p.isAggregating {
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
                    try group(p, grouping, into: &input)
                } else {
                    let cap = try rowCap(before: k + 1, in: q) ?? Int.max
                    for row in rows where input.count < cap {
                        try matcher.run(row) { (r: Row) throws(QueryError) -> Bool in
                            try input.add(r, ctx)
                            try ctx.produced(input.count)
                            return input.count < cap
                        }
                    }
                }
                let kept = try keep(&input)
                profile[qi][k] = ClauseProfile(rows: kept.count, dbHits: ctx.dbHits - hits0, since: t0, fused: true)
                if k + 2 == q.clauses.count, let values = Executor.values(input, kept, columns: q.columns) { return values }
                rows = try output(input, kept)
                try ctx.checkBudget(rows: rows.count)
                k += 2
                continue
            }
            if case .project(let p) = c {
                var input = ProjectionInput(p)
                if p.isAggregating {
                    var grouping = Grouping(p)
                    for row in rows { try ctx.tick(); try grouping.add(row, ctx) }
                    try group(p, grouping, into: &input)
                } else {
                    for row in rows { try input.add(row, ctx) }
                }
                let kept = try keep(&input)
                profile[qi][k] = ClauseProfile(rows: kept.count, dbHits: ctx.dbHits - hits0, since: t0, fused: false)
                if k + 1 == q.clauses.count, let values = Executor.values(input, kept, columns: q.columns) { return values }
                rows = try output(input, kept)
            } else {
                rows = try run(c, plans[k], rows, cap: try rowCap(before: k + 1, in: q))
                profile[qi][k] = ClauseProfile(rows: rows.count, dbHits: ctx.dbHits - hits0, since: t0, fused: false)
            }
            try ctx.checkBudget(rows: rows.count)
            k += 1
        }
        return rows.map { $0.values(of: q.columns) }
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
        case .project:
            preconditionFailure("projections run in run(_:plans:profileAt:)")
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
            // openCypher names a bad SKIP/LIMIT parameter a SyntaxError raised at runtime (TCK ReturnSkipLimit1, 2): the one runtime SyntaxError.
            if i < 0 { throw ctx.runtimeError(.syntaxError, .negativeIntegerArgument, "\(what) cannot be negative", at: e.span) }
            return i
        case .float(let d) where d == d.rounded() && false:
            return Int(d)
        default:
            throw ctx.runtimeError(.syntaxError, .invalidArgumentType, "\(what) needs an integer", at: e.span)
        }
    }

    /// The groups of an aggregating projection as its output rows' values (and, when an ORDER
    /// BY key or the filter needs them, their environments).
    private func group(_ p: BoundProjection, _ grouping: Grouping, into input: inout ProjectionInput) throws(QueryError) {
        var grouping = grouping
        grouping.finish()
        let columns = p.columns
        // An item that is just an aggregate's slot takes its result without an environment.
        let slotOf = Dictionary(p.aggregates.enumerated().map { ($1.slot, $0) }) { a, _ in a }
        let direct: [Int?] = p.items.map { e in
            if case .variable(let v) = e.kind { return slotOf[v] }
            return nil
        }
        let keyAt = Dictionary(p.groupingIndexes.enumerated().map { ($1, $0) }) { a, _ in a }
        let computed = p.items.indices.filter { keyAt[$0] == nil && direct[$0] == nil }
        input.values.reserve(grouping.count)
        for g in 0..<grouping.count {
            try ctx.tick()
            var vals = [QueryValue](repeating: .null, count: columns.count)
            for (i, k) in keyAt { vals[i] = grouping.key(g, k) }
            for i in p.items.indices { if let j = direct[i] { vals[i] = try grouping.result(g, j, ctx) } }
            var env = Row()
            if !computed.isEmpty || input.needsEnv {
                env = grouping.firstRow(g)
                for j in p.aggregates.indices { env[p.aggregates[j].slot] = try grouping.result(g, j, ctx) }
                for k in p.groupingIndexes { env[columns[k]] = vals[k] }
                for i in computed { vals[i] = try ctx.eval(p.items[i], env) }
            }
            input.add(values: vals, environment: env)
        }
    }

    /// The positions of the projection's rows that SKIP and LIMIT keep, in order.
    private func keep(_ input: inout ProjectionInput) throws(QueryError) -> [Int] {
        try input.keep(skip: try intArgument(input.p.skip, "SKIP"), limit: try intArgument(input.p.limit, "LIMIT"),
                       cap: try rowCap(input.p), ctx)
    }

    /// The kept rows as the next clause's rows, WITH … WHERE applied.
    private func output(_ input: ProjectionInput, _ kept: [Int]) throws(QueryError) -> [Row] {
        guard let f = input.p.filter else { return kept.map(input.row) }
        var out: [Row] = []
        for i in kept {
            let r = input.row(i)
            if try ctx.truth(f, input.filterOnColumns ? r : input.envs[i]) == true { out.append(r) }
        }
        return out
    }

    /// The kept rows as the query's result values, when the projection's columns are the
    /// query's and no filter applies (nil otherwise: then rows are built).
    private static func values(_ input: ProjectionInput, _ kept: [Int], columns: [String]) -> [[QueryValue]]? {
        guard input.p.filter == nil, input.p.columns == columns else { return nil }
        return kept.map { Array(input.values.row($0)) }
    }
}
