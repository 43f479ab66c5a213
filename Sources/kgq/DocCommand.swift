import ArgumentParser
import Foundation
import KGCore
import KGCuration

/// `kgq doc`: the documents of a graph.
struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doc",
        abstract: "Register the documents a graph cites.",
        subcommands: [DocAddCommand.self])
}

/// `kgq doc add FILE…`: registers text files in the graph's documents.kg.
struct DocAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Register text files as documents: SHA-256, language, title, path; appended to documents.kg.",
        discussion: """
            The language is guessed from English, Dutch and Swedish stopwords when --language is not given \
            (a warning says when the guess is unsure); the title is the first line with text; the id is doc: and the \
            file name. The file path is written relative to the graph folder (or to --documents). A file already \
            registered, or changed since it was, is refused (exit 2); --update re-registers a changed file once every \
            quote citing it is found again at its line. Nothing is written when any file is refused.
            """)

    @Argument(help: ArgumentHelp("The text files (UTF-8) to register.", valueName: "FILE"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Graph folder (default: $KGQ_GRAPH, the config file's graph, else graphs/customer-service; kgq config says which).", valueName: "DIR"),
            completion: .directory)
    var graph: String?

    @Option(name: .long, help: ArgumentHelp("Folder the file paths are written relative to (default: the graph folder); give the same folder to kgq audit --documents and kgq cite --documents.", valueName: "DIR"))
    var documents: String?

    @Option(name: .long, help: ArgumentHelp("The document id (one FILE only; default doc: and the file name).", valueName: "ID"))
    var id: String?

    @Option(name: .long, help: ArgumentHelp("Language code (en, nl, sv, de, …) instead of the guess.", valueName: "LANG"))
    var language: String?

    @Option(name: .long, help: ArgumentHelp("The title (one FILE only; default: the first line).", valueName: "TEXT"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("Publisher or site.", valueName: "NAME"))
    var publisher: String?

    @Option(name: .long, help: ArgumentHelp("Publication date: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "DATE"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("What kind of text (news article, survey, …; default \(DocumentRegistrar.defaultKind)).", valueName: "KIND"))
    var kind: String?

    @Flag(name: .long, help: "Re-register changed files after checking that every quote citing them still matches.")
    var update = false

    /// --graph, else the default graph where a writing command may use it (`DefaultGraph.writable`).
    func writableFolder() throws -> String {
        if let graph { return graph }
        return try CLI.reporting {
            try DefaultGraph.writable(environment: ProcessInfo.processInfo.environment, config: try KGQConfig.load(), command: "kgq doc add")
        }
    }

    func validate() throws {
        if files.count > 1, id != nil { throw ValidationError("--id names one document; give one FILE with it") }
        if files.count > 1, title != nil { throw ValidationError("--title names one document; give one FILE with it") }
        if let date, KGDate(date) == nil { throw ValidationError("--date '\(date)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD") }
        if let language, !DocAddCommand.isLanguageCode(language) {
            throw ValidationError("--language '\(language)' is not a language code; write one such as en, nl, sv or pt-BR")
        }
        for (name, value) in [("--title", title), ("--publisher", publisher), ("--kind", kind)] {
            if let value, value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("\(name) is empty; give some text or leave it out")
            }
        }
        if let documents {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: documents, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--documents '\(documents)' is not a folder")
            }
        }
    }

    /// A BCP-47-like code: 2–3 letters, then optional '-' subtags of 2–8 letters or digits.
    static func isLanguageCode(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    func run() throws {
        let folder = try writableFolder()
        let registrar = DocumentRegistrar(folder: folder, documentsFolder: documents)
        let requests = files.map {
            DocumentRequest(path: $0, id: id, language: language, title: title, publisher: publisher,
                            date: date.flatMap(KGDate.init), kind: kind)
        }
        let plan = try CLI.reporting { try registrar.plan(requests, update: update) }
        try CLI.reporting { try registrar.apply(plan) }
        for r in plan.registrations {
            for note in r.notes { CLI.error(note.rendered()) }
            let d = r.document
            let place = DocAddCommand.shortPath(r.declaredIn)
            switch r.action {
            case .added:
                let language = r.languageGuess.map { g in "\(d.language), guessed\(g.isSure ? "" : ", unsure")" } ?? d.language
                CLI.out("registered \(d.id): \(d.file) (\(language); \(r.byteCount) bytes; sha256 \(d.sha256.prefix(12))…) "
                        + "\"\(d.title)\" in \(place)\n")
            case .updated(let previous, let checked):
                CLI.out("updated \(d.id): \(d.file) (sha256 \(previous.prefix(12))… → \(d.sha256.prefix(12))…; "
                        + "\(checked) quote(s) checked) in \(place)\n")
            case .unchanged:
                CLI.out("unchanged \(d.id): \(d.file) is as registered in \(place)\n")
            }
        }
    }

    /// A path as the user would type it: relative to the working directory when inside it.
    static func shortPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return absolute.hasPrefix(cwd + "/") ? String(absolute.dropFirst(cwd.count + 1)) : path
    }
}
