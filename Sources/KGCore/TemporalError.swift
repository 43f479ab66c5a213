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

/// Throws when `v` is outside `range`, naming the component.
func checkRange(_ name: String, _ v: Int, _ range: ClosedRange<Int>) throws(TemporalError) {
    guard range.contains(v) else {
        throw TemporalError("\(name) \(v) is out of range", help: "\(name) runs from \(range.lowerBound) to \(range.upperBound)")
    }
}
