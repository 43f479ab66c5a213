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

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Stop a statement when kgq holds more memory than this: bytes, or with K, M, G or T (e.g. 2G, 512M; default: half the machine's memory, at most 4G).",
                               valueName: "SIZE"))
    var maxMemory: String?

    /// The smallest memory bound taken: below this kgq could not even hold a small graph.
    static let minimumMemory = 16 << 20

    /// `--max-memory` in bytes (the default when not given); validate() has checked it.
    var maxMemoryBytes: Int { maxMemory.flatMap(ResidentMemory.parse) ?? ResidentMemory.defaultLimit }

    /// A millisecond to a year: shorter cannot be measured, longer overflows the clock arithmetic.
    static let timeoutRange = 0.001...(86_400.0 * 365)

    func validate() throws {
        if let timeout {
            try NumericFlag.check("--timeout", timeout, in: Self.timeoutRange, unit: "seconds", example: "--timeout 5")
        }
        if let maxPathLength { try NumericFlag.check("--max-path-length", maxPathLength, in: 1...Int.max) }
        if let maxMemory {
            guard let bytes = ResidentMemory.parse(maxMemory) else {
                throw ValidationError("--max-memory takes a size in bytes, optionally with K, M, G or T, got '\(maxMemory)'; e.g. --max-memory 2G")
            }
            if bytes < Self.minimumMemory {
                throw ValidationError("--max-memory takes at least 16M (kgq itself needs that much), got \(maxMemory); e.g. --max-memory 2G")
            }
        }
        for (flag, value) in [("--max-rows", maxRows), ("--max-expansions", maxExpansions), ("--max-value-size", maxValueSize)] {
            try NumericFlag.check(flag, value, in: 0...Int.max)
        }
    }

    /// The limits these flags describe.
    var limits: QueryLimits {
        QueryLimits(timeout: timeout.map { .nanoseconds(Int64(($0 * 1e9).rounded(.up))) }, maxRows: maxRows,
                    maxPathLength: maxPathLength, maxExpansions: maxExpansions, maxValueSize: maxValueSize,
                    maxMemory: maxMemoryBytes)
    }
}
