/// A day of the proleptic Gregorian calendar.
public struct CalendarDay: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(TemporalError) {
        try checkRange("year", year, Temporal.yearRange)
        try checkRange("month", month, 1...12)
        try checkRange("day", day, 1...KGDate.daysIn(month: month, year: year))
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public var epochDay: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(epochDay: Int) throws(TemporalError) {
        // Year ±999,999,999 lies within ±366e9 days; beyond that the arithmetic below could overflow.
        guard abs(epochDay) < 400_000_000_000 else { throw TemporalError.overflow }
        let z = epochDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        guard Temporal.yearRange.contains(y) else { throw TemporalError.overflow }
        self.year = y
        self.month = m
        self.day = d
    }

    public init?(_ date: KGDate) {
        guard let m = date.month, let d = date.day, let day = try? CalendarDay(year: date.year, month: m, day: d) else { return nil }
        self = day
    }

    public var date: KGDate { KGDate(year: year, month: month, day: day)! }

    /// ISO day of the week, Monday = 1 … Sunday = 7.
    public var dayOfWeek: Int {
        let r = (epochDay + 3) % 7   // 1970-01-01 was a Thursday
        return (r < 0 ? r + 7 : r) + 1
    }

    public var ordinalDay: Int { epochDay - (try! CalendarDay(year: year, month: 1, day: 1)).epochDay + 1 }

    /// Adds months, keeping the day unless the month is shorter (2020-01-31 + 1 month = 2020-02-29).
    public func plusMonths(_ n: Int) throws(TemporalError) -> CalendarDay {
        if n == 0 { return self }
        let (a, o1) = year.multipliedReportingOverflow(by: 12)
        let (c, o2) = n.addingReportingOverflow(month - 1)
        let (b, o3) = a.addingReportingOverflow(c)
        guard !o1, !o2, !o3 else { throw TemporalError.overflow }
        let y = b >= 0 ? b / 12 : (b - 11) / 12
        let m = b - y * 12 + 1
        guard Temporal.yearRange.contains(y) else { throw TemporalError.overflow }
        return try CalendarDay(year: y, month: m, day: min(day, KGDate.daysIn(month: m, year: y)))
    }

    public func plusDays(_ n: Int) throws(TemporalError) -> CalendarDay {
        if n == 0 { return self }
        let (e, o) = epochDay.addingReportingOverflow(n)
        guard !o else { throw TemporalError.overflow }
        return try CalendarDay(epochDay: e)
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// `2015-07-21`; years beyond 9999 with a sign (`+10000-01-01`), as ISO 8601 writes them.
    public var description: String {
        let y: String
        if year > 9999 { y = "+" + String(year) }
        else if year < 0 { let s = String(-year); y = "-" + String(repeating: "0", count: max(0, 4 - s.count)) + s }
        else { y = String(format4: year) }
        return y + "-" + String(pad2: month) + "-" + String(pad2: day)
    }
}
