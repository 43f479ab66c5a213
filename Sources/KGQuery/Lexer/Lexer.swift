/// Splits query text into tokens; every token knows its line and column (columns count
/// Unicode scalars, as editors and the .kg loader do). It reads scalars, not `Character`s:
/// comparing and classifying a scalar is an integer operation.
struct Lexer {
    private let chars: [Unicode.Scalar]
    private var i = 0
    private var line = 1
    private var column = 1
    private let source: SourceText

    init(_ source: SourceText) {
        self.source = source
        self.chars = source.chars
    }

    /// All tokens of the text, ending with `.end`.
    static func tokenize(_ source: SourceText) throws(QueryError) -> [Token] {
        var lexer = Lexer(source)
        var out: [Token] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < chars.count ? chars[i + k] : nil }

    private mutating func advance() {
        // "\r\n" ends one line: its "\r" takes no column.
        switch chars[i] {
        case "\n": line += 1; column = 1
        case "\r" where peek(1) == "\n": break
        default: column += 1
        }
        i += 1
    }

    private func text(_ from: Int, _ to: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[from..<to])
        return String(s)
    }

    private func error(_ detail: QueryErrorDetail, _ message: String, line: Int, column: Int) -> QueryError {
        source.error(type: .syntaxError, detail: detail, message: message, line: line, column: column)
    }

    private mutating func skipTrivia() throws(QueryError) {
        while let c = peek() {
            if c.properties.isWhitespace { advance(); continue }
            if c == "/" && peek(1) == "/" {
                while let d = peek(), d != "\n" && d != "\r" { _ = d; advance() }
                continue
            }
            if c == "/" && peek(1) == "*" {
                let (l, col) = (line, column)
                advance(); advance()
                while true {
                    guard let d = peek() else { throw error(.unexpectedSyntax, "unterminated comment", line: l, column: col) }
                    if d == "*" && peek(1) == "/" { advance(); advance(); break }
                    advance()
                }
                continue
            }
            return
        }
    }

    mutating func next() throws(QueryError) -> Token {
        try skipTrivia()
        let start = i, l = line, col = column
        func make(_ kind: Token.Kind, _ text: String) -> Token {
            Token(kind: kind, text: text, offset: start, endOffset: i, line: l, column: col)
        }
        guard let c = peek() else { return make(.end, "") }
        if c.isLetter || c == "_" {
            while let d = peek(), d.continuesName { advance() }
            return make(.name, text(start, i))
        }
        if c == "`" {
            advance()
            var s = ""
            while true {
                guard let d = peek() else { throw error(.unexpectedSyntax, "unterminated quoted name", line: l, column: col) }
                advance()
                if d == "`" {
                    if peek() == "`" { advance(); s.append("`"); continue }
                    break
                }
                s.unicodeScalars.append(d)
            }
            return make(.quotedName, s)
        }
        // ASCII digits only: other digits (`٩`, `²`) would start a number that consumes nothing.
        if c.isASCIIDigit || (c == "." && (peek(1)?.isASCIIDigit ?? false)) {
            return try number(start: start, line: l, column: col)
        }
        if c == "'" || c == "\"" {
            return try string(quote: c, start: start, line: l, column: col)
        }
        if c == "$" {
            advance()
            if peek() == "`" {
                let t = try next()
                return Token(kind: .parameter, text: t.text, offset: start, endOffset: i, line: l, column: col)
            }
            while let d = peek(), d.continuesName { advance() }
            let name = text(start + 1, i)
            if name.isEmpty { throw error(.unexpectedSyntax, "expected a parameter name after '$'", line: l, column: col) }
            return make(.parameter, name)
        }
        if let d = peek(1), c.isASCII, d.isASCII {
            let two = text(i, i + 2)
            if ["<=", ">=", "<>", "!=", "=~", "+=", ".."].contains(two) {
                advance(); advance()
                return make(.symbol, two)
            }
        }
        if "()[]{},.:|;+-*/%^=<>".unicodeScalars.contains(c) {
            advance()
            return make(.symbol, String(Character(c)))
        }
        // Typographic dashes and arrows are common when queries are pasted from documents.
        if c == "\u{2014}" || c == "\u{2013}" || c == "\u{2212}" { advance(); return make(.symbol, "-") }
        // Control characters are invisible in a terminal: name them by code point.
        if c.value < 0x20 || (0x7F...0x9F).contains(c.value) {
            throw error(.unexpectedSyntax, "unexpected control character U+" + codePoint(c.value), line: l, column: col)
        }
        throw error(.unexpectedSyntax, "unexpected character '\(c)'", line: l, column: col)
    }

    private mutating func number(start: Int, line l: Int, column col: Int) throws(QueryError) -> Token {
        var isFloat = false
        if peek() == "0", let x = peek(1), x == "x" || x == "X" || x == "o" || x == "O" {
            advance(); advance()
            while let d = peek(), d.continuesName { advance() }
            return Token(kind: .integer, text: text(start, i), offset: start, endOffset: i, line: l, column: col)
        }
        while let d = peek(), d.isASCIIDigit { advance() }
        if peek() == ".", let d = peek(1), d.isASCIIDigit {
            isFloat = true
            advance()
            while let d = peek(), d.isASCIIDigit { advance() }
        }
        if let e = peek(), e == "e" || e == "E" {
            var k = 1
            if let s = peek(1), s == "+" || s == "-" { k = 2 }
            if let d = peek(k), d.isASCIIDigit {
                isFloat = true
                for _ in 0..<k { advance() }
                while let d = peek(), d.isASCIIDigit { advance() }
            }
        }
        // A number running into letters (`1a`, `0x`) is a malformed literal, not two tokens.
        if let d = peek(), d.isLetter || d == "_" {
            while let d = peek(), d.continuesName { advance() }
            throw error(.invalidNumberLiteral, "invalid number literal '\(text(start, i))'", line: l, column: col)
        }
        return Token(kind: isFloat ? .float : .integer, text: text(start, i), offset: start, endOffset: i,
                     line: l, column: col)
    }

    private mutating func string(quote: Unicode.Scalar, start: Int, line l: Int, column col: Int) throws(QueryError) -> Token {
        advance()
        var s = ""
        while true {
            guard let d = peek() else { throw error(.unexpectedSyntax, "unterminated string literal", line: l, column: col) }
            advance()
            if d == quote { break }
            if d == "\\" {
                guard let e = peek() else { continue }
                advance()
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "r": s.append("\r")
                case "b": s.append("\u{8}")
                case "f": s.append("\u{c}")
                case "'": s.append("'")
                case "\"": s.append("\"")
                case "\\": s.append("\\")
                case "u", "U":
                    let n = e == "u" ? 4 : 8
                    var hex = ""
                    for _ in 0..<n { if let h = peek(), h.isASCIIHexDigit { hex.unicodeScalars.append(h); advance() } }
                    guard hex.count == n, let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else {
                        throw error(.invalidUnicodeLiteral, "invalid unicode escape '\\\(e)\(hex)'", line: line, column: column)
                    }
                    s.unicodeScalars.append(scalar)
                default:
                    s.append("\\"); s.unicodeScalars.append(e)
                }
                continue
            }
            s.unicodeScalars.append(d)
        }
        return Token(kind: .string, text: s, offset: start, endOffset: i, line: l, column: col)
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { value >= 0x30 && value <= 0x39 }
    var isASCIIHexDigit: Bool { isASCIIDigit || (value | 0x20 >= 0x61 && value | 0x20 <= 0x66) }
    /// A letter (general category L*, as `Character.isLetter` of a single scalar).
    var isLetter: Bool {
        if value < 0x80 { return (value | 0x20 >= 0x61 && value | 0x20 <= 0x7A) }
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }
    /// What may follow the first letter of a name: letters, digits and other numbers, `_`, and
    /// the combining marks of a letter written decomposed (`e` + U+0301).
    var continuesName: Bool {
        if value < 0x80 { return isLetter || isASCIIDigit || value == 0x5F }
        if isLetter || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}

/// A code point as four or more upper-case hex digits: `0007`, `1F600`.
func codePoint(_ v: UInt32) -> String {
    let hex = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
