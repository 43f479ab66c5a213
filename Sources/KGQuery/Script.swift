import KGCore

/// One statement of a script, with the line and column it starts at.
public struct ScriptStatement: Sendable, Hashable {
    public var text: String
    /// 1-based line of the script where the statement starts.
    public var line: Int
    /// 1-based column (in characters) of that line where the statement starts: 10 for the
    /// second statement of `RETURN 1; RETURN x`.
    public var column: Int
    public init(text: String, line: Int, column: Int = 1) {
        self.text = text
        self.line = line
        self.column = column
    }

    /// `e`, which is positioned in this statement's text, positioned in the whole script: lines
    /// counted from the script's start, columns on the statement's first line counted from the
    /// start of the script's line, and the excerpt that whole line. `scriptLines` are the
    /// script's lines (`Script.lines`).
    public func placing(_ e: QueryError, scriptLines: [Substring]) -> QueryError {
        guard let l = e.line else { return e }
        var e = e
        e.line = l + line - 1
        if l == 1, let c = e.column { e.column = c + column - 1 }
        if let at = e.line, at >= 1, at <= scriptLines.count { e.lineText = String(scriptLines[at - 1]) }
        return e
    }

    /// A diagnostic (a warning) positioned in this statement, positioned in the whole script.
    public func placing(_ d: Diagnostic, scriptLines: [Substring]) -> Diagnostic {
        guard let l = d.location?.line else { return d }
        var d = d
        d.location?.line = l + line - 1
        if l == 1 { d.location?.column += column - 1 }
        let at = l + line - 1
        if d.lineText != nil, at >= 1, at <= scriptLines.count { d.lineText = String(scriptLines[at - 1]) }
        return d
    }
}

/// Splits a script into `;`-separated statements, ignoring `;` inside strings, quoted names and
/// comments (`StatementScanner`, the state machine the REPL's `StatementBuffer` shares).
public enum Script {
    /// The lines of a script (without their line breaks), for `ScriptStatement.placing`.
    public static func lines(_ text: String) -> [Substring] {
        // "\r\n" is one Character, not "\n".
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }

    public static func statements(_ text: String) -> [ScriptStatement] {
        var out: [ScriptStatement] = []
        var current = ""
        var hasContent = false
        /// Offset (in characters) of the first character of the statement being read, comments
        /// included: where its trimmed text starts.
        var startOffset: Int? = nil
        // Line and start-of-line offset of the last statement start (statements come in order).
        var cursor = 0, cursorLine = 1, cursorLineStart = 0
        var scanner = StatementScanner()
        let chars = Array(text)
        var i = 0
        func flush() {
            let t = current.trimmed
            if hasContent && !t.isEmpty, let start = startOffset {
                while cursor < start {
                    if chars[cursor] == "\n" || chars[cursor] == "\r\n" { cursorLine += 1; cursorLineStart = cursor + 1 }
                    cursor += 1
                }
                out.append(ScriptStatement(text: t, line: cursorLine, column: start - cursorLineStart + 1))
            }
            current = ""
            hasContent = false
            startOffset = nil
        }
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if startOffset == nil, !c.isWhitespace, c != ";" { startOffset = i }
            switch scanner.step(c, next: next) {
            case .end:
                flush()
                i += 1
            case .text(let count, let code):
                if code { hasContent = true }
                current.append(contentsOf: chars[i..<min(i + count, chars.count)])
                i += count
            }
        }
        flush()
        return out
    }
}
