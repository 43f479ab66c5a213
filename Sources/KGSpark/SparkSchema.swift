import KGCore

/// The Spark type of one property column. A key whose values all have one scalar type gets a
/// typed column; any other key (mixed types, dates, lists, maps) a `json` column holding each
/// value as kgq's JSON text, which this slice of the compiler does not read yet.
public enum SparkColumnType: String, Sendable, Hashable, CaseIterable {
    case bigint, double, boolean, string, json

    /// The type of a column holding `values` (nil values are missing properties).
    public static func of(_ values: some Sequence<Value>) -> SparkColumnType {
        var found: SparkColumnType? = nil
        for v in values {
            let t: SparkColumnType
            switch v {
            case .null: continue
            case .int: t = .bigint
            case .float(let d) where !d.isFinite: return .json  // JSON has no number for it
            case .float: t = .double
            case .bool: t = .boolean
            case .string: t = .string
            default: return .json
            }
            if let f = found, f != t { return .json }
            found = t
        }
        return found ?? .string
    }

    /// The DDL type Spark reads the staged JSON lines with.
    public var ddl: String { self == .json ? "string" : rawValue }
}

/// One property key of nodes or of relationships and the column that holds it.
public struct PropertyColumn: Sendable, Hashable {
    public var key: String
    public var column: String
    public var type: SparkColumnType
    public init(key: String, column: String, type: SparkColumnType) {
        self.key = key
        self.column = column
        self.type = type
    }
}

/// Which tables hold a graph in Spark's catalog and how its property keys map to columns: what
/// `kgq push` writes (also as the table `P_schema`) and what the compiler reads.
public struct SparkSchema: Sendable, Equatable {
    public var prefix: String
    public var nodeColumns: [String: PropertyColumn]
    public var relationshipColumns: [String: PropertyColumn]

    public init(prefix: String, nodeColumns: [PropertyColumn] = [], relationshipColumns: [PropertyColumn] = []) {
        self.prefix = prefix
        self.nodeColumns = Dictionary(nodeColumns.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        self.relationshipColumns = Dictionary(relationshipColumns.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public var nodes: String { "\(prefix)_nodes" }
    public var relationships: String { "\(prefix)_relationships" }
    public var names: String { "\(prefix)_names" }
    public var citations: String { "\(prefix)_citations" }
    public var documents: String { "\(prefix)_documents" }
    public var schema: String { "\(prefix)_schema" }

    /// A table prefix is a plain SQL identifier, so every table name needs no quoting.
    public static func isValidPrefix(_ p: String) -> Bool {
        let s = Array(p.unicodeScalars)
        guard let first = s.first, s.count <= 100, !(first >= "0" && first <= "9") else { return false }
        return s.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
    }

    /// Column names for `keys` (sorted): `p_` and the key with anything but letters, digits and
    /// `_` replaced, made unique case-insensitively (Spark resolves columns that way by default).
    public static func columns(for types: [String: SparkColumnType]) -> [PropertyColumn] {
        var used: Set<String> = []
        return types.keys.sorted().map { key in
            let base = "p_" + String(key.unicodeScalars.map { s -> Character in
                (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || (s >= "0" && s <= "9") ? Character(s) : "_"
            })
            var name = base, n = 2
            while used.contains(name.lowercased()) { name = "\(base)_\(n)"; n += 1 }
            used.insert(name.lowercased())
            return PropertyColumn(key: key, column: name, type: types[key]!)
        }
    }

    /// The schema of `graph`'s properties under `prefix`.
    public init(prefix: String, graph: Graph) {
        var nodeValues: [String: [Value]] = [:], edgeValues: [String: [Value]] = [:]
        for n in graph.nodeHandles { for (k, v) in graph.properties(node: n) { nodeValues[k, default: []].append(v) } }
        for e in graph.edgeHandles { for (k, v) in graph.properties(edge: e) { edgeValues[k, default: []].append(v) } }
        self.init(prefix: prefix,
                  nodeColumns: Self.columns(for: nodeValues.mapValues { SparkColumnType.of($0) }),
                  relationshipColumns: Self.columns(for: edgeValues.mapValues { SparkColumnType.of($0) }))
    }

    /// The rows of the `P_schema` table: element (`node` or `relationship`), key, column, type.
    public var rows: [[String]] {
        nodeColumns.values.sorted { $0.column < $1.column }.map { ["node", $0.key, $0.column, $0.type.rawValue] }
            + relationshipColumns.values.sorted { $0.column < $1.column }.map { ["relationship", $0.key, $0.column, $0.type.rawValue] }
    }

    /// The schema read back from the rows of `P_schema`; nil when a row is malformed.
    public init?(prefix: String, rows: [[String]]) {
        var nodes: [PropertyColumn] = [], rels: [PropertyColumn] = []
        for r in rows {
            guard r.count == 4, let t = SparkColumnType(rawValue: r[3]) else { return nil }
            let c = PropertyColumn(key: r[1], column: r[2], type: t)
            switch r[0] {
            case "node": nodes.append(c)
            case "relationship": rels.append(c)
            default: return nil
            }
        }
        self.init(prefix: prefix, nodeColumns: nodes, relationshipColumns: rels)
    }
}
