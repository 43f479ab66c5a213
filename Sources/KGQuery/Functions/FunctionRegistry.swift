import KGCore

/// What a function sees besides its arguments: the session's graph and display language.
public struct FunctionContext: Sendable {
    public let graph: Graph
    public let displayLanguage: String?
    /// The most list elements or string bytes a function may build (`QueryLimits.maxValueSize`;
    /// without one, ten million, so that range() cannot fill memory).
    public let maxValueSize: Int
    public init(graph: Graph, displayLanguage: String?, maxValueSize: Int = 10_000_000) {
        self.graph = graph
        self.displayLanguage = displayLanguage
        self.maxValueSize = maxValueSize
    }
}

/// A scalar query function: its name, how many arguments it takes, and how it computes its value.
///
///     var registry = FunctionRegistry.builtins
///     registry.register(QueryFunction(name: "double", arity: 1...1) { args, _ in
///         if case .int(let i) = args[0] { return .int(2 * i) }
///         return .null
///     })
public struct QueryFunction: Sendable {
    public var name: String
    public var arity: ClosedRange<Int>
    /// Throws a QueryError for bad arguments (other errors are reported as runtime errors).
    public var evaluate: @Sendable ([QueryValue], FunctionContext) throws -> QueryValue

    public init(name: String, arity: ClosedRange<Int>,
                evaluate: @escaping @Sendable ([QueryValue], FunctionContext) throws -> QueryValue) {
        self.name = name
        self.arity = arity
        self.evaluate = evaluate
    }
}

/// The table of functions a session can call. Built-ins and plugins register the same way;
/// the registry is a value handed to the session, not global state. Names are case-insensitive.
public struct FunctionRegistry: Sendable {
    private var table: [String: QueryFunction] = [:]

    public init() {}

    /// Adds or replaces a function.
    public mutating func register(_ f: QueryFunction) { table[f.name.lowercased()] = f }

    public func lookup(_ name: String) -> QueryFunction? { table[name.lowercased()] }

    /// Names of every registered function (for "did you mean" and completion).
    public var names: [String] { table.values.map(\.name).sorted() }

    /// Aggregate functions are evaluated by the executor over groups of rows, not through the table.
    public static let aggregateNames: Set<String> = ["count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp",
                                                     "percentiledisc", "percentilecont"]

    /// Every built-in scalar, string, list, math, path and provenance function.
    public static var builtins: FunctionRegistry {
        var r = FunctionRegistry()
        for f in BuiltinFunctions.all + TemporalFunctions.all + ProvenanceFunctions.all { r.register(f) }
        return r
    }
}

/// Errors functions raise about their arguments.
enum FunctionError {
    static func argument(_ fn: String, _ v: QueryValue, expected: String) -> QueryError {
        QueryError(type: .typeError, detail: .invalidArgumentType, phase: .runtime,
                   message: "\(fn)() expects \(expected) but got \(ValueSemantics.typeName(v))")
    }

    static func value(_ fn: String, _ message: String, detail: QueryErrorDetail = .invalidArgumentValue) -> QueryError {
        QueryError(type: .argumentError, detail: detail, phase: .runtime, message: "\(fn)(): \(message)")
    }
}
