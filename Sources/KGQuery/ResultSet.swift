import KGCore

/// A value produced by a query: a property value, or a node, relationship or path of the graph.
///
/// Nodes and relationships are handles into the session's `Graph`; render them with it.
public enum QueryValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case date(KGDate)
    /// A time, date-time (local or with a UTC offset) or duration.
    case temporal(Temporal)
    case list([QueryValue])
    case map([String: QueryValue])
    case node(Int)
    case edge(Int)
    case path(Path)

    /// Lifts a stored property value.
    public init(_ v: Value) {
        switch v {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .int(i)
        case .float(let d): self = .float(d)
        case .string(let s): self = .string(s)
        case .date(let d): self = .date(d)
        case .temporal(let t): self = .temporal(t)
        case .list(let l): self = .list(l.map(QueryValue.init))
        case .map(let m): self = .map(m.mapValues(QueryValue.init))
        }
    }
}

/// A path: nodes n0, n1, …, nk and the relationships e1 … ek between them (k ≥ 0).
public struct Path: Sendable, Hashable {
    public var nodes: [Int]
    public var edges: [Int]
    public init(nodes: [Int], edges: [Int]) {
        self.nodes = nodes
        self.edges = edges
    }
}

/// The result of one statement.
public struct ResultSet: Sendable {
    /// Column names in RETURN order (empty for a statement that returns nothing).
    public var columns: [String]
    public var rows: [[QueryValue]]
    /// What a writing statement changed (nodes, relationships, properties, labels); empty for
    /// read-only statements.
    public var stats: WriteStatistics
    /// For EXPLAIN and PROFILE: the plan as text (operators, indexes, estimated or actual rows, time).
    public var plan: String?
    /// Hints that are not errors: e.g. a label the graph does not have, with "did you mean".
    public var warnings: [Diagnostic]

    public init(columns: [String] = [], rows: [[QueryValue]] = [], stats: WriteStatistics = WriteStatistics(), plan: String? = nil,
                warnings: [Diagnostic] = []) {
        self.columns = columns
        self.rows = rows
        self.stats = stats
        self.plan = plan
        self.warnings = warnings
    }
}
