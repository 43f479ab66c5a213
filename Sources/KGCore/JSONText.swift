

/// JSON text of strings and graph values, written by hand so the key order is fixed.
///
/// Floats always carry a `.` or an exponent (`1.0`, never `1`); NaN and infinities, which
/// JSON cannot hold, become `null`; dates are strings at their precision (`"2016-05"`);
/// map keys are sorted.
public enum JSONText {
    /// A JSON string literal, quotes included. Non-ASCII text is kept as UTF-8.
    public static func string(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A property value as JSON. JSON has no number for NaN and the infinities: they are
    /// written as query results write them, `{"$float": "NaN"}`, `"Inf"`, `"-Inf"`, not as null.
    public static func value(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d) where d.isNaN: return "{\"$float\": \"NaN\"}"
        case .float(let d) where d.isInfinite: return d > 0 ? "{\"$float\": \"Inf\"}" : "{\"$float\": \"-Inf\"}"
        case .float(let d): return Value.formatFloat(d)
        case .string(let s): return string(s)
        case .date(let d): return string(d.description)
        case .temporal(let t): return string(t.description)
        case .list(let items): return "[" + items.map(value).joined(separator: ", ") + "]"
        case .map(let m): return object(m.keys.sorted().map { ($0, value(m[$0] ?? .null)) })
        }
    }

    /// A property value as JSON that keeps every type: as `value`, but dates, times and durations
    /// (also inside lists and maps) are tagged objects, `{"$date": "2016-05"}`,
    /// `{"$localtime": "18:25"}` — for GraphML keys of mixed types, where no one type fits.
    public static func typedValue(_ v: Value) -> String {
        switch v {
        case .date(let d): return "{\"$date\": \(string(d.description))}"
        case .temporal(let t): return "{\"$\(t.kind.rawValue)\": \(string(t.description))}"
        case .list(let items): return "[" + items.map(typedValue).joined(separator: ", ") + "]"
        case .map(let m): return object(m.keys.sorted().map { ($0, typedValue(m[$0] ?? .null)) })
        default: return value(v)
        }
    }

    /// An object from already-encoded members, in the given order.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    /// The citations of a statement: `[{"document", "line", "quote", "gloss", "via"}]`
    /// (`"columns": [a, b]` added when the character span is known).
    public static func citations(_ citations: [Citation]) -> String {
        "[" + citations.map(citation).joined(separator: ", ") + "]"
    }

    public static func citation(_ c: Citation) -> String {
        var members: [(String, String)] = [
            ("document", string(c.document)), ("line", String(c.line)), ("quote", string(c.quote)),
            ("gloss", c.gloss.map(string) ?? "null"), ("via", c.via.map(string) ?? "null"),
        ]
        if let span = c.span { members.append(("columns", "[\(span.lowerBound), \(span.upperBound)]")) }
        return object(members)
    }
}
