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
        try checkRange("hour", hour, 0...23)
        try checkRange("minute", minute, 0...59)
        try checkRange("second", second, 0...59)
        try checkRange("nanosecond", nanosecond, 0...999_999_999)
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
