/// "Did you mean …" suggestions by edit distance.
enum Suggest {
    /// The candidate closest to `word` (case-insensitive), when it is close enough to be a likely typo.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let w = word.lowercased()
        var best: (String, Int)? = nil
        let length = w.count
        for c in candidates {
            // The distance is at least the difference in length; a candidate that far off could
            // never be suggested, and a megabyte-long name would cost a megabyte-sized table.
            if abs(c.count - length) > max(1, min(length, c.count) / 3) { continue }
            let d = distance(w, c.lowercased())
            if d == 0 { continue }
            if best == nil || d < best!.1 { best = (c, d) }
        }
        guard let (c, d) = best else { return nil }
        let limit = max(1, min(w.count, c.count) / 3)
        return d <= limit ? c : nil
    }

    /// Edit distance counting an adjacent transposition as one edit (MACTH → MATCH is 1).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
