import KGCore

/// A node or edge that no citation backs.
///
/// Document nodes are not statements (they are the evidence). Some edges take their
/// provenance from the statement they are part of, so they need no citation of their own:
/// `MEASURES` and `REPORTS` edges touching a cited Figure or Claim (its citations say what
/// it measures and who reported it), and `MENTIONS` edges leaving a Document (the document
/// is its own evidence).
public struct UncitedStatement: AuditRule {
    public let id = "uncited-statement"
    public let defaultSeverity = AuditSeverity.error
    public let summary = "A node or relationship has no citation."
    public let description = """
        Every statement in the graph must say where it comes from: a `cite` line naming the \
        document, line and quote. Document nodes are exempt, and so are MEASURES/REPORTS \
        relationships of a cited Figure or Claim and MENTIONS relationships from a Document, \
        whose provenance is that figure's or document's own.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        var checked = 0
        for i in g.nodeHandles {
            let node = g.nodes[i]
            guard !node.hasLabel(Document.label) else { continue }
            checked += 1
            guard node.citations.isEmpty else { continue }
            let labels = node.labels.map { ":" + $0 }.joined()
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id), location: node.location,
                message: "node \(node.id) \(labels) (\"\(node.name)\") has no citation",
                fix: "add a line `cite DOC line N \"quote\"` under the node, naming the document line that states it, or remove the node"))
        }
        for e in g.edgeHandles {
            let edge = g.edges[e]
            guard !context.inheritsProvenance(edge) else { continue }
            checked += 1
            guard edge.citations.isEmpty else { continue }
            let from = g.nodes[edge.from].id, to = g.nodes[edge.to].id
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.edge, edge.id), location: edge.location,
                message: "relationship (\(from))-[:\(edge.type)]->(\(to)) has no citation",
                fix: "add a line `cite DOC line N \"quote\"` under the edge, naming the document line that states it",
                essentials: [from, edge.type, to]))
        }
        return AuditRuleResult(findings: out, checked: checked, "node or relationship", "nodes and relationships")
    }
}
