import ArgumentParser
import KGQuery

/// The flags that bound a statement's work (`QueryLimits`), shared by `kgq query` and the REPL.
/// A statement that crosses one stops with a `ResourceLimit` error naming the flag that raises
/// it. Defaults are `QueryLimits.standard`: generous, but a runaway statement fails in seconds.
struct QueryLimitOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Stop a statement after this many seconds (e.g. 5 or 0.5).", valueName: "SECONDS"))
    var timeout: Double?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Stop a statement that produces more rows than this (intermediate rows included).",
                                            valueName: "N"))
    var maxRows: Int = QueryLimits.standard.maxRows ?? Int.max

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Upper bound for unbounded variable-length relationships (*, *2..).", valueName: "N"))
    var maxPathLength: Int?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Relationships variable-length and shortest-path patterns may follow per statement.",
                                            valueName: "N"))
    var maxExpansions: Int = QueryLimits.standard.maxExpansions ?? Int.max

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Elements of a list, or bytes of a string, one expression may build.", valueName: "N"))
    var maxValueSize: Int = QueryLimits.standard.maxValueSize ?? Int.max

    /// A millisecond to a year: shorter cannot be measured, longer overflows the clock arithmetic.
    static let timeoutRange = 0.001...(86_400.0 * 365)

    func validate() throws {
        if let timeout {
            try NumericFlag.check("--timeout", timeout, in: Self.timeoutRange, unit: "seconds", example: "--timeout 5")
        }
        if let maxPathLength { try NumericFlag.check("--max-path-length", maxPathLength, in: 1...Int.max) }
        for (flag, value) in [("--max-rows", maxRows), ("--max-expansions", maxExpansions), ("--max-value-size", maxValueSize)] {
            try NumericFlag.check(flag, value, in: 0...Int.max)
        }
    }

    /// The limits these flags describe.
    var limits: QueryLimits {
        QueryLimits(timeout: timeout.map { .nanoseconds(Int64(($0 * 1e9).rounded(.up))) }, maxRows: maxRows,
                    maxPathLength: maxPathLength, maxExpansions: maxExpansions, maxValueSize: maxValueSize)
    }
}
