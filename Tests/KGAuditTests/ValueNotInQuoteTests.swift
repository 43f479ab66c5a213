import Testing
import KGCore
@testable import KGAudit

/// value-not-in-quote on times of day and on a figure's `stated` words.
@Suite struct ValueNotInQuoteTests {
    func findings(_ properties: [String: Value], quote: String, language: String = "nl") -> [AuditFinding] {
        var f = AuditFixture()
        f.document("doc:a", file: "a.txt", language: language)
        f.node("fig:x", ["Figure"], properties, cites: [cite("doc:a", 3, quote)], line: 7)
        return ValueNotInQuote().check(f.context())
    }

    static func time(_ h: Int, _ m: Int) -> Value { .temporal(.localTime(try! TimeOfDay(hour: h, minute: m))) }

    @Test func aTimeOfDayStandsAsAClockTime() {
        #expect(findings(["value": Self.time(18, 25)], quote: "om 18.25 uur een winkel betreedt").isEmpty)
        #expect(findings(["value": Self.time(18, 30)], quote: "at 6:30 pm the shop closes", language: "en").isEmpty)
    }

    @Test func aWrongTimeOfDayIsAnErrorNamingTheTimesTheQuoteHas() {
        let found = findings(["value": Self.time(18, 52)], quote: "om 18.25 uur een winkel betreedt")
        #expect(found.map(\.focus.property) == ["value"])
        #expect(found.first?.severity == .error)
        #expect(found.first?.message == "figure fig:x at graphs/t/g.kg:7: time of day 18:52 is stated in none of its 1 quote(s); they state 18:25 (\"18.25\")")
        // 6:30 without pm is the morning.
        #expect(findings(["value": Self.time(18, 30)], quote: "at 6:30 the shop opens", language: "en").count == 1)
    }

    @Test func theStatedWordsMustStandInAQuote() {
        let props: [String: Value] = ["value": .float(15.81), "unit": .string("USD/hour"), "stated": .string("15, 81 dollar")]
        #expect(findings(props, quote: "per maj 2017 15, 81 dollar", language: "sv").isEmpty)
        var wrong = props
        wrong["stated"] = .string("15,81 dollar")
        let found = findings(wrong, quote: "per maj 2017 15, 81 dollar", language: "sv")
        #expect(found.map(\.focus.property) == ["stated"])
        #expect(found.first?.message.contains("its stated words \"15,81 dollar\" stand in none of its 1 quote(s)") == true)
    }

    @Test func aProportionIsNotListedWordByWord() {
        let found = findings(["value": .int(25), "unit": .string("percent")], quote: "en av fem är en deltidsanställd", language: "sv")
        #expect(found.first?.message.hasSuffix("they state 20 (\"en av fem\")") == true, "\(found.map(\.message))")
    }
}
