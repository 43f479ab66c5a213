/// Temporal values besides `KGDate`: times of day, date-times (each with or without a UTC offset)
/// and durations, with the text forms and calendar arithmetic of openCypher / Neo4j.
///
/// Offsets are fixed (`+01:00`, `Z`); named zones such as `Europe/Stockholm` are refused.
/// Years run from -999,999,999 to 999,999,999, offsets from -18:00 to +18:00.
public enum Temporal: Sendable, Hashable {
    case localTime(TimeOfDay)
    /// A time of day with its offset from UTC in seconds (east positive).
    case time(TimeOfDay, offset: Int)
    case localDateTime(CalendarDay, TimeOfDay)
    case dateTime(CalendarDay, TimeOfDay, offset: Int)
    case duration(CalendarDuration)

    /// The kinds, named as their constructor functions.
    public enum Kind: String, Sendable, CaseIterable {
        case time, localtime, datetime, localdatetime, duration
    }

    public var kind: Kind {
        switch self {
        case .localTime: return .localtime
        case .time: return .time
        case .localDateTime: return .localdatetime
        case .dateTime: return .datetime
        case .duration: return .duration
        }
    }

    /// The openCypher type name: `LOCAL TIME`, `ZONED TIME`, `LOCAL DATETIME`, `ZONED DATETIME`, `DURATION`.
    public var typeName: String {
        switch self {
        case .localTime: return "LOCAL TIME"
        case .time: return "ZONED TIME"
        case .localDateTime: return "LOCAL DATETIME"
        case .dateTime: return "ZONED DATETIME"
        case .duration: return "DURATION"
        }
    }

    public static let maxOffset = 18 * 3600
    public static let yearRange = -999_999_999...999_999_999
}

extension Temporal: CustomStringConvertible {
    public var description: String {
        switch self {
        case .localTime(let t): return t.description
        case .time(let t, let o): return t.description + Temporal.offsetText(o)
        case .localDateTime(let d, let t): return d.description + "T" + t.description
        case .dateTime(let d, let t, let o): return d.description + "T" + t.description + Temporal.offsetText(o)
        case .duration(let d): return d.description
        }
    }

    /// `Z`, `+01:00`, `-11:59`, `+05:30:15`.
    public static func offsetText(_ seconds: Int) -> String {
        if seconds == 0 { return "Z" }
        let a = abs(seconds)
        var s = (seconds < 0 ? "-" : "+") + String(pad2: a / 3600) + ":" + String(pad2: a / 60 % 60)
        if a % 60 != 0 { s += ":" + String(pad2: a % 60) }
        return s
    }

    /// Parses an offset: `Z`, `UTC`, `+01`, `+0100`, `+01:00`, `-11:59`, `+01:00:30`.
    public static func parseOffset(_ text: String) throws(TemporalError) -> Int {
        let help = "give the offset from UTC as '+01:00', '-08:00' or 'Z'; named zones such as 'Europe/Stockholm' are not supported"
        let t = text.uppercased()
        if t == "Z" || t == "UTC" || t == "GMT" { return 0 }
        let c = Array(t)
        guard let sign = c.first, sign == "+" || sign == "-" else {
            throw TemporalError("'\(text)' is not a UTC offset", help: help)
        }
        let body = String(c.dropFirst())
        var parts = body.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 && body.count == 4 { parts = [String(body.prefix(2)), String(body.suffix(2))] }
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), parts.count < 2 || Int(parts[1]) != nil, parts.count < 3 || Int(parts[2]) != nil
        else { throw TemporalError("'\(text)' is not a UTC offset", help: help) }
        let m = parts.count >= 2 ? Int(parts[1])! : 0, s = parts.count == 3 ? Int(parts[2])! : 0
        guard m < 60, s < 60 else { throw TemporalError("'\(text)' is not a UTC offset", help: help) }
        let total = h * 3600 + m * 60 + s
        guard total <= maxOffset else { throw TemporalError("offset '\(text)' is beyond ±18:00", help: help) }
        return sign == "-" ? -total : total
    }

    /// Parses `HH:MM[:SS[.fffffffff]]` or `HHMM[SS[.f]]`, optionally with a leading `T`.
    public static func parseTimeOfDay(_ text: Substring) throws(TemporalError) -> TimeOfDay {
        let help = "write a time as 'HH:MM', 'HH:MM:SS' or 'HH:MM:SS.nnnnnnnnn'"
        var t = text
        if t.first == "T" || t.first == "t" { t = t.dropFirst() }
        var whole = t, frac: Substring = ""
        if let dot = t.firstIndex(where: { $0 == "." || $0 == "," }) { whole = t[..<dot]; frac = t[t.index(after: dot)...] }
        var fields: [Substring]
        if whole.contains(":") {
            fields = whole.split(separator: ":", omittingEmptySubsequences: false)
        } else {
            fields = []
            var rest = whole
            while !rest.isEmpty { fields.append(rest.prefix(2)); rest = rest.dropFirst(2) }
        }
        guard (1...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              frac.isEmpty || (fields.count == 3 && (1...9).contains(frac.count) && frac.allSatisfy({ $0.isASCII && $0.isNumber }))
        else { throw TemporalError("'\(text)' is not a time of day", help: help) }
        let n = frac.isEmpty ? 0 : Int(frac + String(repeating: "0", count: 9 - frac.count))!
        return try TimeOfDay(hour: Int(fields[0])!, minute: fields.count > 1 ? Int(fields[1])! : 0,
                             second: fields.count > 2 ? Int(fields[2])! : 0, nanosecond: n)
    }

    /// Splits a time text into the time of day and its offset text, if any (`12:00+01:00`, `12:00Z`).
    static func splitOffset(_ text: Substring) throws(TemporalError) -> (Substring, String?) {
        if text.contains("[") {
            throw TemporalError("named time zones are not supported ('\(text)')",
                                help: "give the offset from UTC instead, as in '2015-07-21T21:40:32+01:00'")
        }
        if let i = text.lastIndex(where: { $0 == "+" || $0 == "-" || $0 == "Z" || $0 == "z" }) {
            return (text[..<i], String(text[i...]))
        }
        return (text, nil)
    }

    /// Parses `YYYY-MM-DD` (also with a sign and more year digits, or `YYYYMMDD`).
    public static func parseDay(_ text: Substring) throws(TemporalError) -> CalendarDay {
        let help = "write a date as 'YYYY-MM-DD'"
        var t = text, negative = false
        if t.first == "+" { t = t.dropFirst() } else if t.first == "-" { negative = true; t = t.dropFirst() }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        var y: Int?, m: Int?, d: Int?
        if parts.count == 3, parts[0].count >= 4, parts[1].count == 2, parts[2].count == 2,
           parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) {
            y = Int(parts[0]); m = Int(parts[1]); d = Int(parts[2])
        } else if parts.count == 1, t.count == 8, t.allSatisfy({ $0.isASCII && $0.isNumber }) {
            y = Int(t.prefix(4)); m = Int(t.dropFirst(4).prefix(2)); d = Int(t.suffix(2))
        }
        guard let y, let m, let d else { throw TemporalError("'\(text)' is not a date", help: help) }
        return try CalendarDay(year: negative ? -y : y, month: m, day: d)
    }

    /// Parses the ISO 8601 text of a kind: `12:31:14+01:00` (time; no offset means UTC),
    /// `12:31:14` (localtime), `2015-07-21T21:40:32.142+01:00` (datetime; no offset means UTC; a
    /// date alone means midnight), `2015-07-21T21:40` (localdatetime), `P1M2DT6M` (duration).
    public static func parse(_ kind: Kind, _ text: String) throws(TemporalError) -> Temporal {
        let s = Substring(text.trimmingSpaces)
        switch kind {
        case .duration: return .duration(try CalendarDuration.parse(String(s)))
        case .localtime:
            let (t, off) = try splitOffset(s)
            if off != nil { throw TemporalError("a local time has no offset ('\(text)')", help: "use time('\(text)') for a time with an offset") }
            return .localTime(try parseTimeOfDay(t))
        case .time:
            let (t, off) = try splitOffset(s)
            return .time(try parseTimeOfDay(t), offset: try off.map { (o: String) throws(TemporalError) in try parseOffset(o) } ?? 0)
        case .localdatetime, .datetime:
            let split = s.firstIndex(where: { $0 == "T" || $0 == "t" })
            let datePart = split.map { s[..<$0] } ?? s
            var offset = 0
            var tod = TimeOfDay.midnight
            if let split {
                let (t, off) = try splitOffset(s[s.index(after: split)...])
                if let off {
                    if kind == .localdatetime {
                        throw TemporalError("a local date-time has no offset ('\(text)')", help: "use datetime('\(text)') for a date-time with an offset")
                    }
                    offset = try parseOffset(off)
                }
                tod = try parseTimeOfDay(t)
            } else if datePart.contains("[") {
                _ = try splitOffset(datePart)
            }
            let day = try parseDay(datePart)
            return kind == .datetime ? .dateTime(day, tod, offset: offset) : .localDateTime(day, tod)
        }
    }

    /// Names of the fields `.field(_:)` answers, for help texts.
    public var fieldNames: [String] {
        let time = ["hour", "minute", "second", "millisecond", "microsecond", "nanosecond"]
        let date = ["year", "quarter", "month", "day", "dayOfWeek", "ordinalDay"]
        let zone = ["timezone", "offset", "offsetMinutes", "offsetSeconds"]
        switch self {
        case .localTime: return time
        case .time: return time + zone
        case .localDateTime: return date + time
        case .dateTime: return date + time + zone + ["epochSeconds", "epochMillis"]
        case .duration: return CalendarDuration.fieldNames
        }
    }

    /// A component by name (`hour`, `year`, `offset`, duration `months`, …); nil for an unknown name.
    public func field(_ name: String) -> Value? {
        switch self {
        case .localTime(let t): return Temporal.timeField(t, name)
        case .time(let t, let o): return Temporal.timeField(t, name) ?? Temporal.offsetField(o, name)
        case .localDateTime(let d, let t): return Temporal.dayField(d, name) ?? Temporal.timeField(t, name)
        case .dateTime(let d, let t, let o):
            if let v = Temporal.dayField(d, name) ?? Temporal.timeField(t, name) ?? Temporal.offsetField(o, name) { return v }
            let epochSeconds = d.epochDay * 86_400 + t.secondOfDay - o
            switch name {
            case "epochSeconds": return .int(epochSeconds)
            case "epochMillis":
                let (ms, over) = epochSeconds.multipliedReportingOverflow(by: 1000)
                return over ? .null : .int(ms + t.nanosecond / 1_000_000)
            default: return nil
            }
        case .duration(let d): return d.field(name)
        }
    }

    static func timeField(_ t: TimeOfDay, _ name: String) -> Value? {
        switch name {
        case "hour": return .int(t.hour)
        case "minute": return .int(t.minute)
        case "second": return .int(t.second)
        case "millisecond": return .int(t.nanosecond / 1_000_000)
        case "microsecond": return .int(t.nanosecond / 1000)
        case "nanosecond": return .int(t.nanosecond)
        default: return nil
        }
    }

    static func dayField(_ d: CalendarDay, _ name: String) -> Value? {
        switch name {
        case "year": return .int(d.year)
        case "quarter": return .int((d.month - 1) / 3 + 1)
        case "month": return .int(d.month)
        case "day": return .int(d.day)
        case "dayOfWeek", "weekDay": return .int(d.dayOfWeek)
        case "ordinalDay": return .int(d.ordinalDay)
        default: return nil
        }
    }

    static func offsetField(_ o: Int, _ name: String) -> Value? {
        switch name {
        case "timezone", "offset": return .string(o == 0 ? "Z" : offsetText(o))
        case "offsetMinutes": return .int(o / 60)
        case "offsetSeconds": return .int(o)
        default: return nil
        }
    }

    /// Adds (or with `negate`, subtracts) a duration. A time ignores months and days and wraps
    /// at midnight; date-times add months first (clamping the day), then days, then time.
    public func adding(_ d: CalendarDuration) throws(TemporalError) -> Temporal {
        switch self {
        case .localTime(let t): return .localTime(Temporal.wrap(t, d))
        case .time(let t, let o): return .time(Temporal.wrap(t, d), offset: o)
        case .localDateTime(let day, let t):
            let (nd, nt) = try Temporal.add(day, t, d)
            return .localDateTime(nd, nt)
        case .dateTime(let day, let t, let o):
            let (nd, nt) = try Temporal.add(day, t, d)
            return .dateTime(nd, nt, offset: o)
        case .duration(let x): return .duration(try x.adding(d))
        }
    }

    /// A time of day moved by the time part of a duration, wrapping at midnight.
    public static func wrap(_ t: TimeOfDay, _ d: CalendarDuration) -> TimeOfDay {
        let secs = d.seconds % 86_400   // within ±86,399: no overflow below
        var n = (t.nanoOfDay + secs * TimeOfDay.nanosPerSecond + d.nanoseconds) % TimeOfDay.nanosPerDay
        if n < 0 { n += TimeOfDay.nanosPerDay }
        return TimeOfDay(nanoOfDay: n)
    }

    /// A day and time moved by a duration: months (clamping the day), days, then the time part.
    public static func add(_ day: CalendarDay, _ t: TimeOfDay, _ d: CalendarDuration) throws(TemporalError) -> (CalendarDay, TimeOfDay) {
        var day = try day.plusMonths(d.months).plusDays(d.days)
        let extraDays = d.seconds / 86_400
        var n = t.nanoOfDay + (d.seconds % 86_400) * TimeOfDay.nanosPerSecond + d.nanoseconds
        var carry = extraDays
        if n < 0 { n += TimeOfDay.nanosPerDay; carry -= 1 }
        if n >= TimeOfDay.nanosPerDay { n -= TimeOfDay.nanosPerDay; carry += 1 }
        day = try day.plusDays(carry)
        return (day, TimeOfDay(nanoOfDay: n))
    }

    /// A full date plus a duration: months (clamping the day), then days, then whole days of the
    /// time part (2020-01-31 + P1M = 2020-02-29).
    public static func add(_ date: KGDate, _ d: CalendarDuration) throws(TemporalError) -> KGDate {
        guard let day = CalendarDay(date) else {
            throw TemporalError("date arithmetic needs a full date, not '\(date)'", help: "give the day too, as in date('\(date.month == nil ? "\(date)-01-01" : "\(date)-01")')")
        }
        return try day.plusMonths(d.months).plusDays(d.days).plusDays(d.seconds / 86_400).date
    }

    /// Orders two values of the same kind: times by their UTC instant, then by local time;
    /// durations by their approximate length. Nil for values of different kinds.
    public static func order(_ a: Temporal, _ b: Temporal) -> Int? {
        func cmp<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : (x > y ? 1 : 0) }
        switch (a, b) {
        case let (.localTime(x), .localTime(y)): return cmp(x, y)
        case let (.time(x, xo), .time(y, yo)):
            let c = cmp(x.nanoOfDay - xo * TimeOfDay.nanosPerSecond, y.nanoOfDay - yo * TimeOfDay.nanosPerSecond)
            return c != 0 ? c : cmp(x, y)
        case let (.localDateTime(xd, xt), .localDateTime(yd, yt)):
            let c = cmp(xd, yd)
            return c != 0 ? c : cmp(xt, yt)
        case let (.dateTime(xd, xt, xo), .dateTime(yd, yt, yo)):
            let xs = xd.epochDay * 86_400 + xt.secondOfDay - xo, ys = yd.epochDay * 86_400 + yt.secondOfDay - yo
            var c = cmp(xs, ys)
            if c == 0 { c = cmp(xt.nanosecond, yt.nanosecond) }
            if c == 0 { c = cmp(xd, yd) }
            return c != 0 ? c : cmp(xt, yt)
        case let (.duration(x), .duration(y)):
            let c = cmp(x.approximateSeconds, y.approximateSeconds)
            if c != 0 { return c }
            let xs = [x.months, x.days, x.seconds, x.nanoseconds], ys = [y.months, y.days, y.seconds, y.nanoseconds]
            return xs == ys ? 0 : (xs.lexicographicallyPrecedes(ys) ? -1 : 1)
        default: return nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
