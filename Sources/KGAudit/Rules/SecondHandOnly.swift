import KGCore

/// A statement — a node or relationship of any label — known only through documents that
/// attribute it to someone else: every citation has a `via`, and none comes from a document
/// that source published. Edges whose provenance is their statement's are left to it.
///
/// A document counts as published by a source when its `publisher` equals the source's id or
/// one of its names, or the graph links them: `(source)-[:PUBLISHED]->(document)` or
/// `(document)-[:PUBLISHED_BY]->(source)`.
public struct SecondHandOnly: AuditRule {
    public let id = "second-hand-only"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "A statement is cited only second-hand, never from its original source."
    public let description = """
        Every citation of the statement (a figure, a claim, a requirement, any node or relationship) attributes it to an original source (`via`), and \
        no cited document was published by that source. The number may have been rounded, \
        misread or taken out of context on its way (or, for a requirement, changed since); cite the original publication (register \
        it as a document and cite it without `via`) or treat it as unverified.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        var checked = 0
        /// The finding for a statement whose citations are all second-hand, or nil.
        func finding(_ focus: AuditFocus, _ what: String, _ kind: String, _ citations: [Citation],
                     _ location: SourceLocation?, essentials extra: [String]) -> AuditFinding? {
            guard !citations.isEmpty else { return nil }
            checked += 1
            guard citations.allSatisfy({ $0.via != nil }) else { return nil }
            let firstHand = citations.contains { c in c.via.map { isPublished(document: c.document, by: $0, in: g) } ?? false }
            guard !firstHand else { return nil }
            let vias = Array(Set(citations.compactMap(\.via))).sorted()
            let viaNames = vias.map { context.name(of: $0) }.joined(separator: ", ")
            let docs = Array(Set(citations.map(\.document))).sorted()
            let chain = citations.map { context.chain($0).description }.joined(separator: "; ")
            return AuditFinding(
                rule: id, severity: defaultSeverity, focus: focus, location: location,
                cited: citations.first.map(context.cited),
                message: "\(what) is cited only second-hand, attributed to \(viaNames): \(chain)",
                fix: "register the original publication of \(viaNames) as a document and cite it without `via`, or treat the \(kind) as unverified",
                essentials: extra + vias + docs)
        }
        for i in g.nodeHandles {
            let node = g.nodes[i]
            guard !node.hasLabel(Document.label) else { continue }
            let what: String, kind: String
            if node.hasLabel(DomainLabel.figure) || node.hasLabel(DomainLabel.claim) {
                kind = node.hasLabel(DomainLabel.figure) ? "figure" : "claim"
                what = "\(kind) \(node.id) (\(StatementFacts(node: i, in: g).summary))"
            } else {
                kind = "statement"
                what = "node \(node.id) \(node.labels.map { ":" + $0 }.joined()) (\"\(node.name)\")"
            }
            if let f = finding(AuditFocus(.node, node.id), what, kind, node.citations, node.location, essentials: []) { out.append(f) }
        }
        // Edges whose provenance is their statement's (REPORTS, MEASURES of a figure) follow it.
        for e in g.edgeHandles where !context.inheritsProvenance(g.edges[e]) {
            let edge = g.edges[e]
            let from = g.nodes[edge.from].id, to = g.nodes[edge.to].id
            if let f = finding(AuditFocus(.edge, edge.id), "relationship \(context.describe(edge))", "relationship",
                               edge.citations, edge.location, essentials: [from, edge.type, to]) { out.append(f) }
        }
        return AuditRuleResult(findings: out, checked: checked, "cited statement", "cited statements")
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
            if g.outgoing(s).contains(where: { g.edges[$0].type == DomainRelationship.published && g.edges[$0].to == d }) { return true }
            if g.outgoing(d).contains(where: { g.edges[$0].type == DomainRelationship.publishedBy && g.edges[$0].to == s }) { return true }
        }
        return false
    }

    func aliases(of node: Node) -> [String] {
        if case .list(let l)? = node.properties["aliases"] { return l.compactMap(\.string) }
        return []
    }
}
