import KGCore

/// Recursive-descent parser from tokens to the AST (`Statement`).
///
/// Keywords are matched case-insensitively on name tokens; a misspelt clause keyword is
/// reported with a "did you mean" suggestion.
struct Parser {
    private var tokens: [Token]
    private var p = 0
    /// The property keys expressions read, in order of first use (`Statement.propertyKeys`).
    private var propertyKeys: [String] = []
    private var keyPositions: [String: Int32] = [:]
    let source: SourceText
    /// How many expressions, NOT and sign prefixes enclose the current token; each is a few
    /// stack frames here, so `Parser.maxNesting` keeps a hostile query from overflowing the stack.
    private var nesting = 0
    /// Set once an expression nested too deep or grew too tall; every later attempt rethrows it, so
    /// backtracking alternatives give up at once instead of retrying (exponentially).
    private var tooDeep: QueryError? = nil
    /// Speculative parses by start token, so backtracking stays linear: `({k: ({k: …})})` would
    /// otherwise parse every level twice, 2^depth times in all.
    private var patternAttempts: [Int: PatternAttempt] = [:]
    private var atoms: [Int: (expr: Expr, end: Int)] = [:]

    private struct PatternAttempt { var part: PatternPart?; var end: Int }

    /// Deepest nesting of brackets and prefixes in an expression.
    static let maxNesting = 64
    /// Tallest expression tree (a chain `a + b + …` is as tall as it is long); binder and executor
    /// recurse this deep.
    static let maxHeight = 100

    static let clauseKeywords = ["MATCH", "OPTIONAL", "WHERE", "WITH", "RETURN", "UNWIND", "CREATE", "MERGE", "SET",
                                 "REMOVE", "DELETE", "DETACH", "ORDER", "SKIP", "LIMIT", "UNION", "EXPLAIN", "PROFILE"]
    static let keywords = clauseKeywords + ["BY", "ALL", "DISTINCT", "AS", "ASC", "DESC", "ASCENDING", "DESCENDING",
                                            "AND", "OR", "XOR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "CASE",
                                            "WHEN", "THEN", "ELSE", "END", "STARTS", "ENDS", "CONTAINS", "ON", "CALL",
                                            "YIELD", "EXISTS"]
    /// Words that end an expression and so can never be read as a variable there.
    static let reserved: Set<String> = ["AND", "OR", "XOR", "NOT", "IN", "IS", "STARTS", "ENDS", "CONTAINS", "AS",
                                        "WHERE", "RETURN", "WITH", "MATCH", "OPTIONAL", "UNWIND", "CREATE", "MERGE",
                                        "SET", "REMOVE", "DELETE", "DETACH", "ORDER", "SKIP", "LIMIT", "UNION", "WHEN",
                                        "THEN", "ELSE", "END", "ASC", "DESC", "ASCENDING", "DESCENDING", "BY", "ON",
                                        "DISTINCT", "CALL", "YIELD"]

    init(_ source: SourceText) throws(QueryError) {
        self.source = source
        self.tokens = try Lexer.tokenize(source)
    }

    static func parse(_ source: SourceText) throws(QueryError) -> Statement {
        var parser = try Parser(source)
        return try parser.parseStatement()
    }

    // MARK: - Token helpers

    private var cur: Token { tokens[p] }
    private func ahead(_ k: Int) -> Token { tokens[min(p + k, tokens.count - 1)] }
    private mutating func bump() -> Token { let t = tokens[p]; if p < tokens.count - 1 { p += 1 }; return t }

    private mutating func acceptKeyword(_ w: String) -> Bool {
        if cur.isKeyword(w) { p += 1; return true }
        return false
    }
    private mutating func acceptSymbol(_ s: String) -> Bool {
        if cur.isSymbol(s) { p += 1; return true }
        return false
    }
    private mutating func expectKeyword(_ w: String) throws(QueryError) {
        if !acceptKeyword(w) { throw unexpected("'\(w)'") }
    }
    private mutating func expectSymbol(_ s: String) throws(QueryError) {
        if !acceptSymbol(s) { throw unexpected("'\(s)'") }
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: return "the end of the query"
        case .string: return "a string"
        case .parameter: return "'$\(t.text)'"
        default: return "'\(t.text)'"
        }
    }

    func unexpected(_ expected: String, at t: Token? = nil, suggest: [String] = []) -> QueryError {
        let t = t ?? cur
        var help: String? = nil
        if t.kind == .name, let s = Suggest.closest(to: t.text.uppercased(), among: suggest.isEmpty ? Parser.keywords : suggest) {
            help = "did you mean '\(s)'?"
        }
        return source.error(type: .syntaxError, detail: .unexpectedSyntax,
                            message: "expected \(expected) but found \(describe(t))", line: t.line, column: t.column,
                            help: help)
    }

    private func span(from t: Token) -> SourceSpan {
        let end = p > 0 ? tokens[p - 1].endOffset : t.offset
        return SourceSpan(line: t.line, column: t.column, start: t.offset, end: max(end, t.offset))
    }

    private mutating func name(_ what: String) throws(QueryError) -> String {
        if cur.kind == .name || cur.kind == .quotedName { return bump().text }
        throw unexpected(what)
    }

    /// The key `name` with its position in the statement's key list.
    private mutating func propertyKey(_ name: String) -> PropertyKey {
        if let k = keyPositions[name] { return PropertyKey(name, position: k) }
        let k = Int32(propertyKeys.count)
        propertyKeys.append(name)
        keyPositions[name] = k
        return PropertyKey(name, position: k)
    }

    // MARK: - Statements and clauses

    mutating func parseStatement() throws(QueryError) -> Statement {
        var mode = Statement.Mode.run
        if acceptKeyword("EXPLAIN") { mode = .explain } else if acceptKeyword("PROFILE") { mode = .profile }
        var queries = [try singleQuery()]
        var all: [Bool] = []
        while acceptKeyword("UNION") {
            all.append(acceptKeyword("ALL"))
            queries.append(try singleQuery())
        }
        _ = acceptSymbol(";")
        if cur.kind != .end {
            throw unexpected("a clause (MATCH, WITH, RETURN, …)", suggest: Parser.clauseKeywords)
        }
        return Statement(mode: mode, queries: queries, unionAll: all, propertyKeys: propertyKeys)
    }

    private mutating func singleQuery() throws(QueryError) -> SingleQuery {
        var clauses: [Clause] = []
        while let c = try clause() { clauses.append(c) }
        if clauses.isEmpty { throw unexpected("a clause (MATCH, CREATE, RETURN, …)", suggest: Parser.clauseKeywords) }
        return SingleQuery(clauses: clauses)
    }

    private mutating func clause() throws(QueryError) -> Clause? {
        let t = cur
        if acceptKeyword("OPTIONAL") {
            try expectKeyword("MATCH")
            return try matchClause(optional: true, start: t)
        }
        if acceptKeyword("MATCH") { return try matchClause(optional: false, start: t) }
        if acceptKeyword("UNWIND") {
            let e = try expression()
            try expectKeyword("AS")
            let v = try name("a variable name")
            return .unwind(e, v, span: span(from: t))
        }
        if acceptKeyword("WITH") {
            let proj = try projection(start: t)
            var w: Expr? = nil
            if acceptKeyword("WHERE") { w = try expression() }
            return .with(proj, where: w)
        }
        if acceptKeyword("RETURN") { return .ret(try projection(start: t)) }
        if acceptKeyword("CREATE") { return .create(try pattern(), span: span(from: t)) }
        if acceptKeyword("MERGE") {
            let part = try patternPart()
            var onCreate: [SetItem] = [], onMatch: [SetItem] = []
            while acceptKeyword("ON") {
                if acceptKeyword("CREATE") {
                    try expectKeyword("SET"); onCreate += try setItems()
                } else if acceptKeyword("MATCH") {
                    try expectKeyword("SET"); onMatch += try setItems()
                } else {
                    throw unexpected("CREATE or MATCH after ON")
                }
            }
            return .merge(part, onCreate: onCreate, onMatch: onMatch, span: span(from: t))
        }
        if acceptKeyword("SET") { return .set(try setItems(), span: span(from: t)) }
        if acceptKeyword("REMOVE") {
            var items: [RemoveItem] = []
            repeat {
                let st = cur
                let v = try name("a variable")
                if cur.isSymbol(":") {
                    items.append(.labels(v, try labelList(), span(from: st)))
                } else {
                    var e = try node(.variable(v), span(from: st))
                    try expectSymbol(".")
                    var key = try name("a property key")
                    while acceptSymbol(".") {
                        e = try node(.property(e, propertyKey(key)), span(from: st))
                        key = try name("a property key")
                    }
                    items.append(.property(e, key))
                }
            } while acceptSymbol(",")
            return .remove(items, span: span(from: t))
        }
        if cur.isKeyword("DETACH") || cur.isKeyword("DELETE") {
            let detach = acceptKeyword("DETACH")
            try expectKeyword("DELETE")
            var es = [try expression()]
            while acceptSymbol(",") { es.append(try expression()) }
            return .delete(es, detach: detach, span: span(from: t))
        }
        if cur.isKeyword("CALL") {
            throw source.error(type: .syntaxError, detail: .unsupportedFeature,
                               message: "CALL (procedures) is not supported by kgq", line: t.line, column: t.column)
        }
        if cur.kind == .name && !cur.isKeyword("UNION") && !Parser.reserved.contains(cur.text.uppercased()),
           Suggest.closest(to: cur.text.uppercased(), among: Parser.clauseKeywords) != nil {
            throw unexpected("a clause", suggest: Parser.clauseKeywords)
        }
        return nil
    }

    private mutating func matchClause(optional: Bool, start: Token) throws(QueryError) -> Clause {
        let pat = try pattern()
        var w: Expr? = nil
        if acceptKeyword("WHERE") { w = try expression() }
        return .match(pat, optional: optional, where: w, span: span(from: start))
    }

    private mutating func labelList() throws(QueryError) -> [String] {
        var labels: [String] = []
        while acceptSymbol(":") { labels.append(try name("a label")) }
        return labels
    }

    private mutating func setItems() throws(QueryError) -> [SetItem] {
        var items: [SetItem] = []
        repeat {
            let st = cur
            let v = try name("a variable")
            if cur.isSymbol(":") {
                items.append(.labels(v, try labelList(), span(from: st)))
            } else if acceptSymbol("=") {
                items.append(.replace(v, try expression(), span(from: st)))
            } else if acceptSymbol("+=") {
                items.append(.merge(v, try expression(), span(from: st)))
            } else {
                var e = try node(.variable(v), span(from: st))
                try expectSymbol(".")
                var key = try name("a property key")
                while acceptSymbol(".") {
                    e = try node(.property(e, propertyKey(key)), span(from: st))
                    key = try name("a property key")
                }
                try expectSymbol("=")
                items.append(.property(e, key, try expression()))
            }
        } while acceptSymbol(",")
        return items
    }

    private mutating func projection(start: Token) throws(QueryError) -> Projection {
        let distinct = acceptKeyword("DISTINCT")
        var star = false
        var items: [ProjectionItem] = []
        if acceptSymbol("*") {
            star = true
        } else {
            items.append(try projectionItem())
        }
        while acceptSymbol(",") { items.append(try projectionItem()) }
        var order: [SortItem] = []
        if acceptKeyword("ORDER") {
            try expectKeyword("BY")
            repeat {
                let e = try expression()
                var desc = false
                if acceptKeyword("DESC") || acceptKeyword("DESCENDING") { desc = true } else {
                    _ = acceptKeyword("ASC") || acceptKeyword("ASCENDING")
                }
                order.append(SortItem(expr: e, descending: desc))
            } while acceptSymbol(",")
        }
        var skip: Expr? = nil, limit: Expr? = nil
        if acceptKeyword("SKIP") { skip = try expression() }
        if acceptKeyword("LIMIT") { limit = try expression() }
        return Projection(distinct: distinct, star: star, items: items, order: order, skip: skip, limit: limit,
                          span: span(from: start))
    }

    private mutating func projectionItem() throws(QueryError) -> ProjectionItem {
        let e = try expression()
        let text = source.slice(e.span.start, e.span.end)
        if acceptKeyword("AS") { return ProjectionItem(expr: e, alias: try name("an alias"), text: text) }
        return ProjectionItem(expr: e, alias: nil, text: text)
    }

    // MARK: - Patterns

    private mutating func pattern() throws(QueryError) -> Pattern {
        var parts = [try patternPart()]
        while acceptSymbol(",") { parts.append(try patternPart()) }
        return parts
    }

    private mutating func patternPart() throws(QueryError) -> PatternPart {
        let st = cur
        var pathVar: String? = nil
        if (cur.kind == .name || cur.kind == .quotedName) && ahead(1).isSymbol("=") {
            pathVar = bump().text
            p += 1
        }
        if cur.isKeyword("SHORTESTPATH") || cur.isKeyword("ALLSHORTESTPATHS") {
            let keyword = bump()
            let all = keyword.isKeyword("ALLSHORTESTPATHS")
            try expectSymbol("(")
            var part = try chain()
            try expectSymbol(")")
            // The matcher walks the one relationship between the two ends (a lone node trapped it).
            if part.rels.count != 1 {
                throw source.error(type: .syntaxError, detail: .invalidShortestPath,
                                   message: "\(keyword.text)(…) takes a pattern with exactly one relationship, such as (a)-[*]-(b); "
                                       + "this one has \(part.rels.count)", line: keyword.line, column: keyword.column)
            }
            part.shortest = all ? .all : .shortest
            part.pathVariable = pathVar
            part.span = span(from: st)
            return part
        }
        var part = try chain()
        part.pathVariable = pathVar
        part.span = span(from: st)
        return part
    }

    private mutating func chain() throws(QueryError) -> PatternPart {
        let st = cur
        var nodes = [try nodePattern()]
        var rels: [RelPattern] = []
        while cur.isSymbol("-") || (cur.isSymbol("<") && ahead(1).isSymbol("-")) {
            if rels.count >= 100 {
                throw source.error(type: .syntaxError, detail: .unexpectedSyntax, message: "a pattern may have at most 100 relationships",
                                   line: cur.line, column: cur.column)
            }
            rels.append(try relPattern())
            nodes.append(try nodePattern())
        }
        return PatternPart(pathVariable: nil, nodes: nodes, rels: rels, span: span(from: st))
    }

    private mutating func nodePattern() throws(QueryError) -> NodePattern {
        let st = cur
        try expectSymbol("(")
        var v: String? = nil
        if cur.kind == .name || cur.kind == .quotedName { v = bump().text }
        let labels = try labelList()
        var props: Expr? = nil
        if cur.isSymbol("{") || cur.kind == .parameter { props = try atom() }
        if !cur.isSymbol(")") { throw unexpected("')' to close the node pattern") }
        p += 1
        return NodePattern(variable: v, labels: labels, properties: props, span: span(from: st))
    }

    private mutating func relPattern() throws(QueryError) -> RelPattern {
        let st = cur
        let left = acceptSymbol("<")
        try expectSymbol("-")
        var v: String? = nil
        var types: [String] = []
        var props: Expr? = nil
        var length: VarLength? = nil
        if acceptSymbol("[") {
            if cur.kind == .name || cur.kind == .quotedName { v = bump().text }
            if acceptSymbol(":") {
                types.append(try name("a relationship type"))
                while acceptSymbol("|") {
                    _ = acceptSymbol(":")
                    types.append(try name("a relationship type"))
                }
            }
            if acceptSymbol("*") {
                var lo: Int? = nil, hi: Int? = nil
                if cur.kind == .integer { lo = try intLiteral(bump()) }
                if acceptSymbol("..") {
                    if cur.kind == .integer { hi = try intLiteral(bump()) }
                    length = VarLength(min: lo ?? 1, max: hi)
                } else if let lo {
                    length = VarLength(min: lo, max: lo)
                } else {
                    length = VarLength(min: 1, max: nil)
                }
            }
            if cur.isSymbol("{") || cur.kind == .parameter { props = try atom() }
            try expectSymbol("]")
        }
        try expectSymbol("-")
        let right = acceptSymbol(">")
        let dir: RelDirection = left && !right ? .incoming : (right && !left ? .outgoing : .both)
        return RelPattern(variable: v, types: types, properties: props, direction: dir, length: length, span: span(from: st))
    }

    private func intLiteral(_ t: Token, negative: Bool = false) throws(QueryError) -> Int {
        var text = String(t.text.filter { $0 != "_" })
        var radix = 10
        if text.hasPrefix("0x") || text.hasPrefix("0X") { radix = 16; text.removeFirst(2) }
        else if text.hasPrefix("0o") || text.hasPrefix("0O") { radix = 8; text.removeFirst(2) }
        else if text.count > 1 && text.hasPrefix("0") { radix = 8; text.removeFirst(1) }
        let valid = !text.isEmpty && text.allSatisfy { $0.isHexDigit && Int(String($0), radix: radix) != nil }
        guard valid else {
            throw source.error(type: .syntaxError, detail: .invalidNumberLiteral, message: "invalid number literal '\(t.text)'",
                               line: t.line, column: t.column)
        }
        guard let v = Int((negative ? "-" : "") + text, radix: radix) else {
            throw source.error(type: .syntaxError, detail: .integerOverflow,
                               message: "integer literal '\(t.text)' does not fit in 64 bits", line: t.line, column: t.column)
        }
        return v
    }

    // MARK: - Expressions

    mutating func expression() throws(QueryError) -> Expr {
        try enter()
        defer { nesting -= 1 }
        return try orExpr()
    }

    /// One level deeper, or a SyntaxError when the expression nests beyond `maxNesting`.
    private mutating func enter() throws(QueryError) {
        if let tooDeep { throw tooDeep }
        guard nesting < Parser.maxNesting else {
            let e = source.error(type: .syntaxError, detail: .expressionTooDeep,
                                 message: "the expression nests more than \(Parser.maxNesting) levels deep",
                                 line: cur.line, column: cur.column,
                                 help: "split it into steps with WITH, or build lists with range() or collect()")
            tooDeep = e
            throw e
        }
        nesting += 1
    }

    /// An expression node, or a SyntaxError when the tree grows taller than `maxHeight`.
    private mutating func node(_ kind: ExprKind, _ span: SourceSpan) throws(QueryError) -> Expr {
        let e = Expr(kind, span)
        guard e.height <= Parser.maxHeight else {
            let error = source.error(type: .syntaxError, detail: .expressionTooDeep,
                                     message: "the expression is more than \(Parser.maxHeight) operators deep",
                                     line: span.line, column: span.column,
                                     help: "use IN with a list instead of a long chain of OR, or split the work with WITH")
            tooDeep = error
            throw error
        }
        return e
    }

    /// `patternPart()` tried where an expression may also start; nil when it is not a pattern.
    private mutating func attemptPattern() -> PatternPart? {
        let start = p
        if let memo = patternAttempts[start] {
            if memo.part != nil { p = memo.end }
            return memo.part
        }
        let part = try? patternPart()
        patternAttempts[start] = PatternAttempt(part: part, end: p)
        return part
    }

    private mutating func orExpr() throws(QueryError) -> Expr {
        let st = cur
        var e = try xorExpr()
        while acceptKeyword("OR") { e = try node(.binary(.or, e, try xorExpr()), span(from: st)) }
        return e
    }

    private mutating func xorExpr() throws(QueryError) -> Expr {
        let st = cur
        var e = try andExpr()
        while acceptKeyword("XOR") { e = try node(.binary(.xor, e, try andExpr()), span(from: st)) }
        return e
    }

    private mutating func andExpr() throws(QueryError) -> Expr {
        let st = cur
        var e = try notExpr()
        while acceptKeyword("AND") { e = try node(.binary(.and, e, try notExpr()), span(from: st)) }
        return e
    }

    private mutating func notExpr() throws(QueryError) -> Expr {
        let st = cur
        if acceptKeyword("NOT") {
            try enter()
            defer { nesting -= 1 }
            return try node(.unary("NOT", try notExpr()), span(from: st))
        }
        return try comparison()
    }

    private mutating func comparison() throws(QueryError) -> Expr {
        let st = cur
        var operands = [try predicateExpr()]
        var ops: [String] = []
        while cur.kind == .symbol, ["=", "<>", "!=", "<", ">", "<=", ">="].contains(cur.text) {
            let op = bump().text
            ops.append(op == "!=" ? "<>" : op)
            operands.append(try predicateExpr())
        }
        if ops.isEmpty { return operands[0] }
        return try node(.comparison(operands, ops), span(from: st))
    }

    private mutating func predicateExpr() throws(QueryError) -> Expr {
        let st = cur
        var e = try addSub()
        while true {
            if cur.isKeyword("STARTS") && ahead(1).isKeyword("WITH") {
                p += 2; e = try node(.binary(.startsWith, e, try addSub()), span(from: st))
            } else if cur.isKeyword("ENDS") && ahead(1).isKeyword("WITH") {
                p += 2; e = try node(.binary(.endsWith, e, try addSub()), span(from: st))
            } else if acceptKeyword("CONTAINS") {
                e = try node(.binary(.contains, e, try addSub()), span(from: st))
            } else if acceptKeyword("IN") {
                e = try node(.binary(.in, e, try addSub()), span(from: st))
            } else if acceptSymbol("=~") {
                e = try node(.binary(.regexMatch, e, try addSub()), span(from: st))
            } else if cur.isKeyword("IS") {
                p += 1
                let neg = acceptKeyword("NOT")
                try expectKeyword("NULL")
                e = try node(.isNull(e, negated: neg), span(from: st))
            } else {
                return e
            }
        }
    }

    private mutating func addSub() throws(QueryError) -> Expr {
        let st = cur
        var e = try mulDiv()
        while cur.isSymbol("+") || cur.isSymbol("-") {
            let op = bump().text
            e = try node(.binary(BinaryOperator(rawValue: op)!, e, try mulDiv()), span(from: st))
        }
        return e
    }

    private mutating func mulDiv() throws(QueryError) -> Expr {
        let st = cur
        var e = try power()
        while cur.isSymbol("*") || cur.isSymbol("/") || cur.isSymbol("%") {
            let op = bump().text
            e = try node(.binary(BinaryOperator(rawValue: op)!, e, try power()), span(from: st))
        }
        return e
    }

    private mutating func power() throws(QueryError) -> Expr {
        let st = cur
        var e = try unary()
        while acceptSymbol("^") { e = try node(.binary(.power, e, try unary()), span(from: st)) }
        return e
    }

    private mutating func unary() throws(QueryError) -> Expr {
        let st = cur
        if cur.isSymbol("-") || cur.isSymbol("+") {
            try enter()
            defer { nesting -= 1 }
            return try signed(st)
        }
        return try postfix(try atom(), st)
    }

    private mutating func signed(_ st: Token) throws(QueryError) -> Expr {
        if cur.isSymbol("-") {
            p += 1
            if cur.kind == .integer {
                let t = bump()
                return try postfix(try node(.literal(.int(try intLiteral(t, negative: true))), span(from: st)), st)
            }
            return try node(.unary("-", try unary()), span(from: st))
        }
        if acceptSymbol("+") { return try node(.unary("+", try unary()), span(from: st)) }
        return try postfix(try atom(), st)
    }

    private mutating func postfix(_ base: Expr, _ st: Token) throws(QueryError) -> Expr {
        var e = base
        while true {
            if cur.isSymbol(".") {
                p += 1
                e = try node(.property(e, propertyKey(try name("a property key"))), span(from: st))
            } else if cur.isSymbol("[") {
                p += 1
                if acceptSymbol("..") {
                    let hi = cur.isSymbol("]") ? nil : try expression()
                    try expectSymbol("]")
                    e = try node(.slice(e, nil, hi), span(from: st))
                    continue
                }
                let i = try expression()
                if acceptSymbol("..") {
                    let hi = cur.isSymbol("]") ? nil : try expression()
                    try expectSymbol("]")
                    e = try node(.slice(e, i, hi), span(from: st))
                } else {
                    try expectSymbol("]")
                    e = try node(.index(e, i), span(from: st))
                }
            } else if cur.isSymbol(":") && (ahead(1).kind == .name || ahead(1).kind == .quotedName) {
                e = try node(.hasLabels(e, try labelList()), span(from: st))
            } else {
                return e
            }
        }
    }

    private mutating func atom() throws(QueryError) -> Expr {
        if let memo = atoms[p] {
            p = memo.end
            return memo.expr
        }
        let start = p
        let e = try parseAtom()
        atoms[start] = (e, p)
        return e
    }

    private mutating func parseAtom() throws(QueryError) -> Expr {
        let t = cur
        switch t.kind {
        case .integer:
            p += 1
            return try node(.literal(.int(try intLiteral(t))), span(from: t))
        case .float:
            p += 1
            guard let d = Double(t.text) else { throw unexpected("a number", at: t) }
            if d.isInfinite {
                throw source.error(type: .syntaxError, detail: .floatingPointOverflow,
                                   message: "float literal '\(t.text)' is too large", line: t.line, column: t.column)
            }
            return try node(.literal(.float(d)), span(from: t))
        case .string:
            p += 1
            return try node(.literal(.string(t.text)), span(from: t))
        case .parameter:
            p += 1
            return try node(.parameter(t.text), span(from: t))
        case .quotedName:
            p += 1
            return try variableOrProjection(t.text, t)
        case .end:
            throw unexpected("an expression")
        case .symbol:
            if t.isSymbol("[") { return try listOrComprehension() }
            if t.isSymbol("{") { return try mapLiteral() }
            if t.isSymbol("(") {
                // A relationship pattern used as a predicate, or a parenthesised expression.
                let save = p
                if let part = attemptPattern(), !part.rels.isEmpty {
                    return try node(.patternPredicate(part), span(from: t))
                }
                p = save + 1
                let e = try expression()
                try expectSymbol(")")
                var inner = e
                inner.span = span(from: t)
                return inner
            }
            throw unexpected("an expression")
        case .name:
            break
        }
        let word = t.text.uppercased()
        switch word {
        case "TRUE": p += 1; return try node(.literal(.bool(true)), span(from: t))
        case "FALSE": p += 1; return try node(.literal(.bool(false)), span(from: t))
        case "NULL": p += 1; return try node(.literal(.null), span(from: t))
        case "CASE": return try caseExpr()
        default: break
        }
        if word == "COUNT" && ahead(1).isSymbol("(") && ahead(2).isSymbol("*") {
            p += 3
            try expectSymbol(")")
            return try node(.countStar, span(from: t))
        }
        if word == "EXISTS" && ahead(1).isSymbol("{") {
            p += 2
            if acceptKeyword("MATCH") {}
            let pat = try pattern()
            var w: Expr? = nil
            if acceptKeyword("WHERE") { w = try expression() }
            try expectSymbol("}")
            return try node(.exists(pat, w), span(from: t))
        }
        if ["ALL", "ANY", "NONE", "SINGLE"].contains(word) && ahead(1).isSymbol("(")
            && (ahead(2).kind == .name || ahead(2).kind == .quotedName) && ahead(3).isKeyword("IN") {
            p += 2
            let v = bump().text
            p += 1
            let list = try expression()
            var pred: Expr? = nil
            if acceptKeyword("WHERE") { pred = try expression() }
            try expectSymbol(")")
            return try node(.quantifier(kind: word, variable: v, list: list, predicate: pred), span(from: t))
        }
        if word == "REDUCE" && ahead(1).isSymbol("(") {
            p += 2
            let acc = try name("an accumulator name")
            try expectSymbol("=")
            let initial = try expression()
            try expectSymbol(",")
            let v = try name("a variable")
            try expectKeyword("IN")
            let list = try expression()
            try expectSymbol("|")
            let body = try expression()
            try expectSymbol(")")
            return try node(.reduce(accumulator: acc, initial: initial, variable: v, list: list, body: body), span(from: t))
        }
        // Function call: name, possibly namespaced (a.b.c), then '('.
        var k = 1
        while ahead(k).isSymbol(".") && ahead(k + 1).kind == .name { k += 2 }
        if ahead(k).isSymbol("(") {
            var fname = bump().text
            while acceptSymbol(".") { fname += "." + bump().text }
            p += 1
            if word == "EXISTS" && (cur.isSymbol("(")) {
                let save = p
                if let part = attemptPattern(), !part.rels.isEmpty || part.nodes.count == 1, acceptSymbol(")") {
                    if !part.rels.isEmpty { return try node(.exists([part], nil), span(from: t)) }
                }
                p = save
            }
            let distinct = acceptKeyword("DISTINCT")
            var args: [Expr] = []
            if !cur.isSymbol(")") {
                args.append(try expression())
                while acceptSymbol(",") { args.append(try expression()) }
            }
            try expectSymbol(")")
            return try node(.call(name: fname, distinct: distinct, args: args), span(from: t))
        }
        if Parser.reserved.contains(word) { throw unexpected("an expression") }
        p += 1
        return try variableOrProjection(t.text, t)
    }

    private mutating func variableOrProjection(_ v: String, _ t: Token) throws(QueryError) -> Expr {
        let base = try node(.variable(v), span(from: t))
        guard cur.isSymbol("{") else { return base }
        p += 1
        var items: [MapProjectionItem] = []
        if !cur.isSymbol("}") {
            repeat {
                if acceptSymbol(".") {
                    if acceptSymbol("*") { items.append(.allProperties) } else { items.append(.property(try name("a property key"))) }
                } else {
                    let k = try name("a key")
                    if acceptSymbol(":") { items.append(.entry(k, try expression())) } else { items.append(.variable(k)) }
                }
            } while acceptSymbol(",")
        }
        try expectSymbol("}")
        return try node(.mapProjection(base, items), span(from: t))
    }

    private mutating func caseExpr() throws(QueryError) -> Expr {
        let t = bump()
        var subject: Expr? = nil
        if !cur.isKeyword("WHEN") { subject = try expression() }
        var whens: [(Expr, Expr)] = []
        while acceptKeyword("WHEN") {
            let w = try expression()
            try expectKeyword("THEN")
            whens.append((w, try expression()))
        }
        if whens.isEmpty { throw unexpected("WHEN") }
        var otherwise: Expr? = nil
        if acceptKeyword("ELSE") { otherwise = try expression() }
        try expectKeyword("END")
        return try node(.caseExpr(subject: subject, whens: whens, otherwise: otherwise), span(from: t))
    }

    private mutating func mapLiteral() throws(QueryError) -> Expr {
        let t = bump()
        var entries: [(String, Expr)] = []
        if !cur.isSymbol("}") {
            repeat {
                let k: String
                if cur.kind == .name || cur.kind == .quotedName || cur.kind == .string { k = bump().text } else {
                    throw unexpected("a map key")
                }
                try expectSymbol(":")
                entries.append((k, try expression()))
            } while acceptSymbol(",")
        }
        try expectSymbol("}")
        return try node(.map(entries), span(from: t))
    }

    private mutating func listOrComprehension() throws(QueryError) -> Expr {
        let t = bump()
        // [x IN list WHERE p | e]
        if (cur.kind == .name || cur.kind == .quotedName) && ahead(1).isKeyword("IN") {
            let save = p
            let v = bump().text
            p += 1
            if let list = try? expression(), cur.isKeyword("WHERE") || cur.isSymbol("|") || cur.isSymbol("]") {
                var pred: Expr? = nil, proj: Expr? = nil
                if acceptKeyword("WHERE") { pred = try expression() }
                if acceptSymbol("|") { proj = try expression() }
                try expectSymbol("]")
                return try node(.listComprehension(variable: v, list: list, predicate: pred, projection: proj), span(from: t))
            }
            p = save
        }
        // [p = (a)-->(b) WHERE … | e]
        if cur.isSymbol("(") || ((cur.kind == .name) && ahead(1).isSymbol("=") && ahead(2).isSymbol("(")) {
            let save = p
            if let part = attemptPattern(), !part.rels.isEmpty, cur.isKeyword("WHERE") || cur.isSymbol("|") {
                var pred: Expr? = nil
                if acceptKeyword("WHERE") { pred = try expression() }
                try expectSymbol("|")
                let proj = try expression()
                try expectSymbol("]")
                return try node(.patternComprehension(path: part.pathVariable, pattern: part, predicate: pred, projection: proj),
                            span(from: t))
            }
            p = save
        }
        var items: [Expr] = []
        if !cur.isSymbol("]") {
            items.append(try expression())
            while acceptSymbol(",") { items.append(try expression()) }
        }
        try expectSymbol("]")
        return try node(.list(items), span(from: t))
    }
}
