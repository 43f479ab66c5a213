import KGCore

/// A query error with openCypher's classification and a position in the query text.
///
/// `type` is openCypher's error type (`.syntaxError`, `.typeError`, `.argumentError`,
/// `.semanticError`, `.entityNotFound`, `.constraintVerificationFailed`, …), `detail` its detail
/// code (`.undefinedVariable`, `.invalidArgumentType`, …), `phase` compile time or runtime.
/// Both are typed codes whose raw values are openCypher's names (what JSON shows).
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Phase: String, Sendable { case compileTime = "compile time", runtime }

    public var type: QueryErrorCode
    public var detail: QueryErrorDetail
    public var phase: Phase
    public var message: String
    /// 1-based line and column in the query text, when known.
    public var line: Int?
    public var column: Int?
    /// The offending line of the query, to show with a caret.
    public var lineText: String?
    /// "did you mean …" or another way to fix it.
    public var help: String?

    public init(type: QueryErrorCode, detail: QueryErrorDetail, phase: Phase, message: String, line: Int? = nil, column: Int? = nil,
                lineText: String? = nil, help: String? = nil) {
        self.type = type
        self.detail = detail
        self.phase = phase
        self.message = message
        self.line = line
        self.column = column
        self.lineText = lineText
        self.help = help
    }

    /// The error as a Diagnostic, for the one renderer people see.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, "\(type) (\(detail)): \(message)",
                   at: line.map { SourceLocation(file: "query", line: $0, column: column ?? 1) },
                   lineText: lineText, help: help)
    }

    public var description: String { diagnostic.rendered() }
}
