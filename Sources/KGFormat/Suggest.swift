/// "Did you mean …": the closest candidate by edit distance, when it is close enough.
public enum Suggest {
    public static func closest(to word: String, among candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? max(1, word.count / 3)
        var best: (String, Int)? = nil
        let length = word.unicodeScalars.count
        for c in candidates {
            // The distance is at least the difference in length: skip the quadratic work (a
            // 10 MB garbage word took minutes) when that alone is too far.
            if abs(c.unicodeScalars.count - length) > limit { continue }
            let d = distance(word.lowercased(), c.lowercased())
            if d <= limit, best == nil || d < best!.1 { best = (c, d) }
        }
        return best?.0
    }

    /// Levenshtein distance over Unicode scalars.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count)
        var cur = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }
}
