/// Bounds on one statement, so a runaway query ends in a clear `QueryError` (type
/// `ResourceLimit`, naming the bound and the flag that raises it) instead of running forever or
/// exhausting memory. `kgq query` and the REPL take each as a flag of the same name
/// (`QueryLimitOptions`, defaults `standard`); a library session has `none` unless set.
///
///     var session = QuerySession(graph: graph)
///     session.limits = QueryLimits(timeout: .seconds(5), maxRows: 100_000, maxPathLength: 10)
public struct QueryLimits: Sendable, Hashable {
    /// Wall-clock time a statement may take (`--timeout SECONDS`).
    public var timeout: Duration?
    /// Rows any clause may produce, intermediate results included (`--max-rows N`).
    public var maxRows: Int?
    /// Upper bound used for unbounded variable-length relationships (`*`, `*2..`) (`--max-path-length N`).
    public var maxPathLength: Int?
    /// Relationships the variable-length and shortest-path patterns of one statement may follow
    /// (`--max-expansions N`).
    public var maxExpansions: Int?
    /// Elements one value may hold, counted over every nested list and map, or bytes of one
    /// string (`--max-value-size N`).
    public var maxValueSize: Int?
    /// Bytes of resident memory the whole process may hold while a statement runs, the graph
    /// included (`--max-memory SIZE`): the backstop behind every other bound.
    public var maxMemory: Int?

    /// How deeply lists and maps may nest in one value (`[[1]]` is 2 deep), under every set of
    /// limits, `none` included: deeper values would overflow the stack when they are compared,
    /// printed or freed, so they are refused while being built (and when JSON is read).
    public static let maxValueDepth = 1000

    public init(timeout: Duration? = nil, maxRows: Int? = nil, maxPathLength: Int? = nil,
                maxExpansions: Int? = nil, maxValueSize: Int? = nil, maxMemory: Int? = nil) {
        self.timeout = timeout
        self.maxRows = maxRows
        self.maxPathLength = maxPathLength
        self.maxExpansions = maxExpansions
        self.maxValueSize = maxValueSize
        self.maxMemory = maxMemory
    }

    /// No bounds (openCypher's semantics exactly).
    public static let none = QueryLimits()

    /// What `kgq query` and the REPL use unless told otherwise: no time limit or path cap, and
    /// bounds on rows, expansion and value size high enough for any real question about a
    /// knowledge graph and low enough that a runaway statement fails in seconds, not swap; and
    /// resident memory at most half the machine's, 4 GiB at most (`ResidentMemory.defaultLimit`).
    public static let standard = QueryLimits(maxRows: 1_000_000, maxExpansions: 10_000_000, maxValueSize: 10_000_000,
                                             maxMemory: ResidentMemory.defaultLimit)
}
