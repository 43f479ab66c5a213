import KGCore

/// A query session over one graph: runs openCypher statements; writes change `graph` and
/// persist for the following statements of the session.
///
///     var session = QuerySession(graph: graph)
///     let result = try session.run("MATCH (r:Role) WHERE named(r, $n) RETURN name(r)", parameters: ["n": .string("agent")])
public struct QuerySession: Sendable {
    public var graph: Graph
    /// Parameters every statement sees (a statement's own parameters take precedence).
    public var parameters: [String: QueryValue]
    /// The language `name(x)` shows (`en`, `nl`, `sv`, …); nil for each node's preferred name.
    public var displayLanguage: String?
    /// The functions statements may call; register plugin functions here.
    public var functions: FunctionRegistry
    /// Time, row, expansion and value-size bounds for each statement (none by default; the
    /// CLI and the REPL use `QueryLimits.standard` unless flags say otherwise).
    public var limits: QueryLimits = .none
    /// Set it (from a Ctrl-C handler, any thread) to stop the running statement; cleared as each starts.
    public let cancellation = QueryCancellation()
    /// The plan the last statement ran (tests read how often it planned).
    private(set) var lastPlan: StatementPlan?

    public init(graph: Graph, parameters: [String: QueryValue] = [:], displayLanguage: String? = nil,
                functions: FunctionRegistry = .builtins) {
        self.graph = graph
        self.parameters = parameters
        self.displayLanguage = displayLanguage
        self.functions = functions
    }

    /// Parses, checks, plans and runs one statement. A statement that fails leaves the graph unchanged.
    public mutating func run(_ text: String, parameters: [String: QueryValue] = [:]) throws(QueryError) -> ResultSet {
        cancellation.reset()
        if let answer = try Procedures.answer(text, graph: graph) { return answer }
        let source = SourceText(text)
        let statement = try Parser.parse(source)
        var binder = Binder(source: source, functions: functions)
        let bound = try binder.bind(statement)
        let plan = StatementPlan(bound, graph: graph)
        if bound.mode == .explain {
            return ResultSet(columns: bound.columns, rows: [], stats: WriteStatistics(),
                             plan: PlanDescription.explain(plan, source: source),
                             warnings: NameHints.warnings(statement, graph: graph, source: source, checkKeys: false))
        }
        // The statement edits the graph in place: the context takes the session's graph (so it
        // holds the only reference and a write copies nothing) with an undo log that reverts
        // every change when the statement fails.
        graph.beginUndo()
        let ctx = ExecutionContext(graph: graph, plan: plan, parameters: self.parameters.merging(parameters) { $1 },
                                   functions: functions, displayLanguage: displayLanguage, source: source,
                                   limits: limits, cancellation: cancellation)
        graph = Graph()
        if bound.mode == .profile { ctx.stepRows = plan.all.map { Array(repeating: 0, count: $0.steps.count) } }
        defer { ctx.finish() }
        var executor = Executor(context: ctx)
        var rows: [[QueryValue]]
        do { rows = try executor.run(bound) } catch {
            ctx.finish()
            graph = ctx.takeGraph()
            graph.rollBack()
            // What the stopped statement built is freed by now; hand it back to the system so
            // the next statement starts under the bound again.
            if error.detail == "MemoryLimit" { ResidentMemory.releaseFreeMemory() }
            throw error
        }
        ctx.finish()
        graph = ctx.takeGraph()
        graph.commitUndo()
        lastPlan = ctx.plan
        // A statement without RETURN yields no rows, only its side effects.
        if bound.columns.isEmpty { rows = [] }
        let stats = ctx.stats
        var planText: String? = nil
        if bound.mode == .profile {
            planText = PlanDescription.explain(ctx.plan, source: source, profile: executor.profile, stepRows: ctx.stepRows)
        }
        // Property hints only for a result that looks like a
        // misspelt key (no rows, or a column that is NULL in every row: `RETURN r.nmae`).
        let suspicious = rows.isEmpty || bound.columns.indices.contains { c in rows.allSatisfy { $0[c] == .null } }
        let warnings = NameHints.warnings(statement, graph: graph, source: source, checkKeys: suspicious)
        return ResultSet(columns: bound.columns, rows: rows, stats: stats, plan: planText, warnings: warnings)
    }

    /// The names of functions, for completion and help.
    public var functionNames: [String] { functions.names + FunctionRegistry.aggregateNames.sorted() }

    /// Keywords of the query language, for completion.
    public static var keywords: [String] { Parser.keywords }
}
