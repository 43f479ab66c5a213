import KGCore

/// How the first node of a pattern part is found.
enum NodeAccess: Sendable {
    /// Already bound by an earlier clause or part.
    case bound(String)
    /// `WHERE id(n) = …` or `id(n) IN […]`: the store's id index.
    case idLookup(Expr)
    /// `WHERE named(n, …)`: the store's name index (any language, case-insensitive).
    case nameLookup(Expr)
    /// The label index.
    case labelScan(String)
    case allNodes
}

/// One step of matching a MATCH clause's pattern.
enum MatchStep: Sendable {
    /// Find candidates for node `node` of part `part`.
    case start(part: Int, node: Int, access: NodeAccess)
    /// Follow relationship `rel` of part `part` from node `from` to node `to` (forward means in pattern order).
    case expand(part: Int, rel: Int, forward: Bool)
    /// Breadth-first search for shortest paths between the (bound) ends of part `part`.
    case shortest(part: Int)
    /// Bind the part's path variable.
    case bindPath(part: Int)
}

/// The planner's output for one pattern: steps in order, each with the filters that become
/// checkable once it has bound its variables (filters are pushed down as early as possible).
struct MatchPlan: Sendable {
    var pattern: Pattern
    /// Variables bound before matching begins (the row the plan runs on binds them).
    var initialBound: Set<String>
    var steps: [MatchStep]
    /// Filters checked before any step (they use only variables bound earlier).
    var initialFilters: [Expr]
    var filtersAfter: [[Expr]]
    /// Estimated rows after each step.
    var estimates: [Double]
    /// Whether the last step is a single-hop expansion whose relationship and end node nobody
    /// reads afterwards: it then counts the relationships that fit instead of producing a row
    /// for each (a factorised count; see `PatternMatcher.runCounting`).
    var countsLast = false
    /// Position of this plan in its statement's plan (PROFILE's counters are kept by it).
    var id = 0

    /// Whether `row` binds exactly the pattern variables this plan was made for. A plan is
    /// made once per statement from the binder's scopes; a row shaped otherwise is planned anew.
    func fits(_ row: Row) -> Bool {
        for part in pattern {
            for n in part.nodes { if let v = n.variable, (row[v] != nil) != initialBound.contains(v) { return false } }
            for r in part.rels { if let v = r.variable, (row[v] != nil) != initialBound.contains(v) { return false } }
            if let v = part.pathVariable, (row[v] != nil) != initialBound.contains(v) { return false }
        }
        return true
    }

    /// An estimated row count as EXPLAIN prints it: whole numbers, and very large ones (the
    /// product of many label scans) in scientific notation rather than overflowing an `Int`.
    static func rowsText(_ d: Double) -> String {
        guard d.isFinite else { return "∞" }
        return d < 1e15 ? String(Int(d.rounded())) : "\(d)"
    }

    /// Lines for EXPLAIN: one operator per step, with the index it uses and its estimated rows.
    /// `rows`: PROFILE's count of rows each step produced.
    func describe(source: SourceText, rows: [Int]? = nil) -> [String] {
        var out: [String] = []
        func actual(_ i: Int) -> String { rows.map { "  rows=\($0[i])" } ?? "" }
        func text(_ e: Expr) -> String { source.slice(e.span.start, e.span.end) }
        func nodeText(_ n: NodePattern) -> String { "(" + (n.variable ?? "") + n.labels.map { ":" + $0 }.joined() + ")" }
        for f in initialFilters { out.append("Filter \(text(f))") }
        for (i, s) in steps.enumerated() {
            let est = MatchPlan.rowsText(estimates[i])
            switch s {
            case .start(let p, let n, let access):
                let node = nodeText(pattern[p].nodes[n])
                switch access {
                case .bound(let v): out.append("Argument \(v)  (already bound)  rows≈\(est)")
                case .idLookup(let e): out.append("NodeByIdSeek \(node)  index: id = \(text(e))  rows≈\(est)")
                case .nameLookup(let e): out.append("NodeByNameSeek \(node)  index: name = \(text(e))  rows≈\(est)")
                case .labelScan(let l): out.append("NodeByLabelScan \(node)  index: label :\(l)  rows≈\(est)")
                case .allNodes: out.append("AllNodesScan \(node)  rows≈\(est)")
                }
            case .expand(let p, let r, let forward):
                let part = pattern[p]
                let rel = part.rels[r]
                let a = nodeText(part.nodes[forward ? r : r + 1]), b = nodeText(part.nodes[forward ? r + 1 : r])
                let types = rel.types.isEmpty ? "" : ":" + rel.types.joined(separator: "|")
                let len = rel.length.map { "*\($0.min)..\($0.max.map(String.init) ?? "")" } ?? ""
                var dir = rel.direction
                if !forward { dir = dir == .outgoing ? .incoming : (dir == .incoming ? .outgoing : .both) }
                let arrow = dir == .outgoing ? "-[\(rel.variable ?? "")\(types)\(len)]->" : dir == .incoming ? "<-[\(rel.variable ?? "")\(types)\(len)]-" : "-[\(rel.variable ?? "")\(types)\(len)]-"
                out.append("Expand \(a)\(arrow)\(b)  index: adjacency  rows≈\(est)")
            case .shortest(let p):
                out.append("ShortestPath \(pattern[p].pathVariable ?? "")  breadth-first over adjacency  rows≈\(est)")
            case .bindPath(let p):
                out.append("ProjectPath \(pattern[p].pathVariable ?? "")")
            }
            for f in filtersAfter[i] { out.append("Filter \(text(f))") }
            out[out.count - 1] += actual(i)
        }
        return out
    }
}

/// Chooses, for each MATCH, where to start each pattern part (an index when one applies) and
/// in which order to expand, and pushes WHERE conjuncts down to the earliest step.
enum Planner {
    static func conjuncts(_ e: Expr?) -> [Expr] {
        guard let e else { return [] }
        if case .binary(.and, let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// The index access a WHERE conjunct offers for variable `v`, if any.
    private static func indexAccess(for v: String, in filters: [Expr], bound: Set<String>) -> NodeAccess? {
        for f in filters {
            switch f.kind {
            case .comparison(let ops, let names) where names == ["="] && ops.count == 2:
                for (a, b) in [(ops[0], ops[1]), (ops[1], ops[0])] {
                    if case .call(let n, _, let args) = a.kind, n.lowercased() == "id", args.count == 1,
                       case .variable(v) = args[0].kind, b.freeVariables.isSubset(of: bound) {
                        return .idLookup(b)
                    }
                    // `n.name = x`: candidates from the name index; the conjunct stays a filter,
                    // so the index (case-insensitive, any language) only narrows and the exact check decides.
                    if case .property(let target, "name") = a.kind, case .variable(v) = target.kind,
                       b.freeVariables.isSubset(of: bound) {
                        return .nameLookup(b)
                    }
                }
            case .binary(.in, let a, let b):
                if case .call(let n, _, let args) = a.kind, n.lowercased() == "id", args.count == 1,
                   case .variable(v) = args[0].kind, b.freeVariables.isSubset(of: bound) {
                    return .idLookup(b)
                }
            case .call(let n, _, let args) where n.lowercased() == "named" && args.count == 2:
                if case .variable(v) = args[0].kind, args[1].freeVariables.isSubset(of: bound) { return .nameLookup(args[1]) }
            default: break
            }
        }
        return nil
    }

    private static func estimate(_ access: NodeAccess, _ graph: Graph) -> Double {
        switch access {
        case .bound, .idLookup: return 1
        case .nameLookup: return 2
        case .labelScan(let l): return Double(graph.estimatedCount(label: l))
        case .allNodes: return Double(graph.nodeCount)
        }
    }

    /// The plan of one pattern. `needed`: when the matches only feed counts (an aggregating
    /// projection right after the MATCH), the variables that projection reads; the plan then
    /// prefers an order whose last expansion nobody reads, and counts it instead of enumerating.
    static func plan(_ pattern: Pattern, predicate: Expr?, bound initial: Set<String>, graph: Graph,
                     needed: Set<String>? = nil) -> MatchPlan {
        let filters = conjuncts(predicate)
        var bound = initial
        var steps: [MatchStep] = []
        var estimates: [Double] = []
        var rows = 1.0
        let degree = graph.nodeCount == 0 ? 1.0 : max(1.0, 2.0 * Double(graph.edgeCount) / Double(graph.nodeCount))
        var remaining = Array(pattern.indices)

        func access(_ n: NodePattern) -> NodeAccess {
            if let v = n.variable, bound.contains(v) { return .bound(v) }
            if let v = n.variable, let a = indexAccess(for: v, in: filters, bound: bound) { return a }
            // `{name: …}` narrows candidates through the name index (an exact check follows).
            if let props = n.properties, case .map(let entries) = props.kind,
               let e = entries.first(where: { $0.0 == "name" })?.1, e.freeVariables.isSubset(of: bound) {
                return .nameLookup(e)
            }
            if let l = n.labels.min(by: { graph.estimatedCount(label: $0) < graph.estimatedCount(label: $1) }) {
                return .labelScan(l)
            }
            return .allNodes
        }

        while !remaining.isEmpty {
            // Cheapest start over all remaining parts.
            var best: (Int, Int, NodeAccess, Double)? = nil
            for pi in remaining {
                let part = pattern[pi]
                let candidates = part.shortest != .none ? [0] : Array(part.nodes.indices)
                for ni in candidates {
                    let a = access(part.nodes[ni])
                    var c = estimate(a, graph)
                    // Counting the last hop instead of enumerating it saves a factor of the degree.
                    if let needed, pattern.count == 1, part.shortest == .none,
                       let last = lastExpansion(part, from: ni), !isRead(part, last, needed: needed, bound: bound) {
                        c /= degree
                    }
                    if best == nil || c < best!.3 { best = (pi, ni, a, c) }
                }
            }
            guard let (pi, ni, a, c) = best else { break }
            remaining.removeAll { $0 == pi }
            let part = pattern[pi]
            steps.append(.start(part: pi, node: ni, access: a))
            rows *= max(c, 1)
            estimates.append(rows)
            if let v = part.nodes[ni].variable { bound.insert(v) }
            if part.shortest != .none {
                let last = part.nodes.count - 1
                let b = access(part.nodes[last])
                steps.append(.start(part: pi, node: last, access: b))
                rows *= max(estimate(b, graph), 1)
                estimates.append(rows)
                if let v = part.nodes[last].variable { bound.insert(v) }
                steps.append(.shortest(part: pi))
                estimates.append(rows)
                for r in part.rels { if let v = r.variable { bound.insert(v) } }
            } else {
                for r in stride(from: ni, to: part.rels.count, by: 1) {
                    steps.append(.expand(part: pi, rel: r, forward: true))
                    rows *= part.rels[r].length == nil ? degree : pow2(degree, part.rels[r].length!)
                    estimates.append(rows)
                    if let v = part.rels[r].variable { bound.insert(v) }
                    if let v = part.nodes[r + 1].variable { bound.insert(v) }
                }
                for r in stride(from: ni - 1, through: 0, by: -1) {
                    steps.append(.expand(part: pi, rel: r, forward: false))
                    rows *= part.rels[r].length == nil ? degree : pow2(degree, part.rels[r].length!)
                    estimates.append(rows)
                    if let v = part.rels[r].variable { bound.insert(v) }
                    if let v = part.nodes[r].variable { bound.insert(v) }
                }
            }
            if let pv = part.pathVariable {
                steps.append(.bindPath(part: pi))
                estimates.append(rows)
                bound.insert(pv)
            }
        }

        // Push each filter to the first step after which all its variables are bound.
        var placed = Array(repeating: [Expr](), count: steps.count)
        var initialFilters: [Expr] = []
        var have = initial
        var pending = filters
        pending.removeAll { f in
            if f.freeVariables.isSubset(of: have) { initialFilters.append(f); return true }
            return false
        }
        for (i, s) in steps.enumerated() {
            switch s {
            case .start(let p, let n, _):
                if let v = pattern[p].nodes[n].variable { have.insert(v) }
            case .expand(let p, let r, let forward):
                if let v = pattern[p].rels[r].variable { have.insert(v) }
                if let v = pattern[p].nodes[forward ? r + 1 : r].variable { have.insert(v) }
            case .shortest(let p):
                for r in pattern[p].rels { if let v = r.variable { have.insert(v) } }
            case .bindPath(let p):
                if let v = pattern[p].pathVariable { have.insert(v) }
            }
            pending.removeAll { f in
                if f.freeVariables.isSubset(of: have) { placed[i].append(f); return true }
                return false
            }
        }
        if !pending.isEmpty {
            if steps.isEmpty { initialFilters += pending } else { placed[steps.count - 1] += pending }
        }
        var plan = MatchPlan(pattern: pattern, initialBound: initial, steps: steps, initialFilters: initialFilters,
                             filtersAfter: placed, estimates: estimates)
        if let needed { plan.countsLast = countable(plan, needed: needed) }
        return plan
    }

    /// The relationship (index) and end node (index) of the last expansion when a part is
    /// matched from node `ni`: forward to the end first, then backward to the start.
    private static func lastExpansion(_ part: PatternPart, from ni: Int) -> (rel: Int, node: Int)? {
        if part.rels.isEmpty { return nil }
        return ni > 0 ? (0, 0) : (part.rels.count - 1, part.nodes.count - 1)
    }

    /// Whether a consumer or the pattern itself reads the last expansion's relationship or end node.
    private static func isRead(_ part: PatternPart, _ last: (rel: Int, node: Int), needed: Set<String>,
                               bound: Set<String>) -> Bool {
        let rel = part.rels[last.rel], node = part.nodes[last.node]
        if rel.length != nil || rel.properties != nil || node.properties != nil || part.pathVariable != nil { return true }
        for v in [rel.variable, node.variable].compactMap({ $0 }) {
            if needed.contains(v) || bound.contains(v) { return true }
            // Named twice in the pattern (`(a)-->(b)-->(a)`): the second occurrence is a join, not a count.
            let uses = part.nodes.filter { $0.variable == v }.count + part.rels.filter { $0.variable == v }.count
            if uses > 1 { return true }
        }
        return false
    }

    /// Whether the plan's last step can count instead of enumerate (see `MatchPlan.countsLast`).
    private static func countable(_ plan: MatchPlan, needed: Set<String>) -> Bool {
        guard plan.pattern.count == 1, let last = plan.steps.last, case .expand(let p, let r, let forward) = last,
              plan.filtersAfter.last?.isEmpty ?? false else { return false }
        let part = plan.pattern[p]
        let node = forward ? r + 1 : r
        // Filters placed at the last step would read its bindings; variables read by any filter stay enumerated.
        let filtered = plan.filtersAfter.joined().reduce(into: Set<String>()) { $0.formUnion($1.freeVariables) }
            .union(plan.initialFilters.reduce(into: Set<String>()) { $0.formUnion($1.freeVariables) })
        return !isRead(part, (r, node), needed: needed.union(filtered), bound: plan.initialBound)
    }

    private static func pow2(_ d: Double, _ l: VarLength) -> Double {
        var r = 1.0
        for _ in 0..<min(l.max ?? 3, 6) { r *= d }
        return r
    }
}
