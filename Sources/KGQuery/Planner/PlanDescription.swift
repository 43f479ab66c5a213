import KGCore

/// Text of EXPLAIN and PROFILE.
enum PlanDescription {
    static func explain(_ st: BoundStatement, graph: Graph, source: SourceText) -> String {
        var lines: [String] = []
        for (qi, q) in st.queries.enumerated() {
            if qi > 0 { lines.append(st.unionAll[qi - 1] ? "UnionAll" : "Union (distinct)") }
            for c in q.clauses {
                switch c {
                case .match(let m):
                    lines.append(Executor.name(c))
                    let plan = Planner.plan(m.pattern, predicate: m.predicate, bound: m.boundBefore, graph: graph)
                    lines += plan.describe(source: source).map { "  " + $0 }
                case .project(let p):
                    var s = Executor.name(c) + " " + p.columns.joined(separator: ", ")
                    if !p.order.isEmpty { s += "  then Sort" }
                    if p.skip != nil { s += "  then Skip" }
                    if p.limit != nil { s += "  then Limit" }
                    if p.filter != nil { s += "  then Filter" }
                    lines.append(s)
                default:
                    lines.append(Executor.name(c))
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static func profile(_ p: [(String, Int, Int, Double)]) -> String {
        var lines = ["Profile (per clause: rows out, db hits = nodes and relationships looked at, time):"]
        for (name, rows, hits, secs) in p {
            let ms = (secs * 1_000_000).rounded() / 1000
            lines.append("  \(name)  rows=\(rows)  db hits=\(hits)  time=\(ms) ms")
        }
        return lines.joined(separator: "\n")
    }
}
