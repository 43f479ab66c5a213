/// The type of a property value that a text format writes as a string, so that an importer can
/// read it back as the same type.
///
/// JSON and GraphML have no dates, times or durations: their exports write them as ISO text
/// (`"2016-05"`, `"P1M2D"`) and name the type beside it — per element in the JSON graph export
/// (`"types": {"period": "date"}`), per key in GraphML (the graph's `kgq.types` data). A hint is
/// the kind's constructor name (`date`, `time`, `localtime`, `datetime`, `localdatetime`,
/// `duration`), the same in brackets for a list of them (`[date]`), or `json` for a GraphML value
/// written as JSON text (lists, maps, keys of mixed types).
///
///     PropertyTypeHint.hint(of: .date(KGDate("2016-05")!))                 // "date"
///     PropertyTypeHint.decode(.string("2016-05"), hint: "date")            // .date(2016-05)
public enum PropertyTypeHint {
    /// The hint a value needs to read back from its JSON form; nil when JSON keeps its type
    /// (null, bool, int, float, string, and lists and maps of those).
    public static func hint(of value: Value) -> String? {
        switch value {
        case .date: return "date"
        case .temporal(let t): return t.kind.rawValue
        case .list(let items):
            var element: String?
            for item in items where !item.isNull {
                guard let h = hint(of: item), !h.hasPrefix("[") else { return nil }
                if let element, element != h { return nil }
                element = h
            }
            return element.map { "[\($0)]" }
        default: return nil
        }
    }

    /// True when `hint` is one this type knows (`date`, `[duration]`, `json`, …).
    public static func isKnown(_ hint: String) -> Bool {
        if hint == "json" { return true }
        let scalar = hint.hasPrefix("[") && hint.hasSuffix("]") ? String(hint.dropFirst().dropLast()) : hint
        return scalar == "date" || Temporal.Kind(rawValue: scalar) != nil
    }

    /// The value as the hinted type: a string parsed as a date or temporal value, a list of
    /// strings element by element. Nil when the text is not of that type (the caller says where).
    /// `json` is decoded by the caller, which has the JSON reader and the position.
    public static func decode(_ value: Value, hint: String) -> Value? {
        if hint.hasPrefix("[") && hint.hasSuffix("]") {
            guard case .list(let items) = value else { return nil }
            let element = String(hint.dropFirst().dropLast())
            var out: [Value] = []
            for item in items {
                if item.isNull { out.append(.null); continue }
                guard let v = decode(item, hint: element) else { return nil }
                out.append(v)
            }
            return .list(out)
        }
        guard case .string(let text) = value else { return nil }
        if hint == "date" { return KGDate(text).map(Value.date) }
        guard let kind = Temporal.Kind(rawValue: hint) else { return nil }
        return (try? Temporal.parse(kind, text)).map(Value.temporal)
    }
}
