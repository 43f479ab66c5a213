/// What a finding is about, in SHACL's terms its focus node and result path: a node or edge
/// of the graph (or a registered document), and optionally one property or one citation of it.
public struct AuditFocus: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case node, edge, document
    }

    public var kind: Kind
    /// Id of the node, edge or document.
    public var id: String
    /// The property in question (`value`, `period_end`, …), when the finding is about one.
    public var property: String?
    /// 0-based index into the statement's citations, when the finding is about one citation.
    public var citation: Int?

    public init(_ kind: Kind, _ id: String, property: String? = nil, citation: Int? = nil) {
        self.kind = kind
        self.id = id
        self.property = property
        self.citation = citation
    }

    /// `node fig:x`, `edge e1 citation #2`, `node fig:x .value`.
    public var description: String {
        var s = "\(kind.rawValue) \(id)"
        if let property { s += " .\(property)" }
        if let citation { s += " citation #\(citation + 1)" }
        return s
    }
}
