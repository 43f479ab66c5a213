/// The state machine of the statement splitters (`Script` for a whole text, KGRepl's
/// `StatementBuffer` for lines as they are typed): a `;` ends a statement only outside strings,
/// quoted names and comments.
///
///     var s = StatementScanner()
///     s.step("'", next: ";")   // .text(count: 1, code: true): a string opens
///     s.step(";", next: "'")   // .text(count: 1, code: true): inside the string
public struct StatementScanner: Sendable {
    /// What the characters at the scanner's position are.
    public enum Step: Sendable, Equatable {
        /// `count` characters (1 or 2: an escape, `//`, `/*`, `*/`) that belong to the statement;
        /// `code` when they are more than blanks and comments.
        case text(count: Int, code: Bool)
        /// A `;` that ends the statement (not part of its text).
        case end
    }

    private var quote: Character? = nil
    private var lineComment = false
    private var blockComment = false

    public init() {}

    /// Inside a string, a quoted name or a block comment: a statement cannot end here.
    public var isInsideQuoteOrComment: Bool { quote != nil || blockComment }

    /// A line ended, for callers that feed lines without their line breaks (a `//` comment stops).
    public mutating func endLine() { lineComment = false }

    /// Reads the character `c` (followed by `next`, if any).
    public mutating func step(_ c: Character, next: Character?) -> Step {
        if lineComment {
            if c == "\n" || c == "\r\n" { lineComment = false }
            return .text(count: 1, code: false)
        }
        if blockComment {
            if c == "*" && next == "/" { blockComment = false; return .text(count: 2, code: false) }
            return .text(count: 1, code: false)
        }
        if let q = quote {
            if c == "\\" && q != "`" && next != nil { return .text(count: 2, code: true) }
            if c == q { quote = nil }
            return .text(count: 1, code: true)
        }
        if c == "/" && next == "/" { lineComment = true; return .text(count: 2, code: false) }
        if c == "/" && next == "*" { blockComment = true; return .text(count: 2, code: false) }
        if c == ";" { return .end }
        if c == "'" || c == "\"" || c == "`" { quote = c; return .text(count: 1, code: true) }
        return .text(count: 1, code: !c.isWhitespace)
    }
}
