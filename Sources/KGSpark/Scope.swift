import KGCore
import KGQuery

/// The variables a compiled query can see (each node or relationship a table alias), the
/// aggregates of its projection and, for ORDER BY, the projected columns; compiles expressions
/// to SQL over them.
struct Scope {
    enum Element: Equatable {
        case node(String)
        case relationship(String)
        var alias: String {
            switch self {
            case .node(let a), .relationship(let a): return a
            }
        }
    }

    let schema: SparkSchema
    var variables: [String: Element] = [:]
    var aggregates: [String: AggregateCall] = [:]
    var columns: [String: SQLExpr] = [:]
    private var counter = 0

    init(schema: SparkSchema) { self.schema = schema }

    /// A new table alias (`n0`, `r1`, …).
    mutating func fresh(_ kind: String) -> String {
        defer { counter += 1 }
        return "\(kind)\(counter)"
    }

    /// A predicate (WHERE): its value must be boolean or null.
    func condition(_ e: Expr, compiler: SparkSQLCompiler) throws(QueryError) -> String {
        let x = try expression(e, compiler: compiler)
        guard x.type == .bool || x.type == .null else {
            throw compiler.unsupported("a WHERE condition that is not a boolean expression", e.span)
        }
        return x.sql
    }

    /// The column of property `key` of `element` (NULL when no element has the key, as in memory).
    func property(_ element: Element, _ key: String, span: SourceSpan, compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        let columns: [String: PropertyColumn]
        switch element {
        case .node: columns = schema.nodeColumns
        case .relationship: columns = schema.relationshipColumns
        }
        guard let c = columns[key] else { return SQLExpr(sql: "NULL", type: .null) }
        if c.type == .json {
            throw compiler.unsupported("reading property '\(key)', whose values have several types (or are dates, lists or maps),", span)
        }
        return SQLExpr(sql: "\(element.alias).\(c.column)", type: SQLType(c.type))
    }

    func expression(_ e: Expr, compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        switch e.kind {
        case .literal(let v): return try literal(v, e, compiler)
        case .variable(let name):
            if let c = columns[name] { return c }
            if let a = aggregates[name] { return try aggregate(a, topLevel: false, compiler: compiler) }
            if let el = variables[name] {
                return SQLExpr(sql: el.alias, type: .unknown, element: el)
            }
            throw compiler.unsupported("variable '\(name)' here", e.span)
        case .property(let base, let key):
            let b = try expression(base, compiler: compiler)
            guard let el = b.element else { throw compiler.unsupported("a property of something that is not a node or relationship", e.span) }
            return try property(el, key.name, span: e.span, compiler: compiler)
        case .unary(let op, let x):
            let a = try expression(x, compiler: compiler)
            switch op.uppercased() {
            case "NOT":
                guard a.type == .bool || a.type == .null else { throw compiler.unsupported("NOT of a non-boolean value", e.span) }
                return SQLExpr(sql: "(NOT \(a.sql))", type: .bool)
            case "-":
                guard a.type.isNumber else { throw compiler.unsupported("unary minus of a non-number", e.span) }
                return SQLExpr(sql: "(- \(a.sql))", type: a.type)
            case "+":
                guard a.type.isNumber else { throw compiler.unsupported("unary plus of a non-number", e.span) }
                return a
            default: throw compiler.unsupported("the operator \(op)", e.span)
            }
        case .binary(let op, let l, let r):
            return try binary(op, try expression(l, compiler: compiler), try expression(r, compiler: compiler), e, compiler)
        case .comparison(let operands, let ops):
            var links: [String] = []
            var previous = try expression(operands[0], compiler: compiler)
            for (i, op) in ops.enumerated() {
                let next = try expression(operands[i + 1], compiler: compiler)
                links.append(try comparison(op, previous, next, e, compiler))
                previous = next
            }
            return SQLExpr(sql: links.count == 1 ? links[0] : "(" + links.joined(separator: " AND ") + ")", type: .bool)
        case .isNull(let x, let negated):
            let a = try expression(x, compiler: compiler)
            if a.isElement { return SQLExpr(sql: negated ? "TRUE" : "FALSE", type: .bool) }
            return SQLExpr(sql: "(\(a.sql) IS \(negated ? "NOT " : "")NULL)", type: .bool)
        case .hasLabels(let x, let labels):
            let a = try expression(x, compiler: compiler)
            guard case .node(let alias)? = a.element else { throw compiler.unsupported("a label test on something that is not a node", e.span) }
            return SQLExpr(sql: "(" + labels.map { "array_contains(\(alias).labels, \(SparkSQLCompiler.literal($0)))" }.joined(separator: " AND ") + ")",
                           type: .bool)
        case .call(let name, let distinct, let args):
            guard !distinct, args.count == 1 else { throw compiler.unsupported("the function \(name)()", e.span) }
            let a = try expression(args[0], compiler: compiler)
            switch (name.lowercased(), a.element) {
            case ("id", let el?), ("elementid", let el?): return SQLExpr(sql: "\(el.alias).id", type: .string)
            case ("labels", .node(let alias)?): return SQLExpr(sql: "\(alias).labels", type: .list(.string))
            case ("type", .relationship(let alias)?): return SQLExpr(sql: "\(alias).type", type: .string)
            default: throw compiler.unsupported("the function \(name)()", e.span)
            }
        case .list(let items):
            var parts: [SQLExpr] = []
            for x in items { parts.append(try expression(x, compiler: compiler)) }
            return try list(parts, e, compiler)
        case .parameter: throw compiler.unsupported("a parameter ($name)", e.span)
        case .countStar: throw compiler.unsupported("count(*) here", e.span)
        case .index, .slice: throw compiler.unsupported("indexing or slicing", e.span)
        case .map, .mapProjection: throw compiler.unsupported("a map", e.span)
        case .caseExpr: throw compiler.unsupported("CASE", e.span)
        case .listComprehension: throw compiler.unsupported("a list comprehension", e.span)
        case .quantifier(let kind, _, _, _): throw compiler.unsupported("\(kind)()", e.span)
        case .reduce: throw compiler.unsupported("reduce()", e.span)
        case .patternComprehension: throw compiler.unsupported("a pattern comprehension", e.span)
        case .patternPredicate: throw compiler.unsupported("a pattern predicate", e.span)
        case .exists: throw compiler.unsupported("EXISTS", e.span)
        }
    }

    private func literal(_ v: QueryValue, _ e: Expr, _ compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        switch v {
        case .null: return SQLExpr(sql: "NULL", type: .null)
        case .bool(let b): return SQLExpr(sql: b ? "TRUE" : "FALSE", type: .bool)
        case .int(let i): return SQLExpr(sql: i == Int.min ? "CAST('\(i)' AS BIGINT)" : "\(i)L", type: .int)
        case .float(let d):
            guard d.isFinite else { throw compiler.unsupported("a non-finite float", e.span) }
            return SQLExpr(sql: "CAST('\(d)' AS DOUBLE)", type: .float)
        case .string(let s): return SQLExpr(sql: SparkSQLCompiler.literal(s), type: .string)
        case .list(let items):
            var parts: [SQLExpr] = []
            for v in items { parts.append(try literal(v, e, compiler)) }
            return try list(parts, e, compiler)
        default: throw compiler.unsupported("this literal", e.span)
        }
    }

    private func list(_ parts: [SQLExpr], _ e: Expr, _ compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        let types = Set(parts.map(\.type).filter { $0 != .null }.map { "\($0)" })
        guard types.count <= 1, !parts.contains(where: \.isElement) else {
            throw compiler.unsupported("a list whose elements have different types", e.span)
        }
        let element = parts.first { $0.type != .null }?.type ?? .null
        return SQLExpr(sql: "array(" + parts.map(\.sql).joined(separator: ", ") + ")", type: .list(element))
    }

    /// An aggregate; `topLevel` when it is a whole RETURN column, where a float `sum` of no
    /// values can be decoded as openCypher's integer 0 (SQL has no column of both types).
    func aggregate(_ a: AggregateCall, topLevel: Bool, compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        if a.kind == .countStar { return SQLExpr(sql: "count(*)", type: .int) }
        guard a.args.count == 1 else { throw compiler.unsupported("\(a.kind.rawValue) with \(a.args.count) arguments", a.span) }
        var inner = self
        inner.aggregates = [:]
        let x = try inner.expression(a.args[0], compiler: compiler)
        let d = a.distinct ? "DISTINCT " : ""
        switch a.kind {
        case .count:
            // count(n) counts the rows where n is bound: always, in a MATCH without OPTIONAL.
            if let el = x.element { return SQLExpr(sql: "count(\(d)\(el.alias).id)", type: .int) }
            return SQLExpr(sql: "count(\(d)\(x.sql))", type: .int)
        case .sum:
            guard x.type.isNumber || x.type == .null else { throw compiler.unsupported("sum() of a non-number", a.span) }
            // openCypher's sum of no values is the integer 0, also over floats.
            if x.type == .float {
                guard topLevel else { throw compiler.unsupported("sum() of floats inside an expression", a.span) }
                return SQLExpr(sql: "sum(\(d)\(x.sql))", type: .float, nullIsZero: true)
            }
            // A key no element has: its values are all null (typed, or Spark would sum doubles).
            let arg = x.type == .null ? "CAST(NULL AS BIGINT)" : x.sql
            return SQLExpr(sql: "coalesce(sum(\(d)\(arg)), 0L)", type: .int)
        case .avg:
            guard x.type.isNumber || x.type == .null else { throw compiler.unsupported("avg() of a non-number", a.span) }
            return SQLExpr(sql: "avg(\(d)\(x.sql))", type: .float)
        case .min, .max:
            guard !x.isElement, x.type != .unknown else { throw compiler.unsupported("\(a.kind.rawValue)() of this value", a.span) }
            if case .list = x.type { throw compiler.unsupported("\(a.kind.rawValue)() of lists", a.span) }
            return SQLExpr(sql: "\(a.kind.rawValue)(\(x.sql))", type: x.type)
        case .collect:
            guard !x.isElement else { throw compiler.unsupported("collect() of nodes or relationships", a.span) }
            return SQLExpr(sql: a.distinct ? "collect_set(\(x.sql))" : "collect_list(\(x.sql))", type: .list(x.type))
        default:
            throw compiler.unsupported("the aggregate \(a.kind.rawValue)()", a.span)
        }
    }

    private func binary(_ op: BinaryOperator, _ a: SQLExpr, _ b: SQLExpr, _ e: Expr, _ compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        if a.isElement || b.isElement { throw compiler.unsupported("\(op.rawValue) on a node or relationship", e.span) }
        func bool(_ x: SQLExpr) -> Bool { x.type == .bool || x.type == .null }
        switch op {
        case .and, .or:
            guard bool(a), bool(b) else { throw compiler.unsupported("\(op.rawValue) of non-boolean values", e.span) }
            return SQLExpr(sql: "(\(a.sql) \(op.rawValue) \(b.sql))", type: .bool)
        case .xor:
            guard bool(a), bool(b) else { throw compiler.unsupported("XOR of non-boolean values", e.span) }
            return SQLExpr(sql: "((\(a.sql) OR \(b.sql)) AND NOT (\(a.sql) AND \(b.sql)))", type: .bool)
        case .startsWith, .endsWith, .contains:
            guard a.type == .string || a.type == .null, b.type == .string || b.type == .null else {
                throw compiler.unsupported("\(op.rawValue) on non-strings", e.span)
            }
            let f = op == .startsWith ? "startswith" : op == .endsWith ? "endswith" : "contains"
            return SQLExpr(sql: "\(f)(\(a.sql), \(b.sql))", type: .bool)
        case .in:
            guard case .list(let t) = b.type, b.sql.hasPrefix("array(") else { throw compiler.unsupported("IN with a list that is not written out", e.span) }
            guard t == .null || a.type == .null || t == a.type || (t.isNumber && a.type.isNumber) else {
                throw compiler.unsupported("IN with a list of another type than the value", e.span)
            }
            let items = String(b.sql.dropFirst("array(".count).dropLast())
            return SQLExpr(sql: items.isEmpty ? "FALSE" : "(\(a.sql) IN (\(items)))", type: .bool)
        case .plus:
            if a.type == .string && b.type == .string { return SQLExpr(sql: "concat(\(a.sql), \(b.sql))", type: .string) }
            return try arithmetic("+", a, b, e, compiler)
        case .minus: return try arithmetic("-", a, b, e, compiler)
        case .times: return try arithmetic("*", a, b, e, compiler)
        case .divide:
            if a.type == .int && b.type == .int { return SQLExpr(sql: "(\(a.sql) div \(b.sql))", type: .int) }
            return try arithmetic("/", a, b, e, compiler)
        case .modulo: return try arithmetic("%", a, b, e, compiler)
        case .power:
            guard a.type.isNumber, b.type.isNumber else { throw compiler.unsupported("^ of non-numbers", e.span) }
            return SQLExpr(sql: "power(\(a.sql), \(b.sql))", type: .float)
        case .regexMatch: throw compiler.unsupported("=~ (Spark's regular expressions are Java's)", e.span)
        }
    }

    private func arithmetic(_ op: String, _ a: SQLExpr, _ b: SQLExpr, _ e: Expr, _ compiler: SparkSQLCompiler) throws(QueryError) -> SQLExpr {
        guard a.type.isNumber, b.type.isNumber else { throw compiler.unsupported("\(op) of values that are not both numbers", e.span) }
        return SQLExpr(sql: "(\(a.sql) \(op) \(b.sql))", type: a.type == .int && b.type == .int ? .int : .float)
    }

    /// `a = b` with openCypher's meaning: values of different types are unequal (never cast).
    func equality(_ a: SQLExpr, _ b: SQLExpr) throws(QueryError) -> String {
        if Self.comparable(a.type, b.type) { return "(\(a.sql) = \(b.sql))" }
        return "(CASE WHEN \(a.sql) IS NULL OR \(b.sql) IS NULL THEN NULL ELSE FALSE END)"
    }

    private func comparison(_ op: String, _ a: SQLExpr, _ b: SQLExpr, _ e: Expr, _ compiler: SparkSQLCompiler) throws(QueryError) -> String {
        if a.isElement || b.isElement {
            guard let x = a.element, let y = b.element, op == "=" || op == "<>" else { throw compiler.unsupported("comparing nodes or relationships with \(op)", e.span) }
            let same = x == y ? "TRUE" : {
                switch (x, y) {
                case (.node, .node), (.relationship, .relationship): return "(\(x.alias).id = \(y.alias).id)"
                default: return "FALSE"
                }
            }()
            return op == "=" ? same : "(NOT \(same))"
        }
        if case .list = a.type { throw compiler.unsupported("comparing lists", e.span) }
        if case .list = b.type { throw compiler.unsupported("comparing lists", e.span) }
        if a.type == .unknown || b.type == .unknown { throw compiler.unsupported("comparing values of unknown type", e.span) }
        switch op {
        case "=": return try equality(a, b)
        case "<>":
            if Self.comparable(a.type, b.type) { return "(\(a.sql) <> \(b.sql))" }
            return "(CASE WHEN \(a.sql) IS NULL OR \(b.sql) IS NULL THEN NULL ELSE TRUE END)"
        case "<", "<=", ">", ">=":
            // Ordering values of different types is null in openCypher.
            if Self.comparable(a.type, b.type) && a.type != .null { return "(\(a.sql) \(op) \(b.sql))" }
            return "CAST(NULL AS BOOLEAN)"
        default: throw compiler.unsupported("the comparison \(op)", e.span)
        }
    }

    /// Whether SQL compares values of these types as openCypher does.
    static func comparable(_ a: SQLType, _ b: SQLType) -> Bool {
        a == b || (a.isNumber && b.isNumber) || a == .null || b == .null
    }
}
