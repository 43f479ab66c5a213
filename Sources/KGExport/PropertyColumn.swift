import KGCore

/// A property key with one type for all the nodes (or relationships) that have it: the typed
/// columns of CSV headers (`value:double`) and GraphML `<key>`s.
///
/// Integers and floats together make a `double` column; any other mix, and maps, fall back
/// to `string` (the value written as JSON text), so every cell of a column reads as its type.
public struct PropertyColumn: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case string, long, double, boolean, date
        /// A time, date-time or duration kind (Neo4j's `localtime`, `time`, `localdatetime`, `datetime`, `duration`).
        case temporal(Temporal.Kind)
        /// A list of one scalar kind.
        case list(Kind)
    }

    public var key: String
    public var kind: Kind

    /// The columns of a set of property maps, sorted by key. With `arrayDelimiter`, a list of
    /// strings containing the delimiter becomes a `string` column (JSON) rather than a list
    /// that would split in the wrong places.
    public static func columns(of maps: [[String: Value]], arrayDelimiter: Character? = nil,
                               lists: Bool = true) -> [PropertyColumn] {
        var kinds: [String: Kind?] = [:]   // .some(nil) = mixed, falls back to string
        for map in maps {
            for (key, value) in map where !value.isNull {
                var kind = self.kind(of: value)
                if case .list = kind, !lists { kind = .string }
                if case .list(.string) = kind, let d = arrayDelimiter, case .list(let items) = value,
                   items.contains(where: { $0.string?.contains(d) ?? false }) {
                    kind = .string
                }
                if let existing = kinds[key] {
                    kinds[key] = merge(existing, kind)
                } else {
                    kinds[key] = .some(kind)
                }
            }
        }
        return kinds.keys.sorted().map { PropertyColumn(key: $0, kind: (kinds[$0] ?? nil) ?? .string) }
    }

    static func kind(of v: Value) -> Kind? {
        switch v {
        case .null: return nil
        case .bool: return .boolean
        case .int: return .long
        case .float: return .double
        case .string: return .string
        case .date: return .date
        case .temporal(let t): return .temporal(t.kind)
        case .map: return .string
        case .list(let items):
            var element: Kind?? = .none
            for item in items where !item.isNull {
                guard let k = kind(of: item), !isList(k) else { return .string }
                element = element.map { merge($0, k) } ?? .some(k)
            }
            guard let e = element else { return .list(.string) }
            return e.map { .list($0) } ?? .string
        }
    }

    static func isList(_ k: Kind) -> Bool {
        if case .list = k { return true }
        return false
    }

    static func merge(_ a: Kind?, _ b: Kind?) -> Kind? {
        guard let a, let b else { return nil }
        if a == b { return a }
        switch (a, b) {
        case (.long, .double), (.double, .long): return .double
        case (.list(let x), .list(let y)): return merge(x, y).map { .list($0) }
        default: return nil
        }
    }

    /// The value as text for a cell of this column (lists joined with `delimiter`); nil for null.
    public func text(_ v: Value, delimiter: String = ";") -> String? {
        if v.isNull { return nil }
        switch kind {
        case .list(let element):
            guard case .list(let items) = v else { return PropertyColumn.scalarText(v, as: .string) }
            return items.filter { !$0.isNull }.map { PropertyColumn.scalarText($0, as: element) }.joined(separator: delimiter)
        default:
            return PropertyColumn.scalarText(v, as: kind)
        }
    }

    static func scalarText(_ v: Value, as kind: Kind) -> String {
        switch (kind, v) {
        case (.double, .int(let i)): return Value.formatFloat(Double(i))
        case (.double, .float(let d)): return Value.formatFloat(d)
        case (.long, .int(let i)): return String(i)
        case (.boolean, .bool(let b)): return b ? "true" : "false"
        case (.date, .date(let d)): return d.description
        case (_, .string(let s)): return s
        case (_, .date(let d)): return d.description
        case (_, .temporal(let t)): return t.description
        default: return JSONText.value(v)
        }
    }
}
