import KGCore
import Testing
@testable import KGExport

@Suite struct FigureCaptionTests {
    @Test(arguments: [
        (["value": Value.int(16), "unit": .string("percent")], "16%"),
        (["value": .float(15.81), "unit": .string("USD/hour")], "$15.81/hour"),
        (["value": .int(33750), "unit": .string("USD/year")], "$33,750/year"),
        (["low": .int(28000), "high": .float(42000.0), "unit": .string("USD/year")], "$28,000–$42,000/year"),
        (["value": .int(2_990_000), "unit": .string("jobs")], "2,990,000 jobs"),
        (["value": .int(2016)], "2016"),
        (["value": .float(-1234567.5), "unit": .string("x")], "-1,234,567.5 x"),
        (["value": .string("about a third")], "about a third"),
    ])
    func amount(properties: [String: Value], expected: String) {
        #expect(FigureCaption(properties: properties).amount == expected)
    }

    @Test(arguments: [
        (["period": Value.date(KGDate(year: 2016)!)], "2016"),
        (["period_start": .date(KGDate(year: 2016)!), "period_end": .date(KGDate(year: 2026)!)], "2016–2026"),
        (["period_start": .date(KGDate(year: 2011)!)], "since 2011"),
        (["as_of": .date(KGDate(year: 2018, month: 5)!)], "as of 2018-05"),
    ])
    func period(properties: [String: Value], expected: String) {
        #expect(FigureCaption(properties: properties).period == expected)
    }

    @Test func noAmountWithoutValue() {
        #expect(FigureCaption(properties: ["unit": .string("percent")]).amount == nil)
    }
}
