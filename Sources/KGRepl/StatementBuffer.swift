/// Assembles statements from lines as they are typed: a statement ends at a `;` outside
/// strings, quoted names and comments; one line may hold several statements, and one
/// statement may span many lines (the REPL then shows the continuation prompt).
public struct StatementBuffer: Sendable {
    private var text = ""
    private var quote: Character? = nil
    private var blockComment = false
    /// Something other than comments and blanks since the last `;`: a line of comments alone
    /// does not open a statement (so a `:command` may follow it).
    private var hasCode = false

    public init() {}

    /// True when part of a statement is waiting for its `;`.
    public var isPending: Bool { hasCode || blockComment || quote != nil }

    /// The unfinished statement so far (for completion, which needs the variables bound earlier).
    public var pending: String { text }

    /// Adds one line; returns the statements it completed (trimmed, without their `;`).
    public mutating func append(_ line: String) -> [String] {
        var done: [String] = []
        let chars = Array(line)
        var i = 0
        var lineComment = false
        while i < chars.count {
            let c = chars[i]
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if lineComment {
                text.append(c)
            } else if blockComment {
                text.append(c)
                if c == "*" && next == "/" { text.append("/"); i += 1; blockComment = false }
            } else if let q = quote {
                text.append(c)
                if c == "\\" && q != "`", let n = next { text.append(n); i += 1 }
                else if c == q { quote = nil }
            } else if c == "'" || c == "\"" || c == "`" {
                quote = c
                hasCode = true
                text.append(c)
            } else if c == "/" && next == "/" {
                lineComment = true
                text.append(c)
            } else if c == "/" && next == "*" {
                blockComment = true
                text += "/*"
                i += 1
            } else if c == ";" {
                let statement = text.trimmingWhitespace
                if hasCode { done.append(statement) }
                text = ""
                hasCode = false
            } else {
                if !c.isWhitespace { hasCode = true }
                text.append(c)
            }
            i += 1
        }
        // A line break inside a statement stays a line break, so error positions keep their line.
        if isPending { text.append("\n") } else { text = "" }
        return done
    }

    /// Takes what is left at end of input (a last statement without `;`), emptying the buffer.
    public mutating func flush() -> String? {
        let rest = text.trimmingWhitespace
        self = StatementBuffer()
        return rest.isEmpty ? nil : rest
    }
}

extension String {
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
