/// A user-facing error or warning with a position: what went wrong, where, and how to fix it.
///
/// Every module reports bad input as Diagnostics; `rendered()` is the one place they
/// are turned into text for people (JSON renderings live with the JSON writers).
///
///     graphs/x/roles.kg:3:14: error: expected a label after ':' but found '{'
///       3 | node role:csr : {name: "x"}
///         |              ^
///       help: write a label such as ':Role'
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// The text of the offending line, to show with a caret under `location.column`.
    public var lineText: String?
    /// A suggestion of how to fix it ("did you mean …", "write …").
    public var help: String?

    public init(_ severity: Severity = .error, _ message: String, at location: SourceLocation? = nil,
                lineText: String? = nil, help: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.lineText = lineText
        self.help = help
    }

    public var description: String { rendered() }

    /// Renders the diagnostic as compilers do: `file:line:col: error: message`, the line, a caret.
    public func rendered() -> String {
        var out = ""
        if let loc = location { out += "\(TerminalText.visible(loc.description)): " }
        out += "\(severity.rawValue): \(TerminalText.visible(Diagnostic.elided(message), keepingLayout: true))"
        if let line = lineText, let loc = location {
            let number = String(loc.line)
            let gutter = String(repeating: " ", count: number.count)
            let (shown, column) = Diagnostic.window(line, column: loc.column)
            // Control characters would ring bells or move the cursor: show their pictures (␀, ␇);
            // invisible separators and marks are written as escapes (\u{2028}).
            var text = "", prefix = ""
            for (k, ch) in shown.enumerated() {
                let piece = TerminalText.visible(String(ch), keepingLayout: true)
                text += piece
                // Keep tabs so the caret lines up under the same characters.
                if k < column - 1 { prefix += ch == "\t" ? "\t" : String(repeating: " ", count: piece.count) }
            }
            out += "\n \(number) | \(text)\n \(gutter) | \(prefix)^"
        }
        if let help { out += "\n  help: \(TerminalText.visible(Diagnostic.elided(help), keepingLayout: true))" }
        return out
    }
}

extension Diagnostic {
    /// At most this many characters of the offending line are shown.
    static let shownWidth = 160

    /// `text` with its middle cut out when it is very long (a message quoting a 10 MB token).
    static func elided(_ text: String) -> String {
        guard text.utf8.count > 2 * shownWidth, text.count > 2 * shownWidth else { return text }
        return text.prefix(shownWidth) + "…" + text.suffix(shownWidth / 4)
    }

    /// The part of a long line around `column` (with "…" where it is cut) and the column within
    /// it: a 10 MB line of garbage is reported in one screen line, not 10 MB of stderr.
    static func window(_ line: String, column: Int) -> (text: String, column: Int) {
        let count = line.count
        guard count > shownWidth else { return (line, column) }
        let start = min(max(0, column - 1 - shownWidth / 2), count - shownWidth)
        let end = start + shownWidth
        let lower = line.index(line.startIndex, offsetBy: start)
        let upper = line.index(lower, offsetBy: shownWidth)
        let text = (start > 0 ? "…" : "") + line[lower..<upper] + (end < count ? "…" : "")
        return (text, column - start + (start > 0 ? 1 : 0))
    }
}

/// Several diagnostics at once (a file with many errors is reported whole, not one at a time).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map { $0.rendered() }.joined(separator: "\n") }
}
