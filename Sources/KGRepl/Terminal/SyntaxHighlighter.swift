/// Colours for the statement being typed: keywords, strings, numbers, labels and relationship
/// types, parameters, comments and `:commands`. It never fails: an unfinished string or comment
/// is coloured to the end of the text, so it can run after every key.
///
///     SyntaxHighlighter(keywords: ["MATCH", "RETURN"]).paint("MATCH (r:Role) RETURN 1;")
///     // "\e[1;34mMATCH\e[0m (r:\e[33mRole\e[0m) \e[1;34mRETURN\e[0m \e[36m1\e[0m;"
public struct SyntaxHighlighter: Sendable {
    public enum Kind: String, Sendable, Equatable {
        case keyword, string, number, label, parameter, comment, command
    }

    /// One coloured run: `start` and `end` count Characters of the text.
    public struct Span: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var kind: Kind
        public init(_ start: Int, _ end: Int, _ kind: Kind) { self.start = start; self.end = end; self.kind = kind }
    }

    private let keywords: Set<String>

    /// `keywords` in any case (compared upper-cased).
    public init(keywords: [String]) {
        self.keywords = Set(keywords.map { $0.uppercased() })
    }

    /// The SGR code of each kind.
    public static func color(_ kind: Kind) -> String {
        switch kind {
        case .keyword: return "1;34"
        case .string: return "32"
        case .number: return "36"
        case .label: return "33"
        case .parameter: return "35"
        case .comment: return "2"
        case .command: return "1;35"
        }
    }

    /// The coloured runs of `text`, in order, not overlapping.
    public func spans(_ text: String) -> [Span] {
        let c = Array(text)
        var spans: [Span] = []
        var brackets: [Character] = []   // open ( [ { — a `:` names a label inside ( or [, a key inside {
        var i = 0
        var lineStart = true
        func isWordStart(_ ch: Character) -> Bool { ch.isLetter || ch == "_" }
        func isWord(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }
        while i < c.count {
            let ch = c[i]
            if ch == "\n" { lineStart = true; i += 1; continue }
            if ch == " " || ch == "\t" { i += 1; continue }
            let atLineStart = lineStart
            lineStart = false
            if ch == ":", atLineStart, brackets.isEmpty {
                // A :command takes the rest of its line.
                var j = i
                while j < c.count, c[j] != "\n" { j += 1 }
                spans.append(Span(i, j, .command))
                i = j
                continue
            }
            if ch == "/", i + 1 < c.count, c[i + 1] == "/" {
                var j = i
                while j < c.count, c[j] != "\n" { j += 1 }
                spans.append(Span(i, j, .comment))
                i = j
                continue
            }
            if ch == "/", i + 1 < c.count, c[i + 1] == "*" {
                var j = i + 2
                while j < c.count, !(c[j] == "*" && j + 1 < c.count && c[j + 1] == "/") { j += 1 }
                j = min(c.count, j + 2)
                spans.append(Span(i, j, .comment))
                i = j
                continue
            }
            if ch == "'" || ch == "\"" {
                var j = i + 1
                while j < c.count, c[j] != ch {
                    j += c[j] == "\\" ? 2 : 1
                }
                j = min(c.count, j + 1)
                spans.append(Span(i, j, .string))
                i = j
                continue
            }
            if ch.isASCII, ch.isNumber {
                var j = i
                while j < c.count, c[j].isASCII, c[j].isNumber || c[j] == "." || c[j] == "_" || c[j].isLetter
                        || ((c[j] == "-" || c[j] == "+") && j > i && (c[j - 1] == "e" || c[j - 1] == "E")) {
                    if c[j] == ".", j + 1 < c.count, c[j + 1] == "." { break }   // 1..3
                    j += 1
                }
                spans.append(Span(i, j, .number))
                i = j
                continue
            }
            if ch == "$" {
                var j = i + 1
                while j < c.count, isWord(c[j]) { j += 1 }
                spans.append(Span(i, j, .parameter))
                i = j
                continue
            }
            if (ch == ":" || ch == "|"), let open = brackets.last, open == "(" || open == "[" {
                var j = i + 1
                while j < c.count, c[j] == " " { j += 1 }
                if j < c.count, c[j] == "`" {
                    var k = j + 1
                    while k < c.count, c[k] != "`" { k += 1 }
                    k = min(c.count, k + 1)
                    spans.append(Span(j, k, .label))
                    i = k
                    continue
                }
                var k = j
                while k < c.count, isWord(c[k]) { k += 1 }
                if k > j, isWordStart(c[j]) { spans.append(Span(j, k, .label)) }
                i = max(k, i + 1)
                continue
            }
            if ch == "`" {
                var j = i + 1
                while j < c.count, c[j] != "`" { j += 1 }
                i = min(c.count, j + 1)
                continue
            }
            if isWordStart(ch) {
                var j = i
                while j < c.count, isWord(c[j]) { j += 1 }
                let word = String(c[i..<j])
                // A property key (`r.name`) or a map key is never a keyword.
                let afterDot = i > 0 && c[i - 1] == "."
                var k = j
                while k < c.count, c[k] == " " { k += 1 }
                let mapKey = brackets.last == "{" && k < c.count && c[k] == ":"
                if !afterDot, !mapKey, keywords.contains(word.uppercased()) { spans.append(Span(i, j, .keyword)) }
                i = j
                continue
            }
            switch ch {
            case "(", "[", "{": brackets.append(ch)
            case ")", "]", "}": if !brackets.isEmpty { brackets.removeLast() }
            default: break
            }
            i += 1
        }
        return spans
    }

    /// `text` with ANSI colours around each span (the text itself unchanged).
    public func paint(_ text: String) -> String {
        paint(Array(text), spans(text))
    }

    /// The characters with colours around the spans.
    public func paint(_ characters: [Character], _ spans: [Span]) -> String {
        var out = ""
        var i = 0
        for span in spans where span.start >= i && span.end <= characters.count {
            out += String(characters[i..<span.start])
            out += "\u{1B}[" + Self.color(span.kind) + "m" + String(characters[span.start..<span.end]) + "\u{1B}[0m"
            i = span.end
        }
        out += String(characters[min(i, characters.count)...])
        return out
    }
}
