/// Where a syntax element starts (line, column) and which characters it spans.
public struct SourceSpan: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public var start: Int
    public var end: Int
    public static let none = SourceSpan(line: 0, column: 0, start: 0, end: 0)
}

/// A property key read by an expression (`n.name`): its name and its position in the
/// statement's list of keys (`Statement.propertyKeys`), through which the plan gives its code
/// in the graph's property tables, so reading it costs an array index, not a hash of the name.
/// Keys made outside the parser have no position (-1) and are found by name. Equal when the
/// names are.
public struct PropertyKey: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let name: String
    public let position: Int32
    init(_ name: String, position: Int32 = -1) { self.name = name; self.position = position }
    public init(stringLiteral name: String) { self.init(name) }
    public var description: String { name }
    public static func == (a: PropertyKey, b: PropertyKey) -> Bool { a.name == b.name }
    public func hash(into h: inout Hasher) { h.combine(name) }
}

/// An expression as written (the parser's output; the binder checks it).
public indirect enum ExprKind: Sendable {
    case literal(QueryValue)
    case parameter(String)
    case variable(String)
    case property(Expr, PropertyKey)
    case index(Expr, Expr)
    case slice(Expr, Expr?, Expr?)
    case list([Expr])
    case map([(String, Expr)])
    case unary(String, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a < b <= c`: chained comparisons, true when every link holds.
    case comparison([Expr], [String])
    case isNull(Expr, negated: Bool)
    case hasLabels(Expr, [String])
    case call(name: String, distinct: Bool, args: [Expr])
    case countStar
    case caseExpr(subject: Expr?, whens: [(Expr, Expr)], otherwise: Expr?)
    case listComprehension(variable: String, list: Expr, predicate: Expr?, projection: Expr?)
    case quantifier(kind: String, variable: String, list: Expr, predicate: Expr?)
    case reduce(accumulator: String, initial: Expr, variable: String, list: Expr, body: Expr)
    case patternComprehension(path: String?, pattern: PatternPart, predicate: Expr?, projection: Expr)
    case patternPredicate(PatternPart)
    case exists(Pattern, Expr?)
    case mapProjection(Expr, [MapProjectionItem])
}

/// An infix operator with two operands, resolved once by the parser so evaluation switches on
/// a small enum instead of comparing operator strings. The raw value is the operator as written.
public enum BinaryOperator: String, Sendable {
    case and = "AND", or = "OR", xor = "XOR"
    case startsWith = "STARTS WITH", endsWith = "ENDS WITH", contains = "CONTAINS", `in` = "IN", regexMatch = "=~"
    case plus = "+", minus = "-", times = "*", divide = "/", modulo = "%", power = "^"
}

public enum MapProjectionItem: Sendable {
    case property(String)
    case allProperties
    case variable(String)
    case entry(String, Expr)
}

public struct Expr: Sendable {
    public var kind: ExprKind
    public var span: SourceSpan
    /// Levels of sub-expressions below and including this one (a literal is 1). Every pass over
    /// an expression recurses this deep, so the parser bounds it (`Parser.maxHeight`).
    public private(set) var height: Int
    init(_ kind: ExprKind, _ span: SourceSpan) {
        self.kind = kind
        self.span = span
        self.height = 1
        self.height = 1 + (children.lazy.map(\.height).max() ?? 0)
    }
}

/// `(a:Label {k: v})`
public struct NodePattern: Sendable {
    public var variable: String?
    public var labels: [String]
    public var properties: Expr?
    public var span: SourceSpan
}

public enum RelDirection: Sendable, Hashable { case outgoing, incoming, both }

/// `-[r:A|B *1..3 {k: v}]->`
public struct RelPattern: Sendable {
    public var variable: String?
    public var types: [String]
    public var properties: Expr?
    public var direction: RelDirection
    /// nil for a single hop; otherwise (min, max) hops, max nil for unbounded.
    public var length: VarLength?
    public var span: SourceSpan
}

public struct VarLength: Sendable {
    public var min: Int
    public var max: Int?
}

/// One comma-separated part of a pattern: a chain of nodes and relationships, maybe named.
public struct PatternPart: Sendable {
    public enum Shortest: Sendable { case none, shortest, all }
    public var pathVariable: String?
    public var nodes: [NodePattern]
    public var rels: [RelPattern]
    public var shortest: Shortest = .none
    public var span: SourceSpan
}

public typealias Pattern = [PatternPart]

public struct ProjectionItem: Sendable {
    public var expr: Expr
    public var alias: String?
    /// The text of the expression as written (the column name when there is no alias).
    public var text: String
}

public struct SortItem: Sendable {
    public var expr: Expr
    public var descending: Bool
}

public struct Projection: Sendable {
    public var distinct: Bool
    public var star: Bool
    public var items: [ProjectionItem]
    public var order: [SortItem]
    public var skip: Expr?
    public var limit: Expr?
    public var span: SourceSpan
}

public enum SetItem: Sendable {
    case property(Expr, String, Expr)       // n.k = v
    case replace(String, Expr, SourceSpan)  // n = map
    case merge(String, Expr, SourceSpan)    // n += map
    case labels(String, [String], SourceSpan)
}

public enum RemoveItem: Sendable {
    case property(Expr, String)
    case labels(String, [String], SourceSpan)
}

public enum Clause: Sendable {
    case match(Pattern, optional: Bool, where: Expr?, span: SourceSpan)
    case unwind(Expr, String, span: SourceSpan)
    case with(Projection, where: Expr?)
    case ret(Projection)
    case create(Pattern, span: SourceSpan)
    case merge(PatternPart, onCreate: [SetItem], onMatch: [SetItem], span: SourceSpan)
    case set([SetItem], span: SourceSpan)
    case remove([RemoveItem], span: SourceSpan)
    case delete([Expr], detach: Bool, span: SourceSpan)
}

/// A single query (clauses) — a statement is one or more joined by UNION.
public struct SingleQuery: Sendable {
    public var clauses: [Clause]
}

public struct Statement: Sendable {
    public enum Mode: Sendable { case run, explain, profile }
    public var mode: Mode
    public var queries: [SingleQuery]
    /// For each UNION between queries: true when it is UNION ALL.
    public var unionAll: [Bool]
    /// Every property key an expression of the statement reads, by `PropertyKey.position`.
    public var propertyKeys: [String] = []
}
