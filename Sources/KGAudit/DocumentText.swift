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
    public static func load(documentsOf graph: Graph, from directory: String) -> DocumentCorpus {
        var lookups: [String: DocumentLookup] = [:]
        for doc in graph.documents {
            let path = (directory as NSString).appendingPathComponent(doc.file)
            guard !doc.file.isEmpty, FileManager.default.fileExists(atPath: path) else {
                lookups[doc.id] = .missing(path: path)
                continue
            }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                lookups[doc.id] = .read(DocumentText(document: doc, path: path, bytes: Array(data)))
            } catch {
                lookups[doc.id] = .unreadable(path: path, reason: "\(error.localizedDescription)")
            }
        }
        return DocumentCorpus(directory: directory, lookups: lookups)
    }

    /// The text of a document, when it was read.
    public func text(of documentID: String) -> DocumentText? {
        if case .read(let t) = lookups[documentID] { return t }
        return nil
    }
}
