import KGCore

/// A Figure or Claim whose citations' `via` and its `REPORTS` edges name different sources:
/// a `via` with no `(via)-[:REPORTS]->(statement)`, a REPORTS edge from a source no citation
/// attributes it to, or a REPORTS edge cited `via` some other source.
public struct AttributionMismatch: AuditRule {
    public let id = "attribution-mismatch"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "A statement's `via` and its REPORTS edges name different sources."
    public let description = """
        The graph says who a figure or claim comes from twice: in the `via` of its citations \
        and in `(source)-[:REPORTS]->(statement)` edges. Queries follow the edges and reports \
        follow the `via`, so the two must agree: every `via` source reports the statement, \
        every reporting source appears in some `via`, and a REPORTS edge is not cited `via` \
        another source. Add the missing edge or `via`, or correct the one that is wrong.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        let statements = context.figuresAndClaims
        for i in statements {
            let node = g.nodes[i]
            let vias = Set(node.citations.compactMap(\.via))
            let reports = g.incoming(i).map { g.edges[$0] }.filter { $0.type == DomainRelationship.reports }
            let reporters = Set(reports.map { g.nodes[$0.from].id })
            let what = node.hasLabel(DomainLabel.figure) ? "figure" : "claim"
            func list(_ s: Set<String>) -> String { s.isEmpty ? "none" : s.sorted().joined(separator: ", ") }
            for via in vias.subtracting(reporters).sorted() {
                let n = node.citations.firstIndex { $0.via == via }
                out.append(AuditFinding(
                    rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id, citation: n),
                    location: node.location, cited: n.map { context.cited(node.citations[$0]) },
                    message: "\(what) \(node.id) is cited via \(via), but no REPORTS edge comes from it (REPORTS from: \(list(reporters)))",
                    fix: "add `edge \(via) -[:REPORTS]-> \(node.id)` with its citation, or correct the `via`",
                    essentials: ["via-without-reports", via]))
            }
            for reporter in reporters.subtracting(vias).sorted() {
                out.append(AuditFinding(
                    rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id), location: node.location,
                    cited: node.citations.first.map(context.cited),
                    message: "\(what) \(node.id) has a REPORTS edge from \(reporter), but none of its citations is `via \(reporter)` (via: \(list(vias)))",
                    fix: "add `via \(reporter)` to the citation whose sentence attributes it, or remove the REPORTS edge",
                    essentials: ["reports-without-via", reporter]))
            }
            for edge in reports {
                let from = g.nodes[edge.from].id
                for (n, c) in edge.citations.enumerated() {
                    guard let via = c.via, via != from else { continue }
                    out.append(AuditFinding(
                        rule: id, severity: defaultSeverity, focus: AuditFocus(.edge, edge.id, citation: n),
                        location: c.location ?? edge.location, cited: context.cited(c),
                        message: "relationship \(context.describe(edge)) is cited via \(via), not via the source it starts at",
                        fix: "cite it `via \(from)`, or start the edge at \(via)",
                        essentials: ["edge-via", from, via, c.quote]))
                }
            }
        }
        return AuditRuleResult(findings: out, checked: statements.count, "figure or claim", "figures and claims")
    }
}
