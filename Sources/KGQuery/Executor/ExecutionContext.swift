import KGCore

/// A binding of variables to values: one row flowing between operators.
typealias Row = [String: QueryValue]

/// The state of one running statement: the graph it reads and edits, parameters, functions,
/// the write counters, and per-operator profile figures.
final class ExecutionContext {
    var graph: Graph
    let parameters: [String: QueryValue]
    let functions: FunctionRegistry
    let displayLanguage: String?
    let source: SourceText
    var stats: [String: Int] = [:]
    var addedLabels = Set<String>()
    /// Nodes and relationships deleted by this statement (reading their properties is an error).
    var deletedNodes = Set<Int>()
    var deletedEdges = Set<Int>()
    private var idCounter = 0
    /// Nodes and relationships looked at while matching ("db hits"), for PROFILE.
    var dbHits = 0 {
        didSet {
            if dbHits >> 12 != oldValue >> 12 { budgetExceeded = deadline.map { ContinuousClock.now > $0 } ?? false }
        }
    }
    let limits: QueryLimits
    private let deadline: ContinuousClock.Instant?
    /// Set when the time limit passed; the matcher checks it and stops with an error.
    private(set) var budgetExceeded = false

    init(graph: Graph, parameters: [String: QueryValue], functions: FunctionRegistry, displayLanguage: String?,
         source: SourceText, limits: QueryLimits = .none) {
        self.limits = limits
        self.deadline = limits.timeout.map { ContinuousClock.now + $0 }
        self.graph = graph
        self.parameters = parameters
        self.functions = functions
        self.displayLanguage = displayLanguage
        self.source = source
    }

    var functionContext: FunctionContext { FunctionContext(graph: graph, displayLanguage: displayLanguage) }

    func count(_ key: String, _ n: Int = 1) { stats[key, default: 0] += n }

    /// Throws when the statement ran out of time or produced too many rows.
    func checkBudget(rows: Int = 0) throws(QueryError) {
        if budgetExceeded || (deadline.map { ContinuousClock.now > $0 } ?? false) {
            throw QueryError(type: "ResourceLimit", detail: "Timeout", phase: .runtime,
                             message: "the statement took longer than its time limit", help: "raise --timeout or narrow the pattern")
        }
        if let max = limits.maxRows, rows > max {
            throw QueryError(type: "ResourceLimit", detail: "TooManyRows", phase: .runtime,
                             message: "the statement produced more than \(max) rows", help: "raise --max-rows or add LIMIT")
        }
    }

    /// A fresh id for a created node or relationship (`_n12`, `_e3`), unused in the graph.
    func freshID(node: Bool) -> String {
        while true {
            idCounter += 1
            let id = (node ? "_n" : "_e") + String(graph.nodes.count + graph.edges.count + idCounter)
            if node ? graph.node(id: id) == nil : graph.edge(id: id) == nil { return id }
        }
    }

    func runtimeError(_ type: String, _ detail: String, _ message: String, at span: SourceSpan? = nil) -> QueryError {
        let s = span.flatMap { $0.line > 0 ? $0 : nil }
        return source.error(type: type, detail: detail, message: message, line: s?.line, column: s?.column, phase: .runtime)
    }

    /// Attaches a position to an error raised without one.
    func positioned(_ e: QueryError, _ span: SourceSpan) -> QueryError {
        if e.line != nil || span.line == 0 { return e }
        var e = e
        e.line = span.line + source.lineOffset
        e.column = span.column
        e.lineText = source.lineText(span.line)
        return e
    }
}
