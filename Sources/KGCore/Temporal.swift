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

/// Why a temporal value could not be built: a message and a way to fix it.
public struct TemporalError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var help: String?
    /// The value would leave the supported range (an overflow rather than a malformed input).
    public var isOutOfRange: Bool
    public init(_ message: String, help: String? = nil, isOutOfRange: Bool = false) {
        self.message = message
        self.help = help
        self.isOutOfRange = isOutOfRange
    }
    public var description: String { message }

    public static let overflow = TemporalError("the result is out of the supported range",
                                               help: "years run from -999999999 to 999999999", isOutOfRange: true)
}

// MARK: - Time of day

/// A time of day: nanoseconds since midnight (0 ..< 86,400,000,000,000).
public struct TimeOfDay: Sendable, Hashable, Comparable {
    public static let nanosPerSecond = 1_000_000_000
    public static let nanosPerDay = 86_400 * nanosPerSecond

    public var nanoOfDay: Int

    public init(nanoOfDay: Int) {
        precondition((0..<TimeOfDay.nanosPerDay).contains(nanoOfDay))
        self.nanoOfDay = nanoOfDay
    }

    public init(hour: Int, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) throws(TemporalError) {
        try check("hour", hour, 0...23)
        try check("minute", minute, 0...59)
        try check("second", second, 0...59)
        try check("nanosecond", nanosecond, 0...999_999_999)
        self.nanoOfDay = ((hour * 60 + minute) * 60 + second) * TimeOfDay.nanosPerSecond + nanosecond
    }

    public static let midnight = TimeOfDay(nanoOfDay: 0)

    public var hour: Int { nanoOfDay / (3600 * TimeOfDay.nanosPerSecond) }
    public var minute: Int { nanoOfDay / (60 * TimeOfDay.nanosPerSecond) % 60 }
    public var second: Int { nanoOfDay / TimeOfDay.nanosPerSecond % 60 }
    public var nanosecond: Int { nanoOfDay % TimeOfDay.nanosPerSecond }
    public var secondOfDay: Int { nanoOfDay / TimeOfDay.nanosPerSecond }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.nanoOfDay < b.nanoOfDay }

    /// `10:35`, `12:35:15`, `12:31:14.645876123`, `12:00:00.100`: seconds only when not zero,
    /// the fraction in groups of three digits.
    public var description: String {
        var s = String(pad2: hour) + ":" + String(pad2: minute)
        if second != 0 || nanosecond != 0 { s += ":" + String(pad2: second) }
        if nanosecond != 0 { s += "." + TimeOfDay.fraction(nanosecond, grouped: true) }
        return s
    }

    /// The digits after the decimal point of `nanos` (1 ..< 1e9): nine digits with trailing zeros
    /// dropped, in groups of three (`100`, `000012`… as Java prints) when `grouped`.
    static func fraction(_ nanos: Int, grouped: Bool) -> String {
        var digits = String(nanos)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix(grouped ? "000" : "0") { digits.removeLast(grouped ? 3 : 1) }
        return digits
    }
}

private func check(_ name: String, _ v: Int, _ range: ClosedRange<Int>) throws(TemporalError) {
    guard range.contains(v) else {
        throw TemporalError("\(name) \(v) is out of range", help: "\(name) runs from \(range.lowerBound) to \(range.upperBound)")
    }
}

// MARK: - Calendar day

/// A day of the proleptic Gregorian calendar.
public struct CalendarDay: Sendable, Hashable, Comparable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) throws(TemporalError) {
        try check("year", year, Temporal.yearRange)
        try check("month", month, 1...12)
        try check("day", day, 1...KGDate.daysIn(month: month, year: year))
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
        let (b, o2) = a.addingReportingOverflow(month - 1 + n)
        guard !o1, !o2 else { throw TemporalError.overflow }
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

// MARK: - CalendarDuration

/// A duration as Neo4j keeps it: months, days, seconds and nanoseconds (0 ..< 1e9), each kept
/// apart because a month has no fixed number of days nor a day (in a zone) of seconds.
public struct CalendarDuration: Sendable, Hashable {
    public let months: Int
    public let days: Int
    public let seconds: Int
    public let nanoseconds: Int

    /// Normalizes `nanoseconds` into 0 ..< 1e9, carrying into seconds.
    public init(months: Int = 0, days: Int = 0, seconds: Int = 0, nanoseconds: Int = 0) throws(TemporalError) {
        let nps = TimeOfDay.nanosPerSecond
        let carry = nanoseconds >= 0 ? nanoseconds / nps : -((-(nanoseconds + 1)) / nps + 1)
        let (s, o) = seconds.addingReportingOverflow(carry)
        guard !o else { throw TemporalError("the duration is too long", help: "keep durations within about 292 billion years",
                                     isOutOfRange: true) }
        self.months = months
        self.days = days
        self.seconds = s
        self.nanoseconds = nanoseconds - carry * nps
    }

    public static let zero = try! CalendarDuration()

    /// Builds a duration from named components (`years`, `quarters`, `months`, `weeks`, `days`,
    /// `hours`, `minutes`, `seconds`, `milliseconds`, `microseconds`, `nanoseconds`), each an
    /// integer or a fraction; fractions cascade into the smaller units (a month is 30.436875 days).
    public init(components: [(String, Double?, Int?)]) throws(TemporalError) {
        var acc = Accumulator()
        for (name, fractional, whole) in components {
            guard let unit = CalendarDuration.units[name] else {
                throw TemporalError("unknown duration component '\(name)'",
                                    help: "use " + CalendarDuration.unitNames.joined(separator: ", "))
            }
            if let whole { try acc.add(whole, unit) } else if let fractional { try acc.add(fractional, unit) }
        }
        self = try acc.duration()
    }

    enum Unit { case months(Int), days(Int), nanos(Int) }

    static let unitNames = ["years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds",
                            "milliseconds", "microseconds", "nanoseconds"]
    static let units: [String: Unit] = [
        "years": .months(12), "quarters": .months(3), "months": .months(1), "weeks": .days(7), "days": .days(1),
        "hours": .nanos(3600 * 1_000_000_000), "minutes": .nanos(60 * 1_000_000_000), "seconds": .nanos(1_000_000_000),
        "milliseconds": .nanos(1_000_000), "microseconds": .nanos(1000), "nanoseconds": .nanos(1),
    ]

    /// Sums components exactly: months, days, and seconds plus nanoseconds.
    struct Accumulator {
        var months = 0, days = 0, seconds = 0, nanos = 0

        static let daysPerMonth = 30.436875           // 365.2425 / 12
        static let secondsPerMonth = daysPerMonth * 86_400
        static let tooLong = TemporalError("the duration is too long", help: "keep durations within about 292 billion years",
                                     isOutOfRange: true)

        mutating func add(_ v: Int, _ unit: Unit) throws(TemporalError) {
            func mul(_ a: Int, _ b: Int) throws(TemporalError) -> Int {
                let (r, o) = a.multipliedReportingOverflow(by: b)
                if o { throw Accumulator.tooLong }
                return r
            }
            func sum(_ a: Int, _ b: Int) throws(TemporalError) -> Int {
                let (r, o) = a.addingReportingOverflow(b)
                if o { throw Accumulator.tooLong }
                return r
            }
            switch unit {
            case .months(let k): months = try sum(months, try mul(v, k))
            case .days(let k): days = try sum(days, try mul(v, k))
            case .nanos(let k):
                let nps = TimeOfDay.nanosPerSecond
                if k >= nps {
                    seconds = try sum(seconds, try mul(v, k / nps))
                } else {
                    let per = nps / k                    // units per second
                    seconds = try sum(seconds, v / per)
                    nanos = try sum(nanos, (v % per) * k)
                }
            }
        }

        mutating func add(_ v: Double, _ unit: Unit) throws(TemporalError) {
            guard v.isFinite else { throw TemporalError("a duration component must be a finite number") }
            func whole(_ x: Double) throws(TemporalError) -> Int {
                guard abs(x) < 9.0e18 else { throw Accumulator.tooLong }
                return Int(x.rounded(.towardZero))
            }
            switch unit {
            case .months(let k):
                let m = v * Double(k), w = try whole(m)
                try add(w, .months(1))
                try add((m - Double(w)) * Accumulator.daysPerMonth, .days(1))
            case .days(let k):
                let d = v * Double(k), w = try whole(d)
                try add(w, .days(1))
                try add((d - Double(w)) * 86_400, .nanos(1_000_000_000))
            case .nanos(let k):
                let s = v * Double(k) / 1e9, w = try whole(s)
                try add(w, .nanos(1_000_000_000))
                try add(try whole(((s - Double(w)) * 1e9).rounded()), .nanos(1))
            }
        }

        func duration() throws(TemporalError) -> CalendarDuration {
            try CalendarDuration(months: months, days: days, seconds: seconds, nanoseconds: nanos)
        }
    }

    /// Parses ISO 8601 `P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]`; numbers may carry a sign and a fraction.
    public static func parse(_ text: String) throws(TemporalError) -> CalendarDuration {
        let help = "write an ISO 8601 duration such as 'P1Y2M3DT4H5M6.5S', 'P2W' or 'PT90M'"
        var chars = Array(text.uppercased())
        var negate = false
        if chars.first == "-" { negate = true; chars.removeFirst() } else if chars.first == "+" { chars.removeFirst() }
        guard chars.first == "P", chars.count > 1 else {
            throw TemporalError("'\(text)' is not a duration", help: help)
        }
        var i = 1, inTime = false, acc = Accumulator(), sawAny = false
        let dateUnits: [Character: String] = ["Y": "years", "M": "months", "W": "weeks", "D": "days"]
        let timeUnits: [Character: String] = ["H": "hours", "M": "minutes", "S": "seconds"]
        var lastRank = -1
        while i < chars.count {
            if chars[i] == "T" {
                if inTime { throw TemporalError("'\(text)' has 'T' twice", help: help) }
                inTime = true; i += 1; lastRank = 3
                if i == chars.count { throw TemporalError("'\(text)' ends after 'T'", help: help) }
                continue
            }
            var num = ""
            while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "," || chars[i] == "-" || chars[i] == "+" {
                num.append(chars[i] == "," ? "." : chars[i]); i += 1
            }
            guard !num.isEmpty, i < chars.count else {
                throw TemporalError("'\(text)' is not a duration: expected a number and a unit", help: help)
            }
            let letter = chars[i]; i += 1
            guard let name = (inTime ? timeUnits : dateUnits)[letter] else {
                throw TemporalError("'\(text)' has an unknown duration unit '\(letter)'" + (inTime ? " after 'T'" : ""), help: help)
            }
            let rank = inTime ? 4 + Array("HMS").firstIndex(of: letter)! : Array("YMWD").firstIndex(of: letter)!
            guard rank > lastRank else { throw TemporalError("'\(text)' has its units out of order", help: help) }
            lastRank = rank
            let unit = units[name]!
            if let w = Int(num) { try acc.add(w, unit) }
            else if let d = Double(num), num.contains("."), !num.hasSuffix("."), !num.hasPrefix(".") { try acc.add(d, unit) }
            else { throw TemporalError("'\(text)' has a bad number '\(num)'", help: help) }
            sawAny = true
        }
        guard sawAny else { throw TemporalError("'\(text)' is not a duration", help: help) }
        let d = try acc.duration()
        return negate ? try d.negated() : d
    }

    public func negated() throws(TemporalError) -> CalendarDuration {
        guard months != .min, days != .min, seconds != .min, seconds != .max else { throw Accumulator.tooLong }
        return try CalendarDuration(months: -months, days: -days, seconds: -seconds, nanoseconds: -nanoseconds)
    }

    public func adding(_ o: CalendarDuration) throws(TemporalError) -> CalendarDuration {
        let (m, a) = months.addingReportingOverflow(o.months)
        let (d, b) = days.addingReportingOverflow(o.days)
        let (s, c) = seconds.addingReportingOverflow(o.seconds)
        guard !a, !b, !c else { throw Accumulator.tooLong }
        return try CalendarDuration(months: m, days: d, seconds: s, nanoseconds: nanoseconds + o.nanoseconds)
    }

    /// Multiplies every component; a fractional factor cascades fractions into smaller units.
    public func multiplied(by f: Double) throws(TemporalError) -> CalendarDuration {
        var acc = Accumulator()
        try acc.add(Double(months) * f, .months(1))
        try acc.add(Double(days) * f, .days(1))
        try acc.add(Double(seconds) * f, .nanos(1_000_000_000))
        try acc.add(Double(nanoseconds) * f, .nanos(1))
        return try acc.duration()
    }

    public func multiplied(by k: Int) throws(TemporalError) -> CalendarDuration {
        let (m, a) = months.multipliedReportingOverflow(by: k)
        let (d, b) = days.multipliedReportingOverflow(by: k)
        let (s, c) = seconds.multipliedReportingOverflow(by: k)
        let (n, e) = nanoseconds.multipliedReportingOverflow(by: k)
        guard !a, !b, !c, !e else { throw Accumulator.tooLong }
        return try CalendarDuration(months: m, days: d, seconds: s, nanoseconds: n)
    }

    /// An approximate length in seconds (a month as 30.436875 days), for sorting.
    public var approximateSeconds: Double {
        Double(months) * Accumulator.secondsPerMonth + Double(days) * 86_400 + Double(seconds) + Double(nanoseconds) / 1e9
    }

    /// `P1Y2M3DT4H5M6.5S`, `PT0S` for zero; each component keeps its sign (`P-1M2D`).
    public var description: String {
        var s = "P"
        let y = months / 12, m = months % 12
        if y != 0 { s += "\(y)Y" }
        if m != 0 { s += "\(m)M" }
        if days != 0 { s += "\(days)D" }
        if seconds != 0 || nanoseconds != 0 {
            s += "T"
            // The seconds part as a sign and a magnitude (whole seconds, nanoseconds).
            let negative = seconds < 0
            var whole = seconds.magnitude, frac = UInt(nanoseconds)
            if negative && frac > 0 { whole -= 1; frac = UInt(TimeOfDay.nanosPerSecond) - frac }
            let sign = negative ? "-" : ""
            let h = whole / 3600, mi = whole % 3600 / 60, sec = whole % 60
            if h != 0 { s += "\(sign)\(h)H" }
            if mi != 0 { s += "\(sign)\(mi)M" }
            if sec != 0 || frac != 0 {
                s += "\(sign)\(sec)"
                if frac != 0 { s += "." + TimeOfDay.fraction(Int(frac), grouped: false) }
                s += "S"
            }
        }
        return s == "P" ? "PT0S" : s
    }
}

// MARK: - Text forms, parsing, fields, arithmetic, order

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
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
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
        guard (1...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) && Int($0) != nil }),
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

extension CalendarDuration {
    static let fieldNames = ["years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds",
                             "milliseconds", "microseconds", "nanoseconds", "quartersOfYear", "monthsOfQuarter",
                             "monthsOfYear", "daysOfWeek", "minutesOfHour", "secondsOfMinute",
                             "millisecondsOfSecond", "microsecondsOfSecond", "nanosecondsOfSecond"]

    /// Neo4j's duration fields: `years`, `months`, `days`, `hours`, `minutes`, `seconds` are totals
    /// within their group (months; days; seconds), `…Of…` the remainder within the next larger unit.
    public func field(_ name: String) -> Value? {
        func mulOrNull(_ a: Int, _ b: Int, plus c: Int = 0) -> Value {
            let (r, o) = a.multipliedReportingOverflow(by: b)
            let (s, p) = r.addingReportingOverflow(c)
            return o || p ? .null : .int(s)
        }
        switch name {
        case "years": return .int(months / 12)
        case "quarters": return .int(months / 3)
        case "months": return .int(months)
        case "weeks": return .int(days / 7)
        case "days": return .int(days)
        case "hours": return .int(seconds / 3600)
        case "minutes": return .int(seconds / 60)
        case "seconds": return .int(seconds)
        case "milliseconds": return mulOrNull(seconds, 1000, plus: nanoseconds / 1_000_000)
        case "microseconds": return mulOrNull(seconds, 1_000_000, plus: nanoseconds / 1000)
        case "nanoseconds": return mulOrNull(seconds, 1_000_000_000, plus: nanoseconds)
        case "quartersOfYear": return .int(months % 12 / 3)
        case "monthsOfQuarter": return .int(months % 3)
        case "monthsOfYear": return .int(months % 12)
        case "daysOfWeek": return .int(days % 7)
        case "minutesOfHour": return .int(seconds % 3600 / 60)
        case "secondsOfMinute": return .int(seconds % 60)
        case "millisecondsOfSecond": return .int(nanoseconds / 1_000_000)
        case "microsecondsOfSecond": return .int(nanoseconds / 1000)
        case "nanosecondsOfSecond": return .int(nanoseconds)
        default: return nil
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
