import Foundation
import KGCore

/// The text of a registered document as read from the documents folder: its bytes' SHA-256
/// and its lines (split on `\n`, a trailing `\r` dropped), for the rules that read documents.
public struct DocumentText: Sendable, Hashable {
    public var document: Document
    /// The path the file was read from.
    public var path: String
    /// Lower-case hex SHA-256 of the bytes read.
    public var sha256: String
    /// The lines; `lines[0]` is line 1.
    public var lines: [String]

    public init(document: Document, path: String, bytes: [UInt8]) {
        self.document = document
        self.path = path
        self.sha256 = SHA256.hex(bytes)
        // Invalid UTF-8 is repaired rather than rejected: the hash already says the bytes are wrong.
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// Line `n` (1-based), or nil when out of range.
    public func line(_ n: Int) -> String? { n >= 1 && n <= lines.count ? lines[n - 1] : nil }

    /// True when the bytes read are the bytes registered.
    public var matchesRegisteredHash: Bool { sha256 == document.sha256.lowercased() }
}

/// What happened when a registered document's file was looked up.
public enum DocumentLookup: Sendable, Hashable {
    case read(DocumentText)
    /// No file at `path`.
    case missing(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
}

/// The registered documents' texts, read from one folder.
public struct DocumentCorpus: Sendable {
    /// The folder the files were read from.
    public var directory: String
    /// Per document id.
    public var lookups: [String: DocumentLookup]

    public init(directory: String, lookups: [String: DocumentLookup]) {
        self.directory = directory
        self.lookups = lookups
    }

    /// Reads every document registered in `graph` from `directory` (file name = `file`).
    ///
    /// A document's file must lie inside `directory` once `..` and symbolic links are resolved:
    /// a graph declaring `file: "../../etc/passwd"` (or a link in the folder pointing out of
    /// it) would otherwise have the audit print lines of any file the user can read. Such a
    /// declaration is refused with an error at the document's position, for every document at
    /// once; nothing is read then.
    public static func load(documentsOf graph: Graph, from directory: String) throws(DiagnosticList) -> DocumentCorpus {
        var lookups: [String: DocumentLookup] = [:]
        var refused: [Diagnostic] = []
        let table = graph.nodes
        for handle in graph.nodes(labelled: Document.label) {
            guard let doc = Document(node: table[handle]) else { continue }
            let place: DocumentPlace
            do {
                place = try DocumentPlace.locate(doc.file, in: directory)
            } catch {
                var diagnostic = error
                diagnostic.message = "document \(doc.id): " + diagnostic.message
                diagnostic.location = graph.location(node: handle)
                refused.append(diagnostic)
                continue
            }
            switch place {
            case .missing(let path):
                lookups[doc.id] = .missing(path: path)
            case .file(let shown, let resolved):
                lookups[doc.id] = read(doc, shown: shown, resolved: resolved)
            }
        }
        guard refused.isEmpty else { throw DiagnosticList(refused) }
        return DocumentCorpus(directory: directory, lookups: lookups)
    }

    /// Reads one document found by DocumentPlace from its resolved path (not through the link again, so a link swapped
    /// after the check cannot lead elsewhere). Only regular files are read: a FIFO would block.
    public static func read(_ doc: Document, shown: String, resolved: String) -> DocumentLookup {
        var st = stat()
        guard stat(resolved, &st) == 0 else { return .missing(path: shown) }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            let what = (st.st_mode & S_IFMT) == S_IFDIR ? "a directory" : "not a regular file"
            return .unreadable(path: shown, reason: "it is \(what)")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: resolved))
            return .read(DocumentText(document: doc, path: shown, bytes: Array(data)))
        } catch {
            return .unreadable(path: shown, reason: "\(error.localizedDescription)")
        }
    }

    /// The text of a document, when it was read.
    public func text(of documentID: String) -> DocumentText? {
        if case .read(let t) = lookups[documentID] { return t }
        return nil
    }
}

/// Where a document's `file` is, checked to lie inside the documents folder: the one place that
/// turns a declared file name into a path to read (the audit, and `kgq cite` unconfined).
public enum DocumentPlace: Sendable, Hashable {
    /// The file exists: `path` as the folder and file name give it (for messages), `resolved`
    /// with every link and `..` resolved (to read).
    case file(path: String, resolved: String)
    /// Nothing is there (a dangling link counts as nothing); `path` is where it was looked for.
    case missing(path: String)

    /// Finds `file` in `directory`. When `confined` (the audit), throws when the file, after
    /// resolving `..` and symbolic links, lies outside the folder, and `file` may be absolute
    /// only when it points inside it. `kgq cite` is not confined: the user names the document
    /// and the words to find in it, and `kgq doc add` may register a text beside the graph
    /// folder (`../texts/a.txt`).
    public static func locate(_ file: String, in directory: String, confined: Bool = true) throws(Diagnostic) -> DocumentPlace {
        let shown = (file as NSString).isAbsolutePath ? file : (directory as NSString).appendingPathComponent(file)
        guard !file.isEmpty else { return .missing(path: shown) }
        if !confined {
            guard let resolved = realPath(shown) else { return .missing(path: shown) }
            return .file(path: shown, resolved: resolved)
        }
        guard let root = realPath(directory) else { return .missing(path: shown) }
        let inside = { (path: String) in path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/") }
        let candidate = (file as NSString).isAbsolutePath ? file : (root as NSString).appendingPathComponent(file)
        if let resolved = realPath(candidate) {
            guard inside(resolved) else { throw outside(file, directory, resolved) }
            return .file(path: shown, resolved: resolved)
        }
        // Nothing there (or a dangling link): nothing will be read, but a name that climbs out is
        // still refused, so the error does not depend on what happens to exist.
        let lexical = URL(fileURLWithPath: candidate).standardizedFileURL.path
        guard inside(lexical) else { throw outside(file, directory, lexical) }
        return .missing(path: shown)
    }

    static func outside(_ file: String, _ directory: String, _ resolved: String) -> Diagnostic {
        Diagnostic(.error, "file '\(file)' lies outside the documents folder '\(directory)' (it leads to \(resolved)); "
                   + "documents are read only from inside that folder",
                   help: "give a path inside the folder (as `kgq doc add` writes it), or pass the folder that holds the file with --documents")
    }

    /// The path with `.`, `..` and every symbolic link resolved; nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
