import KGCore

/// The physical plan of one statement, made once between binding and execution
/// (`QuerySession.run`: parse → bind → plan → execute): a `MatchPlan` for every MATCH and
/// MERGE clause and for every pattern inside an expression (`EXISTS { }`, pattern predicates,
/// pattern comprehensions). The executor runs this object for every row, EXPLAIN prints it,
/// and PROFILE prints it with what each of its operators did.
struct StatementPlan: Sendable {
    let statement: BoundStatement
    /// Per query, per clause: the plan of the clause's pattern (nil for clauses without one).
    private(set) var clauses: [[MatchPlan?]]
    /// Plans of the patterns inside expressions, by their expression's start offset.
    private(set) var subqueries: [Int: MatchPlan]
    /// Every plan of the statement by id (`MatchPlan.id`), in the order they were made.
    private(set) var all: [MatchPlan] = []
    /// Plans made while running, for rows bound otherwise than the binder foresaw (kept by id,
    /// like the others; counted in `built`).
    private(set) var built = 0
    /// Per `PropertyKey.position`: the key's code among node and among relationship
    /// properties when the statement was planned (-1: no element has it yet).
    let nodeKeyCodes: [Int]
    let edgeKeyCodes: [Int]

    init(_ st: BoundStatement, graph: Graph) {
        statement = st
        nodeKeyCodes = st.propertyKeys.map(graph.nodeProperties.code)
        edgeKeyCodes = st.propertyKeys.map(graph.edgeProperties.code)
        clauses = []
        subqueries = [:]
        for q in st.queries {
            var plans: [MatchPlan?] = []
            for (k, c) in q.clauses.enumerated() {
                switch c {
                case .match(let m):
                    var needed: Set<String>? = nil
                    if !m.optional, k + 1 < q.clauses.count, case .project(let p) = q.clauses[k + 1], p.isAggregating {
                        needed = StatementPlan.readBy(p)
                    }
                    plans.append(add(Planner.plan(m.pattern, predicate: m.predicate, bound: m.boundBefore, graph: graph,
                                                  needed: needed)))
                case .merge(let part, _, _, let bound, _):
                    plans.append(add(Planner.plan([part], predicate: nil, bound: bound, graph: graph)))
                default:
                    plans.append(nil)
                }
            }
            clauses.append(plans)
        }
        for (start, sub) in st.subqueries.sorted(by: { $0.key < $1.key }) {
            subqueries[start] = add(Planner.plan(sub.pattern, predicate: sub.predicate, bound: sub.bound, graph: graph))
        }
    }

    private mutating func add(_ plan: MatchPlan) -> MatchPlan {
        var p = plan
        p.id = all.count
        all.append(p)
        built += 1
        return p
    }

    /// Adds a plan made at run time (a row shaped otherwise than the binder's scope said).
    mutating func addRuntimePlan(_ plan: MatchPlan) -> MatchPlan { add(plan) }

    /// Variables an aggregating projection reads from its input rows: its items (aggregates
    /// already replaced by their slots) and the aggregates' arguments.
    static func readBy(_ p: BoundProjection) -> Set<String> {
        var s = Set<String>()
        for e in p.items { s.formUnion(e.freeVariables) }
        for a in p.aggregates { for e in a.args { s.formUnion(e.freeVariables) } }
        for (e, _) in p.order { s.formUnion(e.freeVariables) }
        if let f = p.filter { s.formUnion(f.freeVariables) }
        return s
    }
}
