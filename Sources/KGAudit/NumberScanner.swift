/// Finds the numbers a text states — percentages, money, counts — reading digit grouping
/// the way documents in English, Dutch and Swedish write it, and says what kind each is.
///
/// Grouping: a separator (`,` `.`, a comma followed by a space as in "$ 28, 000", or in
/// Dutch/Swedish a space) followed by exactly three digits groups thousands; any other
/// separator between digits is a decimal point ("15, 81" and "2,5" in Swedish, "15.81" in
/// English). `A-B` between two numbers is a range. A number glued to letters ("MP3", "3D",
/// "24-timmars") is part of a word, not a statement, and is skipped.
public enum NumberScanner {
    public enum Kind: String, Sendable, Hashable {
        case percentage, money, count
        /// A four-digit year without a unit (1800–2100): a date, not a quantity.
        case year
        /// A time of day ("18.25 uur", "6:30 pm").
        case time
        /// List numbering at the start of a line ("1. Business Ideas", "2) …").
        case listNumber
    }

    public struct Token: Sendable, Hashable {
        /// The number as written, with its unit words ("16 percent", "$ 28, 000", "0-5").
        public var text: String
        /// 1-based column of the first character.
        public var column: Int
        /// The value, or the range's bounds.
        public var low: Double
        public var high: Double
        public var kind: Kind
        /// A few words either side, to tell equal numbers on different lines apart.
        public var context: String
    }

    static let percentWords: Set<String> = ["%", "percent", "per", "procent", "pct", "procentenheter", "procentpunten", "procentpunkter"]
    static let currencyWords: Set<String> = ["dollar", "dollars", "usd", "euro", "euros", "eur", "kronor", "kr", "sek", "pounds", "gbp"]
    static let currencySigns: Set<Character> = ["$", "€", "£", "¥"]
    static let timeWords: Set<String> = ["uur", "am", "pm", "a.m.", "p.m.", "o'clock", "h", "tijd", "klockan", "kl."]

    /// The numbers on one line of a document in `language` (`en`, `nl`, `sv`, …).
    public static func scan(_ line: String, language: String = "en") -> [Token] {
        let chars = Array(line)
        let spaceGroups = language != "en"
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isASCII, chars[i].isNumber else { i += 1; continue }
            // Glued to a preceding letter or digit-word: part of a word ("MP3", "B2B").
            if i > 0, chars[i - 1].isLetter { i = skipWord(chars, from: i); continue }
            let start = i
            var (value, end) = readNumber(chars, from: i, spaceGroups: spaceGroups)
            var high = value
            // A range: "0-5", "2016–2026" (no spaces around the dash).
            if end + 1 < chars.count, chars[end] == "-" || chars[end] == "\u{2013}", chars[end + 1].isASCII, chars[end + 1].isNumber {
                let (v2, e2) = readNumber(chars, from: end + 1, spaceGroups: spaceGroups)
                high = v2; end = e2
                if high < value { swap(&value, &high) }
            }
            // Glued to a following letter or hyphenated word: "3D", "24-timmars", "1st".
            if end < chars.count, chars[end].isLetter || (chars[end] == "-" && end + 1 < chars.count && chars[end + 1].isLetter) {
                i = skipWord(chars, from: end)
                continue
            }
            var textStart = start, textEnd = end
            let after = wordAfter(chars, end)
            var kind = Kind.count
            // Money: a currency sign before ("$ 28, 000", "$30.000") or a currency word after.
            var j = start - 1
            while j >= 0, chars[j] == " " { j -= 1 }
            if j >= 0, currencySigns.contains(chars[j]) { kind = .money; textStart = j }
            if end < chars.count, currencySigns.contains(chars[end]) { kind = .money; textEnd = end + 1 }
            if kind == .count, let a = after, currencyWords.contains(a.word.lowercased()) { kind = .money; textEnd = a.end }
            if kind == .count, end < chars.count, chars[end] == "%" { kind = .percentage; textEnd = end + 1 }
            if kind == .count, let a = after, percentWords.contains(a.word.lowercased()) {
                kind = .percentage; textEnd = a.end
                if a.word.lowercased() == "per", let b = wordAfter(chars, a.end), b.word.lowercased() == "cent" { textEnd = b.end }
            }
            let written = String(chars[start..<end])
            if kind == .count {
                if let a = after, timeWords.contains(a.word.lowercased()) { kind = .time }
                else if written.count == 5, written.contains(":") { kind = .time }
                else if value == high, value == value.rounded(), (1800...2100).contains(value), written.count == 4 { kind = .year }
                else if isListNumber(chars, start: start, end: end) { kind = .listNumber }
            }
            tokens.append(Token(text: String(chars[textStart..<textEnd]), column: textStart + 1, low: value, high: high,
                                kind: kind, context: context(chars, textStart, textEnd)))
            i = textEnd
        }
        return tokens
    }

    /// Reads digits with grouping and decimal separators; returns the value and the end index.
    static func readNumber(_ chars: [Character], from start: Int, spaceGroups: Bool) -> (Double, Int) {
        var i = start
        var integer = ""
        var fraction: String?
        func digits(at k: Int) -> Int {
            var n = 0
            while k + n < chars.count, chars[k + n].isASCII, chars[k + n].isNumber { n += 1 }
            return n
        }
        let lead = digits(at: i)
        integer = String(chars[i..<(i + lead)])
        i += lead
        while i < chars.count, fraction == nil {
            // Separator candidates: ",", ".", ":", ", " and (Dutch/Swedish) " ".
            var sepLength = 0
            if chars[i] == "," || chars[i] == "." || chars[i] == ":" {
                sepLength = 1
                if chars[i] == ",", i + 1 < chars.count, chars[i + 1] == " " { sepLength = 2 }
            } else if spaceGroups, chars[i] == " " || chars[i] == "\u{00A0}" {
                sepLength = 1
            }
            guard sepLength > 0 else { break }
            let n = digits(at: i + sepLength)
            guard n > 0 else { break }
            if chars[i] == ":" {
                // A time such as "6:30": keep the text, value is the hour.
                i += sepLength + n
                fraction = ""
                break
            }
            if n == 3 {
                integer += String(chars[(i + sepLength)..<(i + sepLength + 3)])
                i += sepLength + 3
            } else if chars[i] == " " || chars[i] == "\u{00A0}" {
                break   // a space only groups thousands
            } else {
                fraction = String(chars[(i + sepLength)..<(i + sepLength + n)])
                i += sepLength + n
            }
        }
        let text = fraction.map { $0.isEmpty ? integer : integer + "." + $0 } ?? integer
        return (Double(text) ?? 0, i)
    }

    /// "1. Business Ideas", "  2) Plans": a small number then "." or ")" then a word, first on the line.
    static func isListNumber(_ chars: [Character], start: Int, end: Int) -> Bool {
        guard chars[..<start].allSatisfy({ $0 == " " || $0 == "\t" }), end - start <= 3 else { return false }
        // readNumber treated "1. B" as 1 (no digits after "."), so the mark follows directly.
        guard end < chars.count, chars[end] == "." || chars[end] == ")" else { return false }
        return end + 1 < chars.count && chars[end + 1] == " "
    }

    static func skipWord(_ chars: [Character], from i: Int) -> Int {
        var k = i
        while k < chars.count, !chars[k].isWhitespace { k += 1 }
        return k
    }

    static func wordAfter(_ chars: [Character], _ end: Int) -> (word: String, end: Int)? {
        var k = end
        while k < chars.count, chars[k] == " " || chars[k] == "\u{00A0}" { k += 1 }
        let s = k
        while k < chars.count, !chars[k].isWhitespace, chars[k] != ",", chars[k] != ";", chars[k] != ")" { k += 1 }
        var word = String(chars[s..<k])
        // A sentence-final period belongs to the sentence, not the word ("procent." → "procent").
        while word.count > 1, let last = word.last, last == "." && !["a.m.", "p.m.", "kl."].contains(word.lowercased()) {
            word.removeLast(); k -= 1
        }
        return word.isEmpty ? nil : (word, k)
    }

    /// Up to three words either side of the token.
    static func context(_ chars: [Character], _ start: Int, _ end: Int) -> String {
        let before = String(chars[..<start]).split(separator: " ").suffix(3).joined(separator: " ")
        let after = String(chars[end...]).split(separator: " ").prefix(3).joined(separator: " ")
        return [before, String(chars[start..<end]), after].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
