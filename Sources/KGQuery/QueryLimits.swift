/// Bounds on the work one statement may do, so a runaway query ends in a clear `QueryError`
/// (type `LimitExceeded`, naming the bound and the flag that raises it) instead of exhausting
/// memory or running forever. Each bound has a `kgq query` / REPL flag of the same name.
///
///     var session = QuerySession(graph: graph)
///     session.limits.timeout = .seconds(5)
///     session.limits.maxRows = 1000
public struct QueryLimits: Sendable, Hashable {
    /// Wall-clock time one statement may run (`--timeout SECONDS`); nil for no limit.
    public var timeout: Duration?
    /// Rows one statement may return (`--max-rows N`); nil for no limit.
    public var maxRows: Int?
    /// Rows held between two clauses at once, a guard on memory (`--max-working-rows N`).
    public var maxWorkingRows: Int
    /// Relationships in one path of a variable-length pattern such as `-[*]->` (`--max-path-length N`).
    public var maxPathLength: Int
    /// Relationships followed by the variable-length and shortest-path patterns of one statement
    /// (`--max-expansions N`).
    public var maxExpansions: Int
    /// Elements of a list, or bytes of a string, that one expression may build (`--max-value-size N`).
    public var maxValueSize: Int

    public init(timeout: Duration? = nil, maxRows: Int? = nil, maxWorkingRows: Int = 1_000_000,
                maxPathLength: Int = 100, maxExpansions: Int = 10_000_000, maxValueSize: Int = 10_000_000) {
        self.timeout = timeout
        self.maxRows = maxRows
        self.maxWorkingRows = maxWorkingRows
        self.maxPathLength = maxPathLength
        self.maxExpansions = maxExpansions
        self.maxValueSize = maxValueSize
    }

    /// The defaults: no time or row limit; generous bounds on memory and expansion.
    public static let standard = QueryLimits()
}
