import KGCore

/// Where the values of a result came from: the statement rewritten so that, beside its own
/// columns, it also returns the nodes and relationships its final RETURN read (`r.name` → `r`)
/// and the relationships its last MATCH clauses crossed (named for the purpose when anonymous).
/// `:why N` and `:export` of a property result use it.
///
///     let lineage = try Lineage(of: "MATCH (f:Figure)-[:MEASURES]->(r:Role) RETURN f.value, r.name")
///     // lineage.text: "MATCH (f:Figure)-[__why_rel1:MEASURES]->(r:Role) RETURN f.value, r.name, f AS __why_1, …"
///
/// Only read-only single queries are traced (running the rewrite must not write). Through each
/// `WITH` the sources in scope ride along in extra columns (`collect(DISTINCT …)` of them where
/// the WITH aggregates), so `WITH f.value AS v RETURN v` is traced to `f` and an aggregate over
/// a `WITH` to every statement it counted.
public struct Lineage: Sendable {
    /// The rewritten statement (no ORDER BY, SKIP or LIMIT: rows are matched by their values).
    public let text: String
    /// How many of its leading columns are the original statement's.
    public let columns: Int
    /// True when the RETURN aggregates: each extra column is then the list of contributing values.
    public let aggregated: Bool

    /// Why a statement cannot be traced.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(of statement: String) throws(Refusal) {
        let source = SourceText(statement)
        let parsed: Statement
        do { parsed = try Parser.parse(source) } catch { throw Refusal(description: "the statement does not parse") }
        guard parsed.mode == .run else { throw Refusal(description: "EXPLAIN and PROFILE return no rows to trace") }
        guard parsed.queries.count == 1, let query = parsed.queries.first else {
            throw Refusal(description: "a UNION's rows are not traced to their part of the statement")
        }
        guard case .ret(let ret)? = query.clauses.last, !ret.star else {
            throw Refusal(description: "only a statement ending in RETURN (not RETURN *) is traced")
        }
        for clause in query.clauses {
            switch clause {
            case .create, .merge, .set, .remove, .delete:
                throw Refusal(description: "a statement that writes is not run again to trace it")
            default: break
            }
        }
        var edits: [(start: Int, end: Int, text: String)] = []
        // The variables in scope that values may have been read from: the nodes, relationships
        // and paths bound since the last WITH, and the columns each WITH carried for them.
        var variables: [String] = []
        func add(_ v: String) { if !variables.contains(v) { variables.append(v) } }
        var relCount = 0, withCount = 0
        for clause in query.clauses {
            switch clause {
            case .match(let pattern, _, _, _):
                for part in pattern {
                    if let p = part.pathVariable { add(p) }
                    for rel in part.rels {
                        if let v = rel.variable { add(v); continue }
                        relCount += 1
                        let name = "__why_rel\(relCount)"
                        let written = source.slice(rel.span.start, rel.span.end)
                        let replacement: String
                        if let bracket = written.firstIndex(of: "[") {
                            replacement = String(written[...bracket]) + name + String(written[written.index(after: bracket)...])
                        } else {
                            let left = written.hasPrefix("<") ? "<-" : "-", right = written.hasSuffix(">") ? "->" : "-"
                            replacement = left + "[" + name + "]" + right
                        }
                        edits.append((rel.span.start, rel.span.end, replacement))
                        add(name)
                    }
                }
            case .unwind(_, let v, _):
                add(v)   // a list of nodes unwound: each row's node is a source
            case .with(let projection, _):
                let aggregated = projection.items.contains { $0.expr.containsAggregate }
                if projection.star {
                    // Everything in scope stays in scope, the carried columns too.
                    guard !projection.distinct && !aggregated else {
                        throw Refusal(description: "WITH DISTINCT * and WITH * with an aggregate are not traced")
                    }
                    for item in projection.items { for v in item.expr.freeVariables.sorted() { add(v) } }
                    continue
                }
                for item in projection.items { for v in item.expr.freeVariables.sorted() { add(v) } }
                guard let first = projection.items.first, !variables.isEmpty else { variables = []; continue }
                // Each source rides along in a column of its own; where the WITH groups (or is
                // DISTINCT, which grouping replaces so the rows stay the same), the list of them.
                withCount += 1
                let grouped = aggregated || projection.distinct
                let names = variables.indices.map { "__why_w\(withCount)_\($0 + 1)" }
                let carried = zip(variables, names).map { v, n in (grouped ? "collect(DISTINCT `\(v)`)" : "`\(v)`") + " AS " + n }
                    .joined(separator: ", ") + ", "
                if projection.distinct && !aggregated {
                    edits.append((projection.span.start, first.expr.span.start, "WITH " + carried))
                } else {
                    edits.append((first.expr.span.start, first.expr.span.start, carried))
                }
                variables = names
            default:
                break
            }
        }
        for item in ret.items {
            for v in item.expr.freeVariables.sorted() where !variables.contains(v) { variables.append(v) }
        }
        let aggregated = ret.items.contains { $0.expr.containsAggregate }
        var items = ret.items.map { $0.text + ($0.alias.map { " AS `\($0)`" } ?? "") }
        for (i, v) in variables.enumerated() {
            items.append((aggregated ? "collect(DISTINCT `\(v)`)" : "`\(v)`") + " AS __why_\(i + 1)")
        }
        // DISTINCT stays only where grouping keeps the rows: without aggregation, extra columns would split them.
        let head = "RETURN " + (ret.distinct && aggregated ? "DISTINCT " : "")
        edits.append((ret.span.start, ret.span.end, head + items.joined(separator: ", ")))
        var chars = source.chars
        for e in edits.sorted(by: { $0.start > $1.start }) {
            chars.replaceSubrange(e.start..<min(e.end, chars.count), with: Array(e.text.unicodeScalars))
        }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: chars)
        self.text = String(text)
        self.columns = ret.items.count
        self.aggregated = aggregated
    }

    /// The nodes and relationships behind the rows of `result` (the rows the traced statement
    /// gave, `traced`) whose own columns equal `row`; nil when no traced row matches (the graph
    /// changed since). Relationships come first, as the statements the row rests on.
    public func sources(of row: [QueryValue], in traced: ResultSet) -> (nodes: [Int], edges: [Int])? {
        var nodes: [Int] = [], edges: [Int] = [], matched = false
        for t in traced.rows where t.count >= columns && Array(t[..<columns]) == row {
            matched = true
            for v in t[columns...] { Lineage.collect(v, &nodes, &edges) }
        }
        guard matched else { return nil }
        var seenN = Set<Int>(), seenE = Set<Int>()
        return (nodes.filter { seenN.insert($0).inserted }, edges.filter { seenE.insert($0).inserted })
    }

    /// The nodes and relationships in a value (lists, maps and paths opened).
    public static func collect(_ v: QueryValue, _ nodes: inout [Int], _ edges: inout [Int]) {
        switch v {
        case .node(let h): nodes.append(h)
        case .edge(let h): edges.append(h)
        case .path(let p): nodes += p.nodes; edges += p.edges
        case .list(let l): for x in l { collect(x, &nodes, &edges) }
        case .map(let m): for k in m.keys.sorted() { collect(m[k] ?? .null, &nodes, &edges) }
        default: break
        }
    }
}
