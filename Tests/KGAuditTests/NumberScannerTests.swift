import Testing
@testable import KGAudit

@Suite struct NumberScannerTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var line: String
        var language: String
        /// (text, low, high, kind) per token
        var expected: [(String, Double, Double, NumberScanner.Kind)]
        var testDescription: String { line }
    }

    static let rows: [Row] = [
        Row(line: "jobs grew as much as 16 percent since the start of 2011.", language: "en",
            expected: [("16 percent", 16, 16, .percentage), ("2011", 2011, 2011, .year)]),
        Row(line: "median hourly wage was 15, 81 dollar in May 2017", language: "sv",
            expected: [("15, 81 dollar", 15.81, 15.81, .money), ("2017", 2017, 2017, .year)]),
        Row(line: "- 0-5 years: $ 28, 000", language: "sv",
            expected: [("0-5", 0, 5, .count), ("$ 28, 000", 28000, 28000, .money)]),
        Row(line: "- 5-10 years: $ 30.000", language: "sv",
            expected: [("5-10", 5, 10, .count), ("$ 30.000", 30000, 30000, .money)]),
        Row(line: "grow by 5 procent between 2016 and 2026", language: "sv",
            expected: [("5 procent", 5, 5, .percentage), ("2016", 2016, 2016, .year), ("2026", 2026, 2026, .year)]),
        Row(line: "a rate of 2,5 procent", language: "nl", expected: [("2,5 procent", 2.5, 2.5, .percentage)]),
        Row(line: "it costs $1,250,000 or 3.5%", language: "en",
            expected: [("$1,250,000", 1_250_000, 1_250_000, .money), ("3.5%", 3.5, 3.5, .percentage)]),
        Row(line: "een klant komt om 18.25 uur binnen", language: "nl", expected: [("18.25", 18.25, 18.25, .time)]),
        Row(line: "1. Business Ideas", language: "en", expected: [("1", 1, 1, .listNumber)]),
        Row(line: "  2) Business Plans", language: "en", expected: [("2", 2, 2, .listNumber)]),
        Row(line: "open 24 hours, with 24-hour support on MP3 and 3D", language: "en",
            expected: [("24", 24, 24, .count)]),
        Row(line: "5 years front line service", language: "en", expected: [("5", 5, 5, .count)]),
        Row(line: "costs 12 000 kronor", language: "sv", expected: [("12 000 kronor", 12000, 12000, .money)]),
    ]

    @Test(arguments: rows)
    func scansNumbersInTheirLocale(row: Row) {
        let tokens = NumberScanner.scan(row.line, language: row.language)
        #expect(tokens.map(\.text) == row.expected.map(\.0))
        #expect(tokens.map(\.low) == row.expected.map(\.1))
        #expect(tokens.map(\.high) == row.expected.map(\.2))
        #expect(tokens.map(\.kind) == row.expected.map(\.3))
    }

    @Test func columnsPointAtTheToken() {
        let t = NumberScanner.scan("wage: $ 28, 000", language: "sv")
        #expect(t.first?.column == 7)
    }
}
