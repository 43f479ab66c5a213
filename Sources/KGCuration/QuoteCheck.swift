import Foundation
import KGAudit
import KGCore
import KGQuery

/// The check behind `CALL kgq.cite(…)`: the quote is looked for in the document's file with
/// `kgq cite`'s matcher (`QuoteFinder`: exact, then after normalising whitespace, quotes,
/// dashes and case), at the line given, or anywhere when the line is null.
///
///     session.checkCitation = QuoteCheck(documentsFolder: "graphs/mine").verdict
public struct QuoteCheck: Sendable {
    /// The folder documents' `file` paths are relative to (the graph folder).
    public var documentsFolder: String

    public init(documentsFolder: String) {
        self.documentsFolder = documentsFolder
    }

    /// What the document's text says about `citation` (its document is one of `graph`'s).
    public func verdict(_ citation: Citation, _ graph: Graph) -> CitationVerdict {
        guard let document = graph.document(id: citation.document) else {
            return .rejected(message: "there is no document '\(citation.document)'", help: nil)
        }
        let lookup: DocumentLookup
        do {
            switch try DocumentPlace.locate(document.file, in: documentsFolder, confined: false) {
            case .file(let path, let resolved): lookup = DocumentCorpus.read(document, shown: path, resolved: resolved)
            case .missing(let path): lookup = .missing(path: path)
            }
        } catch {
            return .unchecked(reason: error.message)
        }
        let text: DocumentText
        switch lookup {
        case .read(let t): text = t
        case .missing(let path): return .unchecked(reason: "the file of \(document.id), '\(path)', is not there")
        case .unreadable(let path, let reason): return .unchecked(reason: "cannot read '\(path)': \(reason)")
        }
        let finder = QuoteFinder(text: text, attribution: nil)
        var kept = citation
        if citation.line >= 1 {
            if let r = finder.find(citation.quote, atLine: citation.line) {
                kept.span = r.columns
                kept.quote = r.quote
                return .confirmed(kept, match: r.kind.rawValue)
            }
            guard citation.line <= text.lines.count else {
                return .rejected(message: "\(document.id) has \(text.lines.count) lines; there is no line \(citation.line)",
                                 help: "kgq cite \(document.id) \"\(citation.quote)\" finds the line")
            }
        }
        let quoted = "\"\(citation.quote)\""
        guard let r = finder.find(citation.quote) else {
            return .rejected(message: "\(quoted) is not in \(document.id) (\(text.path)): no line shares a word with it",
                             help: "check the words against the document; quote them as they stand")
        }
        if r.found {
            if citation.line < 1 {
                kept.line = r.line
                kept.span = r.columns
                kept.quote = r.quote
                return .confirmed(kept, match: r.kind.rawValue)
            }
            let lines = ([r.line] + r.otherLines).map(String.init).joined(separator: ", ")
            return .rejected(message: "\(quoted) is not at line \(citation.line) of \(document.id); it is at line \(lines)",
                             help: "give line \(r.line) (or null to take the line it is found on)")
        }
        return .rejected(message: "\(quoted) is not in \(document.id) (\(text.path)); the nearest passage is at line \(r.line), "
                            + "\"\(r.quote)\" (similarity \(String(format: "%.2f", r.similarity)))",
                         help: "check the words against the document; quote them as they stand")
    }
}
