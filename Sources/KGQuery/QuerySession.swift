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
    /// Checks the quotes of `CALL kgq.cite(…)` against the documents' files (the tool that
    /// opened the graph folder gives the `kgq cite` matcher); nil: quotes are kept unchecked, with a warning.
    public var checkCitation: CitationCheck?

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
        if let cite = try CiteProcedure.split(text) {
            // The arguments are evaluated per row of what precedes the calls; the citations are
            // added before that statement commits, so a bad one undoes its writes too.
            let calls = cite.calls, check = checkCitation
            var added: (rows: [[QueryValue]], warnings: [Diagnostic]) = ([], [])
            var result = try execute(CiteProcedure.evaluation(head: cite.head, calls: calls), parameters: parameters) {
                (graph: inout Graph, rows: ResultSet) throws(QueryError) in
                added = try CiteProcedure.apply(calls, rows: rows, to: &graph, check: check)
            }
            result.columns = CiteProcedure.columns
            result.rows = added.rows
            result.warnings += added.warnings
            if !added.rows.isEmpty { result.stats.citationsAdded = added.rows.count }
            return result
        }
        if let answer = try Procedures.answer(text, graph: graph) { return answer }
        return try execute(text, parameters: parameters, finishing: nil)
    }

    /// Runs one parsed statement; `finishing` may change the graph further before the statement
    /// commits (a throw rolls back everything the statement did).
    private mutating func execute(_ text: String, parameters: [String: QueryValue],
                                  finishing: ((inout Graph, ResultSet) throws(QueryError) -> Void)?) throws(QueryError) -> ResultSet {
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
            if error.detail == .memoryLimit { ResidentMemory.releaseFreeMemory() }
            throw error
        }
        ctx.finish()
        graph = ctx.takeGraph()
        // A statement without RETURN yields no rows, only its side effects.
        if bound.columns.isEmpty { rows = [] }
        let stats = ctx.stats
        if let finishing {
            do { try finishing(&graph, ResultSet(columns: bound.columns, rows: rows, stats: stats)) } catch {
                graph.rollBack()
                throw error
            }
        }
        graph.commitUndo()
        lastPlan = ctx.plan
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
