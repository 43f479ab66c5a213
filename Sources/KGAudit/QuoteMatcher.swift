import Foundation
import KGCore

/// Finds a quote in a document, or the passage most like it.
public enum QuoteMatcher {
    /// The passage of a document most like a quote.
    public struct Match: Sendable, Hashable {
        /// 1-based line.
        public var line: Int
        /// 1-based columns (inclusive) of the passage in the original line.
        public var columns: ClosedRange<Int>
        /// The passage as it stands in the document.
        public var text: String
        /// 1.0 for identical after normalisation, falling towards 0 with edit distance.
        public var similarity: Double
    }

    /// Where the quote stands on `line`, after normalisation; nil when it does not.
    public static func locate(_ quote: String, inLine line: String) -> ClosedRange<Int>? {
        NormalizedText(line).locate(NormalizedText(quote))
    }

    /// The lines where the quote stands exactly (after normalisation).
    public static func linesContaining(_ quote: String, in text: DocumentText) -> [Int] {
        let q = NormalizedText(quote)
        return text.lines.indices.filter { NormalizedText(text.lines[$0]).locate(q) != nil }.map { $0 + 1 }
    }

    /// The passage most like `quote` anywhere in the document.
    ///
    /// Cheap first, exact last: every window of about the quote's word count is scored by how
    /// many of the quote's words it holds; only the windows within one word of the best such
    /// score get an edit-distance similarity. Omissions (`...`) are compared as a space.
    public static func nearest(_ quote: String, in text: DocumentText) -> Match? {
        let q = NormalizedText(quote.replacingOccurrences(of: "...", with: " ").replacingOccurrences(of: "\u{2026}", with: " "))
        let qWords = words(q)
        guard !qWords.isEmpty else { return nil }
        let qSet = Set(qWords.map { bare(q.characters[$0]) })
        let k = qWords.count

        var candidates: [(line: Int, norm: NormalizedText, range: Range<Int>, overlap: Int)] = []
        var bestOverlap = 0
        for (index, raw) in text.lines.enumerated() {
            let norm = NormalizedText(raw)
            let ws = words(norm)
            guard !ws.isEmpty else { continue }
            for size in Set([max(1, k - 1), k, k + 1]) {
                let size = min(size, ws.count)
                for start in 0...(ws.count - size) {
                    let window = ws[start..<(start + size)]
                    let overlap = window.reduce(0) { $0 + (qSet.contains(bare(norm.characters[$1])) ? 1 : 0) }
                    guard overlap > 0, overlap >= bestOverlap - 1 else { continue }
                    bestOverlap = max(bestOverlap, overlap)
                    let range = window.first!.lowerBound..<window.last!.upperBound
                    candidates.append((index + 1, norm, range, overlap))
                }
            }
        }
        var best: Match?
        let qChars = q.characters
        for c in candidates where c.overlap >= bestOverlap - 1 {
            let passage = Array(c.norm.characters[c.range])
            let distance = Suggest.distance(qChars, passage, transpositions: false)
            let similarity = 1 - Double(distance) / Double(max(qChars.count, passage.count))
            if best == nil || similarity > best!.similarity {
                let columns = c.norm.columns[c.range.lowerBound]...c.norm.columns[c.range.upperBound - 1]
                let original = Array(text.lines[c.line - 1])
                let lo = max(0, columns.lowerBound - 1), hi = min(original.count, columns.upperBound)
                best = Match(line: c.line, columns: columns, text: lo < hi ? String(original[lo..<hi]) : "",
                             similarity: similarity)
            }
        }
        return best
    }

    /// Index ranges of the words (runs of non-space characters) of a normalised text.
    static func words(_ t: NormalizedText) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start: Int?
        for (i, ch) in t.characters.enumerated() {
            if ch == " " {
                if let s = start { out.append(s..<i); start = nil }
            } else if start == nil {
                start = i
            }
        }
        if let s = start { out.append(s..<t.characters.count) }
        return out
    }

    /// A word without the punctuation around it, for comparing words ("percent," = "percent").
    static func bare(_ word: ArraySlice<Character>) -> String {
        String(word).trimmingCharacters(in: .punctuationCharacters.union(.symbols))
    }
}
