import KGCore

/// A Figure (or dated Claim) whose latest date — `period`, `period_end`, `as_of`, else
/// `period_start` — ended more than `staleYears` years before today.
public struct StaleFigure: AuditRule {
    public let id = "stale-figure"
    public let defaultSeverity = AuditSeverity.info
    public let summary = "A figure's period is older than the staleness threshold."
    public let description = """
        A number describes its period. When the latest date a figure speaks of (period, \
        period_end or as_of; period_start when nothing later is given) ended more than N years \
        ago (--stale-years, default 5), readers should know it may no longer hold: look for a \
        newer edition of the source, or keep it as history.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        let today = context.settings.today
        let years = context.settings.staleYears
        // The cut-off is today moved back N years; a period ending before it is stale.
        let cutoff = (today.year - years) * 10000 + (today.month ?? 1) * 100 + (today.day ?? 1)
        var out: [AuditFinding] = []
        var checked = 0
        for i in context.figuresAndClaims {
            let node = g.nodes[i]
            guard let latest = StatementFacts.latestDate(of: node.properties) else { continue }
            checked += 1
            guard StatementFacts.last(latest.date) < cutoff else { continue }
            let facts = StatementFacts(node: i, in: g)
            let age = today.year - latest.date.year
            let what = facts.isFigure ? "figure" : "claim"
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id, property: latest.property),
                location: node.location, cited: node.citations.first.map(context.cited),
                message: "\(what) \(node.id) (\(facts.summary)) dates from \(latest.date) (\(latest.property)), about \(age) years before \(today); older than \(years) years",
                fix: "look for a newer edition of the source and add it as a new figure, or keep this one as history",
                essentials: [latest.property, latest.date.description]))
        }
        return AuditRuleResult(findings: out, checked: checked, "dated figure or claim", "dated figures and claims")
    }
}
