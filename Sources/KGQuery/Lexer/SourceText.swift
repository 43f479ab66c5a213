/// The text of one statement, kept so errors can show the offending line and
/// unaliased expressions can be named by the text they were written as.
struct SourceText: Sendable {
    let text: String
    /// The text's Unicode scalars: token offsets and spans count them.
    let chars: [Unicode.Scalar]
    /// Line and column of the statement's first character in the whole script (for scripts of many statements).
    let lineOffset: Int

    init(_ text: String, lineOffset: Int = 0) {
        self.text = text
        self.chars = Array(text.unicodeScalars)
        self.lineOffset = lineOffset
    }

    /// The characters between two offsets.
    func slice(_ from: Int, _ to: Int) -> String {
        let a = max(0, min(from, chars.count)), b = max(a, min(to, chars.count))
        var s = String.UnicodeScalarView()
        s.append(contentsOf: chars[a..<b])
        return String(s)
    }

    func lineText(_ line: Int) -> String? {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        guard line >= 1, line <= lines.count else { return nil }
        return String(lines[line - 1])
    }

    func error(type: QueryErrorCode, detail: QueryErrorDetail, message: String, line: Int?, column: Int?, help: String? = nil,
               phase: QueryError.Phase = .compileTime) -> QueryError {
        QueryError(type: type, detail: detail, phase: phase, message: message,
                   line: line.map { $0 + lineOffset }, column: column, lineText: line.flatMap { lineText($0) }, help: help)
    }
}
