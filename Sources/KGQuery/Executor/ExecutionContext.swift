import KGCore

/// A binding of variables to values: one row flowing between operators.
///
/// A row holds a handful of variables, so it keeps them in one array in binding order and
/// finds a name by a linear scan: binding a variable per match candidate, or reading one per
/// expression, costs no hashing and no hash-table upkeep, and a copied row is one allocation.
/// The interface is the dictionary's it replaces (subscript by name, `keys`, iteration as
/// key/value pairs).
struct Row: ExpressibleByDictionaryLiteral, Sequence {
    private struct Entry {
        var name: String
        var value: QueryValue
    }
    private var entries: [Entry] = []

    init() {}

    /// An empty row with room for `capacity` variables (bound without growing).
    init(capacity: Int) { entries.reserveCapacity(capacity) }

    init(dictionaryLiteral elements: (String, QueryValue)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// Scans from the most recently bound name: the matcher rebinds, and expressions mostly
    /// read, the variables bound last (names are unique, so the direction changes no result).
    @inline(__always)
    private func position(_ name: String) -> Int? {
        var i = entries.count - 1
        while i >= 0 {
            if entries[i].name == name { return i }
            i -= 1
        }
        return nil
    }

    subscript(name: String) -> QueryValue? {
        get {
            guard let i = position(name) else { return nil }
            return entries[i].value
        }
        set {
            if let i = position(name) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append(Entry(name: name, value: newValue))
            }
        }
    }

    /// The values of `names`, null where unbound. A projection's rows hold their columns in
    /// order, so each name is first looked for at its own position.
    func values(of names: [String]) -> [QueryValue] {
        var out: [QueryValue] = []
        out.reserveCapacity(names.count)
        for (i, name) in names.enumerated() {
            if i < entries.count && entries[i].name == name { out.append(entries[i].value) } else { out.append(self[name] ?? .null) }
        }
        return out
    }

    /// The bound names, in binding order.
    var keys: [String] { entries.map(\.name) }
    var count: Int { entries.count }

    struct Iterator: IteratorProtocol {
        fileprivate let row: Row
        fileprivate var i = 0
        mutating func next() -> (key: String, value: QueryValue)? {
            guard i < row.entries.count else { return nil }
            defer { i += 1 }
            return (row.entries[i].name, row.entries[i].value)
        }
    }

    func makeIterator() -> Iterator { Iterator(row: self) }
}

/// The state of one running statement: the graph it reads and edits, parameters, functions,
/// the write counters, and per-operator profile figures.
final class ExecutionContext {
    var graph: Graph
    let parameters: [String: QueryValue]
    let functions: FunctionRegistry
    let displayLanguage: String?
    let source: SourceText
    var stats = WriteStatistics()
    var addedLabels = Set<String>()
    /// Nodes and relationships deleted by this statement (reading their properties is an error).
    var deletedNodes = Set<Int>()
    var deletedEdges = Set<Int>()
    private var idCounter = 0
    /// Nodes and relationships looked at while matching ("db hits"), for PROFILE.
    var dbHits = 0 {
        didSet {
            if dbHits >> 12 != oldValue >> 12 {
                budgetExceeded = deadlinePassed || (cancellation?.isCancelled ?? false) || memory.overLimit() != nil
            }
        }
    }
    /// Bounds on this statement's work and the flag that cancels it (checked in ExecutionContext+Limits).
    let limits: QueryLimits
    let cancellation: QueryCancellation?
    let deadline: ContinuousClock.Instant?
    /// Set when the time limit passed or the statement was cancelled; the matcher checks it and stops with an error.
    var budgetExceeded = false
    /// Reads the process's resident memory against `limits.maxMemory` (at most once a millisecond).
    var memory: MemoryWatch
    /// Units of work done, and relationships followed by variable-length and shortest-path patterns.
    var ticks = 0
    var expansions = 0
    /// The plan's property-key codes (`StatementPlan.nodeKeyCodes`), and whether no key can
    /// appear while the statement runs (it does not write), so a key without a code is absent.
    let nodeKeyCodes: [Int]
    let edgeKeyCodes: [Int]
    let keysAreFixed: Bool
    /// The patterns of `=~` compiled so far (each distinct pattern once per statement).
    var regexCache = RegexCache()

    init(graph: Graph, plan: StatementPlan, parameters: [String: QueryValue], functions: FunctionRegistry, displayLanguage: String?,
         source: SourceText, limits: QueryLimits = .none, cancellation: QueryCancellation? = nil) {
        self.graph = graph
        self.plan = plan
        nodeKeyCodes = plan.nodeKeyCodes
        edgeKeyCodes = plan.edgeKeyCodes
        keysAreFixed = !plan.statement.writes
        self.parameters = parameters
        self.functions = functions
        self.displayLanguage = displayLanguage
        self.source = source
        self.limits = limits
        self.cancellation = cancellation
        self.deadline = limits.timeout.map { ContinuousClock.now + $0 }
        self.memory = MemoryWatch(limit: limits.maxMemory)
    }

    var functionContext: FunctionContext {
        FunctionContext(graph: graph, displayLanguage: displayLanguage, maxValueSize: limits.maxValueSize ?? 10_000_000)
    }

    func count(_ key: WritableKeyPath<WriteStatistics, Int>, _ n: Int = 1) { stats[keyPath: key] += n }

    /// Changes the graph. Every write of a statement goes through here, so matchers cached for
    /// the patterns inside expressions know when their view of the graph is out of date.
    /// The cached matchers hold a copy of the graph: they are dropped first, so the write finds
    /// the graph's storage uniquely referenced and changes it in place instead of copying it.
    func write<T, E: Error>(_ change: (inout Graph) throws(E) -> T) throws(E) -> T {
        graphVersion &+= 1
        if !subqueryMatchers.isEmpty { subqueryMatchers = [:] }
        return try change(&graph)
    }

    /// Hands the graph over to the session when the statement ends (leaving an empty one here).
    func takeGraph() -> Graph {
        var g = Graph()
        swap(&g, &graph)
        return g
    }

    /// Bumped by every `write`.
    private(set) var graphVersion = 0

    /// The statement's plan; runtime additions (rows shaped otherwise than planned) land here too.
    var plan: StatementPlan

    /// PROFILE: rows each plan's steps produced (by plan id, then step), nil when not profiling.
    var stepRows: [[Int]]?

    /// Matchers of the patterns inside expressions, made once and reused for every row while
    /// the graph is unchanged (by the expression's start offset).
    private var subqueryMatchers: [Int: (version: Int, matcher: PatternMatcher)] = [:]

    /// PROFILE: step `step` of plan `id` produced `n` more rows.
    func countStepRow(_ id: Int, _ step: Int, _ n: Int = 1) {
        guard id < (stepRows?.count ?? 0) else { return }
        stepRows![id][step] += n
    }

    /// Drops the cached matchers (they hold this context: a cycle to break when the statement ends).
    func finish() { subqueryMatchers = [:] }

    /// The matcher for the pattern inside the expression starting at `start`, for `row`: the
    /// statement's plan for it when the row is bound as the binder foresaw, else one planned
    /// now for this row's shape (and kept, so the next row of that shape reuses it).
    func subqueryMatcher(_ start: Int, pattern: Pattern, predicate: Expr?, row: Row) -> PatternMatcher {
        if let cached = subqueryMatchers[start], cached.version == graphVersion, cached.matcher.plan.fits(row) {
            return cached.matcher
        }
        var plan = self.plan.subqueries[start]
        if plan.map({ !$0.fits(row) }) ?? true {
            plan = self.plan.addRuntimePlan(Planner.plan(pattern, predicate: predicate, bound: Set(row.keys), graph: graph))
        }
        let m = PatternMatcher(context: self, plan: plan!)
        subqueryMatchers[start] = (graphVersion, m)
        return m
    }

    /// Throws when the statement ran out of time, was cancelled, or produced too many rows.
    func checkBudget(rows: Int = 0) throws(QueryError) {
        try checkDeadline()
        try checkRows(rows)
    }

    /// A fresh id for a created node or relationship (`_n12`, `_e3`), unused in the graph.
    func freshID(node: Bool) -> String {
        while true {
            idCounter += 1
            let id = (node ? "_n" : "_e") + String(graph.nodes.count + graph.edges.count + idCounter)
            if node ? graph.node(id: id) == nil : graph.edge(id: id) == nil { return id }
        }
    }

    func runtimeError(_ type: QueryErrorCode, _ detail: QueryErrorDetail, _ message: String, at span: SourceSpan? = nil) -> QueryError {
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
