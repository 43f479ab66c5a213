import KGCore

/// A citation naming a document that is not registered, or a `via` source that is not in
/// the graph (or is not a Source).
///
/// The .kg loader already rejects these, but graphs also come from importers and from
/// in-session edits, so the audit checks again.
public struct UnknownReference: AuditRule {
    public let id = "unknown-reference"
    public let defaultSeverity = AuditSeverity.error
    public let summary = "A citation names an unknown document or original source."
    public let description = """
        A citation's document must be a registered Document node, and its `via` must name a \
        node of the graph labelled Source (the organisation or survey the document attributes \
        the statement to). Otherwise the citation cannot be followed back to its origin.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        var checked = 0
        func visit(_ kind: AuditFocus.Kind, _ id: String, _ citations: [Citation], _ location: SourceLocation?) {
            for (n, c) in citations.enumerated() {
                checked += 1
                let focus = AuditFocus(kind, id, citation: n)
                let at = c.location ?? location
                if g.document(id: c.document) == nil {
                    let what = g.node(id: c.document) == nil ? "is not in the graph" : "is not a Document node"
                    out.append(AuditFinding(
                        rule: self.id, severity: defaultSeverity, focus: focus, location: at,
                        cited: context.cited(c),
                        message: "\(kind.rawValue) \(id) cites document '\(c.document)', which \(what)",
                        fix: "register the document with `document \(c.document) { file: …, sha256: … }` or correct the id",
                        essentials: ["document", c.document, c.quote]))
                }
                if let via = c.via {
                    let node = g.node(id: via).map { g.nodes[$0] }
                    if node == nil || !(node!.hasLabel(DomainLabel.source)) {
                        let what = node == nil ? "is not in the graph" : "is not labelled Source"
                        out.append(AuditFinding(
                            rule: self.id, severity: defaultSeverity, focus: focus, location: at,
                            cited: context.cited(c),
                            message: "\(kind.rawValue) \(id) cites via '\(via)', which \(what)",
                            fix: "declare `node \(via) :Source { name: … }` or correct the `via` id",
                            essentials: ["via", via, c.document, c.quote]))
                    }
                }
            }
        }
        for i in g.nodeHandles { visit(.node, g.nodes[i].id, g.nodes[i].citations, g.nodes[i].location) }
        for e in g.edgeHandles { visit(.edge, g.edges[e].id, g.edges[e].citations, g.edges[e].location) }
        return AuditRuleResult(findings: out, checked: checked, "citation", "citations")
    }
}
