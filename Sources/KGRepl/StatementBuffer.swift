import KGQuery

/// Assembles statements from lines as they are typed: a statement ends at a `;` outside
/// strings, quoted names and comments; one line may hold several statements, and one
/// statement may span many lines (the REPL then shows the continuation prompt). The state
/// machine is KGQuery's `StatementScanner`, the one `Script` splits whole texts with.
public struct StatementBuffer: Sendable {
    private var text = ""
    private var scanner = StatementScanner()
    /// Something other than comments and blanks since the last `;`: a line of comments alone
    /// does not open a statement (so a `:command` may follow it).
    private var hasCode = false

    public init() {}

    /// True when part of a statement is waiting for its `;`.
    public var isPending: Bool { hasCode || scanner.isInsideQuoteOrComment }

    /// Inside a string, a quoted name or a block comment (where `:edit` is text, not a command).
    public var isInsideQuoteOrComment: Bool { scanner.isInsideQuoteOrComment }

    /// The unfinished statement so far (for completion, which needs the variables bound earlier).
    public var pending: String { text }

    /// Adds one line; returns the statements it completed (trimmed, without their `;`).
    public mutating func append(_ line: String) -> [String] {
        var done: [String] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            switch scanner.step(chars[i], next: i + 1 < chars.count ? chars[i + 1] : nil) {
            case .end:
                let statement = text.trimmingWhitespace
                if hasCode { done.append(statement) }
                text = ""
                hasCode = false
                i += 1
            case .text(let count, let code):
                if code { hasCode = true }
                text.append(contentsOf: chars[i..<min(i + count, chars.count)])
                i += count
            }
        }
        scanner.endLine()
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
