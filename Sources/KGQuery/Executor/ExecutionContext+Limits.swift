/// The checks behind `QueryLimits` and `QueryCancellation`: the executor calls them where work
/// grows (rows produced, relationships followed, list elements visited, values built), so a
/// runaway statement stops with a `ResourceLimit` or `Cancelled` error naming what to change.
extension ExecutionContext {
    /// One unit of work; every 1024 units the clock and the cancellation flag are read.
    func tick() throws(QueryError) {
        ticks &+= 1
        if ticks & 1023 == 0 { try checkDeadline() }
    }

    var deadlinePassed: Bool { deadline.map { ContinuousClock.now > $0 } ?? false }

    /// Throws when the statement was cancelled, ran past its timeout, or the process holds
    /// more memory than `maxMemory`.
    func checkDeadline() throws(QueryError) {
        if let used = memory.overLimit(), let max = limits.maxMemory {
            throw limitError(.memoryLimit,
                             "kgq holds \(ResidentMemory.text(used)) of memory, more than its limit of \(ResidentMemory.text(max))",
                             flag: "--max-memory SIZE (e.g. --max-memory 8G)",
                             hint: "add LIMIT, filter earlier with WHERE, or aggregate with count() instead of collecting")
        }
        if let cancellation, cancellation.isCancelled {
            throw runtimeError(.cancelled, .interrupted, "the query was cancelled (Ctrl-C)")
        }
        if deadlinePassed, let timeout = limits.timeout {
            throw limitError(.timeout, "the statement took longer than its time limit (\(Self.seconds(timeout)))",
                             flag: "--timeout SECONDS",
                             hint: "narrow the pattern, add LIMIT, or bound variable-length patterns (*1..3)")
        }
    }

    /// A row was added to a clause's output, which now holds `count` rows.
    func produced(_ count: Int) throws(QueryError) {
        try tick()
        try checkRows(count)
    }

    /// Throws when a clause holds more rows than `maxRows`.
    func checkRows(_ count: Int) throws(QueryError) {
        if let max = limits.maxRows, count > max {
            throw limitError(.tooManyRows, "the statement produced more than \(max) rows", flag: "--max-rows N",
                             hint: "add LIMIT, filter earlier with WHERE, or aggregate with count() or collect()")
        }
    }

    /// A match went into an aggregation: `count` so far, bounded by `maxRows` like the rows
    /// between clauses, so `MATCH (a), (b), (c), (d) RETURN count(a)` stops instead of running
    /// for hours.
    func fed(_ count: Int) throws(QueryError) {
        try tick()
        if let max = limits.maxRows, count > max {
            throw limitError(.tooManyRows, "the statement fed more than \(max) matches into an aggregation", flag: "--max-rows N",
                             hint: "filter earlier with WHERE, or match fewer parts")
        }
    }

    /// A variable-length or shortest-path pattern followed one more relationship.
    func expanded() throws(QueryError) {
        try tick()
        expansions += 1
        if let max = limits.maxExpansions, expansions > max {
            throw limitError(.tooManyExpansions,
                             "variable-length patterns followed more than \(max) relationships",
                             flag: "--max-expansions N", hint: "give the pattern an upper bound (*1..3) or start from fewer nodes")
        }
    }

    /// `value` when it is within `maxValueSize` (elements of every nested list and map, or bytes
    /// of a string) and `QueryLimits.maxValueDepth`, else an error at `span`. Every expression that
    /// builds a list or map passes its result through here, so no deeper or larger value exists.
    func bounded(_ value: QueryValue, at span: SourceSpan? = nil) throws(QueryError) -> QueryValue {
        let max = limits.maxValueSize ?? .max
        switch value {
        case .string(let s):
            if s.utf8.count > max { throw tooLarge(at: span) }
        case .list, .map:
            let m = ValueMeasure(value, maxSize: max)
            if m.depth > QueryLimits.maxValueDepth { throw tooDeep(at: span) }
            if m.size > max { throw tooLarge(at: span) }
        default:
            break
        }
        return value
    }

    func tooLarge(at span: SourceSpan?) -> QueryError {
        var e = limitError(.valueTooLarge, "a value grew past \(limits.maxValueSize ?? .max) elements or bytes (counted over every nested list and map)",
                           flag: "--max-value-size N", hint: "build smaller lists or strings")
        if let span { e = positioned(e, span) }
        return e
    }

    func tooDeep(at span: SourceSpan?) -> QueryError {
        var e = runtimeError(.resourceLimit, .valueTooDeep,
                             "a value nests lists or maps more than \(QueryLimits.maxValueDepth) levels deep")
        e.help = "kgq keeps values at most \(QueryLimits.maxValueDepth) levels deep; flatten the list (e.g. l + [x] instead of [l, x])"
        if let span { e = positioned(e, span) }
        return e
    }

    func limitError(_ detail: QueryErrorDetail, _ message: String, flag: String, hint: String) -> QueryError {
        var e = runtimeError(.resourceLimit, detail, message)
        e.help = "raise the bound with \(flag), or \(hint)"
        return e
    }

    static func seconds(_ d: Duration) -> String {
        let c = d.components
        let s = Double(c.seconds) + Double(c.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
