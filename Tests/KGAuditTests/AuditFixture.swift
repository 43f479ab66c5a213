import KGCore
@testable import KGAudit

/// Small graphs made through KGCore's API for the rule tests, and in-memory documents.
struct AuditFixture {
    var graph = Graph()

    @discardableResult
    mutating func node(_ id: String, _ labels: [String], _ properties: [String: Value] = [:],
                       cites: [Citation] = [], line: Int = 1) -> Int {
        try! graph.addNode(Node(id: id, labels: labels, properties: properties, citations: cites,
                                location: SourceLocation(file: "graphs/t/g.kg", line: line, column: 1)))
    }

    @discardableResult
    mutating func edge(_ from: String, _ type: String, _ to: String, cites: [Citation] = [], line: Int = 1) -> Int {
        let id = "\(from)-\(type)->\(to)"
        return try! graph.addEdge(Edge(id: id, type: type, from: graph.node(id: from)!, to: graph.node(id: to)!,
                                       citations: cites, location: SourceLocation(file: "graphs/t/g.kg", line: line, column: 1)))
    }

    mutating func document(_ id: String, file: String, text: String = "", language: String = "en",
                           publisher: String? = nil, date: DocumentDate = .unknown) {
        let doc = Document(id: id, file: file, sha256: SHA256.hex(text), language: language, title: id,
                           kind: "article", publisher: publisher, date: date)
        var n = doc.node
        n.location = SourceLocation(file: "graphs/t/docs.kg", line: 1, column: 1)
        try! graph.addNode(n)
    }

    /// A context whose documents are the given texts (by document id), read as if from a folder.
    func context(texts: [String: String]? = nil, settings: AuditSettings = AuditSettings(today: KGDate(year: 2026, month: 11, day: 22)!))
        -> AuditContext {
        guard let texts else { return AuditContext(graph: graph, settings: settings) }
        var lookups: [String: DocumentLookup] = [:]
        for doc in graph.documents {
            if let t = texts[doc.id] {
                lookups[doc.id] = .read(DocumentText(document: doc, path: "docs/" + doc.file, bytes: Array(t.utf8)))
            } else {
                lookups[doc.id] = .missing(path: "docs/" + doc.file)
            }
        }
        return AuditContext(graph: graph, documents: DocumentCorpus(directory: "/shared/docs", lookups: lookups), settings: settings)
    }
}

func cite(_ doc: String, _ line: Int, _ quote: String, via: String? = nil) -> Citation {
    Citation(document: doc, line: line, quote: quote, via: via)
}
