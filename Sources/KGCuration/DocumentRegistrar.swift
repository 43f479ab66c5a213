import Foundation
import KGAudit
import KGCore
import KGFormat

/// What the user asks `kgq doc add` to register: one file and the fields given on the command line.
public struct DocumentRequest: Sendable, Equatable {
    /// Path of the text file, as typed (relative to the working directory, or absolute).
    public var path: String
    public var id: String?
    public var language: String?
    public var title: String?
    public var publisher: String?
    public var date: KGDate?
    public var kind: String?

    public init(path: String, id: String? = nil, language: String? = nil, title: String? = nil,
                publisher: String? = nil, date: KGDate? = nil, kind: String? = nil) {
        self.path = path
        self.id = id
        self.language = language
        self.title = title
        self.publisher = publisher
        self.date = date
        self.kind = kind
    }
}

/// One document as `kgq doc add` registered it (or would).
public struct Registration: Sendable {
    public enum Action: Sendable, Equatable {
        /// A new `document` block appended to documents.kg.
        case added
        /// The block of a changed document rewritten after every quote citing it was found again.
        case updated(previousSHA256: String, quotesChecked: Int)
        /// `--update` on a document whose bytes and fields are as registered.
        case unchanged
    }

    public var action: Action
    public var document: Document
    /// The .kg file that declares it.
    public var declaredIn: String
    /// The language guess, when the language was not given.
    public var languageGuess: LanguageGuess?
    /// Notes for the user: a derived id that had to be made unique, an unsure language, …
    public var notes: [Diagnostic]
    public var byteCount: Int
}

/// The result of planning a registration: what each document gets and the new texts of the
/// .kg files that change. Nothing is written until `apply`.
public struct RegistrationPlan: Sendable {
    public var registrations: [Registration]
    /// File path → its complete new text.
    public var writes: [(path: String, text: String)]
}

/// Registers text files as documents of a graph folder: SHA-256 of the bytes, language (given
/// or guessed), title (given or the first line), file path relative to the documents folder
/// (the graph folder unless told otherwise); refuses duplicates and changed documents, and with
/// `update` re-registers a changed document once every quote citing it still stands at its line.
///
///     let registrar = DocumentRegistrar(folder: "graphs/mine")
///     let plan = try registrar.plan([DocumentRequest(path: "texts/a.txt")], update: false)
///     try registrar.apply(plan)
public struct DocumentRegistrar: Sendable {
    /// The graph folder.
    public var folder: String
    /// The folder `file` paths are relative to (the graph folder by default).
    public var documentsFolder: String

    public init(folder: String, documentsFolder: String? = nil) {
        self.folder = folder
        self.documentsFolder = documentsFolder ?? folder
    }

    /// The file new declarations are appended to.
    public var documentsFile: String { (folder as NSString).appendingPathComponent(GraphFolder.documentsFile) }

    /// Works out every registration, checks them all, and returns the new file texts; throws
    /// (naming every problem) when any request cannot be registered, so nothing is half done.
    public func plan(_ requests: [DocumentRequest], update: Bool) throws(DiagnosticList) -> RegistrationPlan {
        let files = try GraphLoader.parse(folder: folder)
        if files.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
           names.contains(where: { $0.lowercased().hasSuffix(".csv") }) {
            // A documents.kg here would make the CSV folder a .kg folder of one file.
            throw DiagnosticList([Diagnostic(.error, "'\(folder)' is a folder of CSV files, not of .kg files",
                                             help: "documents are registered in .kg graph folders; make one with kgq init DIR")])
        }
        let graph = try GraphLoader.build(files)
        var texts: [String: String] = [:]
        func text(of path: String) -> String {
            if let t = texts[path] { return t }
            return FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        var registered = graph.documents
        var takenIDs = Set(graph.nodeHandles.map { graph.nodes[$0].id })
        var out: [Registration] = []
        var errors: [Diagnostic] = []

        for request in requests {
            do throws(Diagnostic) {
                let file = try DocumentFile.read(request.path)
                let absolute = DocumentRegistrar.resolved(request.path)
                let relative = DocumentRegistrar.relativePath(absolute, from: DocumentRegistrar.resolved(documentsFolder))
                let byID = request.id.flatMap { id in registered.first { $0.id == id } }
                let byFile = registered.first { DocumentRegistrar.resolved(($0.file as NSString).isAbsolutePath ? $0.file
                    : (documentsFolder as NSString).appendingPathComponent($0.file)) == absolute }
                if update {
                    guard let target = byID ?? byFile else {
                        throw Diagnostic(.error, "'\(request.path)' is not registered in \(folder)"
                                         + (request.id.map { " (no document has the id '\($0)')" } ?? " (no document has file '\(relative)')"),
                                         help: "drop --update to register it as a new document")
                    }
                    let (registration, newText) = try reregister(target, file: file, relative: relative, request: request,
                                                                 graph: graph, files: files, text: text)
                    if let newText { texts[registration.declaredIn] = newText }
                    registered = registered.map { $0.id == target.id ? registration.document : $0 }
                    out.append(registration)
                    continue
                }
                if let same = registered.first(where: { $0.sha256.lowercased() == file.sha256 }) {
                    throw Diagnostic(.error, "'\(request.path)' is already registered as \(same.id)"
                                     + (same.file == relative ? "" : " (file '\(same.file)', the same bytes)"),
                                     help: "nothing to do; cite it as \(same.id)")
                }
                if let old = byFile {
                    throw Diagnostic(.error, "'\(request.path)' changed since it was registered as \(old.id) "
                                     + "(sha256 \(old.sha256.prefix(12))… now \(file.sha256.prefix(12))…)",
                                     help: "re-register it with --update, which first checks that every quote citing it still matches")
                }
                var notes: [Diagnostic] = []
                let id: String
                if let given = request.id {
                    try DocumentRegistrar.checkID(given)
                    guard !takenIDs.contains(given) else {
                        throw Diagnostic(.error, "the id '\(given)' is already used in \(folder)",
                                         help: "choose another with --id, e.g. --id \(DocumentRegistrar.unique(given, avoiding: takenIDs))")
                    }
                    id = given
                } else {
                    let derived = DocumentRegistrar.derivedID(forFile: request.path)
                    id = DocumentRegistrar.unique(derived, avoiding: takenIDs)
                    if id != derived {
                        notes.append(Diagnostic(.note, "'\(derived)' is taken; registered '\(request.path)' as \(id)",
                                                help: "choose the id with --id"))
                    }
                }
                var guess: LanguageGuess?
                let language: String
                if let given = request.language {
                    language = given
                } else {
                    let g = LanguageGuess(text: file.text)
                    guard let code = g.language else {
                        throw Diagnostic(.error, "cannot tell the language of '\(request.path)': it has no English, Dutch or Swedish stopwords",
                                         help: "give it with --language CODE (e.g. --language de)")
                    }
                    if !g.isSure {
                        notes.append(Diagnostic(.warning, "unsure of the language of '\(request.path)': guessed '\(code)' "
                                                + "(\(LanguageGuess.name(of: code))) from \(g.explanation)",
                                                help: "check it; give the language with --language CODE"))
                    }
                    guess = g
                    language = code
                }
                guard let title = request.title ?? DocumentFile.title(of: file.text) else {
                    throw Diagnostic(.error, "'\(request.path)' has no text to take a title from",
                                     help: "give a title with --title")
                }
                if request.title == nil, title.count > DocumentFile.longTitle {
                    notes.append(Diagnostic(.note, "the first line of '\(request.path)' reads like text, not a title "
                                            + "(\(title.hasSuffix("…") ? "cut to " : "")\(title.count) characters)",
                                            help: "give a title with --title, or edit it in \(GraphFolder.documentsFile)"))
                }
                let document = Document(id: id, file: relative, sha256: file.sha256, language: language, title: title,
                                        kind: request.kind ?? DocumentRegistrar.defaultKind, publisher: request.publisher)
                texts[documentsFile] = DocumentRegistrar.appending(document, date: request.date, to: text(of: documentsFile),
                                                                   file: documentsFile)
                registered.append(document)
                takenIDs.insert(id)
                out.append(Registration(action: .added, document: document, declaredIn: documentsFile,
                                        languageGuess: guess, notes: notes, byteCount: file.bytes))
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }

        // The new texts must load with the rest of the folder, or nothing is written.
        let writes = texts.keys.sorted().map { (path: $0, text: texts[$0]!) }
        var check: [KGFile] = files.filter { texts[$0.name] == nil }
        for w in writes { check.append(try Parser.parse(file: w.path, text: w.text)) }
        _ = try GraphLoader.build(check.sorted { $0.name < $1.name }, texts: texts)
        return RegistrationPlan(registrations: out, writes: writes)
    }

    /// Writes the plan's files, each atomically (temporary file, fsync, rename).
    public func apply(_ plan: RegistrationPlan) throws(Diagnostic) {
        for w in plan.writes { try AtomicFile.write(w.text, to: w.path) }
    }

    /// `kind` when `--kind` is not given.
    public static let defaultKind = "text"

    // MARK: - Re-registering a changed document

    /// Checks every citation of `target` against the new text and rewrites its block in place.
    private func reregister(_ target: Document, file: DocumentFile, relative: String, request: DocumentRequest,
                            graph: Graph, files: [KGFile], text: (String) -> String)
        throws(Diagnostic) -> (Registration, String?) {
        guard let kgFile = files.first(where: { $0.statements.contains { s in
            if case .document(let id, _) = s.body { return id == target.id }
            return false
        } }), let statement = kgFile.statements.first(where: { s in
            if case .document(let id, _) = s.body { return id == target.id }
            return false
        }), case .document(_, var properties) = statement.body else {
            throw Diagnostic(.error, "document '\(target.id)' is not declared in a .kg file of \(folder)")
        }
        var updated = target
        updated.sha256 = file.sha256
        updated.file = relative
        if let l = request.language { updated.language = l }
        if let t = request.title { updated.title = t }
        if let p = request.publisher { updated.publisher = p }
        if let k = request.kind { updated.kind = k }
        let unchangedDate = request.date.map { d in properties.contains { $0.key == "date" && $0.value == .date(d) } } ?? true
        if updated == target && unchangedDate {
            return (Registration(action: .unchanged, document: target, declaredIn: kgFile.name, languageGuess: nil,
                                 notes: [], byteCount: file.bytes), nil)
        }
        let checked = try DocumentRegistrar.checkQuotes(of: target.id, in: graph,
                                                         against: DocumentText(document: updated, path: request.path, bytes: file.content),
                                                         path: request.path)
        func set(_ key: String, _ value: Value) {
            if let i = properties.firstIndex(where: { $0.key == key && $0.language == nil }) {
                properties[i].value = value
            } else {
                properties.append(PropertyEntry(key: key, value: value, location: statement.location))
            }
        }
        set("sha256", .string(updated.sha256))
        set("file", .string(updated.file))
        set("language", .string(updated.language))
        set("title", .string(updated.title))
        set("kind", .string(updated.kind))
        if let p = updated.publisher { set("publisher", .string(p)) }
        if let d = request.date { set("date", .date(d)) }
        let current = text(kgFile.name)
        let block = Writer.write(KGFile(name: kgFile.name, statements: [
            Statement(body: .document(id: target.id, properties: properties), location: statement.location),
        ]))
        let newText = try StatementText.replacingBlock(at: statement.location, in: current,
                                                       with: String(block.dropLast()))
        return (Registration(action: .updated(previousSHA256: target.sha256, quotesChecked: checked), document: updated,
                             declaredIn: kgFile.name, languageGuess: nil, notes: [], byteCount: file.bytes), newText)
    }

    /// Every citation of `documentID` must still find its quote at its line of `text`; returns
    /// how many were checked, or throws one diagnostic naming each that does not.
    static func checkQuotes(of documentID: String, in graph: Graph, against text: DocumentText,
                            path: String) throws(Diagnostic) -> Int {
        var citations: [(owner: String, citation: Citation)] = []
        for i in graph.nodeHandles { for c in graph.nodes[i].citations where c.document == documentID { citations.append((graph.nodes[i].id, c)) } }
        for i in graph.edgeHandles { for c in graph.edges[i].citations where c.document == documentID { citations.append((graph.edges[i].id, c)) } }
        var failures: [String] = []
        for (owner, c) in citations {
            if let line = text.line(c.line), QuoteMatcher.locate(c.quote, inLine: line) != nil { continue }
            var entry = (c.location.map { "\($0): " } ?? "") + "\(owner): \"\(c.quote)\" is no longer at line \(c.line)"
            let elsewhere = QuoteMatcher.linesContaining(c.quote, in: text)
            if let moved = elsewhere.first {
                entry += "; it is now at line \(moved)"
            } else if let near = QuoteMatcher.nearest(c.quote, in: text) {
                entry += "; nearest: line \(near.line) \"\(near.text)\" (similarity \(String(format: "%.2f", near.similarity)))"
            }
            failures.append(entry)
        }
        guard failures.isEmpty else {
            throw Diagnostic(.error, "'\(path)' changed and \(failures.count) of \(citations.count) quote(s) citing \(documentID) "
                             + "no longer match; nothing was written:\n  " + failures.joined(separator: "\n  "),
                             help: "fix those cite lines (kgq cite \(documentID) \"QUOTE\" finds the new line), then run --update again")
        }
        return citations.count
    }

    // MARK: - Pieces

    /// The canonical `document` block (what `kgq fmt` writes), with a newline at the end.
    public static func declaration(_ document: Document, date: KGDate? = nil) -> String {
        Writer.write(KGFile(name: "", statements: [statement(document, date: date)]))
    }

    /// The `document` statement declaring `document`.
    static func statement(_ document: Document, date: KGDate?) -> Statement {
        var node = document.node
        if let date { node.properties["date"] = .date(date) }
        let at = SourceLocation(file: "", line: 0, column: 0)
        let properties = node.properties.keys.sorted().map { PropertyEntry(key: $0, value: node.properties[$0]!, location: at) }
        return Statement(body: .document(id: document.id, properties: properties), location: at)
    }

    /// `text` (a .kg file) with the declaration of `document` at its end. A file in canonical
    /// form stays in canonical form (comments at its end go above the new block, as `kgq fmt`
    /// keeps them); any other file keeps every byte and gets the block after a blank line.
    static func appending(_ document: Document, date: KGDate?, to text: String, file: String) -> String {
        if let parsed = try? Parser.parse(file: file, text: text), Writer.write(parsed) == text {
            var f = parsed
            var s = statement(document, date: date)
            s.comments = f.trailingComments
            f.trailingComments = []
            f.statements.append(s)
            return Writer.write(f)
        }
        var current = text
        if !current.isEmpty && !current.hasSuffix("\n") { current += "\n" }
        if !current.isEmpty && !current.hasSuffix("\n\n") { current += "\n" }
        return current + declaration(document, date: date)
    }

    /// `doc:` and the file's base name without extension, as lower-case ASCII words joined by
    /// '-' ("Kundtjänst 2024.txt" → "doc:kundtjanst-2024").
    public static func derivedID(forFile path: String) -> String {
        let slug = slug(((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        return "doc:" + (slug.isEmpty ? "document" : slug)
    }

    /// Lower-case ASCII letters and digits of `text` (accents dropped), other runs as one '-':
    /// "Kundtjänst 2024" → "kundtjanst-2024"; empty when nothing is left.
    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        for scalar in folded.unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug
    }

    /// `id`, or `id-2`, `id-3`, … the first not in `taken`.
    static func unique(_ id: String, avoiding taken: Set<String>) -> String {
        guard taken.contains(id) else { return id }
        var n = 2
        while taken.contains("\(id)-\(n)") { n += 1 }
        return "\(id)-\(n)"
    }

    /// Throws unless `id` is an id the .kg format reads back as itself.
    static func checkID(_ id: String) throws(Diagnostic) {
        let probe = try? Parser.parse(file: "--id", text: "node \(id) :X\n")
        if let s = probe?.statements.first, probe?.statements.count == 1, case .node(let read, _, _) = s.body, read == id { return }
        throw Diagnostic(.error, "'\(id)' is not a valid id",
                         help: "an id starts with a letter or '_' and goes on with letters, digits and _ . : - (e.g. doc:annual-report-2024)")
    }

    /// The absolute path with '.', '..' and symbolic links resolved.
    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `path` relative to the folder `base` (both absolute): "a.txt", "texts/a.txt", "../texts/a.txt".
    public static func relativePath(_ path: String, from base: String) -> String {
        let p = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        let b = URL(fileURLWithPath: base).standardizedFileURL.pathComponents
        var common = 0
        while common < p.count, common < b.count, p[common] == b[common] { common += 1 }
        let parts = Array(repeating: "..", count: b.count - common) + p[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// A text file read for registration: its bytes' hash, size and UTF-8 text.
struct DocumentFile {
    var sha256: String
    var bytes: Int
    var content: [UInt8]
    var text: String

    static func read(_ path: String) throws(Diagnostic) -> DocumentFile {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Diagnostic(.error, "cannot read '\(path)': no such file", help: "check the path (relative to the working directory)")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(.error, "'\(path)' is a folder, not a text file", help: "give the text files themselves, e.g. \(path)/*.txt")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(.error, "cannot read '\(path)'", help: "check its permissions")
        }
        let bytes = [UInt8](data)
        guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            throw Diagnostic(.error, "'\(path)' is not UTF-8 text",
                             help: "documents are text files; convert it first (e.g. iconv -f latin1 -t utf-8 \(path))")
        }
        return DocumentFile(sha256: SHA256.hex(bytes), bytes: bytes.count, content: bytes, text: text)
    }

    /// A title longer than this is probably the first sentence of the text.
    static let longTitle = 80
    /// Titles are cut (at a word) to at most this many characters.
    static let maximumTitle = 120

    /// The title a text announces: its first line with text, without Markdown heading marks,
    /// cut to at most `maximumTitle` characters at a word.
    static func title(of text: String) -> String? {
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            while line.hasPrefix("#") { line.removeFirst() }
            line = line.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            if line.count > maximumTitle {
                let cut = line.prefix(maximumTitle - 1)
                line = String(cut.lastIndex(of: " ").map { cut[..<$0] } ?? cut) + "…"
            }
            return line
        }
        return nil
    }
}
