import ArgumentParser
import KGQuery

/// The flags that bound a statement's work (`QueryLimits`), shared by `kgq query`, the REPL
/// and `kgq export --query`. A statement that crosses one stops with a `LimitExceeded` error
/// naming the flag that raises it.
struct QueryLimitOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Stop a statement after this many seconds (e.g. 5 or 0.5).", valueName: "SECONDS"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Fail a statement that returns more than N rows.", valueName: "N"))
    var maxRows: Int?

    @Option(name: .long, help: ArgumentHelp("Rows a clause may hold at once (memory guard).", valueName: "N"))
    var maxWorkingRows: Int = QueryLimits.standard.maxWorkingRows

    @Option(name: .long, help: ArgumentHelp("Relationships in one path of a variable-length pattern (-[*]->).", valueName: "N"))
    var maxPathLength: Int = QueryLimits.standard.maxPathLength

    @Option(name: .long, help: ArgumentHelp("Relationships variable-length and shortest-path patterns may follow per statement.", valueName: "N"))
    var maxExpansions: Int = QueryLimits.standard.maxExpansions

    @Option(name: .long, help: ArgumentHelp("Elements of a list, or bytes of a string, one expression may build.", valueName: "N"))
    var maxValueSize: Int = QueryLimits.standard.maxValueSize

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout <= 86_400 * 365) {
            throw ValidationError("--timeout takes a positive number of seconds, e.g. --timeout 5")
        }
        for (flag, value) in [("--max-rows", maxRows ?? 0), ("--max-working-rows", maxWorkingRows),
                              ("--max-path-length", maxPathLength), ("--max-expansions", maxExpansions),
                              ("--max-value-size", maxValueSize)] where value < 0 {
            throw ValidationError("\(flag) takes a number of 0 or more, got \(value)")
        }
    }

    /// The limits these flags describe.
    var limits: QueryLimits {
        QueryLimits(timeout: timeout.map { .nanoseconds(Int64(($0 * 1e9).rounded())) }, maxRows: maxRows,
                    maxWorkingRows: maxWorkingRows, maxPathLength: maxPathLength,
                    maxExpansions: maxExpansions, maxValueSize: maxValueSize)
    }
}
