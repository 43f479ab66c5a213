import KGCore

/// Runs a MatchPlan against the graph for one input row, yielding every extended row.
///
/// Relationship uniqueness: within one MATCH, a relationship is bound at most once across
/// all its pattern parts (openCypher's rule), including inside variable-length hops.
struct PatternMatcher {
    let ctx: ExecutionContext
    let plan: MatchPlan

    init(context: ExecutionContext, pattern: Pattern, predicate: Expr?, bound: Set<String>) throws(QueryError) {
        self.init(context: context, plan: Planner.plan(pattern, predicate: predicate, bound: bound, graph: context.graph))
    }

    init(context: ExecutionContext, plan: MatchPlan) {
        self.ctx = context
        self.plan = plan
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

    /// For each step: whether a relationship expansion follows it (and so needs the set of used relationships).
    private let laterExpansion: [Bool]

    private struct State {
        var row: Row
        var used: Set<Int>
        var nodes: [[Int]]
        var rels: [[[Int]]]
    }

    /// Calls `body` for each match; `body` returns false to stop.
    func run(_ row: Row, _ body: (Row) throws(QueryError) -> Bool) throws(QueryError) {
        for f in plan.initialFilters where try ctx.truth(f, row) != true { return }
        let st = State(row: row, used: [],
                       nodes: plan.pattern.map { Array(repeating: -1, count: $0.nodes.count) },
                       rels: plan.pattern.map { Array(repeating: [], count: $0.rels.count) })
        _ = try step(0, st, body)
    }

    func forEachMatch(_ row: Row, _ body: (Row) throws(QueryError) -> Void) throws(QueryError) {
        try run(row) { (r: Row) throws(QueryError) -> Bool in try body(r); return true }
    }

    func exists(_ row: Row) throws(QueryError) -> Bool {
        var found = false
        try run(row) { _ in found = true; return false }
        return found
    }

    /// Returns false when the caller asked to stop.
    private func step(_ i: Int, _ st: State, _ body: (Row) throws(QueryError) -> Bool) throws(QueryError) -> Bool {
        try ctx.tick()
        if ctx.budgetExceeded { try ctx.checkBudget() }
        if i == plan.steps.count { return try body(st.row) }
        func next(_ s: State) throws(QueryError) -> Bool {
            for f in plan.filtersAfter[i] where try ctx.truth(f, s.row) != true { return true }
            return try step(i + 1, s, body)
        }
        switch plan.steps[i] {
        case .start(let p, let n, let access):
            let np = plan.pattern[p].nodes[n]
            let found = try candidates(access, st.row)
            ctx.dbHits += found.count
            for h in found {
                guard let s = try bindNode(np, h, p, n, st) else { continue }
                if try !next(s) { return false }
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
            if var length = rel.length {
                if length.max == nil, let cap = ctx.limits.maxPathLength { length.max = max(cap, length.min) }
                var result = true
                try walk(from: from, dir: dir, rel: rel, props: relProps, length: length, used: st.used, path: []) {
                    (edges: [Int], end: Int) throws(QueryError) -> Bool in
                    var s = st
                    // Copies of the hop list cost O(length) per path: make them only when something reads them.
                    let ordered = forward ? edges : edges.reversed()
                    if let v = rel.variable {
                        let value = QueryValue.list(ordered.map(QueryValue.edge))
                        if let old = s.row[v], old != value { return true }
                        s.row[v] = value
                    }
                    if laterExpansion[i] { s.used.formUnion(edges) }
                    if part.pathVariable != nil { s.rels[p][r] = ordered }
                    guard let s2 = try bindNode(part.nodes[toIndex], end, p, toIndex, s) else { return true }
                    if try !next(s2) { result = false; return false }
                    return true
                }
                return result
            }
            for (e, other) in adjacent(from, dir) {
                if st.used.contains(e) || !edgeMatches(e, rel, relProps) { continue }
                var s = st
                if let v = rel.variable {
                    if let old = s.row[v] {
                        guard case .edge(let oe) = old, oe == e else { continue }
                    }
                    s.row[v] = .edge(e)
                }
                s.used.insert(e)
                s.rels[p][r] = [e]
                guard let s2 = try bindNode(part.nodes[toIndex], other, p, toIndex, s) else { continue }
                if try !next(s2) { return false }
            }
            return true
        case .shortest(let p):
            let part = plan.pattern[p]
            let rel = part.rels[0]
            let a = st.nodes[p][0], b = st.nodes[p][part.nodes.count - 1]
            let relProps = try rel.properties.map { (e: Expr) throws(QueryError) in try ctx.eval(e, st.row) }
            for edges in try shortestPaths(from: a, to: b, rel: rel, props: relProps, all: part.shortest == .all) {
                var s = st
                if let v = rel.variable { s.row[v] = .list(edges.map(QueryValue.edge)) }
                s.rels[p][0] = edges
                if try !next(s) { return false }
            }
            return true
        case .bindPath(let p):
            var s = st
            var nodes = [st.nodes[p][0]]
            var edges: [Int] = []
            for r in plan.pattern[p].rels.indices {
                var at = nodes.last!
                for e in st.rels[p][r] {
                    edges.append(e)
                    let edge = ctx.graph.edges[e]
                    at = edge.from == at ? edge.to : edge.from
                    nodes.append(at)
                }
            }
            if let v = plan.pattern[p].pathVariable { s.row[v] = .path(Path(nodes: nodes, edges: edges)) }
            return try next(s)
        }
    }

    private func candidates(_ access: NodeAccess, _ row: Row) throws(QueryError) -> [Int] {
        switch access {
        case .bound(let v):
            if case .node(let h) = row[v] ?? .null { return [h] }
            return []
        case .idLookup(let e):
            switch try ctx.eval(e, row) {
            case .string(let id): return ctx.graph.node(id: id).map { [$0] } ?? []
            case .list(let ids):
                var seen = Set<Int>()
                return ids.compactMap { v -> Int? in
                    guard case .string(let id) = v, let h = ctx.graph.node(id: id), seen.insert(h).inserted else { return nil }
                    return h
                }
            default: return []
            }
        case .nameLookup(let e):
            switch try ctx.eval(e, row) {
            case .string(let name): return ctx.graph.nodes(named: name)
            case .null: return []
            default: return ctx.graph.nodeHandles  // not a name: no index applies
            }
        case .labelScan(let l): return ctx.graph.nodes(labelled: l)
        case .allNodes: return ctx.graph.nodeHandles
        }
    }

    private func bindNode(_ np: NodePattern, _ h: Int, _ p: Int, _ n: Int, _ st: State) throws(QueryError) -> State? {
        guard ctx.graph.isAlive(node: h) else { return nil }
        let node = ctx.graph.nodes[h]
        for l in np.labels where !node.labels.contains(l) { return nil }
        if let v = np.variable, let old = st.row[v] {
            guard case .node(let oh) = old, oh == h else { return nil }
        }
        if let pe = np.properties {
            guard case .map(let m) = try ctx.eval(pe, st.row) else { return nil }
            for (k, want) in m {
                guard ValueSemantics.equals(node.properties[k].map(QueryValue.init) ?? .null, want) == true else { return nil }
            }
        }
        var s = st
        s.nodes[p][n] = h
        if let v = np.variable { s.row[v] = .node(h) }
        return s
    }

    private func edgeMatches(_ e: Int, _ rel: RelPattern, _ props: QueryValue?) -> Bool {
        let edge = ctx.graph.edges[e]
        if !rel.types.isEmpty && !rel.types.contains(edge.type) { return false }
        if let props {
            guard case .map(let m) = props else { return false }
            for (k, want) in m {
                guard ValueSemantics.equals(edge.properties[k].map(QueryValue.init) ?? .null, want) == true else { return false }
            }
        }
        return true
    }

    /// Edges at node `h` in a direction, with the node at their other end. A self-loop is listed once.
    private func adjacent(_ h: Int, _ dir: RelDirection) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        defer { ctx.dbHits += out.count }
        if dir != .incoming { for e in ctx.graph.outgoing(h) { out.append((e, ctx.graph.edges[e].to)) } }
        if dir != .outgoing {
            for e in ctx.graph.incoming(h) {
                let edge = ctx.graph.edges[e]
                if dir == .both && edge.from == edge.to { continue }
                out.append((e, edge.from))
            }
        }
        return out
    }

    /// Depth-first enumeration of relationship sequences with a length in `length`, each relationship
    /// at most once. Iterative (an explicit stack), so a long chain cannot exhaust the call stack.
    private func walk(from: Int, dir: RelDirection, rel: RelPattern, props: QueryValue?, length: VarLength, used: Set<Int>,
                      path: [Int], _ yield: ([Int], Int) throws(QueryError) -> Bool) throws(QueryError) {
        struct Frame { var node: Int; var edges: [(Int, Int)]; var next: Int }
        var edgesInPath: [Int] = []
        var inPath = Set<Int>()
        var stack: [Frame] = []
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
            if used.contains(e) || inPath.contains(e) || !edgeMatches(e, rel, props) { continue }
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
