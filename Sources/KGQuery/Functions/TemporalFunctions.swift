#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGCore

/// The temporal constructors `date`, `time`, `localtime`, `datetime`, `localdatetime` and
/// `duration`: from an ISO 8601 string, a map of components, another temporal value, or (without
/// an argument, except `duration`) the current moment in UTC.
enum TemporalFunctions {
    typealias Args = [QueryValue]

    static let all: [QueryFunction] = [
        QueryFunction(name: "date", arity: 0...1) { a, _ in try date(a) },
        constructor(.localtime),
        constructor(.time),
        constructor(.localdatetime),
        constructor(.datetime),
        QueryFunction(name: "duration", arity: 1...1) { a, _ in try duration(a[0]) },
        between("duration.between", .all),
        between("duration.inMonths", .months),
        between("duration.inDays", .days),
        between("duration.inSeconds", .seconds),
    ]

    private static func between(_ name: String, _ unit: CalendarDuration.BetweenUnit) -> QueryFunction {
        QueryFunction(name: name, arity: 2...2) { a, _ in
            if a.contains(.null) { return .null }
            let ends = try a.map { (v: QueryValue) throws -> CalendarDuration.Endpoint in
                switch v {
                case .date(let d):
                    guard let day = CalendarDay(d) else {
                        throw failure(name, "\(name)() needs full dates, not '\(d)'", help: "give the month and day too")
                    }
                    return .init(day: day)
                case .temporal(.localTime(let t)): return .init(day: nil, time: t)
                case .temporal(.time(let t, let o)): return .init(day: nil, time: t, offset: o)
                case .temporal(.localDateTime(let d, let t)): return .init(day: d, time: t)
                case .temporal(.dateTime(let d, let t, let o)): return .init(day: d, time: t, offset: o)
                default: throw FunctionError.argument(name, v, expected: "dates, times or date-times")
                }
            }
            do {
                return .temporal(.duration(try CalendarDuration.between(ends[0], ends[1], unit: unit)))
            } catch let e as TemporalError {
                throw failure(name, e, detail: e.isOutOfRange ? .numberOutOfRange : .invalidArgumentValue)
            }
        }
    }

    static let timeKeys = ["hour", "minute", "second", "millisecond", "microsecond", "nanosecond"]
    static let dateKeys = ["year", "month", "day"]

    /// The keys a map for `kind` may hold.
    static func keys(_ kind: Temporal.Kind) -> [String] {
        switch kind {
        case .localtime: return timeKeys + ["time"]
        case .time: return timeKeys + ["timezone", "time"]
        case .localdatetime: return dateKeys + timeKeys + ["date", "time", "datetime"]
        case .datetime: return dateKeys + timeKeys + ["timezone", "date", "time", "datetime"]
        case .duration: return []
        }
    }

    static func example(_ kind: Temporal.Kind) -> String {
        switch kind {
        case .localtime: return "localtime('12:31:14') or localtime({hour: 12, minute: 31, second: 14})"
        case .time: return "time('12:31:14+01:00') or time({hour: 12, minute: 31, timezone: '+01:00'})"
        case .localdatetime: return "localdatetime('2015-07-21T21:40:32') or localdatetime({year: 2015, month: 7, day: 21, hour: 21})"
        case .datetime: return "datetime('2015-07-21T21:40:32+01:00') or datetime({year: 2015, month: 7, day: 21, hour: 21, timezone: '+01:00'})"
        case .duration: return "duration('P1M2DT6M') or duration({months: 1, days: 2, minutes: 6})"
        }
    }

    static func failure(_ fn: String, _ e: TemporalError, detail: QueryErrorDetail = .invalidArgumentValue) -> QueryError {
        QueryError(type: .argumentError, detail: detail, phase: .runtime, message: "\(fn)(): \(e.message)", help: e.help)
    }

    static func failure(_ fn: String, _ message: String, help: String?) -> QueryError {
        failure(fn, TemporalError(message, help: help))
    }

    private static func constructor(_ kind: Temporal.Kind) -> QueryFunction {
        QueryFunction(name: kind.rawValue, arity: 0...1) { a, _ in
            if a.isEmpty { return .temporal(now(kind)) }
            return try make(kind, a[0])
        }
    }

    /// The current moment in UTC, as a value of `kind`.
    static func now(_ kind: Temporal.Kind) -> Temporal {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        let secs = Int(ts.tv_sec), nanos = Int(ts.tv_nsec)
        let dayNumber = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let day = (try? CalendarDay(epochDay: dayNumber)) ?? (try! CalendarDay(year: 1970, month: 1, day: 1))
        let tod = TimeOfDay(nanoOfDay: (secs - dayNumber * 86_400) * TimeOfDay.nanosPerSecond + nanos)
        switch kind {
        case .localtime: return .localTime(tod)
        case .time: return .time(tod, offset: 0)
        case .localdatetime: return .localDateTime(day, tod)
        case .datetime, .duration: return .dateTime(day, tod, offset: 0)
        }
    }

    // MARK: - date

    static func date(_ a: Args) throws -> QueryValue {
        guard let v = a.first else {
            guard case .dateTime(let d, _, _) = now(.datetime) else { return .null }
            return .date(d.date)
        }
        let help = "write date('2016-05-14'), date('2016-05'), date('2016') or date({year: 2016, month: 5, day: 14})"
        switch v {
        case .null: return .null
        case .string(let s):
            if let d = KGDate(s.trimmed) { return .date(d) }
            if let day = try? Temporal.parseDay(Substring(s.trimmed)) { return .date(day.date) }
            throw failure("date", "'\(s)' is not a date", help: help)
        case .date: return v
        case .temporal(.dateTime(let d, _, _)), .temporal(.localDateTime(let d, _)): return .date(d.date)
        case .map(let m):
            try checkKeys("date", m, dateKeys + ["date"], help: help)
            if m.values.contains(.null) { return .null }
            var year: Int?, month: Int?, day: Int?
            if let base = m["date"] {
                switch base {
                case .date(let d): year = d.year; month = d.month; day = d.day
                case .temporal(.dateTime(let d, _, _)), .temporal(.localDateTime(let d, _)):
                    year = d.year; month = d.month; day = d.day
                default: throw FunctionError.argument("date", base, expected: "a date or date-time under 'date'")
                }
            }
            if let y = try int("date", m, "year") { year = y }
            if let x = try int("date", m, "month") { month = x }
            if let x = try int("date", m, "day") { day = x }
            guard let year else { throw failure("date", "the map needs a year", help: help) }
            if day != nil && month == nil { throw failure("date", "a day needs a month", help: help) }
            do {
                if let month, let day { return .date(try CalendarDay(year: year, month: month, day: day).date) }
                if let month, !(1...12).contains(month) {
                    throw TemporalError("month \(month) is out of range", help: "month runs from 1 to 12")
                }
                guard Temporal.yearRange.contains(year), let d = KGDate(year: year, month: month) else {
                    throw TemporalError("year \(year) is out of range", help: "year runs from -999999999 to 999999999")
                }
                return .date(d)
            } catch let e as TemporalError {
                throw failure("date", e)
            }
        default:
            throw FunctionError.argument("date", v, expected: "a date string YYYY[-MM[-DD]], a map {year, month, day} or a date-time")
        }
    }

    // MARK: - time, localtime, datetime, localdatetime

    static func make(_ kind: Temporal.Kind, _ v: QueryValue) throws -> QueryValue {
        let fn = kind.rawValue
        switch v {
        case .null: return .null
        case .string(let s):
            do { return .temporal(try Temporal.parse(kind, s)) } catch let e {
                throw failure(fn, TemporalError(e.message, help: e.help ?? "write \(example(kind))"))
            }
        case .map(let m):
            do { return try fromMap(kind, m) } catch let e as TemporalError {
                throw failure(fn, TemporalError(e.message, help: e.help ?? "write \(example(kind))"))
            }
        case .date(let d):
            guard kind == .datetime || kind == .localdatetime else { break }
            guard let day = CalendarDay(d) else {
                throw failure(fn, "\(fn)() of the date '\(d)' needs a full date", help: "give the month and day too")
            }
            return .temporal(kind == .datetime ? .dateTime(day, .midnight, offset: 0) : .localDateTime(day, .midnight))
        case .temporal(let t):
            if let r = convert(t, to: kind) { return .temporal(r) }
        default: break
        }
        throw FunctionError.argument(fn, v, expected: "a string or map such as \(example(kind))")
    }

    /// A value of another temporal kind seen as `kind` (dropping or adding the UTC offset, taking the time).
    static func convert(_ t: Temporal, to kind: Temporal.Kind) -> Temporal? {
        switch (kind, t) {
        case (.localtime, .localTime(let x)), (.localtime, .time(let x, _)),
             (.localtime, .localDateTime(_, let x)), (.localtime, .dateTime(_, let x, _)):
            return .localTime(x)
        case (.time, .localTime(let x)), (.time, .localDateTime(_, let x)): return .time(x, offset: 0)
        case (.time, .time(let x, let o)), (.time, .dateTime(_, let x, let o)): return .time(x, offset: o)
        case (.localdatetime, .localDateTime(let d, let x)), (.localdatetime, .dateTime(let d, let x, _)):
            return .localDateTime(d, x)
        case (.datetime, .localDateTime(let d, let x)): return .dateTime(d, x, offset: 0)
        case (.datetime, .dateTime): return t
        default: return nil
        }
    }

    static func checkKeys(_ fn: String, _ m: [String: QueryValue], _ allowed: [String], help: String) throws {
        for k in m.keys.sorted() where !allowed.contains(k) {
            let near = Suggest.closest(to: k, among: allowed)
            throw failure(fn, "unknown key '\(k)'",
                          help: (near.map { "did you mean '\($0)'? " } ?? "") + "\(fn)() takes " + allowed.joined(separator: ", "))
        }
    }

    static func int(_ fn: String, _ m: [String: QueryValue], _ key: String) throws -> Int? {
        guard let v = m[key] else { return nil }
        guard case .int(let i) = v else {
            throw failure(fn, "'\(key)' must be an integer, not \(ValueSemantics.typeName(v))", help: "write \(key): 12")
        }
        return i
    }

    static func fromMap(_ kind: Temporal.Kind, _ m: [String: QueryValue]) throws -> QueryValue {
        let fn = kind.rawValue
        try checkKeys(fn, m, keys(kind), help: "write \(example(kind))")
        if m.values.contains(.null) { return .null }
        let hasDate = kind == .datetime || kind == .localdatetime
        let hasZone = kind == .datetime || kind == .time

        // Defaults from the base values under 'datetime', 'date' and 'time'.
        var day: CalendarDay?
        var tod: TimeOfDay?
        var offset: Int?
        func base(_ key: String, date takeDate: Bool, time takeTime: Bool) throws {
            guard let b = m[key] else { return }
            var ok = false
            switch b {
            case .date(let d) where takeDate:
                guard let full = CalendarDay(d) else { throw TemporalError("'\(key)' needs a full date, not '\(d)'") }
                day = full; ok = true
            case .temporal(let t):
                switch t {
                case .dateTime(let d, let x, let o):
                    if takeDate { day = d; ok = true }
                    if takeTime { tod = x; offset = o; ok = true }
                case .localDateTime(let d, let x):
                    if takeDate { day = d; ok = true }
                    if takeTime { tod = x; ok = true }
                case .time(let x, let o) where takeTime: tod = x; offset = o; ok = true
                case .localTime(let x) where takeTime: tod = x; ok = true
                default: break
                }
            default: break
            }
            if !ok {
                throw TemporalError("'\(key)' cannot be \(ValueSemantics.typeName(b))",
                                    help: takeDate && !takeTime ? "give a date or a date-time" : "give a time or a date-time")
            }
        }
        try base("datetime", date: true, time: true)
        try base("date", date: true, time: false)
        try base("time", date: false, time: true)

        // A new zone for a value that already has one keeps the instant.
        if hasZone, case .string(let z)? = m["timezone"] {
            let newOffset = try Temporal.parseOffset(z)
            if let old = offset, let t = tod, newOffset != old {
                let shift = try CalendarDuration(seconds: newOffset - old)
                if let d = day {
                    let (nd, nt) = try Temporal.add(d, t, shift)
                    day = nd; tod = nt
                } else {
                    tod = Temporal.wrap(t, shift)
                }
            }
            offset = newOffset
        } else if let z = m["timezone"] {
            throw TemporalError("'timezone' must be a string such as '+01:00', not \(ValueSemantics.typeName(z))")
        }

        // Explicit components override.
        func component(_ key: String) throws -> Int? {
            guard let v = m[key] else { return nil }
            guard case .int(let i) = v else {
                throw TemporalError("'\(key)' must be an integer, not \(ValueSemantics.typeName(v))", help: "write \(key): 12")
            }
            return i
        }
        if hasDate {
            let y = try component("year"), mo = try component("month"), d = try component("day")
            if day == nil && y == nil {
                throw TemporalError("the map needs a year (or a 'date')", help: "write \(example(kind))")
            }
            if d != nil && mo == nil && day == nil { throw TemporalError("a day needs a month", help: "write \(example(kind))") }
            if y != nil || mo != nil || d != nil {
                day = try CalendarDay(year: y ?? day!.year, month: mo ?? day?.month ?? 1, day: d ?? day?.day ?? 1)
            }
        }
        let parts = try timeKeys.map { (k: String) throws -> Int? in try component(k) }
        if parts.contains(where: { $0 != nil }) {
            // A smaller unit needs the larger ones (no minute without an hour) unless a base time gives them.
            if tod == nil {
                for i in 1..<parts.count where parts[i] != nil {
                    let needed = min(i - 1, 2)
                    for j in 0...needed where parts[j] == nil {
                        throw TemporalError("'\(timeKeys[i])' needs '\(timeKeys[j])'", help: "write \(example(kind))")
                    }
                }
            }
            let ms = parts[3], us = parts[4], ns = parts[5]
            if let ms { try range("millisecond", ms, 0...999) }
            if let us { try range("microsecond", us, ms == nil ? 0...999_999 : 0...999) }
            if let ns { try range("nanosecond", ns, ms == nil && us == nil ? 0...999_999_999 : 0...999) }
            let sub = (ms ?? 0) * 1_000_000 + (us ?? 0) * 1000 + (ns ?? 0)
            let old = tod
            tod = try TimeOfDay(hour: parts[0] ?? old?.hour ?? 0, minute: parts[1] ?? old?.minute ?? 0,
                                second: parts[2] ?? old?.second ?? 0,
                                nanosecond: ms == nil && us == nil && ns == nil ? (old?.nanosecond ?? 0) : sub)
        } else if tod == nil && !hasDate {
            throw TemporalError("the map needs an hour (or a 'time')", help: "write \(example(kind))")
        }

        let t = tod ?? .midnight
        switch kind {
        case .localtime: return .temporal(.localTime(t))
        case .time: return .temporal(.time(t, offset: offset ?? 0))
        case .localdatetime: return .temporal(.localDateTime(day!, t))
        case .datetime: return .temporal(.dateTime(day!, t, offset: offset ?? 0))
        case .duration: return .null
        }
    }

    static func range(_ name: String, _ v: Int, _ r: ClosedRange<Int>) throws {
        guard r.contains(v) else {
            throw TemporalError("\(name) \(v) is out of range", help: "\(name) runs from \(r.lowerBound) to \(r.upperBound)")
        }
    }

    // MARK: - duration

    static func duration(_ v: QueryValue) throws -> QueryValue {
        switch v {
        case .null: return .null
        case .string(let s):
            do { return .temporal(.duration(try CalendarDuration.parse(s))) } catch let e {
                throw failure("duration", e)
            }
        case .temporal(.duration): return v
        case .map(let m):
            if m.values.contains(.null) { return .null }
            var parts: [(String, Double?, Int?)] = []
            for k in m.keys.sorted() {
                switch m[k]! {
                case .int(let i): parts.append((k, nil, i))
                case .float(let d): parts.append((k, d, nil))
                default:
                    throw failure("duration", "'\(k)' must be a number, not \(ValueSemantics.typeName(m[k]!))", help: "write \(example(.duration))")
                }
            }
            do { return .temporal(.duration(try CalendarDuration(components: parts))) } catch let e {
                throw failure("duration", e, detail: e.isOutOfRange ? .numberOutOfRange : .invalidArgumentValue)
            }
        default:
            throw FunctionError.argument("duration", v, expected: "an ISO 8601 string or a map such as \(example(.duration))")
        }
    }
}
