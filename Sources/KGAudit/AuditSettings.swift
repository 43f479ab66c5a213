import Foundation
import KGCore

/// The knobs of the rules that have any.
public struct AuditSettings: Sendable, Hashable {
    /// A figure whose latest date is more than this many years before `today` is stale.
    public var staleYears: Int
    /// The date "now" for staleness (a fixed one in tests).
    public var today: KGDate
    /// Two numbers on the same measure agree when they differ by at most this fraction of the
    /// larger one (0.02 = 2 %), so rounding ("15.8" vs "15.81") is not a conflict.
    public var relativeTolerance: Double

    public init(staleYears: Int = 5, today: KGDate = AuditSettings.currentDate(), relativeTolerance: Double = 0.02) {
        self.staleYears = staleYears
        self.today = today
        self.relativeTolerance = relativeTolerance
    }

    /// Today's date in UTC.
    public static func currentDate() -> KGDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return KGDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? KGDate(year: 1970)!
    }
}
