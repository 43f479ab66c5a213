/// A token of the .kg language. Positions are byte offsets into the file (see SourceText).
struct Token: Equatable {
    enum Kind: Equatable {
        /// Identifier or id: letters, digits, `_ . : -` (a ':' only when a name character follows).
        case word(String)
        case string(String)
        case integer(Int)
        case float(Double)
        /// One of `{ } [ ] ( ) , : @ - < >`.
        case punct(Character)
        /// A comment (without the '#'), kept for the canonical writer.
        case comment(String)
        case end
    }

    var kind: Kind
    var start: Int
    var end: Int
    /// True when whitespace or a line break came before this token.
    var spaceBefore: Bool

    var describe: String {
        switch kind {
        case .word(let w): return "'\(w)'"
        case .string: return "a string"
        case .integer(let i): return "the number \(i)"
        case .float(let d): return "the number \(d)"
        case .punct(let c): return "'\(c)'"
        case .comment: return "a comment"
        case .end: return "the end of the file"
        }
    }
}
