import KGCore

/// Splits a .kg file into tokens. Works on UTF-8 bytes (no Character iteration) so a
/// graph of a million lines lexes in well under a second.
struct Lexer {
    let source: SourceText
    private var i = 0

    init(_ source: SourceText) { self.source = source }

    static func isNameStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    static func isNameChar(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The scalar that starts at `i` (the text is valid UTF-8) and its length in bytes.
    static func scalar(_ bytes: [UInt8], at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let b = bytes[i]
        if b < 0x80 { return (Unicode.Scalar(b), 1) }
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
        var v = UInt32(b) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length where i + k < bytes.count { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
        return (Unicode.Scalar(v) ?? "\u{FFFD}", length)
    }

    /// Non-ASCII characters an id, label or key may hold: letters (with their combining
    /// marks) and decimal digits of any script, as docs/kg-format.md says. Not spaces, format
    /// characters (U+200B, U+202E), separators (U+2028), controls (NEL) or symbols.
    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
            return true
        default:
            return false
        }
    }

    /// Characters that do not show, or show as a line break: inside a name they are refused
    /// with their own message rather than ending the name silently.
    static func isInvisibleOrSeparator(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .format, .control, .lineSeparator, .paragraphSeparator, .spaceSeparator: return true
        default: return false
        }
    }

    /// `U+200B (ZERO WIDTH SPACE)`.
    static func describe(_ c: Unicode.Scalar) -> String {
        let code = "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(4)
        return (c.properties.name ?? c.properties.nameAlias).map { "\(code) (\($0))" } ?? code
    }

    /// Lexes the whole file, or throws the first lexical error.
    mutating func tokens() throws(Diagnostic) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(source.bytes.count / 4)
        while true {
            let t = try next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    /// The next token (`.end` at the end, again on every later call).
    mutating func next() throws(Diagnostic) -> Token {
        let bytes = source.bytes
        let n = bytes.count
        var space = i == 0
        // A byte-order mark (some Windows editors write one) is not part of the first statement.
        if i == 0, n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D {
            i += 1
            space = true
        }
        let start = i
        guard i < n else { return Token(kind: .end, start: n, end: n, spaceBefore: true) }
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "#"):
            while i < n, bytes[i] != 0x0A { i += 1 }
            var text = String(decoding: bytes[(start + 1)..<i], as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            return Token(kind: .comment(text), start: start, end: i, spaceBefore: space)
        case UInt8(ascii: "\""):
            return Token(kind: .string(try string()), start: start, end: i, spaceBefore: space)
        case UInt8(ascii: "-") where i + 1 < n && Lexer.isDigit(bytes[i + 1]) && !(previousWasNumber(start)):
            return try number(start: start, space: space)
        case _ where Lexer.isDigit(b):
            return try number(start: start, space: space)
        case _ where Lexer.isNameStart(b) && (b < 0x80 || Lexer.isNameScalar(Lexer.scalar(bytes, at: i).scalar)):
            i += b < 0x80 ? 1 : Lexer.scalar(bytes, at: i).length
            while i < n {
                let c = bytes[i]
                if c >= 0x80 {
                    let (scalar, length) = Lexer.scalar(bytes, at: i)
                    if Lexer.isNameScalar(scalar) { i += length; continue }
                    // A name does not run on into a character it may not hold: say what is allowed.
                    if Lexer.isInvisibleOrSeparator(scalar) {
                        let word = String(decoding: bytes[start..<i], as: UTF8.self)
                        throw source.diagnostic("'\(word)' is followed by \(Lexer.describe(scalar)), which ids and names may not hold", at: i,
                                                help: "ids, labels and keys hold only letters, digits and _ . : -; delete the invisible character")
                    }
                    break
                }
                if Lexer.isNameChar(c) { i += 1; continue }
                // ':' belongs to an id when a name character follows (role:csr), not in `key: v`.
                if c == UInt8(ascii: ":"), i + 1 < n, Lexer.isNameChar(bytes[i + 1]), bytes[i + 1] != 0x2D {
                    i += 1; continue
                }
                break
            }
            // An id never ends in '-' or '.': leave them for the arrow or a following token.
            while i > start + 1, bytes[i - 1] == 0x2D || bytes[i - 1] == 0x2E { i -= 1 }
            return Token(kind: .word(String(decoding: bytes[start..<i], as: UTF8.self)), start: start, end: i, spaceBefore: space)
        case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
             UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "-"),
             UInt8(ascii: "<"), UInt8(ascii: ">"):
            i += 1
            return Token(kind: .punct(Character(Unicode.Scalar(b))), start: start, end: i, spaceBefore: space)
        default:
            let scalar = Lexer.scalar(bytes, at: start).scalar
            if scalar == "\u{FEFF}" {
                throw source.diagnostic("a byte-order mark (U+FEFF) in the middle of the file", at: start,
                                        help: "delete it; a byte-order mark may only open a file (joining files with cat copies the second one's)")
            }
            // Control and invisible characters do not show in a terminal: name them by code point.
            let shown = b < 0x20 || b == 0x7F ? "control character U+" + String(b, radix: 16, uppercase: true).leftPadded(4)
                : scalar.value >= 0x80 && (Lexer.isInvisibleOrSeparator(scalar) || !Lexer.isNameScalar(scalar)) ? Lexer.describe(scalar)
                : "character '\(Character(scalar))'"
            throw source.diagnostic("unexpected \(shown)", at: start,
                                    help: scalar.value >= 0x80
                                        ? "ids, labels and keys hold only letters, digits and _ . : -; other characters belong in double-quoted strings"
                                        : "statements start with document, node, edge or cite; strings are written in double quotes")
        }
    }

    /// `5-40` in `col 5-40` is a range, not 5 followed by -40.
    private func previousWasNumber(_ start: Int) -> Bool {
        start > 0 && Lexer.isDigit(source.bytes[start - 1])
    }

    private mutating func number(start: Int, space: Bool) throws(Diagnostic) -> Token {
        let bytes = source.bytes
        let n = bytes.count
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        while i < n, Lexer.isDigit(bytes[i]) { i += 1 }
        var isFloat = false
        if i + 1 < n, bytes[i] == UInt8(ascii: "."), Lexer.isDigit(bytes[i + 1]) {
            isFloat = true
            i += 1
            while i < n, Lexer.isDigit(bytes[i]) { i += 1 }
        }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < n, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            if j < n, Lexer.isDigit(bytes[j]) {
                isFloat = true
                i = j
                while i < n, Lexer.isDigit(bytes[i]) { i += 1 }
            }
        }
        if i < n, Lexer.isNameStart(bytes[i]) {
            throw source.diagnostic("a number runs into a name", at: i,
                                    help: "put a space after the number, or quote the text as a string")
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if isFloat {
            guard let d = Double(text), d.isFinite else { throw source.diagnostic("number '\(text)' is out of range", at: start) }
            return Token(kind: .float(d), start: start, end: i, spaceBefore: space)
        }
        guard let v = Int(text) else {
            throw source.diagnostic("integer '\(text)' is out of range", at: start,
                                    help: "integers are 64-bit; write a float such as \(text).0 for larger values")
        }
        return Token(kind: .integer(v), start: start, end: i, spaceBefore: space)
    }

    private mutating func string() throws(Diagnostic) -> String {
        let bytes = source.bytes
        let n = bytes.count
        let open = i
        i += 1
        var out: [UInt8] = []
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b == 0x0A {
                throw source.diagnostic("unterminated string", at: open,
                                        help: "close the string with \" on the same line; write \\n for a line break")
            }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < n else { break }
                let e = bytes[i + 1]
                switch e {
                case UInt8(ascii: "\""): out.append(0x22); i += 2
                case UInt8(ascii: "\\"): out.append(0x5C); i += 2
                case UInt8(ascii: "n"): out.append(0x0A); i += 2
                case UInt8(ascii: "t"): out.append(0x09); i += 2
                case UInt8(ascii: "r"): out.append(0x0D); i += 2
                case UInt8(ascii: "u"):
                    // \u{1F600}
                    var j = i + 2
                    guard j < n, bytes[j] == UInt8(ascii: "{") else {
                        throw source.diagnostic("bad \\u escape", at: i, help: "write \\u{E5} with hex digits in braces")
                    }
                    j += 1
                    let hexStart = j
                    while j < n, bytes[j] != UInt8(ascii: "}"), j - hexStart < 8 { j += 1 }
                    let hex = String(decoding: bytes[hexStart..<min(j, n)], as: UTF8.self)
                    guard j < n, bytes[j] == UInt8(ascii: "}"), let v = UInt32(hex, radix: 16),
                          let scalar = Unicode.Scalar(v) else {
                        throw source.diagnostic("bad \\u escape", at: i, help: "write \\u{E5} with 1–6 hex digits of a valid code point")
                    }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    i = j + 1
                default:
                    throw source.diagnostic("unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: i,
                                            help: "valid escapes are \\\" \\\\ \\n \\t \\r \\u{…}")
                }
                continue
            }
            out.append(b)
            i += 1
        }
        throw source.diagnostic("unterminated string", at: open, help: "close the string with \"")
    }
}

extension String {
    /// The string with leading zeros up to `width` characters (`"7".leftPadded(4)` is `"0007"`).
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
