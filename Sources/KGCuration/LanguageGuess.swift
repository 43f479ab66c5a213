import Foundation

/// Guesses the language of a text from how many of its words are common function words
/// ("stopwords") of each language kgq knows: English, Dutch and Swedish.
///
/// Small on purpose and explainable: the counts are reported with the guess. A word several
/// languages share ("en", "in", "de") counts for each of them, so only the distinctive words
/// decide. The guess is *sure* when the best language has at least `minimumHits` words and at
/// least `minimumRatio` times as many as the runner-up; otherwise it is flagged as unsure.
public struct LanguageGuess: Sendable, Equatable {
    /// BCP-47 code of the best language, nil when no stopword of any language occurs.
    public var language: String?
    /// Stopword hits per language code, in `LanguageGuess.languages` order.
    public var counts: [(language: String, hits: Int)]
    /// False when the text is too short or two languages score alike.
    public var isSure: Bool

    public static let minimumHits = 5
    public static let minimumRatio = 1.5

    public static func == (a: LanguageGuess, b: LanguageGuess) -> Bool {
        a.language == b.language && a.isSure == b.isSure && a.counts.map(\.language) == b.counts.map(\.language)
            && a.counts.map(\.hits) == b.counts.map(\.hits)
    }

    /// The languages kgq can guess, with their English names and their stopwords.
    public static let languages: [(code: String, name: String, words: Set<String>)] = [
        ("en", "English", [
            "the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "as", "are", "was", "on", "be",
            "this", "by", "at", "from", "or", "have", "an", "they", "which", "not", "but", "you", "their", "can",
            "will", "has", "more", "these", "we", "were", "been", "would", "there", "what", "about", "your", "also",
        ]),
        ("nl", "Dutch", [
            "de", "het", "een", "van", "en", "is", "dat", "niet", "zijn", "voor", "met", "op", "te", "aan", "ook",
            "als", "bij", "maar", "worden", "wordt", "door", "naar", "om", "deze", "hun", "kan", "meer", "zij",
            "er", "heeft", "dit", "wat", "je", "u", "ze", "uit", "nog", "wel", "veel", "hebben", "of", "in",
        ]),
        ("sv", "Swedish", [
            "och", "att", "det", "som", "en", "är", "på", "för", "med", "av", "till", "den", "inte", "har", "om",
            "ett", "var", "kan", "så", "eller", "de", "men", "från", "också", "sina", "vid", "detta", "när", "ska",
            "blir", "mer", "du", "jag", "vi", "hur", "sig", "dem", "kunna", "bara", "finns", "i",
        ]),
    ]

    /// The English name of a language code kgq knows ("nl" → "Dutch"), else the code itself.
    public static func name(of code: String) -> String {
        languages.first { $0.code == code }?.name ?? code
    }

    /// Guesses the language of `text`.
    public init(text: String) {
        var hits = [Int](repeating: 0, count: LanguageGuess.languages.count)
        for word in LanguageGuess.words(of: text) {
            for (i, language) in LanguageGuess.languages.enumerated() where language.words.contains(word) {
                hits[i] += 1
            }
        }
        counts = zip(LanguageGuess.languages, hits).map { ($0.code, $1) }
        // Ties keep the order of `languages`.
        let ranked = counts.enumerated().sorted { $0.element.hits != $1.element.hits ? $0.element.hits > $1.element.hits : $0.offset < $1.offset }
            .map(\.element)
        let best = ranked[0], second = ranked.count > 1 ? ranked[1].hits : 0
        guard best.hits > 0, best.hits > second else {
            // Nothing at all (no language), or a tie (the first of the tied, unsure).
            language = best.hits > 0 ? best.language : nil
            isSure = false
            return
        }
        language = best.language
        isSure = best.hits >= LanguageGuess.minimumHits && Double(best.hits) >= LanguageGuess.minimumRatio * Double(second)
    }

    /// The counts in words: "12 English, 3 Dutch, 1 Swedish stopwords".
    public var explanation: String {
        counts.map { "\($0.hits) \(LanguageGuess.name(of: $0.language))" }.joined(separator: ", ") + " stopwords"
    }

    /// Lower-cased runs of letters (apostrophes inside a word kept: "don't").
    static func words(of text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || (ch == "'" && !current.isEmpty) {
                current.append(ch)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
