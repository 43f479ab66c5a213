import KGCore

/// What a rule checks: the graph, the documents' texts when `--documents` was given, and the
/// settings. Also the small lookups most rules share.
public struct AuditContext: Sendable {
    public var graph: Graph
    /// Nil when no documents folder was given; rules that need text then find nothing.
    public var documents: DocumentCorpus?
    public var settings: AuditSettings

    public init(graph: Graph, documents: DocumentCorpus? = nil, settings: AuditSettings = AuditSettings()) {
        self.graph = graph
        self.documents = documents
        self.settings = settings
    }

    /// Live nodes carrying any of `labels`, in insertion order (through the label index).
    public func nodes(labelled labels: [String]) -> [Int] {
        Set(labels.flatMap { graph.nodes(labelled: $0) }).sorted()
    }

    /// The figures and claims: the statements whose numbers and assessments are audited.
    public var figuresAndClaims: [Int] { nodes(labelled: [DomainLabel.figure, DomainLabel.claim]) }

    /// A citation as a document location, with the document's file name when registered.
    public func cited(_ c: Citation) -> CitedLocation {
        CitedLocation(document: c.document, file: graph.document(id: c.document)?.file, line: c.line,
                      column: c.span?.lowerBound, quote: c.quote)
    }

    /// A citation as a chain (document line, quote, original source).
    public func chain(_ c: Citation) -> CitationChain {
        let viaName = c.via.flatMap { graph.node(id: $0) }.map { graph.nodes[$0].name }
        return CitationChain(cited: cited(c), via: c.via, viaName: viaName)
    }

    /// The name of a node by id, or the id itself.
    public func name(of id: String) -> String {
        graph.node(id: id).map { graph.nodes[$0].name } ?? id
    }

    /// True for edges whose provenance is that of the statement they belong to, so they need
    /// no citation (or attribution) of their own: `MEASURES` from and `REPORTS` to a cited
    /// Figure or Claim, and `MENTIONS` from a Document.
    public func inheritsProvenance(_ edge: Edge) -> Bool {
        let from = graph.nodes[edge.from], to = graph.nodes[edge.to]
        func citedStatement(_ n: Node) -> Bool {
            (n.hasLabel(DomainLabel.figure) || n.hasLabel(DomainLabel.claim)) && !n.citations.isEmpty
        }
        switch edge.type {
        case DomainRelationship.measures: return citedStatement(from)
        case DomainRelationship.reports: return citedStatement(to)
        case DomainRelationship.mentions: return from.hasLabel(Document.label)
        default: return false
        }
    }

    /// `(from)-[:TYPE]->(to)` with the endpoints' ids.
    public func describe(_ edge: Edge) -> String {
        "(\(graph.nodes[edge.from].id))-[:\(edge.type)]->(\(graph.nodes[edge.to].id))"
    }
}
