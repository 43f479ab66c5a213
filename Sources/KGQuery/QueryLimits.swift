/// Bounds on one statement, so a runaway query ends with an error instead of running forever.
///
///     var session = QuerySession(graph: graph)
///     session.limits = QueryLimits(timeout: .seconds(5), maxRows: 100_000, maxPathLength: 10)
public struct QueryLimits: Sendable, Hashable {
    /// Wall-clock time a statement may take.
    public var timeout: Duration?
    /// Rows any clause may produce (intermediate results included).
    public var maxRows: Int?
    /// Upper bound used for unbounded variable-length relationships (`*`, `*2..`).
    public var maxPathLength: Int?

    public init(timeout: Duration? = nil, maxRows: Int? = nil, maxPathLength: Int? = nil) {
        self.timeout = timeout
        self.maxRows = maxRows
        self.maxPathLength = maxPathLength
    }

    /// No bounds (openCypher's semantics exactly).
    public static let none = QueryLimits()
}
