import KGCore
import KGQuery

/// A statement compiled to one Spark SQL query: its text, the result columns (named as the
/// in-memory engine names them) and the type of each, which decodes the rows Spark returns.
public struct CompiledQuery: Sendable, Equatable {
    public var sql: String
    public var columns: [String]
    public var types: [SQLType]
    public var explain: Bool
    /// Columns whose SQL null is openCypher's integer 0 (a float `sum` of no values).
    public var nullIsZero: Set<Int> = []
}

/// What the compiler knows of an expression's value, to pick the SQL that keeps openCypher's
/// meaning (integer division, comparisons across types) and to decode results.
public indirect enum SQLType: Sendable, Equatable {
    case int, float, bool, string, null
    case list(SQLType)
    /// A string or a number the compiler cannot tell apart (e.g. `coalesce` of both).
    case unknown

    var isNumber: Bool { self == .int || self == .float }
    init(_ c: SparkColumnType) {
        switch c {
        case .bigint: self = .int
        case .double: self = .float
        case .boolean: self = .bool
        case .string: self = .string
        case .json: self = .unknown
        }
    }
}

/// Compiles a bound openCypher read query to Spark SQL over the tables of `kgq push`.
///
/// Translated: node label scans and property seeks, fixed-length patterns as joins (direction,
/// alternative types, relationship uniqueness within a MATCH), several MATCH clauses, WHERE,
/// RETURN with aliases, aggregation (`count`, `sum`, `avg`, `min`, `max`, `collect`, with
/// DISTINCT), RETURN DISTINCT, ORDER BY (openCypher's null order), SKIP and LIMIT. Anything else
/// is a `QueryError` naming the construct: a statement is translated whole or not at all.
///
///     let q = try SparkSQLCompiler(schema: schema, text: text).compile(BoundStatement.bind(text))
public struct SparkSQLCompiler: Sendable {
    public let schema: SparkSchema
    /// The statement's text, for error positions.
    public let text: String

    public init(schema: SparkSchema, text: String) {
        self.schema = schema
        self.text = text
    }

    /// The error for a construct with no translation yet, at `span`.
    func unsupported(_ what: String, _ span: SourceSpan, help: String? = nil) -> QueryError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let known = span.line > 0 && span.line <= lines.count
        return QueryError(type: .semanticError, detail: SparkSQLCompiler.unsupportedDetail, phase: .compileTime,
                          message: "\(what) is not translated to Spark SQL yet",
                          line: known ? span.line : nil, column: known ? span.column : nil,
                          lineText: known ? String(lines[span.line - 1]) : nil,
                          help: help ?? "run the statement without --engine (in memory), or see docs/spark.md for what translates")
    }

    /// The detail code of every "not translated yet" error.
    public static let unsupportedDetail = QueryErrorDetail(rawValue: "NotTranslatedToSpark")

    public func compile(_ st: BoundStatement) throws(QueryError) -> CompiledQuery {
        let start = SourceSpan.none
        if st.mode == .profile { throw unsupported("PROFILE", start, help: "use EXPLAIN to see the SQL and Spark's plan") }
        if st.writes { throw unsupported("a writing clause (CREATE, MERGE, SET, REMOVE, DELETE)", start, help: "Spark tables are read-only to kgq; edit the graph folder and push it again") }
        guard st.queries.count == 1, let q = st.queries.first else { throw unsupported("UNION", start) }
        var scope = Scope(schema: schema)
        var from = FromClause()
        var returned: BoundProjection? = nil
        for (i, clause) in q.clauses.enumerated() {
            switch clause {
            case .match(let m):
                if m.optional { throw unsupported("OPTIONAL MATCH", m.span) }
                try addMatch(m, scope: &scope, from: &from)
            case .project(let p):
                guard p.isReturn, i == q.clauses.count - 1 else { throw unsupported("WITH", p.span) }
                returned = p
            case .unwind: throw unsupported("UNWIND", start)
            default: throw unsupported("a writing clause", start)
            }
        }
        guard let p = returned else { throw unsupported("a query without RETURN", start) }
        if from.items.isEmpty { throw unsupported("RETURN without MATCH", p.span) }
        let (sql, items) = try projection(p, scope: scope, from: from)
        return CompiledQuery(sql: sql, columns: p.columns, types: items.map(\.type), explain: st.mode == .explain,
                             nullIsZero: Set(items.indices.filter { items[$0].nullIsZero }))
    }

    // MARK: patterns

    /// The FROM clause built so far: table items joined with their ON conditions, and the
    /// conditions that go to WHERE.
    struct FromClause {
        var items: [String] = []
        var conditions: [String] = []
        var sql: String {
            var s = items.joined(separator: "\n  ")
            if !conditions.isEmpty { s += "\nWHERE " + conditions.map { "(\($0))" }.joined(separator: "\n  AND ") }
            return s
        }
    }

    private func addMatch(_ m: BoundMatch, scope: inout Scope, from: inout FromClause) throws(QueryError) {
        var relsOfClause: [String] = []
        for part in m.pattern {
            if part.pathVariable != nil { throw unsupported("a path variable", part.span) }
            if part.shortest != .none { throw unsupported("shortestPath", part.span) }
            var left = try node(part.nodes[0], scope: &scope, from: &from, joinedOn: nil)
            for (k, rel) in part.rels.enumerated() {
                if rel.length != nil { throw unsupported("a variable-length relationship (*)", rel.span) }
                let r: String
                if let v = rel.variable {
                    if scope.variables[v] != nil { throw unsupported("a relationship variable bound by an earlier clause", rel.span) }
                    r = scope.fresh("r")
                    scope.variables[v] = .relationship(r)
                } else {
                    r = scope.fresh("r")
                }
                relsOfClause.append(r)
                let start = "\(r).`start`", end = "\(r).`end`"
                var on: String
                switch rel.direction {
                case .outgoing: on = "\(start) = \(left).id"
                case .incoming: on = "\(end) = \(left).id"
                case .both: on = "(\(start) = \(left).id OR \(end) = \(left).id)"
                }
                if !rel.types.isEmpty {
                    on += " AND \(r).type " + (rel.types.count == 1 ? "= \(Self.literal(rel.types[0]))"
                                                 : "IN (\(rel.types.map(Self.literal).joined(separator: ", ")))")
                }
                from.items.append("JOIN \(schema.relationships) AS \(r) ON \(on)")
                if let props = rel.properties { try propertyMap(props, of: .relationship(r), scope: scope, from: &from) }
                let other: String
                switch rel.direction {
                case .outgoing: other = end
                case .incoming: other = start
                case .both: other = "CASE WHEN \(start) = \(left).id THEN \(end) ELSE \(start) END"
                }
                left = try node(part.nodes[k + 1], scope: &scope, from: &from, joinedOn: other)
            }
        }
        // openCypher's relationship uniqueness: the relationships of one MATCH are distinct.
        for i in relsOfClause.indices { for j in relsOfClause.indices where j > i { from.conditions.append("\(relsOfClause[i]).id <> \(relsOfClause[j]).id") } }
        if let w = m.predicate { from.conditions.append(try scope.condition(w, compiler: self)) }
    }

    /// Joins the node `n` (or reuses the alias of its variable), `joinedOn` the SQL of the id it
    /// must have (nil for the first node of a pattern part); returns its alias.
    private func node(_ n: NodePattern, scope: inout Scope, from: inout FromClause, joinedOn: String?) throws(QueryError) -> String {
        let alias: String
        if let v = n.variable, let bound = scope.variables[v] {
            guard case .node(let a) = bound else { throw unsupported("a variable used both as a node and otherwise", n.span) }
            alias = a
            if let joinedOn { from.conditions.append("\(alias).id = \(joinedOn)") }
        } else {
            alias = scope.fresh("n")
            if let v = n.variable { scope.variables[v] = .node(alias) }
            if let joinedOn {
                from.items.append("JOIN \(schema.nodes) AS \(alias) ON \(alias).id = \(joinedOn)")
            } else {
                from.items.append(from.items.isEmpty ? "FROM \(schema.nodes) AS \(alias)" : "CROSS JOIN \(schema.nodes) AS \(alias)")
            }
        }
        for l in n.labels { from.conditions.append("array_contains(\(alias).labels, \(Self.literal(l)))") }
        if let props = n.properties { try propertyMap(props, of: .node(alias), scope: scope, from: &from) }
        return alias
    }

    /// `{k: v, …}` in a pattern: one equality per entry.
    private func propertyMap(_ e: Expr, of element: Scope.Element, scope: Scope, from: inout FromClause) throws(QueryError) {
        guard case .map(let entries) = e.kind else { throw unsupported("a property map that is not a literal map", e.span) }
        for (key, value) in entries {
            let lhs = try scope.property(element, key, span: value.span, compiler: self)
            let rhs = try scope.expression(value, compiler: self)
            from.conditions.append(try scope.equality(lhs, rhs))
        }
    }

    // MARK: projection

    private func projection(_ p: BoundProjection, scope: Scope, from: FromClause) throws(QueryError) -> (String, [SQLExpr]) {
        var scope = scope
        for a in p.aggregates { scope.aggregates[a.slot] = a }
        var items: [SQLExpr] = []
        for e in p.items {
            if case .variable(let v) = e.kind, let a = scope.aggregates[v] {
                items.append(try scope.aggregate(a, topLevel: true, compiler: self))
            } else {
                items.append(try scope.expression(e, compiler: self))
            }
        }
        for (i, item) in items.enumerated() where item.isElement {
            throw unsupported("returning a whole node or relationship", p.items[i].span, help: "return its properties (n.name) or its id (n.id) instead")
        }
        // ORDER BY may name the projected columns: they are the inner query's _c columns.
        var orderScope = scope
        for (i, c) in p.columns.enumerated() {
            // Inside an ORDER BY expression a float sum of nothing orders as the 0 it stands for.
            orderScope.columns[c] = items[i].nullIsZero ? SQLExpr(sql: "coalesce(\(items[i].sql), 0D)", type: .float) : items[i]
        }
        var keys: [(sql: String, descending: Bool)] = []
        var hidden: [String] = []
        for (e, descending) in p.order {
            if case .variable(let v) = e.kind, let i = p.columns.firstIndex(of: v) {
                keys.append((items[i].nullIsZero ? "coalesce(_c\(i), 0D)" : "_c\(i)", descending))
                continue
            }
            if p.distinct { throw unsupported("ORDER BY an expression that RETURN DISTINCT does not project", e.span) }
            let x = try orderScope.expression(e, compiler: self)
            if x.isElement { throw unsupported("ORDER BY a whole node or relationship", e.span) }
            keys.append(("_o\(hidden.count)", descending))
            hidden.append(x.sql)
        }
        var inner = "SELECT " + (p.distinct ? "DISTINCT " : "")
        inner += (items.enumerated().map { "\($0.element.sql) AS _c\($0.offset)" } + hidden.enumerated().map { "\($0.element) AS _o\($0.offset)" })
            .joined(separator: ", ")
        inner += "\n" + from.sql
        if p.isAggregating && !p.groupingIndexes.isEmpty {
            inner += "\nGROUP BY " + p.groupingIndexes.map { items[$0].sql }.joined(separator: ", ")
        }
        var sql = "SELECT " + p.columns.indices.map { "_c\($0) AS \(Self.identifier(p.columns[$0]))" }.joined(separator: ", ")
        sql += "\nFROM (\n" + inner + "\n) AS q"
        if !keys.isEmpty {
            // openCypher orders null after every value ascending, before every value descending.
            sql += "\nORDER BY " + keys.map { "\($0.sql) " + ($0.descending ? "DESC NULLS FIRST" : "ASC NULLS LAST") }.joined(separator: ", ")
        }
        if let limit = p.limit { sql += "\nLIMIT \(try count(limit, "LIMIT"))" }
        if let skip = p.skip { sql += "\nOFFSET \(try count(skip, "SKIP"))" }
        return (sql, items)
    }

    /// A SKIP or LIMIT: a literal integer (the binder has checked its sign).
    private func count(_ e: Expr, _ clause: String) throws(QueryError) -> Int {
        guard case .literal(.int(let n)) = e.kind, n >= 0 else { throw unsupported("\(clause) with an expression or parameter", e.span) }
        return n
    }

    // MARK: SQL text

    /// A Spark SQL string literal (backslash escapes, as Spark's parser reads them by default).
    static func literal(_ s: String) -> String {
        var out = "'"
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "'"
    }

    /// A quoted identifier (backticks doubled inside).
    static func identifier(_ s: String) -> String {
        "`" + s.replacingOccurrences(of: "`", with: "``") + "`"
    }
}

/// An expression in SQL with what is known of its type; `element` for a node or relationship
/// variable (which has no value of its own in SQL, only its alias).
struct SQLExpr {
    var sql: String
    var type: SQLType
    var element: Scope.Element? = nil
    /// SQL null stands for openCypher's integer 0 (see `Scope.aggregate`).
    var nullIsZero = false
    var isElement: Bool { element != nil }
}
