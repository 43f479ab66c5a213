import ArgumentParser
import Foundation
import KGAudit
import KGCore
import KGCuration
import KGFormat

/// `kgq cite DOC "quote"`: finds the quote in the document and prints the `cite` line to paste.
struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite",
        abstract: "Find a quote in a registered document and print the cite line to paste under a statement.",
        discussion: """
            Tries the quote as typed, then after normalising whitespace, typographic quotes, dashes and case \
            (the cite line then quotes the document's own words), else shows the nearest passage and its similarity. \
            A 'via' is suggested when the sentence attributes the quote to a Source of the graph ("according to …"). \
            Exit status: 0 found, 1 not found (the nearest passage is only a suggestion), 2 usage or input errors.
            """)

    @Argument(help: ArgumentHelp("The id of a registered document (doc:…).", valueName: "DOC"))
    var document: String

    @Argument(help: ArgumentHelp("The words to find (at most about twelve).", valueName: "QUOTE"))
    var quote: String

    @OptionGroup var graphOptions: GraphOptions

    @Option(name: .long, help: ArgumentHelp("Folder holding the document's file (default: the graph folder).", valueName: "DIR"))
    var documents: String?

    @Flag(name: .long, help: "Write the result as one JSON object (for editors).")
    var json = false

    func validate() throws {
        if quote.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("the QUOTE is empty; give the words to find, e.g. kgq cite \(document) \"grew 16 percent\"")
        }
    }

    func run() throws {
        let graph = try graphOptions.load()
        let folder = documents ?? graphOptions.folder
        let text: DocumentText = try CLI.reporting {
            guard let doc = graph.document(id: document) else {
                let ids = graph.documents.map(\.id)
                let guess = Suggest.closest(to: document, among: ids)
                throw Diagnostic(.error, "no document '\(document)' in \(graphOptions.folder)",
                                 help: ids.isEmpty ? "register one first: kgq doc add FILE --graph \(graphOptions.folder)"
                                     : (guess.map { "did you mean '\($0)'? " } ?? "") + "documents: \(ids.prefix(8).joined(separator: ", "))")
            }
            let lookup: DocumentLookup
            do throws(Diagnostic) {
                switch try DocumentPlace.locate(doc.file, in: folder, confined: false) {
                case .file(let path, let resolved): lookup = DocumentCorpus.read(doc, shown: path, resolved: resolved)
                case .missing(let path): lookup = .missing(path: path)
                }
            } catch {
                var refused = error
                refused.message = "document \(doc.id): " + refused.message
                throw refused
            }
            switch lookup {
            case .read(let text): return text
            case .missing(let path), .unreadable(let path, _):
                throw Diagnostic(.error, "cannot read '\(path)', the file of \(doc.id)",
                                 help: "give the folder that holds '\(doc.file)' with --documents DIR")
            }
        }
        if !text.matchesRegisteredHash {
            CLI.error("warning: \(text.path) changed since \(document) was registered (its SHA-256 differs); "
                      + "line numbers may be off\n  help: re-register it with kgq doc add \(text.path) --update")
        }
        let finder = QuoteFinder(text: text, attribution: Attribution(graph: graph))
        let result = finder.find(quote)
        if json {
            CLI.out(jsonText(result, text) + "\n")
        } else {
            report(result, text)
        }
        if !(result?.found ?? false) { throw ExitCode(1) }
    }

    /// Text mode: the cite line on stdout, what was found (and how) on stderr.
    private func report(_ r: QuoteFinder.Result?, _ text: DocumentText) {
        guard let r else {
            CLI.error("not found: no line of \(document) (\(text.path)) shares a word with \"\(quote)\"")
            return
        }
        let line = QuoteFinder.citeLine(document: document, r)
        switch r.kind {
        case .exact:
            CLI.show(line + "\n")
        case .normalized:
            CLI.show(line + "\n")
            CLI.error("note: found after normalising spaces, quotes, dashes and case; the cite line quotes the document's own words")
        case .nearest:
            CLI.error("not found: \"\(quote)\" is not in \(document) (\(text.path)); the nearest passage is at line \(r.line) "
                      + "(similarity \(String(format: "%.2f", r.similarity))):\n  \(line)\n"
                      + "  help: check the words against the document; quote them as they stand")
        }
        if !r.otherLines.isEmpty {
            CLI.error("note: also on line\(r.otherLines.count > 1 ? "s" : "") \(r.otherLines.map(String.init).joined(separator: ", "))")
        }
        if let via = r.via {
            CLI.error("note: via \(via.source): the sentence says '\(via.words)'"
                      + (r.otherSources.isEmpty ? "" : "; it also names \(r.otherSources.joined(separator: ", "))"))
        }
        let words = QuoteFinder.wordCount(r.quote)
        if r.found, words > 12 {
            CLI.error("warning: the quote has \(words) words; a citation quotes at most about twelve")
        }
    }

    private func jsonText(_ r: QuoteFinder.Result?, _ text: DocumentText) -> String {
        func s(_ v: String?) -> String { v.map(JSONText.string) ?? "null" }
        var fields: [(String, String)] = [("document", s(document)), ("file", s(text.document.file)),
                                          ("found", (r?.found ?? false) ? "true" : "false")]
        if let r {
            fields += [
                ("match", s(r.kind.rawValue)), ("line", String(r.line)),
                ("columns", "[\(r.columns.lowerBound), \(r.columns.upperBound)]"), ("quote", s(r.quote)),
                ("similarity", JSONText.value(.float((r.similarity * 1000).rounded() / 1000))),
                ("via", s(r.via?.source)), ("attribution", s(r.via?.words)),
                ("otherLines", "[" + r.otherLines.map(String.init).joined(separator: ", ") + "]"),
                ("cite", s(QuoteFinder.citeLine(document: document, r))),
            ]
        } else {
            fields += [("match", "null"), ("line", "null"), ("columns", "null"), ("quote", "null"), ("similarity", "null"),
                       ("via", "null"), ("attribution", "null"), ("otherLines", "[]"), ("cite", "null")]
        }
        fields.append(("documentChanged", text.matchesRegisteredHash ? "false" : "true"))
        return "{" + fields.map { "\(JSONText.string($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
