/// One statement of a script, with the line it starts on.
public struct ScriptStatement: Sendable, Hashable {
    public var text: String
    /// 1-based line of the script where the statement starts.
    public var line: Int
    public init(text: String, line: Int) {
        self.text = text
        self.line = line
    }
}

/// Splits a script into `;`-separated statements, ignoring `;` inside strings, quoted names and comments.
public enum Script {
    public static func statements(_ text: String) -> [ScriptStatement] {
        var out: [ScriptStatement] = []
        var current = ""
        var line = 1, startLine = 1
        var hasContent = false
        var quote: Character? = nil
        var lineComment = false, blockComment = false
        let chars = Array(text)
        var i = 0
        func flush() {
            let t = current.trimmed
            if hasContent && !t.isEmpty { out.append(ScriptStatement(text: t, line: startLine)) }
            current = ""
            hasContent = false
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if c == "\n" { line += 1 }
            if lineComment {
                if c == "\n" { lineComment = false }
                current.append(c); i += 1; continue
            }
            if blockComment {
                if c == "*" && next == "/" { blockComment = false; current += "*/"; i += 2; continue }
                current.append(c); i += 1; continue
            }
            if let q = quote {
                current.append(c)
                if c == "\\" && q != "`", let n = next { current.append(n); i += 2; if n == "\n" { line += 1 }; continue }
                if c == q { quote = nil }
                i += 1; continue
            }
            if c == "/" && next == "/" { lineComment = true; current += "//"; i += 2; continue }
            if c == "/" && next == "*" { blockComment = true; current += "/*"; i += 2; continue }
            if c == ";" { flush(); i += 1; continue }
            if c == "'" || c == "\"" || c == "`" { quote = c }
            if !c.isWhitespace {
                if !hasContent { startLine = line; hasContent = true }
            }
            current.append(c)
            i += 1
        }
        flush()
        return out
    }
}
