/// The timings of one benchmark: every run after warm-up, in seconds.
struct Measurement {
    var name: String
    var samples: [Double]
    /// A note for the table (what was measured, or why it was skipped).
    var note: String = ""
    /// Rows the query returned, to show the work was real and comparable across engines.
    var rows: Int?

    var sorted: [Double] { samples.sorted() }
    var median: Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
    var minimum: Double { sorted.first ?? .nan }
    /// The 90th percentile by the nearest-rank method.
    var p90: Double {
        let s = sorted
        guard !s.isEmpty else { return .nan }
        let rank = Int((0.9 * Double(s.count)).rounded(.up))
        return s[max(0, min(s.count - 1, rank - 1))]
    }
}
