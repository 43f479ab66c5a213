import KGCore

/// A Figure or Claim that one document alone backs.
public struct SingleSource: AuditRule {
    public let id = "single-source"
    public let defaultSeverity = AuditSeverity.info
    public let summary = "A figure or claim is backed by one document only."
    public let description = """
        A number or judgement that only one document states has not been corroborated. \
        That is often fine, but worth knowing before relying on it: look for a second, \
        independent document and cite it too.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        let statements = context.figuresAndClaims
        for i in statements {
            let node = g.nodes[i]
            let documents = Set(node.citations.map(\.document))
            guard documents.count == 1, let doc = documents.first else { continue }
            let facts = StatementFacts(node: i, in: g)
            let what = facts.isFigure ? "figure" : "claim"
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id), location: node.location,
                cited: node.citations.first.map(context.cited),
                message: "\(what) \(node.id) (\(facts.summary)) is backed by one document only: \(doc)",
                fix: "find an independent document that states it and cite it too",
                essentials: [doc]))
        }
        return AuditRuleResult(findings: out, checked: statements.count, "figure or claim", "figures and claims")
    }
}
