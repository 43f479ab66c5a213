/// The binder's output: clauses whose names are checked, whose projections are resolved into
/// columns, and whose aggregates are pulled out. The executor runs only this, never raw AST clauses.
public enum VariableKind: Sendable, Equatable {
    case node, relationship, relationshipList, path
    /// Anything, known only at run time.
    case value
    /// Known not to be a node, relationship or list (a literal number, string, boolean or map).
    case scalar
    /// A list (may hold relationships).
    case list
}

public struct AggregateCall: Sendable {
    public var kind: AggregateKind
    public var distinct: Bool
    public var args: [Expr]
    /// The hidden variable the rewritten expressions read the aggregate's value from.
    public var slot: String
    public var span: SourceSpan

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

public struct BoundProjection: Sendable {
    public var columns: [String]
    /// One per column; aggregate calls replaced by their slot variables.
    public var items: [Expr]
    public var aggregates: [AggregateCall]
    /// Columns without aggregates: the grouping keys when `aggregates` is not empty.
    public var groupingIndexes: [Int]
    public var distinct: Bool
    public var order: [(Expr, Bool)]
    public var skip: Expr?
    public var limit: Expr?
    public var filter: Expr?
    public var isReturn: Bool
    public var span: SourceSpan
    public var isAggregating: Bool { !aggregates.isEmpty }
}

public struct BoundMatch: Sendable {
    public var pattern: Pattern
    public var optional: Bool
    public var predicate: Expr?
    /// Variables bound before this clause (the planner starts from them).
    public var boundBefore: Set<String>
    /// Variables this clause introduces (set to null by OPTIONAL MATCH when nothing matches).
    public var introduced: [String]
    public var span: SourceSpan
}

public enum BoundClause: Sendable {
    case match(BoundMatch)
    case unwind(Expr, String)
    case project(BoundProjection)
    case create(Pattern, span: SourceSpan)
    case merge(PatternPart, onCreate: [SetItem], onMatch: [SetItem], boundBefore: Set<String>, span: SourceSpan)
    case set([SetItem])
    case remove([RemoveItem])
    case delete([Expr], detach: Bool)
}

public struct BoundQuery: Sendable {
    public var clauses: [BoundClause]
    public var columns: [String]
}

/// A pattern inside an expression — `EXISTS { … }`, a pattern predicate `(a)-->(b)`, a
/// pattern comprehension `[(a)-->(b) | b.x]` — with the variables in scope where it stands, so
/// the planner can plan it once for every row that evaluates it.
public struct SubqueryPattern: Sendable {
    public var pattern: Pattern
    public var predicate: Expr?
    /// Variables bound where the expression is evaluated (the pattern's own that are among them
    /// are matched, not introduced).
    public var bound: Set<String>
    public var span: SourceSpan
    /// How EXPLAIN names it.
    public var kind: String
}

public struct BoundStatement: Sendable {
    public var mode: Statement.Mode
    public var queries: [BoundQuery]
    public var unionAll: [Bool]
    public var columns: [String]
    public var writes: Bool
    /// The patterns inside expressions, by the start offset of their expression in the statement.
    public var subqueries: [Int: SubqueryPattern] = [:]
    /// `Statement.propertyKeys`: the keys expressions read, by `PropertyKey.position`.
    public var propertyKeys: [String] = []
}
