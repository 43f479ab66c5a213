/// A registered source text. Documents are nodes labelled `Document` (so queries can
/// match them); this type is the typed view of such a node.
public struct Document: Sendable, Hashable {
    public static let label = "Document"

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

    public init(id: String, file: String, sha256: String, language: String, title: String,
                kind: String, publisher: String? = nil) {
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.language = language
        self.title = title
        self.kind = kind
        self.publisher = publisher
    }

    /// Reads a Document node; nil when the node is not labelled `Document`.
    public init?(node: Node) {
        guard node.hasLabel(Document.label) else { return nil }
        let p = node.properties
        self.init(id: node.id, file: p["file"]?.string ?? "", sha256: p["sha256"]?.string ?? "",
                  language: p["language"]?.string ?? "", title: p["title"]?.string ?? node.name,
                  kind: p["kind"]?.string ?? "", publisher: p["publisher"]?.string)
    }

    /// The node that stores this document.
    public var node: Node {
        var p: [String: Value] = [
            "file": .string(file), "sha256": .string(sha256), "language": .string(language),
            "title": .string(title), "kind": .string(kind),
        ]
        if let publisher { p["publisher"] = .string(publisher) }
        return Node(id: id, labels: [Document.label], properties: p)
    }
}
