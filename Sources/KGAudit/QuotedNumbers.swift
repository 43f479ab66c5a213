import Foundation

/// Every number a quote states, read the way its document's language writes numbers: digits
/// with that language's grouping and decimal marks (through `NumberScanner`: "15, 81 dollar" =
/// 15.81 in Swedish, "$ 30.000" = 30000), both ends of a range ("2–3"), number words ("two",
/// "vijf", "tre"), and proportions ("one in five", "en av fem", "één op de vijf" = 20 percent).
///
///     QuotedNumbers.read("få utbildning som kan ta två till tre veckor", language: "sv").map(\.value)  // [2, 3]
public enum QuotedNumbers {
    /// One number of a quote.
    public struct Reading: Sendable, Hashable {
        public var value: Double
        /// Percentage and money when the quote shows the unit; count otherwise.
        public var kind: NumberScanner.Kind
        /// The words it was read from ("15, 81 dollar", "två", "en av fem").
        public var text: String
    }

    static let words: [String: [String: Double]] = [
        "en": ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
               "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
               "fifty": 50, "hundred": 100, "half": 50],
        "nl": ["een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
               "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "vijftien": 15, "twintig": 20, "dertig": 30,
               "veertig": 40, "vijftig": 50, "honderd": 100, "helft": 50],
        "sv": ["en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
               "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20, "trettio": 30,
               "fyrtio": 40, "femtio": 50, "hundra": 100, "hälften": 50],
    ]
    /// The words between the parts of a proportion: "one *in* five", "en *av* fem", "één *op de* vijf".
    static let proportionJoiners: [[String]] = [["in"], ["out", "of"], ["of"], ["av"], ["op", "de"], ["op"], ["van", "de"]]

    /// The numbers of `quote` in a document of `language` (`en`, `nl`, `sv`; others read as English).
    public static func read(_ quote: String, language: String) -> [Reading] {
        var out: [Reading] = []
        for t in NumberScanner.scan(quote, language: language) {
            out.append(Reading(value: t.low, kind: t.kind, text: t.text))
            if t.high != t.low { out.append(Reading(value: t.high, kind: t.kind, text: t.text)) }
        }
        let vocabulary = words[language] ?? words["en"]!
        let tokens = quote.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        func number(_ word: String) -> Double? { vocabulary[word] ?? Double(word) }
        for (i, word) in tokens.enumerated() {
            guard let n = vocabulary[word] else { continue }
            out.append(Reading(value: n, kind: .count, text: word))
            // A proportion: NUMBER JOINER NUMBER, read as a percentage.
            for joiner in proportionJoiners where i + joiner.count + 1 < tokens.count {
                guard Array(tokens[(i + 1)...(i + joiner.count)]) == joiner,
                      let d = number(tokens[i + joiner.count + 1]), d > n else { continue }
                out.append(Reading(value: (n / d * 100 * 1e6).rounded() / 1e6, kind: .percentage,
                                   text: ([word] + joiner + [tokens[i + joiner.count + 1]]).joined(separator: " ")))
                break
            }
        }
        return out
    }
}
