/// A calendar date with year, year-month or full-day precision ("2016", "2016-05", "2016-05-14").
///
/// Documents state periods at different precisions ("since the start of 2011",
/// "2016–2026", "May 2018"); the precision is kept rather than invented.
public struct KGDate: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int?
    public var day: Int?

    /// Creates a date; `day` requires `month`. Returns nil for out-of-range parts.
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        if day != nil && month == nil { return nil }
        if let m = month, !(1...12).contains(m) { return nil }
        if let d = day, let m = month, !(1...KGDate.daysIn(month: m, year: year)).contains(d) { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        var m: Int? = nil, d: Int? = nil
        if parts.count >= 2 { guard parts[1].count == 2, let v = Int(parts[1]) else { return nil }; m = v }
        if parts.count == 3 { guard parts[2].count == 2, let v = Int(parts[2]) else { return nil }; d = v }
        self.init(year: y, month: m, day: d)
    }

    public enum Precision: Sendable { case year, month, day }

    public var precision: Precision { day != nil ? .day : (month != nil ? .month : .year) }

    public static func < (a: KGDate, b: KGDate) -> Bool {
        (a.year, a.month ?? 0, a.day ?? 0) < (b.year, b.month ?? 0, b.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension KGDate: CustomStringConvertible {
    public var description: String {
        var s = String(format4: year)
        if let m = month { s += "-" + String(pad2: m) }
        if let d = day { s += "-" + String(pad2: d) }
        return s
    }
}

extension String {
    init(pad2 v: Int) { self = v < 10 ? "0\(v)" : "\(v)" }
    init(format4 v: Int) {
        let s = String(v)
        self = v >= 0 && s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
    }
}
