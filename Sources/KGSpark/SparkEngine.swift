import Foundation
import KGCore
import KGQuery

/// kgq's queries on a Spark cluster: pushes a graph's tables under a prefix, and runs
/// statements on them through Spark SQL, answering with the `ResultSet` the in-memory engine
/// would give (same columns, same values, same types).
public final class SparkEngine: @unchecked Sendable {
    public let connection: SparkConnection
    public let prefix: String
    private var cachedSchema: SparkSchema?

    /// Checks a table prefix before any connection is made.
    public static func validate(prefix: String) throws(SparkError) {
        guard SparkSchema.isValidPrefix(prefix) else {
            throw SparkError("--table-prefix '\(prefix)' is not a table name prefix",
                             help: "use letters, digits and '_', not starting with a digit, e.g. --table-prefix cs")
        }
    }

    public init(connection: SparkConnection, prefix: String) throws(SparkError) {
        try Self.validate(prefix: prefix)
        self.connection = connection
        self.prefix = prefix
    }

    /// Stages `graph` in `staging` and writes its tables; returns each table with its row count.
    /// Tables are spread over `partitions` files (at least 2, one per 50 000 rows).
    public func push(_ graph: Graph, staging: String) throws -> [StagedTable] {
        let tables = try GraphTables(graph: graph, prefix: prefix).stage(into: staging)
        var loaded: [StagedTable] = []
        for t in tables {
            var t2 = t
            t2.rows = try connection.load(t, partitions: max(2, t.rows / 50_000))
            loaded.append(t2)
        }
        cachedSchema = nil
        return loaded
    }

    /// The property columns of the pushed graph, read from `P_schema`.
    public func schema() throws(SparkError) -> SparkSchema {
        if let cachedSchema { return cachedSchema }
        let names = SparkSchema(prefix: prefix)
        let rows = try connection.sql("SELECT element, key, `column`, type FROM \(names.schema)")
        let strings = rows.map { $0.map { if case .string(let s) = $0 { return s } else { return "" } } }
        guard let s = SparkSchema(prefix: prefix, rows: strings) else {
            throw SparkError("the table \(names.schema) is not a kgq schema", help: "push the graph again: kgq push --table-prefix \(prefix) …")
        }
        cachedSchema = s
        return s
    }

    /// Compiles `text` (one statement) and runs it on Spark; EXPLAIN answers with the SQL and
    /// Spark's plan instead of rows. Throws `QueryError` for what does not compile, `SparkError`
    /// for what Spark refuses.
    public func run(_ text: String) throws -> ResultSet {
        let bound = try BoundStatement.bind(text)
        let compiled = try SparkSQLCompiler(schema: try schema(), text: text).compile(bound)
        if compiled.explain {
            let plan = try connection.explain(compiled.sql)
            return ResultSet(columns: compiled.columns, plan: "Spark SQL:\n" + compiled.sql + "\n\nSpark plan:\n" + plan)
        }
        let rows = try connection.sql(compiled.sql)
        return ResultSet(columns: compiled.columns, rows: rows.map { row in
            row.indices.map { c in
                row[c] == .null && compiled.nullIsZero.contains(c) ? .int(0) : Self.decode(row[c], as: compiled.types[c])
            }
        })
    }

    /// A cell as the type the compiler gave its column (JSON does not tell 1.0 from 1).
    static func decode(_ v: QueryValue, as type: SQLType) -> QueryValue {
        switch (v, type) {
        case (.int(let i), .float): return .float(Double(i))
        case (.map(let m), .float):
            if case .string(let s)? = m["$float"] { return .float(s == "NaN" ? .nan : s == "-Inf" ? -.infinity : .infinity) }
            return v
        case (.list(let items), .list(let t)): return .list(items.map { decode($0, as: t) })
        default: return v
        }
    }
}
