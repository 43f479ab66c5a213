/// A small, fast, seeded pseudo-random generator (Steele, Lea and Flood's SplitMix64).
///
/// The generator must give the same numbers on every platform and Swift version, which the
/// system generator does not promise; this one is fully specified by its few lines.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), by Lemire's multiply-shift (its tiny bias is
    /// irrelevant here, and it keeps the sequence independent of the standard library's method).
    public mutating func below(_ bound: Int) -> Int {
        Int(UInt64(bound).multipliedFullWidth(by: next()).high)
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// An index in `0..<count` skewed towards 0: `count · u^power`. Power 1 is uniform; larger
    /// powers give a few hubs and a long tail, as degrees in real graphs are. (Repeated
    /// multiplication rather than `pow`, whose last bit may differ between C libraries.)
    public mutating func skewed(_ count: Int, power: Int) -> Int {
        let u = unit()
        var x = u
        var k = 1
        while k < power { x *= u; k += 1 }
        return min(count - 1, Int(Double(count) * x))
    }

    /// An element of a non-empty array.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}
