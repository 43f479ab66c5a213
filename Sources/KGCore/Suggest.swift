/// "Did you mean …": the one suggestion function of kgq, used for misspelt keywords, labels,
/// types, properties, variables and functions in queries, keywords and ids in .kg files, the
/// REPL's `:commands`, `--rule` ids and the CLI's subcommands.
///
///     Suggest.closest(to: "cout", among: ["count", "cot", "collect"])   // "count"
///     Suggest.closest(to: "zzzzzzzz", among: ["help", "history"])        // nil: nothing is close
///
/// A candidate is suggested only when it is close enough to be a likely typo: at most
/// `threshold` edits away (case differences are free), an adjacent transposition counting as
/// one edit (`qurey` → `query`). Among equally close candidates the one sharing the longest
/// beginning with the word wins (`cout` → `count`, not `cot`), then the one nearest in length,
/// then the first given.
public enum Suggest {
    /// The closest candidate, or nil when none is within `maxDistance` (default: `threshold`).
    /// A candidate identical to `word` is never suggested.
    public static func closest(to word: String, among candidates: some Sequence<String>, maxDistance: Int? = nil) -> String? {
        let w = Array(word.lowercased())
        var best: (candidate: String, distance: Int, prefix: Int, lengthGap: Int)? = nil
        for candidate in candidates where candidate != word {
            let c = Array(candidate.lowercased())
            let limit = maxDistance ?? threshold(w.count, c.count)
            // The distance is at least the difference in length: skip the quadratic work (a
            // megabyte-long garbage word would cost a megabyte-sized table) when that alone is too far.
            let lengthGap = abs(c.count - w.count)
            if lengthGap > limit { continue }
            let d = distance(w, c)
            guard d <= limit else { continue }
            let prefix = zip(w, c).prefix { $0 == $1 }.count
            if let b = best, (b.distance, -b.prefix, b.lengthGap) <= (d, -prefix, lengthGap) { continue }
            best = (candidate, d, prefix, lengthGap)
        }
        return best?.candidate
    }

    /// How many edits still make a likely typo between words of these lengths: a third of the
    /// shorter, at least one (`:q` is not `:why`; a word of 8 letters may have 2 typos).
    public static func threshold(_ wordLength: Int, _ candidateLength: Int) -> Int {
        max(1, min(wordLength, candidateLength) / 3)
    }

    /// Edit distance between two strings (over characters, case-sensitive).
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b))
    }

    /// Edit distance: insertions, deletions and substitutions, and — unless `transpositions` is
    /// false (plain Levenshtein) — a swap of two adjacent elements as one edit (optimal string
    /// alignment). Three rows of memory.
    @inlinable
    public static func distance<E: Equatable>(_ a: [E], _ b: [E], transpositions: Bool = true) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)   // row i-2
        var previous = Array(0...b.count)                        // row i-1
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if transpositions && i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = min(d, before[j - 2] + 1)
                }
                current[j] = d
            }
            swap(&before, &previous)
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
