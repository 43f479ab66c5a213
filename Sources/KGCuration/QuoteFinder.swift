import Foundation
import KGAudit
import KGCore
import KGFormat

/// Finds a quote in a document and writes the `cite` line that cites it, for `kgq cite`.
///
/// Three tries, strictest first: the quote as typed on one line; the quote after the audit's
/// normalisation (whitespace runs, typographic quotes and dashes, case, `...` for omitted
/// words), so the cite line then carries the document's own words; else the passage most like
/// it, with its similarity, which is a suggestion and not a find.
public struct QuoteFinder: Sendable {
    public enum MatchKind: String, Sendable {
        case exact
        case normalized
        case nearest
    }

    /// Where the quote stands (or the passage nearest to it).
    public struct Result: Sendable {
        public var kind: MatchKind
        public var line: Int
        /// 1-based columns (inclusive, in characters) of the passage on the line.
        public var columns: ClosedRange<Int>
        /// The words to quote: as typed for an exact match, else the document's own.
        public var quote: String
        /// 1.0 for exact and normalised matches.
        public var similarity: Double
        /// The other lines holding the quote (exact and normalised matches).
        public var otherLines: [Int]
        /// The original source the line attributes the sentence to, with the words that do.
        public var via: (source: String, words: String)?
        /// Further sources the same sentence attributes to.
        public var otherSources: [String]

        /// True for exact and normalised matches; a nearest passage is not the quote.
        public var found: Bool { kind != .nearest }
    }

    public var text: DocumentText
    public var attribution: Attribution?

    /// `attribution` knows the graph's sources (for `via`); nil gives no `via` suggestions.
    public init(text: DocumentText, attribution: Attribution?) {
        self.text = text
        self.attribution = attribution
    }

    /// The quote's place in the document, or the nearest passage; nil only when nothing in
    /// the document shares a word with it.
    public func find(_ quote: String) -> Result? {
        let trimmed = quote.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        var exact: [(line: Int, columns: ClosedRange<Int>)] = []
        for (i, line) in text.lines.enumerated() {
            if let columns = QuoteFinder.exactColumns(of: trimmed, in: line) { exact.append((i + 1, columns)) }
        }
        if let first = exact.first {
            // The columns the audit checks a span against: where the normalised quote first stands
            // (an earlier occurrence differing in case only comes first there).
            let columns = QuoteMatcher.locate(trimmed, inLine: text.lines[first.line - 1]) ?? first.columns
            return result(.exact, line: first.line, columns: columns, quote: trimmed, similarity: 1,
                          others: exact.dropFirst().map(\.line))
        }
        let normalized = NormalizedText(trimmed)
        var found: [(line: Int, columns: ClosedRange<Int>)] = []
        for (i, line) in text.lines.enumerated() {
            if let columns = NormalizedText(line).locate(normalized) { found.append((i + 1, columns)) }
        }
        if let first = found.first {
            return result(.normalized, line: first.line, columns: first.columns,
                          quote: passage(line: first.line, columns: first.columns), similarity: 1,
                          others: found.dropFirst().map(\.line))
        }
        guard let near = QuoteMatcher.nearest(trimmed, in: text) else { return nil }
        // A passage is cut at words; the punctuation after its last word is not part of a quote.
        var passage = near.text, columns = near.columns
        while let last = passage.last, ",.;:".contains(last), passage.count > 1, trimmed.last != last {
            passage.removeLast()
            columns = columns.lowerBound...(columns.upperBound - 1)
        }
        return result(.nearest, line: near.line, columns: columns, quote: passage, similarity: near.similarity, others: [])
    }

    /// The quote on line `n` only (exact, then normalised), as `find` would report it there;
    /// nil when the line does not hold it (or there is no such line).
    public func find(_ quote: String, atLine n: Int) -> Result? {
        let trimmed = quote.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let line = text.line(n) else { return nil }
        if let exact = QuoteFinder.exactColumns(of: trimmed, in: line) {
            return result(.exact, line: n, columns: QuoteMatcher.locate(trimmed, inLine: line) ?? exact, quote: trimmed,
                          similarity: 1, others: [])
        }
        guard let columns = NormalizedText(line).locate(NormalizedText(trimmed)) else { return nil }
        return result(.normalized, line: n, columns: columns, quote: passage(line: n, columns: columns), similarity: 1, others: [])
    }

    private func result(_ kind: MatchKind, line: Int, columns: ClosedRange<Int>, quote: String, similarity: Double,
                        others: [Int]) -> Result {
        let sources = attribution?.sources(inLine: text.lines[line - 1], around: columns) ?? []
        return Result(kind: kind, line: line, columns: columns, quote: quote, similarity: similarity, otherLines: others,
                      via: sources.first, otherSources: sources.dropFirst().map(\.source))
    }

    /// The characters of `line` at `columns`.
    private func passage(line: Int, columns: ClosedRange<Int>) -> String {
        let chars = Array(text.lines[line - 1])
        let lo = max(0, columns.lowerBound - 1), hi = min(chars.count, columns.upperBound)
        return lo < hi ? String(chars[lo..<hi]) : ""
    }

    /// The columns of the first occurrence of `quote`, character for character.
    static func exactColumns(of quote: String, in line: String) -> ClosedRange<Int>? {
        guard let r = line.range(of: quote, options: .literal) else { return nil }
        let start = line.distance(from: line.startIndex, to: r.lowerBound) + 1
        return start...(start + quote.count - 1)
    }

    /// The `cite` line for a result, as `kgq fmt` writes one.
    public static func citeLine(document: String, _ r: Result) -> String {
        Writer.citeLine(Citation(document: document, line: r.line, span: r.columns, quote: r.quote, via: r.via?.source))
    }

    /// The number of words of a quote (the format asks for at most about twelve).
    public static func wordCount(_ quote: String) -> Int {
        quote.split(whereSeparator: \.isWhitespace).count
    }
}
