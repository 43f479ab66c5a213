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

extension CalendarDuration {
    /// One end of `between`: a day (nil for a time alone), a time of day (midnight for a date),
    /// and an offset from UTC (nil for local values).
    public struct Endpoint: Sendable {
        public var day: CalendarDay?
        public var time: TimeOfDay
        public var offset: Int?
        public init(day: CalendarDay?, time: TimeOfDay = .midnight, offset: Int? = nil) {
            self.day = day
            self.time = time
            self.offset = offset
        }
    }

    /// What `between` counts: months, days and time (`duration.between`), or only months,
    /// days or seconds (`duration.inMonths`, `inDays`, `inSeconds`).
    public enum BetweenUnit: Sendable { case all, months, days, seconds }

    /// The duration from `a` to `b`, as Neo4j's `duration.between`: whole months first (not
    /// counting a month whose time has not been reached), then whole days, then the rest. When
    /// both ends have offsets `b` is first moved to `a`'s offset; when either end is a time
    /// alone, only the times count.
    public static func between(_ a: Endpoint, _ b: Endpoint, unit: BetweenUnit = .all) throws(TemporalError) -> CalendarDuration {
        var b = b
        if let oa = a.offset, let ob = b.offset, oa != ob {
            let shift = try CalendarDuration(seconds: oa - ob)
            if let day = b.day {
                let (d, t) = try Temporal.add(day, b.time, shift)
                b.day = d; b.time = t
            } else {
                b.time = Temporal.wrap(b.time, shift)
            }
        }
        guard let fromDay = a.day, let toDay = b.day else {
            return try CalendarDuration(nanoseconds: b.time.nanoOfDay - a.time.nanoOfDay)
        }
        // The last day that counts whole: one day less (more) when the end's time of day is
        // before (after) the start's.
        func end(from start: CalendarDay) throws(TemporalError) -> CalendarDay {
            if toDay > start && b.time < a.time { return try toDay.plusDays(-1) }
            if toDay < start && b.time > a.time { return try toDay.plusDays(1) }
            return toDay
        }
        func packed(_ d: CalendarDay) -> Int { (d.year * 12 + d.month - 1) * 32 + d.day }
        var months = 0
        var day = fromDay
        if unit == .all || unit == .months {
            months = (packed(try end(from: fromDay)) - packed(fromDay)) / 32   // whole months: the day must be reached
            if unit == .months { return try CalendarDuration(months: months) }
            day = try fromDay.plusMonths(months)
        }
        if unit == .seconds {
            let secs = (toDay.epochDay - fromDay.epochDay) * 86_400
            return try CalendarDuration(seconds: secs, nanoseconds: b.time.nanoOfDay - a.time.nanoOfDay)
        }
        let days = try end(from: day).epochDay - day.epochDay
        if unit == .days { return try CalendarDuration(days: days) }
        day = try day.plusDays(days)
        let rest = (toDay.epochDay - day.epochDay) * TimeOfDay.nanosPerDay + b.time.nanoOfDay - a.time.nanoOfDay
        return try CalendarDuration(months: months, days: days, nanoseconds: rest)
    }
}
