import Testing
import KGCore
@testable import KGAudit

@Suite struct QuoteMatcherTests {
    @Test(arguments: [
        // (line, quote, found columns or nil)
        ("jobs grew as much as 16 percent since 2011.", "grew as much as 16 percent", 6...31),
        ("jobs grew  as\u{00A0}much as 16 percent", "grew as much as 16 percent", 6...32),
        ("the \u{201C}comeback\u{201D} of jobs", "\"comeback\" of jobs", 5...22),
        ("2016\u{2013}2026 growth", "2016-2026 growth", 1...16),
        ("Caf\u{0065}\u{0301} au lait", "Caf\u{00E9} au lait", 1...12),
        ("Grew as much as 16 percent", "grew as much as 16 percent", 1...26),
        ("jobs grew as much as 16 percent since 2011", "grew ... since 2011", 6...42),
        ("jobs grew as much as 16 percent", "grew as much as 61 percent", nil),
        ("jobs grew as much as 16 percent", "", nil),
    ] as [(String, String, ClosedRange<Int>?)])
    func locateAfterNormalisation(line: String, quote: String, expected: ClosedRange<Int>?) {
        #expect(QuoteMatcher.locate(quote, inLine: line) == expected)
    }

    @Test func nearestMatchFindsTheParaphrasedPassage() {
        let doc = Document(id: "d", file: "d.txt", sha256: "", language: "en", title: "d", kind: "k")
        let text = DocumentText(document: doc, path: "d.txt", bytes: Array("""
            Nothing to see here.
            Customer care jobs grew as much as 16 percent since the start of 2011.
            The lowest growth was in telecommunications.
            """.utf8))
        let m = QuoteMatcher.nearest("jobs grew by as much as 16 percent", in: text)
        #expect(m?.line == 2)
        #expect((m?.similarity ?? 0) > 0.8 && (m?.similarity ?? 1) < 1)
        #expect(m?.text.contains("16 percent") == true)
    }
}
