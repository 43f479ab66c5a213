import ArgumentParser

/// The range check every numeric flag goes through, so that a value kgq cannot use (negative,
/// or so large that arithmetic on it would overflow) is refused with one kind of message:
/// `--stale-years takes a whole number from 0 to 10000, got 768614336404564650`.
/// Numeric options are declared with `parsing: .unconditional` so that a negative value reaches
/// this check instead of being taken for a flag ("Missing value").
enum NumericFlag {
    /// Throws a ValidationError when `value` is outside `range`.
    static func check(_ flag: String, _ value: Int, in range: ClosedRange<Int>) throws {
        guard !range.contains(value) else { return }
        let bounds = range.upperBound == Int.max ? "of \(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
        throw ValidationError("\(flag) takes a whole number \(bounds), got \(value)")
    }

    /// Throws a ValidationError when `value` is not a finite number in `range`; `example` ends the message.
    static func check(_ flag: String, _ value: Double, in range: ClosedRange<Double>, unit: String, example: String) throws {
        guard !(value.isFinite && range.contains(value)) else { return }
        throw ValidationError("\(flag) takes \(unit) from \(range.lowerBound.formatted) to \(range.upperBound.formatted), "
                              + "got \(value.formatted); e.g. \(example)")
    }
}

private extension Double {
    /// 0.001 and 31536000 rather than 1e-03 and 31536000.0.
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : "\(self)"
    }
}
