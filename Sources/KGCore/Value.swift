/// A property value in the graph.
///
/// Money and percentages are numbers with a `unit` property beside them, never
/// strings such as "$ 28, 000". Maps keep no key order; writers sort keys.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case date(KGDate)
    /// A time, date-time (local or with a UTC offset) or duration.
    case temporal(Temporal)
    case list([Value])
    case map([String: Value])

    /// The value as a Double when it is numeric (int or float).
    public var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }

    /// The string payload, when this is a string.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The first float in the value (itself, or inside its lists and maps) that is NaN or
    /// infinite, for writers whose format has no number for it (.kg, JSON).
    public var firstNonFiniteFloat: Double? {
        switch self {
        case .float(let d): return d.isFinite ? nil : d
        case .list(let items): for item in items { if let d = item.firstNonFiniteFloat { return d } }; return nil
        case .map(let members): for key in members.keys.sorted() { if let d = members[key]?.firstNonFiniteFloat { return d } }; return nil
        default: return nil
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension Value: CustomStringConvertible {
    /// A compact, Cypher-literal-like rendering: strings quoted, dates as `date("…")`,
    /// other temporal values as their constructor: `time("12:00+01:00")`, `duration("P1M")`.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return Value.formatFloat(d)
        case .string(let s): return "\"" + Value.escape(s) + "\""
        case .date(let d): return "date(\"\(d)\")"
        case .temporal(let t): return "\(t.kind.rawValue)(\"\(t)\")"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m):
            return "{" + m.keys.sorted().map { "\($0): \(m[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }

    /// Formats a Double so that it always reads back as a float: `1.0`, never `1`.
    public static func formatFloat(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        let s = String(d)   // Swift prints the shortest round-tripping form
        if s.contains(".") || s.contains("e") || s.contains("E") { return s }
        return s + ".0"
    }

    /// Escapes a string for a double-quoted literal (`\"`, `\\`, `\n`, `\t`, `\r`, control chars).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
