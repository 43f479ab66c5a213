import KGCore

/// Checks a parsed statement against openCypher's scoping, typing and aggregation rules and
/// produces the bound tree. All errors here are compile-time errors with positions.
struct Binder {
    let source: SourceText
    let functions: FunctionRegistry
    private var scope: [String: VariableKind] = [:]
    private var slotCounter = 0
    /// Patterns met inside expressions while checking (`check` is not mutating: a box).
    private final class SubqueryRecorder { var found: [Int: SubqueryPattern] = [:] }
    private let subqueries = SubqueryRecorder()

    init(source: SourceText, functions: FunctionRegistry) {
        self.source = source
        self.functions = functions
    }

    private func error(_ type: QueryErrorCode = .syntaxError, _ detail: QueryErrorDetail, _ message: String, _ span: SourceSpan,
                       help: String? = nil) -> QueryError {
        source.error(type: type, detail: detail, message: message, line: span.line > 0 ? span.line : nil,
                     column: span.line > 0 ? span.column : nil, help: help)
    }

    mutating func bind(_ st: Statement) throws(QueryError) -> BoundStatement {
        if Set(st.unionAll).count > 1 {
            throw error(.syntaxError, .invalidClauseComposition, "UNION and UNION ALL cannot be mixed in one statement",
                        SourceSpan(line: 1, column: 1, start: 0, end: 0))
        }
        var queries: [BoundQuery] = []
        var writes = false
        for q in st.queries {
            scope = [:]
            let b = try bind(q)
            writes = writes || q.clauses.contains { c in
                switch c {
                case .create, .merge, .set, .remove, .delete: return true
                default: return false
                }
            }
            if let first = queries.first, first.columns != b.columns {
                throw error(.syntaxError, .differentColumnsInUnion, "all queries in a UNION must return the same column names",
                            SourceSpan(line: 1, column: 1, start: 0, end: 0))
            }
            queries.append(b)
        }
        return BoundStatement(mode: st.mode, queries: queries, unionAll: st.unionAll, columns: queries.first?.columns ?? [],
                              writes: writes, subqueries: subqueries.found, propertyKeys: st.propertyKeys)
    }

    private mutating func bind(_ q: SingleQuery) throws(QueryError) -> BoundQuery {
        var out: [BoundClause] = []
        var columns: [String] = []
        for (i, c) in q.clauses.enumerated() {
            let last = i == q.clauses.count - 1
            switch c {
            case .match(let pattern, let optional, let w, let span):
                let before = Set(scope.keys)
                try declarePattern(pattern, creating: false)
                if let w {
                    try check(w)
                    try noAggregate(w, "WHERE")
                }
                let introduced = pattern.reduce(Set<String>()) { $0.union($1.variables) }.subtracting(before)
                out.append(.match(BoundMatch(pattern: pattern, optional: optional, predicate: w, boundBefore: before,
                                             introduced: introduced.sorted(), span: span)))
            case .unwind(let e, let v, let span):
                try check(e)
                try noAggregate(e, "UNWIND")
                if scope[v] != nil { throw error(.syntaxError, .variableAlreadyBound, "variable '\(v)' is already bound", span) }
                scope[v] = .value
                out.append(.unwind(e, v))
            case .with(let proj, let w):
                let b = try bindProjection(proj, isReturn: false, filter: w)
                out.append(.project(b))
            case .ret(let proj):
                if !last {
                    throw error(.syntaxError, .unexpectedSyntax, "RETURN must be the last clause of a query", proj.span)
                }
                let b = try bindProjection(proj, isReturn: true, filter: nil)
                columns = b.columns
                out.append(.project(b))
            case .create(let pattern, let span):
                try declarePattern(pattern, creating: true)
                out.append(.create(pattern, span: span))
            case .merge(let part, let onCreate, let onMatch, let span):
                let before = Set(scope.keys)
                try declarePattern([part], creating: true, merging: true)
                for item in onCreate + onMatch { try checkSet(item) }
                out.append(.merge(part, onCreate: onCreate, onMatch: onMatch, boundBefore: before, span: span))
            case .set(let items, _):
                for item in items { try checkSet(item) }
                out.append(.set(items))
            case .remove(let items, _):
                for item in items {
                    switch item {
                    case .property(let e, _): try check(e)
                    case .labels(let v, _, let span): try checkVariable(v, span)
                    }
                }
                out.append(.remove(items))
            case .delete(let es, let detach, _):
                for e in es {
                    try check(e)
                    if case .variable = e.kind {} else if case .property = e.kind {} else if case .index = e.kind {} else if case .call = e.kind {} else {
                        throw error(.syntaxError, .invalidDelete, "DELETE expects a node, relationship or path", e.span)
                    }
                }
                out.append(.delete(es, detach: detach))
            }
            if last {
                switch c {
                case .ret, .create, .merge, .set, .remove, .delete: break
                case .match(_, _, _, let span), .unwind(_, _, let span):
                    throw error(.syntaxError, .missingReturn, "a query cannot end with this clause", span,
                                help: "add a RETURN clause")
                case .with(let p, _):
                    throw error(.syntaxError, .missingReturn, "a query cannot end with WITH", p.span, help: "add a RETURN clause")
                }
            }
        }
        return BoundQuery(clauses: out, columns: columns)
    }

    private mutating func checkSet(_ item: SetItem) throws(QueryError) {
        switch item {
        case .property(let target, _, let v):
            try check(target); try check(v)
            try noAggregate(v, "SET")
        case .replace(let name, let e, let span), .merge(let name, let e, let span):
            try checkVariable(name, span); try check(e)
        case .labels(let name, _, let span):
            try checkVariable(name, span)
        }
    }

    private func checkVariable(_ v: String, _ span: SourceSpan) throws(QueryError) {
        if scope[v] == nil {
            throw error(.syntaxError, .undefinedVariable, "variable '\(v)' is not defined", span,
                        help: Suggest.closest(to: v, among: Array(scope.keys)).map { "did you mean '\($0)'?" })
        }
    }

    private func noAggregate(_ e: Expr, _ clause: String) throws(QueryError) {
        if let a = firstAggregate(e) {
            throw error(.syntaxError, .invalidAggregation, "aggregation is not allowed in \(clause)", a.span)
        }
    }

    private func firstAggregate(_ e: Expr) -> Expr? {
        if e.isAggregate { return e }
        switch e.kind {
        case .listComprehension, .quantifier, .reduce, .patternComprehension:
            for c in e.children { if let a = firstAggregate(c) { return a } }
            return nil
        default:
            for c in e.children { if let a = firstAggregate(c) { return a } }
            return nil
        }
    }

    // MARK: - Patterns

    private mutating func declare(_ v: String, _ kind: VariableKind, _ span: SourceSpan) throws(QueryError) {
        if let k = scope[v], k != kind {
            // A plain value (from WITH, UNWIND, …) may hold a node or relationships: checked at run time.
            if k == .scalar || (k == .list && kind != .relationshipList) {
                throw error(.syntaxError, .variableTypeConflict, "variable '\(v)' holds a \(k == .list ? "list" : "value"), not a \(kind)", span)
            }
            if k != .value && k != .list && !(k == .relationshipList && kind == .value) {
                throw error(.syntaxError, .variableTypeConflict, "variable '\(v)' is already bound as a \(k), not a \(kind)", span)
            }
            if (k == .value || k == .list) && kind != .node && kind != .relationshipList {
                throw error(.syntaxError, .variableTypeConflict, "variable '\(v)' is already bound as a value, not a \(kind)", span)
            }
        }
        scope[v] = kind
    }

    /// The most nodes one pattern may have: the matcher goes one level deeper per node and
    /// relationship, and a pattern of thousands of parts would overflow its stack.
    static let maxPatternNodes = 300

    private mutating func declarePattern(_ pattern: Pattern, creating: Bool, merging: Bool = false) throws(QueryError) {
        let nodeCount = pattern.reduce(0) { $0 + $1.nodes.count }
        if nodeCount > Binder.maxPatternNodes, let first = pattern.first {
            throw error(.resourceLimit, .patternTooLarge,
                        "a pattern of \(nodeCount) nodes; at most \(Binder.maxPatternNodes) are supported", first.span,
                        help: "split the pattern over several MATCH clauses joined by WITH, or match fewer parts")
        }
        let before = scope
        var relsInPattern = Set<String>()
        let pathVariables = Set(pattern.compactMap(\.pathVariable))
        for part in pattern {
            for n in part.nodes where n.variable.map(pathVariables.contains) ?? false {
                throw error(.syntaxError, .variableAlreadyBound, "'\(n.variable!)' names both a path and a node", n.span)
            }
            for r in part.rels where r.variable.map(pathVariables.contains) ?? false {
                throw error(.syntaxError, .variableAlreadyBound, "'\(r.variable!)' names both a path and a relationship", r.span)
            }
            if let pv = part.pathVariable, scope[pv] != nil {
                throw error(.syntaxError, .variableAlreadyBound, "variable '\(pv)' is already bound", part.span)
            }
            // Property maps may only use variables bound before the pattern (or earlier in it).
            for (i, n) in part.nodes.enumerated() {
                if let e = n.properties {
                    if case .parameter = e.kind, !creating {
                        throw error(.syntaxError, .invalidParameterUse, "a parameter cannot be used as a property map in MATCH", e.span)
                    }
                    try check(e)
                }
                if let v = n.variable {
                    if creating, let k = scope[v] {
                        if k != .node && k != .value {
                            throw error(.syntaxError, .variableTypeConflict, "variable '\(v)' is not a node", n.span)
                        }
                        if !n.labels.isEmpty || n.properties != nil || (part.nodes.count == 1 && before[v] != nil) {
                            throw error(.syntaxError, .variableAlreadyBound, "variable '\(v)' is already bound", n.span)
                        }
                    }
                    try declare(v, .node, n.span)
                }
                if i < part.rels.count {
                    let r = part.rels[i]
                    if let e = r.properties {
                        if case .parameter = e.kind, !creating {
                            throw error(.syntaxError, .invalidParameterUse, "a parameter cannot be used as a property map in MATCH", e.span)
                        }
                        try check(e)
                    }
                    if creating {
                        if r.types.count != 1 {
                            throw error(.syntaxError, .noSingleRelationshipType,
                                        "a relationship to create needs exactly one type", r.span, help: "write e.g. -[:KNOWS]->")
                        }
                        if r.direction == .both && !merging {
                            throw error(.syntaxError, .requiresDirectedRelationship,
                                        "a relationship to create needs a direction", r.span, help: "write -> or <-")
                        }
                        if r.length != nil {
                            throw error(.syntaxError, .creatingVarLength, "cannot create a variable-length relationship", r.span)
                        }
                        if let v = r.variable, before[v] != nil {
                            throw error(.syntaxError, .variableAlreadyBound, "variable '\(v)' is already bound", r.span)
                        }
                    }
                    if let v = r.variable {
                        if !relsInPattern.insert(v).inserted {
                            throw error(.syntaxError, .relationshipUniquenessViolation,
                                        "relationship variable '\(v)' is used twice in one pattern", r.span)
                        }
                        try declare(v, r.length == nil ? .relationship : .relationshipList, r.span)
                    }
                }
            }
            if let pv = part.pathVariable { scope[pv] = .path }
        }
    }

    // MARK: - Expressions

    /// Checks that every variable is in scope, functions exist, and arguments are statically sound.
    func check(_ e: Expr, extra: Set<String> = []) throws(QueryError) {
        switch e.kind {
        case .variable(let v):
            if scope[v] == nil && !extra.contains(v) {
                throw error(.syntaxError, .undefinedVariable, "variable '\(v)' is not defined", e.span,
                            help: Suggest.closest(to: v, among: Array(scope.keys) + Array(extra)).map { "did you mean '\($0)'?" })
            }
        case .listComprehension(let v, let l, let p, let q):
            for x in [p, q].compactMap({ $0 }) where x.containsAggregate {
                throw error(.syntaxError, .invalidAggregation, "aggregation is not allowed inside a list comprehension", x.span)
            }
            try check(l, extra: extra)
            if let p { try check(p, extra: extra.union([v])) }
            if let q { try check(q, extra: extra.union([v])) }
        case .quantifier(_, let v, let l, let p):
            try check(l, extra: extra)
            if let p { try check(p, extra: extra.union([v])) }
        case .reduce(let a, let i, let v, let l, let b):
            try check(i, extra: extra); try check(l, extra: extra)
            try check(b, extra: extra.union([a, v]))
        case .patternPredicate(let part):
            record(e, [part], nil, extra, "PatternPredicate")
            for v in part.variables where scope[v] == nil && !extra.contains(v) {
                throw error(.syntaxError, .undefinedVariable, "variable '\(v)' is not defined (a pattern predicate cannot introduce variables)", part.span)
            }
            for v in part.propertyVariables where scope[v] == nil && !extra.contains(v) {
                throw error(.syntaxError, .undefinedVariable, "variable '\(v)' is not defined", part.span)
            }
        case .patternComprehension(let pv, var part, let p, let q):
            let local = part.variables.union([pv].compactMap { $0 })
            part.pathVariable = pv
            record(e, [part], p, extra, "PatternComprehension")
            for v in part.propertyVariables where scope[v] == nil && !extra.contains(v) && !local.contains(v) {
                throw error(.syntaxError, .undefinedVariable, "variable '\(v)' is not defined", part.span)
            }
            if let p { try check(p, extra: extra.union(local)) }
            try check(q, extra: extra.union(local))
        case .exists(let pat, let w):
            record(e, pat, w, extra, "Exists")
            let local = pat.reduce(Set<String>()) { $0.union($1.variables) }
            if let w { try check(w, extra: extra.union(local)) }
        case .call(let name, _, let args):
            let lower = name.lowercased()
            if FunctionRegistry.aggregateNames.contains(lower) {
                if lower == "count" || lower == "collect" || lower == "sum" || lower == "avg" || lower == "min" || lower == "max"
                    || lower == "stdev" || lower == "stdevp" {
                    if args.count != 1 { throw error(.syntaxError, .invalidNumberOfArguments, "\(name)() takes one argument", e.span) }
                } else if args.count != 2 {
                    throw error(.syntaxError, .invalidNumberOfArguments, "\(name)() takes two arguments", e.span)
                }
                for a in args {
                    if a.contains(where: { if case .call(let n, _, _) = $0.kind { return n.lowercased() == "rand" }; return false }) {
                        throw error(.syntaxError, .nonConstantExpression, "rand() cannot be aggregated", a.span)
                    }
                    if a.containsAggregate {
                        throw error(.syntaxError, .nestedAggregation, "an aggregate cannot contain another aggregate", a.span)
                    }
                }
            } else if lower == "exists" {
                if args.count != 1 { throw error(.syntaxError, .invalidNumberOfArguments, "exists() takes one argument", e.span) }
                switch args[0].kind {
                case .property, .patternPredicate, .index: break
                default: throw error(.syntaxError, .invalidArgumentExpression, "exists() expects a property or a pattern", args[0].span)
                }
            } else if let f = functions.lookup(name) {
                if lower == "size", let a = args.first, case .patternPredicate = a.kind {
                    throw error(.syntaxError, .unexpectedSyntax, "size() of a pattern is not allowed; use a pattern comprehension or COUNT", a.span)
                }
                if !f.arity.contains(args.count) {
                    throw error(.syntaxError, .invalidNumberOfArguments,
                                "\(f.name)() takes \(f.arity.lowerBound == f.arity.upperBound ? "\(f.arity.lowerBound)" : "\(f.arity.lowerBound)…") argument(s), not \(args.count)", e.span)
                }
                try staticArgumentCheck(lower, args)
            } else {
                throw error(.syntaxError, .unknownFunction, "unknown function '\(name)'", e.span,
                            help: Suggest.closest(to: name, among: functions.names + FunctionRegistry.aggregateNames.sorted()).map { "did you mean '\($0)'?" })
            }
            for a in args { try check(a, extra: extra) }
        case .mapProjection(let base, let items):
            try check(base, extra: extra)
            for item in items {
                switch item {
                case .entry(_, let x): try check(x, extra: extra)
                case .variable(let v): try check(Expr(.variable(v), e.span), extra: extra)
                default: break
                }
            }
        case .property(let base, _):
            try check(base, extra: extra)
            if case .variable(let v) = base.kind, let k = scope[v], k == .path || k == .relationshipList, !extra.contains(v) {
                throw error(.syntaxError, .invalidArgumentType, "a \(k) has no properties", e.span)
            }
        default:
            for c in e.children { try check(c, extra: extra) }
        }
        try staticTypeCheck(e)
    }

    /// Notes a pattern inside an expression with the variables in scope at it, for the planner.
    private func record(_ e: Expr, _ pattern: Pattern, _ predicate: Expr?, _ extra: Set<String>, _ kind: String) {
        subqueries.found[e.span.start] = SubqueryPattern(pattern: pattern, predicate: predicate,
                                                         bound: Set(scope.keys).union(extra), span: e.span, kind: kind)
    }

    private func kindOf(_ e: Expr) -> VariableKind? {
        if case .variable(let v) = e.kind { return scope[v] }
        return nil
    }

    /// Type errors that are visible without running: e.g. `type(n)` on a node variable.
    private func staticArgumentCheck(_ name: String, _ args: [Expr]) throws(QueryError) {
        guard let first = args.first, let k = kindOf(first) else { return }
        let wants: [String: [VariableKind]] = [
            "type": [.relationship], "labels": [.node], "startnode": [.relationship], "endnode": [.relationship],
            "nodes": [.path], "relationships": [.path], "length": [.path, .value],
        ]
        if let ok = wants[name], !ok.contains(k) && k != .value {
            throw error(.syntaxError, .invalidArgumentType, "\(name)() cannot take a \(k)", first.span)
        }
        if name == "size" && (k == .path || k == .node || k == .relationship) {
            throw error(.syntaxError, .invalidArgumentType, "size() cannot take a \(k)", first.span)
        }
    }

    private func staticTypeCheck(_ e: Expr) throws(QueryError) {
        switch e.kind {
        case .binary(let op, let a, let b) where [.plus, .minus, .times, .divide, .modulo, .power].contains(op):
            for x in [a, b] {
                if op != .plus, case .literal(let v) = x.kind, case .bool = v {
                    throw error(.syntaxError, .invalidArgumentType, "cannot use a boolean in arithmetic", x.span)
                }
                if case .map = x.kind {
                    throw error(.syntaxError, .invalidArgumentType, "cannot use a map in arithmetic", x.span)
                }
                if let k = kindOf(x), k == .node || k == .relationship || k == .path {
                    throw error(.syntaxError, .invalidArgumentType, "cannot use a \(k) in arithmetic", x.span)
                }
            }
        case .binary(let op, let a, let b) where [.and, .or, .xor].contains(op):
            for x in [a, b] {
                if case .literal(let v) = x.kind {
                    switch v {
                    case .int, .float, .string, .list, .map: throw error(.syntaxError, .invalidArgumentType, "\(op.rawValue) expects booleans", x.span)
                    default: break
                    }
                }
                if case .list = x.kind { throw error(.syntaxError, .invalidArgumentType, "\(op.rawValue) expects booleans", x.span) }
                if case .map = x.kind { throw error(.syntaxError, .invalidArgumentType, "\(op.rawValue) expects booleans", x.span) }
            }
        case .unary("NOT", let x):
            if case .literal(let v) = x.kind {
                switch v {
                case .int, .float, .string: throw error(.syntaxError, .invalidArgumentType, "NOT expects a boolean", x.span)
                default: break
                }
            }
            if case .list = x.kind { throw error(.syntaxError, .invalidArgumentType, "NOT expects a boolean", x.span) }
            if case .map = x.kind { throw error(.syntaxError, .invalidArgumentType, "NOT expects a boolean", x.span) }
        case .index(let base, _):
            if case .literal(let v) = base.kind {
                switch v {
                case .bool, .int, .float, .string: throw error(.syntaxError, .invalidArgumentType, "cannot index into a \(ValueSemantics.typeName(v))", base.span)
                default: break
                }
            }
        default: break
        }
    }

    // MARK: - Projections

    private mutating func bindProjection(_ p: Projection, isReturn: Bool, filter: Expr?) throws(QueryError) -> BoundProjection {
        var columns: [String] = []
        var exprs: [Expr] = []
        if p.star {
            let visible = scope.keys.filter { !$0.hasPrefix(" ") }.sorted()
            if visible.isEmpty && isReturn {
                throw error(.syntaxError, .noVariablesInScope, "\(isReturn ? "RETURN" : "WITH") * needs variables in scope", p.span)
            }
            for v in visible {
                columns.append(v); exprs.append(Expr(.variable(v), p.span))
            }
        }
        for item in p.items {
            try check(item.expr)
            if !isReturn && item.alias == nil {
                if case .variable = item.expr.kind {} else {
                    throw error(.syntaxError, .noExpressionAlias, "an expression in WITH needs an alias", item.expr.span,
                                help: "write '\(item.text) AS name'")
                }
            }
            let name = item.alias ?? item.text
            if columns.contains(name) {
                throw error(.syntaxError, .columnNameConflict, "column name '\(name)' is used twice", item.expr.span)
            }
            columns.append(name); exprs.append(item.expr)
        }
        // Pull the aggregates out.
        var aggregates: [AggregateCall] = []
        var items: [Expr] = []
        var grouping: [Int] = []
        for (i, e) in exprs.enumerated() {
            if e.containsAggregate {
                items.append(extractAggregates(e, into: &aggregates))
            } else {
                items.append(e)
                grouping.append(i)
            }
        }
        if !aggregates.isEmpty {
            for (i, e) in exprs.enumerated() where !grouping.contains(i) {
                try checkAmbiguous(e, groupingKeys: grouping.filter { isSimpleKey(exprs[$0]) }.map { exprs[$0] }, groupingVariables: grouping.compactMap {
                    if case .variable(let v) = exprs[$0].kind { return v }
                    return nil
                })
            }
        }
        let oldScope = scope
        var newScope: [String: VariableKind] = [:]
        for (i, c) in columns.enumerated() {
            switch exprs[i].kind {
            case .variable(let v): newScope[c] = oldScope[v] ?? .value
            case .literal(let lit): newScope[c] = lit == .null ? .value : .scalar
            case .map: newScope[c] = .scalar
            case .list, .listComprehension: newScope[c] = .list
            default: newScope[c] = .value
            }
        }
        // ORDER BY sees the new columns, and (without aggregation or DISTINCT) the old variables too.
        let aggregating = !aggregates.isEmpty
        let simpleKeys: [(Expr, String)] = grouping.compactMap { i in
            isSimpleKey(exprs[i]) ? (exprs[i], columns[i]) : nil
        }
        var order: [(Expr, Bool)] = []
        for s in p.order {
            var e = s.expr
            if let i = exprs.firstIndex(where: { $0.isStructurallyEqual(to: s.expr) }) { e = Expr(.variable(columns[i]), s.expr.span) }
            if e.containsAggregate && !aggregating {
                throw error(.syntaxError, .invalidAggregation, "ORDER BY cannot aggregate when the projection does not", s.expr.span)
            }
            if aggregating || p.distinct {
                // Only projected columns are visible; grouping keys may be named by their text.
                var failure: QueryError? = nil
                var local = aggregates
                var counter = slotCounter
                let rewritten = e.rewritten { x in
                    if x.isAggregate {
                        do throws(QueryError) { try check(x) } catch { failure = failure ?? error }
                        let slot = " agg\(counter)"
                        counter += 1
                        if let call = AggregateCall(x, slot: slot) { local.append(call) }
                        return Expr(.variable(slot), x.span)
                    }
                    if let k = simpleKeys.first(where: { $0.0.isStructurallyEqual(to: x) }) { return Expr(.variable(k.1), x.span) }
                    return nil
                }
                if let failure { throw failure }
                aggregates = local
                slotCounter = counter
                let slots = Set(aggregates.map(\.slot))
                scope = newScope
                do throws(QueryError) { try check(rewritten, extra: slots) } catch { scope = oldScope; throw error }
                scope = oldScope
                order.append((rewritten, s.descending))
            } else {
                scope = oldScope.merging(newScope) { $1 }
                do throws(QueryError) { try check(e) } catch { scope = oldScope; throw error }
                scope = oldScope
                order.append((e, s.descending))
            }
        }
        for x in [p.skip, p.limit].compactMap({ $0 }) {
            if !x.freeVariables.isEmpty || x.containsAggregate || x.contains(where: { if case .patternPredicate = $0.kind { return true }; return false }) {
                throw error(.syntaxError, .nonConstantExpression, "SKIP and LIMIT need a constant expression", x.span)
            }
            if case .call(let n, _, _) = x.kind, n.lowercased() == "rand" {
                throw error(.syntaxError, .nonConstantExpression, "SKIP and LIMIT need a constant expression", x.span)
            }
            try check(x)
            if case .literal(let v) = x.kind {
                switch v {
                case .int(let i) where i < 0:
                    throw error(.syntaxError, .negativeIntegerArgument, "SKIP and LIMIT cannot be negative", x.span)
                case .float:
                    throw error(.syntaxError, .invalidArgumentType, "SKIP and LIMIT need an integer", x.span)
                default: break
                }
            }
        }
        // WITH … WHERE also sees the variables before the projection (unless it aggregates).
        scope = aggregates.isEmpty ? oldScope.merging(newScope) { $1 } : newScope
        if let filter {
            try check(filter)
            try noAggregate(filter, "WHERE")
        }
        scope = newScope
        return BoundProjection(columns: columns, items: items, aggregates: aggregates, groupingIndexes: grouping,
                               distinct: p.distinct, order: order, skip: p.skip, limit: p.limit, filter: filter,
                               isReturn: isReturn, span: p.span)
    }

    /// A grouping key other expressions may refer to by its text: a variable or a property of one.
    private func isSimpleKey(_ e: Expr) -> Bool {
        switch e.kind {
        case .variable: return true
        case .property(let b, _): return isSimpleKey(b)
        default: return false
        }
    }

    private mutating func extractAggregates(_ e: Expr, into aggs: inout [AggregateCall]) -> Expr {
        var local = aggs
        var counter = slotCounter
        let r = e.rewritten { x in
            guard x.isAggregate, let call = AggregateCall(x, slot: " agg\(counter)") else { return nil }
            counter += 1
            local.append(call)
            return Expr(.variable(call.slot), x.span)
        }
        aggs = local
        slotCounter = counter
        return r
    }

    /// openCypher's rule: outside its aggregates, an aggregating expression may only use grouping keys.
    private func checkAmbiguous(_ e: Expr, groupingKeys: [Expr], groupingVariables: [String]) throws(QueryError) {
        if e.isAggregate { return }
        if groupingKeys.contains(where: { $0.isStructurallyEqual(to: e) }) { return }
        switch e.kind {
        case .variable(let v):
            if !groupingVariables.contains(v) {
                throw error(.syntaxError, .ambiguousAggregationExpression,
                            "'\(v)' is used beside an aggregate but is not a grouping key", e.span,
                            help: "add '\(v)' to the projection as its own column")
            }
        case .listComprehension, .quantifier, .reduce:
            break
        default:
            for c in e.children { try checkAmbiguous(c, groupingKeys: groupingKeys, groupingVariables: groupingVariables) }
        }
    }
}

extension ExprKind {
    var isVariable: Bool { if case .variable = self { return true }; return false }
}
