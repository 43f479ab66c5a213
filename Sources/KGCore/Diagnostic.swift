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
        if let loc = location { out += "\(loc): " }
        out += "\(severity.rawValue): \(Diagnostic.visible(Diagnostic.elided(message)))"
        if let line = lineText, let loc = location {
            let number = String(loc.line)
            let gutter = String(repeating: " ", count: number.count)
            let (shown, column) = Diagnostic.window(line, column: loc.column)
            // Control characters would ring bells or move the cursor: show their pictures (␀, ␇);
            // invisible separators and marks are written as escapes (\u{2028}).
            var text = "", prefix = ""
            for (k, ch) in shown.enumerated() {
                let piece = Diagnostic.shown(ch)
                text += piece
                // Keep tabs so the caret lines up under the same characters.
                if k < column - 1 { prefix += ch == "\t" ? "\t" : String(repeating: " ", count: piece.count) }
            }
            out += "\n \(number) | \(text)\n \(gutter) | \(prefix)^"
        }
        if let help { out += "\n  help: \(Diagnostic.elided(help))" }
        return out
    }
}

extension Diagnostic {
    /// How one character of an excerpt is printed: control characters as their pictures (␀, ␇,
    /// ␡), other characters a terminal would not show or would take for a line break (C1
    /// controls such as NEL, U+2028, U+2029, a byte-order mark, bidirectional overrides) as
    /// `\u{…}` escapes; everything else as itself.
    static func shown(_ ch: Character) -> String {
        guard ch.unicodeScalars.count == 1, let c = ch.unicodeScalars.first else {
            return ch.unicodeScalars.contains(where: invisible) ? escaped(String(ch)) : String(ch)
        }
        if c.value < 0x20 && c != "\t" { return String(Unicode.Scalar(0x2400 + c.value)!) }
        if c.value == 0x7F { return "\u{2421}" }
        return invisible(c) ? "\\u{" + String(c.value, radix: 16, uppercase: true) + "}" : String(ch)
    }

    /// Characters that print as nothing or as a line break: C1 controls, line and paragraph
    /// separators, the byte-order mark, zero-width and bidirectional formatting characters.
    static func invisible(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x80...0x9F, 0x2028, 0x2029, 0xFEFF, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with every invisible character (see `invisible`) written as `\u{…}`.
    static func escaped(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            if invisible(c) { out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// A message as printed: invisible characters (see `invisible`) escaped, so a name holding
    /// U+2028 or NEL does not break the line or hide.
    static func visible(_ text: String) -> String {
        func bad(_ c: Unicode.Scalar) -> Bool { invisible(c) || (c.value < 0x20 && c != "\n" && c != "\t") || c.value == 0x7F }
        guard text.unicodeScalars.contains(where: bad) else { return text }
        var out = ""
        for c in text.unicodeScalars {
            if bad(c) { out += "\\u{" + String(c.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(c) }
        }
        return out
    }

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
