import KGCore

/// Text of EXPLAIN and PROFILE: the statement's plan object (`StatementPlan`), the one the
/// executor runs — clause by clause, each pattern's operators with the index they use and
/// their estimated rows, the patterns inside expressions after them; PROFILE adds what each
/// clause and each operator did.
enum PlanDescription {
    static func explain(_ plan: StatementPlan, source: SourceText, profile: [[ClauseProfile?]]? = nil,
                        stepRows: [[Int]]? = nil) -> String {
        let st = plan.statement
        var lines: [String] = []
        for (qi, q) in st.queries.enumerated() {
            if qi > 0 { lines.append(st.unionAll[qi - 1] ? "UnionAll" : "Union (distinct)") }
            for (k, c) in q.clauses.enumerated() {
                var head: String
                switch c {
                case .project(let p):
                    head = Executor.name(c) + " " + p.columns.joined(separator: ", ")
                    if !p.order.isEmpty { head += "  then Sort" }
                    if p.skip != nil { head += "  then Skip" }
                    if p.limit != nil { head += "  then Limit" }
                    if p.filter != nil { head += "  then Filter" }
                default:
                    head = Executor.name(c)
                }
                if let m = plan.clauses[qi][k], m.countsLast { head += "  (counts its last hop)" }
                if let cp = profile?[qi][k] {
                    let ms = (cp.seconds * 1_000_000).rounded() / 1000
                    head += "  [rows=\(cp.rows) db hits=\(cp.dbHits) time=\(ms) ms\(cp.fused ? ", with the projection after it" : "")]"
                }
                lines.append(head)
                if let m = plan.clauses[qi][k] {
                    lines += describe(m, source: source, rows: stepRows).map { "  " + $0 }
                }
            }
        }
        for (start, sub) in st.subqueries.sorted(by: { $0.key < $1.key }) {
            guard let m = plan.subqueries[start] else { continue }
            lines.append("\(sub.kind) at \(sub.span.line):\(sub.span.column) (planned once, run per row)")
            lines += describe(m, source: source, rows: stepRows).map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ m: MatchPlan, source: SourceText, rows: [[Int]]?) -> [String] {
        let stepRows = rows.flatMap { m.id < $0.count ? $0[m.id] : nil }
        return m.describe(source: source, rows: stepRows)
    }
}
