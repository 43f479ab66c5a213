import KGCore

/// The words a picture shows for a Figure: "$15.81/hour", "10–12%", "2016–2026 · US".
///
/// Money and percentages are stored as numbers with a `unit`; this puts them back into the
/// form a reader expects, and states the period the figure is about.
public struct FigureCaption: Sendable, Hashable {
    /// Value or range with its unit: "16%", "$28,000–$42,000/year", "2,990,000 jobs".
    public var amount: String?
    /// When: "2011", "2016–2026", "since 2011", "as of 2018-05".
    public var period: String?
    /// Where: "US".
    public var region: String?

    public init(properties p: [String: Value]) {
        let unit = p["unit"]?.string
        if let v = p["value"], let n = FigureCaption.number(v) {
            amount = FigureCaption.amount([n], unit: unit)
        } else if let low = p["low"].flatMap(FigureCaption.number), let high = p["high"].flatMap(FigureCaption.number) {
            amount = FigureCaption.amount([low, high], unit: unit)
        } else if let v = p["value"] {
            amount = FigureCaption.plain(v) + (unit.map { " " + $0 } ?? "")
        } else {
            amount = nil
        }
        period = FigureCaption.period(p)
        region = p["region"].map(FigureCaption.plain)
    }

    /// Period and region joined, for a caption line: "2016–2026 · US".
    public var context: String? {
        let parts = [period, region].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func number(_ v: Value) -> String? {
        switch v {
        case .int(let i): return grouped(String(i.magnitude), negative: i < 0)
        case .float(let d):
            guard d.isFinite else { return nil }
            if d == d.rounded(), abs(d) < 1e15 { return grouped(String(Int(d).magnitude), negative: d < 0) }
            let s = String(d)
            if s.contains("e") { return s }
            let parts = s.split(separator: ".", maxSplits: 1)
            let whole = String(parts[0].drop { $0 == "-" })
            return grouped(whole, negative: d < 0) + "." + (parts.count > 1 ? parts[1] : "0")
        default: return nil
        }
    }

    /// Thousands separators from 10,000 up, so years and small numbers stay as written.
    static func grouped(_ digits: String, negative: Bool) -> String {
        var out = digits
        if digits.count > 4 {
            var groups: [Substring] = []
            var rest = Substring(digits)
            while rest.count > 3 {
                groups.insert(rest.suffix(3), at: 0)
                rest = rest.dropLast(3)
            }
            groups.insert(rest, at: 0)
            out = groups.joined(separator: ",")
        }
        return negative ? "-" + out : out
    }

    static func amount(_ numbers: [String], unit: String?) -> String {
        guard let unit else { return numbers.joined(separator: "–") }
        switch unit {
        case "percent", "%":
            return numbers.joined(separator: "–") + "%"
        case _ where unit.hasPrefix("USD"):
            let per = unit.dropFirst(3)   // "", "/hour", "/year"
            return numbers.map { "$" + $0 }.joined(separator: "–") + per
        case _ where unit.hasPrefix("EUR"):
            return numbers.map { "€" + $0 }.joined(separator: "–") + unit.dropFirst(3)
        default:
            return numbers.joined(separator: "–") + " " + unit
        }
    }

    static func plain(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .date(let d): return d.description
        case .temporal(let t): return t.description
        default: return v.description
        }
    }

    static func period(_ p: [String: Value]) -> String? {
        if let period = p["period"] { return plain(period) }
        let start = p["period_start"].map(plain)
        let end = p["period_end"].map(plain)
        switch (start, end) {
        case let (s?, e?): return "\(s)–\(e)"
        case let (s?, nil): return "since \(s)"
        case let (nil, e?): return "until \(e)"
        case (nil, nil): return p["as_of"].map { "as of " + plain($0) }
        }
    }
}
