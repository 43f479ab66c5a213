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
        out += "\(severity.rawValue): \(message)"
        if let text = lineText, let loc = location {
            let number = String(loc.line)
            let gutter = String(repeating: " ", count: number.count)
            // Keep tabs so the caret lines up under the same characters.
            let prefix = text.prefix(max(0, loc.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "\n \(number) | \(text)\n \(gutter) | \(prefix)^"
        }
        if let help { out += "\n  help: \(help)" }
        return out
    }
}

/// Several diagnostics at once (a file with many errors is reported whole, not one at a time).
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map { $0.rendered() }.joined(separator: "\n") }
}
