/// One lexical token of a query, with its place in the text.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A name: keywords are names too, recognised by the parser (case-insensitively),
        /// so that a keyword can still be used as a property key or label.
        case name
        /// A name written in backticks: never a keyword.
        case quotedName
        case integer
        case float
        case string
        case parameter
        case symbol
        case end
    }

    var kind: Kind
    /// For names and symbols the text; for strings the decoded value; for numbers the digits as written.
    var text: String
    /// Character offset of the first character in the query text.
    var offset: Int
    /// Character offset just past the token.
    var endOffset: Int
    var line: Int
    var column: Int

    /// True when this is the keyword `word` (given in upper case).
    /// Keywords are ASCII: the name's bytes are compared with ASCII letters folded, making no string.
    func isKeyword(_ word: String) -> Bool {
        guard kind == .name, text.utf8.count == word.utf8.count else { return false }
        for (a, b) in zip(text.utf8, word.utf8) where (a >= 0x61 && a <= 0x7A ? a - 0x20 : a) != b { return false }
        return true
    }
    func isSymbol(_ s: String) -> Bool { kind == .symbol && text == s }
}
