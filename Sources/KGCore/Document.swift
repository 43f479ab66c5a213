/// A registered source text. Documents are nodes labelled `Document` (so queries can
/// match them); this type is the typed view of such a node.
public struct Document: Sendable, Hashable {
    public static let label = DomainLabel.document

    public var id: String
    /// File name of the document (relative to the documents folder).
    public var file: String
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// BCP-47 language code: `en`, `nl`, `sv`, …
    public var language: String
    public var title: String
    /// What kind of text it is: "news article", "career advice", …
    public var kind: String
    /// Publisher or site, when known.
    public var publisher: String?
    /// When the document was published or retrieved, or that nobody knows.
    public var date: DocumentDate

    public init(id: String, file: String, sha256: String, language: String, title: String,
                kind: String, publisher: String? = nil, date: DocumentDate = .undeclared) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.language = language
        self.title = title
        self.kind = kind
        self.publisher = publisher
        self.date = date
    }

    /// Reads a Document node; nil when the node is not labelled `Document`.
    public init?(node: Node) {
        guard node.hasLabel(Document.label) else { return nil }
        let p = node.properties
        self.init(id: node.id, file: p["file"]?.string ?? "", sha256: p["sha256"]?.string ?? "",
                  language: p["language"]?.string ?? "", title: p["title"]?.string ?? node.name,
                  kind: p["kind"]?.string ?? "", publisher: p["publisher"]?.string,
                  date: DocumentDate(properties: p) ?? .undeclared)
    }

    /// The node that stores this document.
    public var node: Node {
        var p: [String: Value] = [
            "file": .string(file), "sha256": .string(sha256), "language": .string(language),
            "title": .string(title), "kind": .string(kind),
        ]
        if let publisher { p["publisher"] = .string(publisher) }
        for (key, value) in date.properties { p[key] = value }
        return Node(id: id, labels: [Document.label], properties: p)
    }
}

/// A document's date as its declaration gives it: `date: date("2017-05")` with `date_basis:
/// "published"` (the default) or `"retrieved"`, `date: "unknown"` (said, not forgotten), or
/// nothing at all.
///
///     document doc:x { …, date: date("2017-05"), date_basis: "retrieved" }
public enum DocumentDate: Sendable, Hashable {
    /// The date the document was published.
    case published(KGDate)
    /// The date it was retrieved (when the publication date is not known).
    case retrieved(KGDate)
    /// The declaration says the date is not known (`date: "unknown"`).
    case unknown
    /// The declaration has no `date`.
    case undeclared

    /// The word for the unknown date in a declaration.
    public static let unknownWord = "unknown"
    /// The values `date_basis` may take.
    public static let bases = ["published", "retrieved"]

    /// Reads `date` and `date_basis`; nil when they are malformed (a `date` that is neither a
    /// date nor "unknown", a `date_basis` other than published/retrieved, a basis without a date).
    public init?(properties p: [String: Value]) {
        let basis = p["date_basis"]
        if let b = basis, !(b.string.map(DocumentDate.bases.contains) ?? false) { return nil }
        switch p["date"] {
        case nil:
            guard basis == nil else { return nil }
            self = .undeclared
        case .date(let d)?:
            self = basis?.string == "retrieved" ? .retrieved(d) : .published(d)
        case .string(let s)? where s == DocumentDate.unknownWord:
            guard basis == nil else { return nil }
            self = .unknown
        default:
            return nil
        }
    }

    /// The date, when known.
    public var known: KGDate? {
        switch self {
        case .published(let d), .retrieved(let d): return d
        case .unknown, .undeclared: return nil
        }
    }

    /// "published 2017-05", "retrieved 2026-11-20", "date unknown", "no date declared".
    public var description: String {
        switch self {
        case .published(let d): return "published \(d)"
        case .retrieved(let d): return "retrieved \(d)"
        case .unknown: return "date unknown"
        case .undeclared: return "no date declared"
        }
    }

    /// The node properties that store it.
    public var properties: [(String, Value)] {
        switch self {
        case .published(let d): return [("date", .date(d))]
        case .retrieved(let d): return [("date", .date(d)), ("date_basis", .string("retrieved"))]
        case .unknown: return [("date", .string(DocumentDate.unknownWord))]
        case .undeclared: return []
        }
    }
}
