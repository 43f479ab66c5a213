import KGCore

/// A Figure or Claim known only through documents that attribute it to someone else:
/// every citation has a `via`, and none comes from a document that source published.
///
/// A document counts as published by a source when its `publisher` equals the source's id or
/// one of its names, or the graph links them: `(source)-[:PUBLISHED]->(document)` or
/// `(document)-[:PUBLISHED_BY]->(source)`.
public struct SecondHandOnly: AuditRule {
    public let id = "second-hand-only"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "A figure or claim is cited only second-hand, never from its original source."
    public let description = """
        Every citation of the figure or claim attributes it to an original source (`via`), and \
        no cited document was published by that source. The number may have been rounded, \
        misread or taken out of context on its way; cite the original publication (register \
        it as a document and cite it without `via`) or mark the figure as unverified.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] {
        let g = context.graph
        var out: [AuditFinding] = []
        for i in context.figuresAndClaims {
            let node = g.nodes[i]
            guard !node.citations.isEmpty, node.citations.allSatisfy({ $0.via != nil }) else { continue }
            let firstHand = node.citations.contains { c in
                guard let via = c.via else { return false }
                return isPublished(document: c.document, by: via, in: g)
            }
            guard !firstHand else { continue }
            let facts = StatementFacts(node: i, in: g)
            let vias = Array(Set(node.citations.compactMap(\.via))).sorted()
            let viaNames = vias.map { context.name(of: $0) }.joined(separator: ", ")
            let docs = Array(Set(node.citations.map(\.document))).sorted()
            let chain = node.citations.map { context.chain($0).description }.joined(separator: "; ")
            let what = facts.isFigure ? "figure" : "claim"
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id), location: node.location,
                cited: node.citations.first.map(context.cited),
                message: "\(what) \(node.id) (\(facts.summary)) is cited only second-hand, attributed to \(viaNames): \(chain)",
                fix: "register the original publication of \(viaNames) as a document and cite it without `via`, or treat the \(what) as unverified",
                essentials: vias + docs))
        }
        return out
    }

    /// True when `document` was published by the source `sourceID`.
    func isPublished(document: String, by sourceID: String, in g: Graph) -> Bool {
        guard let d = g.node(id: document) else { return false }
        let doc = g.nodes[d]
        if let s = g.node(id: sourceID) {
            let source = g.nodes[s]
            if let publisher = doc.properties["publisher"]?.string {
                let names = ([source.id] + Graph.names(of: source) + aliases(of: source)).map { $0.lowercased() }
                if names.contains(publisher.lowercased()) { return true }
            }
            if g.outgoing(s).contains(where: { g.edges[$0].type == "PUBLISHED" && g.edges[$0].to == d }) { return true }
            if g.outgoing(d).contains(where: { g.edges[$0].type == "PUBLISHED_BY" && g.edges[$0].to == s }) { return true }
        }
        return false
    }

    func aliases(of node: Node) -> [String] {
        if case .list(let l)? = node.properties["aliases"] { return l.compactMap(\.string) }
        return []
    }
}
