import KGCore

/// Runs a MatchPlan against the graph for one input row, yielding every extended row.
///
/// Relationship uniqueness: within one MATCH, a relationship is bound at most once across
/// all its pattern parts (openCypher's rule), including inside variable-length hops.
struct PatternMatcher {
    let ctx: ExecutionContext
    let plan: MatchPlan
    /// The graph as it was when matching began (no writes happen while a matcher runs); a
    /// local copy spares every access in the hot loops the trip through the context object.
    let graph: Graph
    /// Every node pattern's labels as the store's label codes, in one array: node pattern `n`
    /// of part `p` has `labelCodes[labelRanges[nodeBase[p] + n]]` (no array per pattern to
    /// retain and release per candidate).
    private let labelCodes: [Int]
    private let labelRanges: [Range<Int>]
    private let nodeBase: [Int]
    /// Per part and relationship pattern: its types as the store's type codes (nil: any type).
    private let relTypeCodes: [[[Int]?]]

    init(context: ExecutionContext, pattern: Pattern, predicate: Expr?, bound: Set<String>) throws(QueryError) {
        self.init(context: context, plan: Planner.plan(pattern, predicate: predicate, bound: bound, graph: context.graph))
    }

    init(context: ExecutionContext, plan: MatchPlan) {
        self.ctx = context
        self.plan = plan
        self.profiling = context.stepRows != nil
        self.graph = context.graph
        var codes: [Int] = [], ranges: [Range<Int>] = [], base: [Int] = []
        for part in plan.pattern {
            base.append(ranges.count)
            for np in part.nodes {
                let start = codes.count
                codes += np.labels.map { context.graph.labelCode($0) }
                ranges.append(start..<codes.count)
            }
        }
        self.labelCodes = codes
        self.labelRanges = ranges
        self.nodeBase = base
        self.relTypeCodes = plan.pattern.map { part in
            part.rels.map { rel in rel.types.isEmpty ? nil : rel.types.map { context.graph.typeCode($0) } }
        }
        var later = Array(repeating: false, count: plan.steps.count)
        var seen = false
        for i in plan.steps.indices.reversed() {
            later[i] = seen
            switch plan.steps[i] {
            case .expand, .shortest: seen = true
            default: break
            }
        }
        self.laterExpansion = later
    }

    /// Whether PROFILE counts the rows of each step.
    private let profiling: Bool

    /// For each step: whether a relationship expansion follows it (and so needs the set of used relationships).
    private let laterExpansion: [Bool]

    private struct State {
        var row: Row
        var used: UsedEdges
        var nodes: [[Int]]
        var rels: [[[Int]]]
        /// Whether the last step counts its matches instead of producing them (`runCounting`).
        var counting = false
    }

    /// What a step hands on: a match, and how many matches it stands for (1, or a factorised count).
    private typealias Sink = (Row, Int) throws(QueryError) -> Bool

    /// Calls `body` for each match; `body` returns false to stop.
    func run(_ row: Row, _ body: (Row) throws(QueryError) -> Bool) throws(QueryError) {
        try run(row, counting: false) { (r: Row, _: Int) throws(QueryError) -> Bool in try body(r) }
    }

    /// Like `forEachMatch`, but when the plan's last step counts (`MatchPlan.countsLast`), calls
    /// `body` once per binding of the earlier steps with the number of ways the last hop
    /// completes it — relationships of the right type and direction whose far node has the
    /// labels, minus those the match already uses (relationship uniqueness) — instead of once
    /// per completed match. The row passed then lacks the last hop's (unread) variables.
    func runCounting(_ row: Row, _ body: (Row, Int) throws(QueryError) -> Void) throws(QueryError) {
        try run(row, counting: plan.countsLast) { (r: Row, n: Int) throws(QueryError) -> Bool in try body(r, n); return true }
    }

    private func run(_ row: Row, counting: Bool, _ body: Sink) throws(QueryError) {
        for f in plan.initialFilters where try ctx.truth(f, row) != true { return }
        var st = State(row: row, used: UsedEdges(),
                       nodes: plan.pattern.map { Array(repeating: -1, count: $0.nodes.count) },
                       rels: plan.pattern.map { Array(repeating: [], count: $0.rels.count) }, counting: counting)
        _ = try step(0, &st, body)
    }

    func forEachMatch(_ row: Row, _ body: (Row) throws(QueryError) -> Void) throws(QueryError) {
        try run(row) { (r: Row) throws(QueryError) -> Bool in try body(r); return true }
    }

    func exists(_ row: Row) throws(QueryError) -> Bool {
        var found = false
        try run(row) { _ in found = true; return false }
        return found
    }

    /// Checks step `i`'s filters, then runs the next step.
    private func next(_ i: Int, _ st: inout State, _ body: Sink) throws(QueryError) -> Bool {
        // By index: a for-in over the filters copies (retains and releases) each one per row.
        for k in plan.filtersAfter[i].indices where try ctx.truth(plan.filtersAfter[i][k], st.row) != true { return true }
        if profiling { ctx.countStepRow(plan.id, i) }
        return try step(i + 1, &st, body)
    }

    /// Returns false when the caller asked to stop.
    ///
    /// The state is extended in place and restored after each candidate (backtracking), so a
    /// step costs no copies of the row, the used set or the bound handles.
    private func step(_ i: Int, _ st: inout State, _ body: Sink) throws(QueryError) -> Bool {
        try ctx.tick()
        if ctx.budgetExceeded { try ctx.checkBudget() }
        if i == plan.steps.count { return try body(st.row, 1) }
        if st.counting && i == plan.steps.count - 1, case .expand(let p, let r, let forward) = plan.steps[i] {
            let n = try countExpansion(p, r, forward, st)
            if profiling { ctx.countStepRow(plan.id, i, n) }
            return try body(st.row, n)
        }
        switch plan.steps[i] {
        case .start(let p, let n, let access):
            let np = plan.pattern[p].nodes[n]
            let found = try candidates(access, st.row)
            ctx.dbHits += found.count
            let free = isFree(np, st)
            defer { clear(np, free, &st) }
            for h in found {
                guard let undo = try bindNode(np, h, p, n, &st, free: free) else { continue }
                let go = try next(i, &st, body)
                unbind(undo, &st)
                if !go { return false }
            }
            return true
        case .expand(let p, let r, let forward):
            let part = plan.pattern[p]
            let rel = part.rels[r]
            let fromIndex = forward ? r : r + 1, toIndex = forward ? r + 1 : r
            let from = st.nodes[p][fromIndex]
            var dir = rel.direction
            if !forward { dir = dir == .outgoing ? .incoming : (dir == .incoming ? .outgoing : .both) }
            let relProps = try rel.properties.map { (e: Expr) throws(QueryError) in try ctx.eval(e, st.row) }
            let trackUsed = laterExpansion[i]
            let trackPath = part.pathVariable != nil
            if var length = rel.length {
                if length.max == nil, let cap = ctx.limits.maxPathLength { length.max = max(cap, length.min) }
                var result = true
                let used = st.used
                let free = isFree(part.nodes[toIndex], st)
                defer { clear(part.nodes[toIndex], free, &st) }
                try walk(from: from, dir: dir, rel: rel, props: relProps, length: length, used: used, path: []) {
                    (edges: [Int], end: Int) throws(QueryError) -> Bool in
                    // Copies of the hop list cost O(length) per path: make them only when something reads them.
                    let ordered = forward ? edges : edges.reversed()
                    var oldVar: QueryValue? = nil
                    if let v = rel.variable {
                        let value = QueryValue.list(ordered.map(QueryValue.edge))
                        oldVar = st.row[v]
                        if let old = oldVar, old != value { return true }
                        st.row[v] = value
                    }
                    let oldRels = st.rels[p][r]
                    if trackUsed { st.used.formUnion(edges) }
                    if trackPath { st.rels[p][r] = ordered }
                    var go = true
                    if let undo = try bindNode(part.nodes[toIndex], end, p, toIndex, &st, free: free) {
                        go = try next(i, &st, body)
                        unbind(undo, &st)
                    }
                    if trackUsed { st.used.subtract(edges) }
                    if trackPath { st.rels[p][r] = oldRels }
                    if let v = rel.variable { st.row[v] = oldVar }
                    if !go { result = false }
                    return go
                }
                return result
            }
            let relTypes = relTypeCodes[p][r]
            // Both directions through one loop: the outgoing list, then the incoming one.
            let toNode = part.nodes[toIndex]
            let free = isFree(toNode, st)
            // Bound once per expansion (not per edge) when free; cleared when the loop ends.
            let relFree = rel.variable.map { st.row[$0] == nil } ?? false
            defer {
                clear(toNode, free, &st)
                if relFree, let v = rel.variable { st.row[v] = nil }
            }
            for li in 0..<(dir == .both ? 2 : 1) {
            let list = adjacency(from, outgoing: li == 0 && dir != .incoming, relTypes)
            ctx.dbHits += list.count
            for a in list {
                let e = a.edge, other = a.other
                if dir == .both && li == 1 && other == from { continue }  // a self-loop is listed once
                if let relTypes, relTypes.count != 1, !relTypes.contains(Int(a.typeCode)) { continue }
                if (!st.used.isEmpty && st.used.contains(e)) || (relProps != nil && !edgeMatches(e, nil, relProps)) { continue }
                if let v = rel.variable {
                    if relFree {
                        st.row[v] = .edge(e)
                    } else {
                        guard case .edge(let oe)? = st.row[v], oe == e else { continue }
                    }
                }
                if trackUsed { st.used.insert(e) }
                let oldRels = trackPath ? st.rels[p][r] : []
                if trackPath { st.rels[p][r] = [e] }
                var go = true
                if let undo = try bindNode(toNode, other, p, toIndex, &st, free: free) {
                    go = try next(i, &st, body)
                    unbind(undo, &st)
                }
                if trackUsed { st.used.remove(e) }
                if trackPath { st.rels[p][r] = oldRels }
                if !go { return false }
            }
            }
            return true
        case .shortest(let p):
            let part = plan.pattern[p]
            let rel = part.rels[0]
            let a = st.nodes[p][0], b = st.nodes[p][part.nodes.count - 1]
            let relProps = try rel.properties.map { (e: Expr) throws(QueryError) in try ctx.eval(e, st.row) }
            for edges in try shortestPaths(from: a, to: b, rel: rel, props: relProps, all: part.shortest == .all) {
                let oldVar = rel.variable.flatMap { st.row[$0] }
                let oldRels = st.rels[p][0]
                if let v = rel.variable { st.row[v] = .list(edges.map(QueryValue.edge)) }
                st.rels[p][0] = edges
                let go = try next(i, &st, body)
                if let v = rel.variable { st.row[v] = oldVar }
                st.rels[p][0] = oldRels
                if !go { return false }
            }
            return true
        case .bindPath(let p):
            var nodes = [st.nodes[p][0]]
            var edges: [Int] = []
            for r in plan.pattern[p].rels.indices {
                var at = nodes.last!
                for e in st.rels[p][r] {
                    edges.append(e)
                    let from = graph.from(edge: e)
                    at = from == at ? graph.to(edge: e) : from
                    nodes.append(at)
                }
            }
            guard let v = plan.pattern[p].pathVariable else { return try next(i, &st, body) }
            let old = st.row[v]
            st.row[v] = .path(Path(nodes: nodes, edges: edges))
            let go = try next(i, &st, body)
            st.row[v] = old
            return go
        }
    }

    /// The edges leaving (`outgoing`) or entering `node` that a hop of types `relTypes` reads: for
    /// one type, the contiguous slice of that type in the node's row (rows are grouped by type);
    /// otherwise the whole row, which the caller filters by type. No copy.
    @inline(__always)
    private func adjacency(_ node: Int, outgoing: Bool, _ relTypes: [Int]?) -> ArraySlice<AdjacentEdge> {
        if let relTypes, relTypes.count == 1 { return graph.adjacency(node, typeCode: relTypes[0], outgoing: outgoing) }
        return graph.adjacency(node, outgoing: outgoing)
    }

    /// The number of ways relationship `r` of part `p` extends the bound match in `st`: edges
    /// of its types in its direction, not used by the match, whose far node has the pattern's
    /// labels (the planner only counts hops without properties or variables anyone reads).
    private func countExpansion(_ p: Int, _ r: Int, _ forward: Bool, _ st: State) throws(QueryError) -> Int {
        let part = plan.pattern[p]
        let rel = part.rels[r]
        let from = st.nodes[p][forward ? r : r + 1]
        let labels = labelRanges[nodeBase[p] + (forward ? r + 1 : r)]
        var dir = rel.direction
        if !forward { dir = dir == .outgoing ? .incoming : (dir == .incoming ? .outgoing : .both) }
        let relTypes = relTypeCodes[p][r]
        if dir != .both, let n = countFromDegrees(from, outgoing: dir == .outgoing, relTypes, labels, st) { return n }
        var n = 0
        for li in 0..<(dir == .both ? 2 : 1) {
            let list = adjacency(from, outgoing: li == 0 && dir != .incoming, relTypes)
            ctx.dbHits += list.count
            for a in list {
                if dir == .both && li == 1 && a.other == from { continue }
                if let relTypes, relTypes.count != 1, !relTypes.contains(Int(a.typeCode)) { continue }
                if !st.used.isEmpty && st.used.contains(a.edge) { continue }
                guard graph.isAlive(node: a.other) else { continue }
                if !labels.isEmpty {
                    var ok = true
                    for k in labels where !graph.hasLabel(node: a.other, code: labelCodes[k]) { ok = false; break }
                    if !ok { continue }
                }
                n += 1
            }
        }
        return n
    }

    /// `countExpansion` without walking the adjacency, when the graph's per-type degrees answer
    /// it: every type of the hop guarantees the far node's labels, and the edges the match has
    /// used already (openCypher binds a relationship once per match) are subtracted one by one.
    /// Nil when the labels are not implied (the caller walks the list).
    private func countFromDegrees(_ from: Int, outgoing out: Bool, _ relTypes: [Int]?, _ labels: Range<Int>, _ st: State) -> Int? {
        guard let relTypes, relTypes.count == 1 || Set(relTypes).count == relTypes.count else { return nil }
        for t in relTypes {
            for k in labels where !graph.typeImpliesLabel(t, label: labelCodes[k], atEnd: out) { return nil }
        }
        var n = 0
        for t in relTypes { n += graph.degree(from, typeCode: t, outgoing: out) }
        for e in st.used.elements where graph.isAlive(edge: e) && (out ? graph.from(edge: e) : graph.to(edge: e)) == from
            && relTypes.contains(graph.typeCode(edge: e)) {
            n -= 1
        }
        ctx.dbHits += 1
        return n
    }

    private func candidates(_ access: NodeAccess, _ row: Row) throws(QueryError) -> [Int] {
        switch access {
        case .bound(let v):
            if case .node(let h) = row[v] ?? .null { return [h] }
            return []
        case .idLookup(let e):
            switch try ctx.eval(e, row) {
            case .string(let id): return graph.node(id: id).map { [$0] } ?? []
            case .list(let ids):
                var seen = Set<Int>()
                return ids.compactMap { v -> Int? in
                    guard case .string(let id) = v, let h = graph.node(id: id), seen.insert(h).inserted else { return nil }
                    return h
                }
            default: return []
            }
        case .nameLookup(let e):
            switch try ctx.eval(e, row) {
            case .string(let name): return graph.nodes(named: name)
            case .null: return []
            default: return graph.nodeHandles  // not a name: no index applies
            }
        case .labelScan(let l): return graph.nodes(labelled: l)
        case .allNodes: return graph.nodeHandles
        }
    }

    /// What `bindNode` changed, for `unbind`.
    private struct Undo {
        var p: Int, n: Int, old: Int
    }

    /// Whether the node pattern's variable is still unbound in the row (then each candidate
    /// binds it by assignment, and `clear` removes it once all candidates are done).
    private func isFree(_ np: NodePattern, _ st: State) -> Bool {
        np.variable.map { st.row[$0] == nil } ?? false
    }

    private func clear(_ np: NodePattern, _ free: Bool, _ st: inout State) {
        if free, let v = np.variable { st.row[v] = nil }
    }

    /// Binds node `h` to node pattern `n` of part `p` if it fits (labels, properties, an
    /// earlier binding of the same variable). `free`: see `isFree`.
    private func bindNode(_ np: NodePattern, _ h: Int, _ p: Int, _ n: Int, _ st: inout State, free: Bool) throws(QueryError) -> Undo? {
        guard graph.isAlive(node: h) else { return nil }
        for k in labelRanges[nodeBase[p] + n] where !graph.hasLabel(node: h, code: labelCodes[k]) { return nil }
        if let v = np.variable, !free {
            guard case .node(let oh)? = st.row[v], oh == h else { return nil }
        }
        if let pe = np.properties {
            // The previous candidate's binding must not be visible to the property map.
            if free, let v = np.variable { st.row[v] = nil }
            guard case .map(let m) = try ctx.eval(pe, st.row) else { return nil }
            for (k, want) in m {
                guard ValueSemantics.equals(graph.property(node: h, k).map(QueryValue.init) ?? .null, want) == true else { return nil }
            }
        }
        let undo = Undo(p: p, n: n, old: st.nodes[p][n])
        st.nodes[p][n] = h
        if free, let v = np.variable { st.row[v] = .node(h) }
        return undo
    }

    private func unbind(_ u: Undo, _ st: inout State) {
        st.nodes[u.p][u.n] = u.old
    }

    private func edgeMatches(_ e: Int, _ rel: RelPattern, _ props: QueryValue?) -> Bool {
        edgeMatches(e, rel.types.isEmpty ? nil : rel.types.map { graph.typeCode($0) }, props)
    }

    /// `types`: the wanted relationship types as the store's type codes (nil: any type).
    private func edgeMatches(_ e: Int, _ types: [Int]?, _ props: QueryValue?) -> Bool {
        if let types, !types.contains(graph.typeCode(edge: e)) { return false }
        if let props {
            guard case .map(let m) = props else { return false }
            for (k, want) in m {
                guard ValueSemantics.equals(graph.property(edge: e, k).map(QueryValue.init) ?? .null, want) == true else { return false }
            }
        }
        return true
    }

    /// Edges at node `h` in a direction, with the node at their other end. A self-loop is listed once.
    private func adjacent(_ h: Int, _ dir: RelDirection) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        defer { ctx.dbHits += out.count }
        if dir != .incoming { for e in graph.outgoing(h) { out.append((e, graph.to(edge: e))) } }
        if dir != .outgoing {
            for e in graph.incoming(h) {
                let from = graph.from(edge: e)
                if dir == .both && from == graph.to(edge: e) { continue }
                out.append((e, from))
            }
        }
        return out
    }

    /// Depth-first enumeration of relationship sequences with a length in `length`, each relationship
    /// at most once. Iterative (an explicit stack), so a long chain cannot exhaust the call stack.
    private func walk(from: Int, dir: RelDirection, rel: RelPattern, props: QueryValue?, length: VarLength, used: UsedEdges,
                      path: [Int], _ yield: ([Int], Int) throws(QueryError) -> Bool) throws(QueryError) {
        struct Frame { var node: Int; var edges: [(Int, Int)]; var next: Int }
        var edgesInPath: [Int] = []
        var inPath = UsedEdges()
        var stack: [Frame] = []
        let types = rel.types.isEmpty ? nil : rel.types.map { graph.typeCode($0) }
        func enter(_ node: Int) throws(QueryError) -> Bool {
            if edgesInPath.count >= length.min {
                if try !yield(edgesInPath, node) { return false }
            }
            let expand = length.max.map { edgesInPath.count < $0 } ?? true
            stack.append(Frame(node: node, edges: expand ? adjacent(node, dir) : [], next: 0))
            return true
        }
        if try !enter(from) { return }
        while !stack.isEmpty {
            if ctx.budgetExceeded { try ctx.checkBudget() }
            let top = stack.count - 1
            if stack[top].next >= stack[top].edges.count {
                stack.removeLast()
                if let e = edgesInPath.popLast() { inPath.remove(e) }
                continue
            }
            let (e, other) = stack[top].edges[stack[top].next]
            stack[top].next += 1
            if used.contains(e) || inPath.contains(e) || !edgeMatches(e, types, props) { continue }
            try ctx.expanded()
            edgesInPath.append(e)
            inPath.insert(e)
            if try !enter(other) { return }
        }
    }

    /// Breadth-first search: the shortest relationship sequences from a to b (one, or all of them).
    private func shortestPaths(from a: Int, to b: Int, rel: RelPattern, props: QueryValue?, all: Bool) throws(QueryError) -> [[Int]] {
        let minLen = rel.length?.min ?? 1, maxLen = rel.length?.max ?? (rel.length == nil ? 1 : Int.max)
        if a == b && minLen == 0 { return [[]] }
        // Layered BFS keeping every predecessor edge on a shortest route.
        var dist: [Int: Int] = [a: 0]
        var preds: [Int: [(Int, Int)]] = [:]
        var frontier = [a]
        var depth = 0
        var found = false
        while !frontier.isEmpty && depth < maxLen && !found {
            depth += 1
            var next: [Int] = []
            for u in frontier {
                for (e, v) in adjacent(u, rel.direction) where edgeMatches(e, rel, props) {
                    try ctx.expanded()
                    if let d = dist[v], d < depth { continue }
                    if dist[v] == nil { dist[v] = depth; next.append(v) }
                    preds[v, default: []].append((e, u))
                    if v == b { found = true }
                }
            }
            frontier = next
        }
        guard found, depth >= minLen else { return [] }
        var out: [[Int]] = []
        func back(_ v: Int, _ suffix: [Int]) throws(QueryError) {
            try ctx.tick()
            if !all && !out.isEmpty { return }
            if v == a && suffix.count == depth { out.append(suffix); return }
            if suffix.count >= depth { return }
            for (e, u) in preds[v] ?? [] where (dist[u] ?? -1) == depth - suffix.count - 1 {
                try back(u, [e] + suffix)
            }
        }
        try back(b, [])
        return out
    }
}
