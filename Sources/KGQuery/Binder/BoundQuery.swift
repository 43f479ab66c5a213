/// The binder's output: clauses whose names are checked, whose projections are resolved into
/// columns, and whose aggregates are pulled out. The executor runs only this, never raw AST clauses.
enum VariableKind: Sendable, Equatable {
    case node, relationship, relationshipList, path
    /// Anything, known only at run time.
    case value
    /// Known not to be a node, relationship or list (a literal number, string, boolean or map).
    case scalar
    /// A list (may hold relationships).
    case list
}

struct AggregateCall: Sendable {
    var kind: AggregateKind
    var distinct: Bool
    var args: [Expr]
    /// The hidden variable the rewritten expressions read the aggregate's value from.
    var slot: String
    var span: SourceSpan

    /// The aggregate call `x` is (`count(*)`, `sum(DISTINCT x.n)`, …), read from slot `slot`; nil for anything else.
    init?(_ x: Expr, slot: String) {
        switch x.kind {
        case .countStar: kind = .countStar; distinct = false; args = []
        case .call(let name, let d, let a):
            guard let k = AggregateKind(call: name) else { return nil }
            kind = k; distinct = d; args = a
        default: return nil
        }
        self.slot = slot
        span = x.span
    }
}

struct BoundProjection: Sendable {
    var columns: [String]
    /// One per column; aggregate calls replaced by their slot variables.
    var items: [Expr]
    var aggregates: [AggregateCall]
    /// Columns without aggregates: the grouping keys when `aggregates` is not empty.
    var groupingIndexes: [Int]
    var distinct: Bool
    var order: [(Expr, Bool)]
    var skip: Expr?
    var limit: Expr?
    var filter: Expr?
    var isReturn: Bool
    var span: SourceSpan
    var isAggregating: Bool { !aggregates.isEmpty }
}

struct BoundMatch: Sendable {
    var pattern: Pattern
    var optional: Bool
    var predicate: Expr?
    /// Variables bound before this clause (the planner starts from them).
    var boundBefore: Set<String>
    /// Variables this clause introduces (set to null by OPTIONAL MATCH when nothing matches).
    var introduced: [String]
    var span: SourceSpan
}

enum BoundClause: Sendable {
    case match(BoundMatch)
    case unwind(Expr, String)
    case project(BoundProjection)
    case create(Pattern, span: SourceSpan)
    case merge(PatternPart, onCreate: [SetItem], onMatch: [SetItem], boundBefore: Set<String>, span: SourceSpan)
    case set([SetItem])
    case remove([RemoveItem])
    case delete([Expr], detach: Bool)
}

struct BoundQuery: Sendable {
    var clauses: [BoundClause]
    var columns: [String]
}

/// A pattern inside an expression — `EXISTS { … }`, a pattern predicate `(a)-->(b)`, a
/// pattern comprehension `[(a)-->(b) | b.x]` — with the variables in scope where it stands, so
/// the planner can plan it once for every row that evaluates it.
struct SubqueryPattern: Sendable {
    var pattern: Pattern
    var predicate: Expr?
    /// Variables bound where the expression is evaluated (the pattern's own that are among them
    /// are matched, not introduced).
    var bound: Set<String>
    var span: SourceSpan
    /// How EXPLAIN names it.
    var kind: String
}

struct BoundStatement: Sendable {
    var mode: Statement.Mode
    var queries: [BoundQuery]
    var unionAll: [Bool]
    var columns: [String]
    var writes: Bool
    /// The patterns inside expressions, by the start offset of their expression in the statement.
    var subqueries: [Int: SubqueryPattern] = [:]
    /// `Statement.propertyKeys`: the keys expressions read, by `PropertyKey.position`.
    var propertyKeys: [String] = []
}
