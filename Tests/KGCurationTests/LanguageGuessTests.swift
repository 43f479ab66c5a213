import KGCuration
import Testing

/// The stopword-count language guess of `kgq doc add`.
struct LanguageGuessTests {
    @Test func english() {
        let g = LanguageGuess(text: "The museum is open on Sundays, and the guides say that it will stay open for the summer.")
        #expect(g.language == "en")
        #expect(g.isSure)
    }

    @Test func dutch() {
        let g = LanguageGuess(text: "De bibliotheek is op zondag open, maar volgens de gemeente wordt het gebouw in de zomer niet verbouwd.")
        #expect(g.language == "nl")
        #expect(g.isSure)
    }

    @Test func swedish() {
        let g = LanguageGuess(text: "Biblioteket är öppet på söndagar och det finns också en kafé som har öppet till sju.")
        #expect(g.language == "sv")
        #expect(g.isSure)
    }

    @Test func shortTextIsUnsure() {
        let g = LanguageGuess(text: "the end")
        #expect(g.language == "en")
        #expect(!g.isSure)
        #expect(g.explanation == "1 English, 0 Dutch, 0 Swedish stopwords")
    }

    @Test func noStopwordsNoLanguage() {
        let g = LanguageGuess(text: "Zimmer Fenster Tür 1234")
        #expect(g.language == nil)
        #expect(!g.isSure)
    }

    @Test func mixedTextIsUnsure() {
        // As many English as Swedish function words: no clear winner.
        let g = LanguageGuess(text: "the and of to is och att det som är")
        #expect(!g.isSure)
    }
}
