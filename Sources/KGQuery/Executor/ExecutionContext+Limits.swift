/// The checks behind `QueryLimits` and `QueryCancellation`: the executor calls them where work
/// grows (rows produced, relationships followed, list elements visited, values built), so a
/// runaway statement stops with a `LimitExceeded` or `Cancelled` error naming what to change.
extension ExecutionContext {
    /// One unit of work; every 1024 units the clock and the cancellation flag are read.
    func tick() throws(QueryError) {
        ticks &+= 1
        if ticks & 1023 == 0 { try checkDeadline() }
    }

    /// Throws when the statement was cancelled or ran past its timeout.
    func checkDeadline() throws(QueryError) {
        if let cancellation, cancellation.isCancelled {
            throw runtimeError("Cancelled", "Interrupted", "the query was cancelled (Ctrl-C)")
        }
        if let deadline, ContinuousClock.now >= deadline, let timeout = limits.timeout {
            throw limitError("Timeout", "the query ran longer than \(Self.seconds(timeout))", flag: "--timeout SECONDS",
                             hint: "narrow the pattern, add LIMIT, or bound variable-length patterns (*1..3)")
        }
    }

    /// A row was added to a clause's output, which now holds `count` rows.
    func produced(_ count: Int) throws(QueryError) {
        try tick()
        if count > limits.maxWorkingRows {
            throw limitError("TooManyWorkingRows", "a clause produced more than \(limits.maxWorkingRows) rows",
                             flag: "--max-working-rows N",
                             hint: "filter earlier with WHERE, aggregate with count() or collect(), or add LIMIT")
        }
    }

    /// A variable-length or shortest-path pattern followed one more relationship, reaching a
    /// path of `length` relationships.
    func expanded(length: Int) throws(QueryError) {
        try tick()
        expansions += 1
        if expansions > limits.maxExpansions {
            throw limitError("TooManyExpansions",
                             "variable-length patterns followed more than \(limits.maxExpansions) relationships",
                             flag: "--max-expansions N", hint: "give the pattern an upper bound (*1..3) or start from fewer nodes")
        }
        if length > limits.maxPathLength {
            throw limitError("PathTooLong", "a variable-length pattern reached a path of more than \(limits.maxPathLength) relationships",
                             flag: "--max-path-length N", hint: "give the pattern an upper bound (*1..3)")
        }
    }

    /// `value` when it is within `maxValueSize` (list elements, string bytes), else an error at `span`.
    func bounded(_ value: QueryValue, at span: SourceSpan? = nil) throws(QueryError) -> QueryValue {
        let size: Int
        switch value {
        case .list(let l): size = l.count
        case .string(let s): size = s.utf8.count
        default: return value
        }
        if size > limits.maxValueSize {
            var e = limitError("ValueTooLarge", "a value grew past \(limits.maxValueSize) elements or bytes",
                               flag: "--max-value-size N", hint: "build smaller lists or strings")
            if let span { e = positioned(e, span) }
            throw e
        }
        return value
    }

    /// The result of a statement, checked against `maxRows`.
    func checkResultRows(_ count: Int) throws(QueryError) {
        if let max = limits.maxRows, count > max {
            throw limitError("TooManyRows", "the query returned more than \(max) rows", flag: "--max-rows N",
                             hint: "add LIMIT, or aggregate with count()")
        }
    }

    func limitError(_ detail: String, _ message: String, flag: String, hint: String) -> QueryError {
        var e = runtimeError("LimitExceeded", detail, message)
        e.help = "raise the bound with \(flag), or \(hint)"
        return e
    }

    static func seconds(_ d: Duration) -> String {
        let c = d.components
        let s = Double(c.seconds) + Double(c.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
