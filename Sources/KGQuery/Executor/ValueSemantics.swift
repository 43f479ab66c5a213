#if canImport(Glibc)
import Glibc
#endif
import KGCore

/// openCypher's value semantics: equality with null propagation, comparability,
/// the global sort order, and arithmetic.
enum ValueSemantics {
    /// `a = b` in three-valued logic (nil is null).
    static func equals(_ a: QueryValue, _ b: QueryValue) -> Bool? {
        switch (a, b) {
        case (.null, _), (_, .null): return nil
        case let (.int(x), .int(y)): return x == y
        case let (.int(x), .float(y)): return Double(x) == y
        case let (.float(x), .int(y)): return x == Double(y)
        case let (.float(x), .float(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case let (.date(x), .date(y)): return x == y
        case let (.temporal(x), .temporal(y)): return x == y
        case let (.node(x), .node(y)): return x == y
        case let (.edge(x), .edge(y)): return x == y
        case let (.path(x), .path(y)): return x == y
        case let (.list(x), .list(y)):
            if x.count != y.count { return false }
            var sawNull = false
            for (u, v) in zip(x, y) {
                switch equals(u, v) {
                case .some(false): return false
                case nil: sawNull = true
                default: break
                }
            }
            return sawNull ? nil : true
        case let (.map(x), .map(y)):
            if Set(x.keys) != Set(y.keys) { return false }
            var sawNull = false
            for (k, u) in x {
                switch equals(u, y[k] ?? .null) {
                case .some(false): return false
                case nil: sawNull = true
                default: break
                }
            }
            return sawNull ? nil : true
        default: return false
        }
    }

    /// The result of comparing two values with `<`: ordered, or not comparable (null), or
    /// involving NaN (every comparison false).
    enum Comparison { case less, equal, greater, incomparable, nan }

    static func compare(_ a: QueryValue, _ b: QueryValue) -> Comparison {
        func num(_ x: Double, _ y: Double) -> Comparison {
            if x.isNaN || y.isNaN { return .nan }
            return x < y ? .less : (x > y ? .greater : .equal)
        }
        switch (a, b) {
        case (.null, _), (_, .null): return .incomparable
        case let (.int(x), .int(y)): return x < y ? .less : (x > y ? .greater : .equal)
        case let (.int(x), .float(y)): return num(Double(x), y)
        case let (.float(x), .int(y)): return num(x, Double(y))
        case let (.float(x), .float(y)): return num(x, y)
        case let (.string(x), .string(y)): return x < y ? .less : (x > y ? .greater : .equal)
        case let (.bool(x), .bool(y)): return x == y ? .equal : (!x ? .less : .greater)
        case let (.date(x), .date(y)): return x < y ? .less : (x > y ? .greater : .equal)
        case (.temporal(.duration), .temporal(.duration)): return .incomparable
        case let (.temporal(x), .temporal(y)):
            guard let c = Temporal.order(x, y) else { return .incomparable }
            return c < 0 ? .less : (c > 0 ? .greater : .equal)
        case let (.list(x), .list(y)):
            for (u, v) in zip(x, y) {
                let c = compare(u, v)
                if c != .equal { return c }
            }
            return x.count < y.count ? .less : (x.count > y.count ? .greater : .equal)
        default: return .incomparable
        }
    }

    /// Evaluates a comparison operator (`<`, `<=`, `>`, `>=`, `=`, `<>`) in three-valued logic.
    static func compare(_ op: String, _ a: QueryValue, _ b: QueryValue) -> Bool? {
        if op == "=" { return equals(a, b) }
        if op == "<>" { return equals(a, b).map { !$0 } }
        switch compare(a, b) {
        case .incomparable: return nil
        case .nan: return false
        case .less: return op == "<" || op == "<="
        case .equal: return op == "<=" || op == ">="
        case .greater: return op == ">" || op == ">="
        }
    }

    private static func rank(_ v: QueryValue) -> Int {
        switch v {
        case .map: return 0
        case .node: return 1
        case .edge: return 2
        case .list: return 3
        case .path: return 4
        case .temporal(.dateTime): return 5
        case .temporal(.localDateTime): return 6
        case .date: return 7
        case .temporal(.time): return 8
        case .temporal(.localTime): return 9
        case .temporal(.duration): return 10
        case .string: return 11
        case .bool: return 12
        case .int, .float: return 13
        case .null: return 14
        }
    }

    /// The global sort order of ORDER BY, min and max: maps < nodes < relationships < lists <
    /// paths < datetimes < local datetimes < dates < times < local times < durations < strings <
    /// booleans < numbers (NaN last) < null. Times with offsets sort by their UTC instant.
    static func order(_ a: QueryValue, _ b: QueryValue) -> Int {
        let ra = rank(a), rb = rank(b)
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a, b) {
        case (.int, _), (.float, _):
            let x = number(a) ?? 0, y = number(b) ?? 0
            if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
            if case let (.int(i), .int(j)) = (a, b) { return i < j ? -1 : (i > j ? 1 : 0) }
            return x < y ? -1 : (x > y ? 1 : 0)
        case let (.string(x), .string(y)): return x == y ? 0 : (x < y ? -1 : 1)
        case let (.bool(x), .bool(y)): return x == y ? 0 : (!x ? -1 : 1)
        case let (.date(x), .date(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.temporal(x), .temporal(y)): return Temporal.order(x, y) ?? 0
        case let (.node(x), .node(y)), let (.edge(x), .edge(y)): return x < y ? -1 : (x > y ? 1 : 0)
        case let (.list(x), .list(y)):
            for (u, v) in zip(x, y) {
                let c = order(u, v)
                if c != 0 { return c }
            }
            return x.count < y.count ? -1 : (x.count > y.count ? 1 : 0)
        case let (.path(x), .path(y)):
            return order(.list(x.nodes.map(QueryValue.node) + x.edges.map(QueryValue.edge)),
                         .list(y.nodes.map(QueryValue.node) + y.edges.map(QueryValue.edge)))
        case let (.map(x), .map(y)):
            let kx = x.keys.sorted(), ky = y.keys.sorted()
            let c = order(.list(kx.map(QueryValue.string)), .list(ky.map(QueryValue.string)))
            if c != 0 { return c }
            return order(.list(kx.map { x[$0]! }), .list(ky.map { y[$0]! }))
        default: return 0
        }
    }

    static func number(_ v: QueryValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    /// A key under which values that are equal in openCypher's grouping sense hash together
    /// (DISTINCT, grouping keys): 1 and 1.0 are the same, null equals null.
    static func groupKey(_ v: QueryValue) -> QueryValue {
        switch v {
        case .float(let d) where d == d.rounded() && abs(d) < 9.0e15: return .int(Int(d))
        case .list(let l): return .list(l.map(groupKey))
        case .map(let m): return .map(m.mapValues(groupKey))
        default: return v
        }
    }

    static func typeName(_ v: QueryValue) -> String {
        switch v {
        case .null: return "NULL"
        case .bool: return "BOOLEAN"
        case .int: return "INTEGER"
        case .float: return "FLOAT"
        case .string: return "STRING"
        case .date: return "DATE"
        case .temporal(let t): return t.typeName
        case .list: return "LIST"
        case .map: return "MAP"
        case .node: return "NODE"
        case .edge: return "RELATIONSHIP"
        case .path: return "PATH"
        }
    }

    /// Converts a query value back to a stored property value; nodes, relationships and paths cannot be stored.
    static func storable(_ v: QueryValue) -> Value? {
        switch v {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .date(let d): return .date(d)
        case .temporal(let t): return .temporal(t)
        case .list(let l):
            var out: [Value] = []
            for x in l {
                guard let s = storable(x) else { return nil }
                if case .list = s { return nil }
                if case .map = s { return nil }
                out.append(s)
            }
            return .list(out)
        case .map, .node, .edge, .path: return nil
        }
    }
}

extension ValueSemantics {
    /// `CONTAINS` as a byte search when both strings are ASCII without carriage returns (there
    /// every byte is a whole character, so the answer equals the character-wise one; "\r\n" is
    /// one character). Nil when that does not hold: the caller compares characters.
    static func asciiContains(_ s: String, _ t: String) -> Bool? {
        var s = s, t = t
        return s.withUTF8 { hay in t.withUTF8 { needle in asciiStringOp(.contains, hay, needle) } }
    }

    /// `STARTS WITH`, `ENDS WITH` or `CONTAINS` on UTF-8 bytes when both sides are ASCII without
    /// CR (there bytes and Swift's grapheme-based string comparison agree; "\r\n" is one
    /// character to Swift); nil otherwise, and the caller compares Strings.
    static func asciiStringOp(_ op: BinaryOperator, _ hay: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool? {
        for b in hay where b >= 0x80 || b == 0x0D { return nil }
        for b in needle where b >= 0x80 || b == 0x0D { return nil }
        let n = needle.count, h = hay.count
        if n == 0 { return true }
        if n > h { return false }
        switch op {
        case .startsWith: return memcmp(hay.baseAddress!, needle.baseAddress!, n) == 0
        case .endsWith: return memcmp(hay.baseAddress! + (h - n), needle.baseAddress!, n) == 0
        default:
            let first = needle[0]
            var i = 0
            while i <= h - n {
                if hay[i] == first && memcmp(hay.baseAddress! + i, needle.baseAddress!, n) == 0 { return true }
                i += 1
            }
            return false
        }
    }
}
