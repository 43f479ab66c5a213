import KGCore

/// A Figure or Claim whose date — its own latest (`period`, `period_end`, `as_of`, else
/// `period_start`), or when it has none the date of the documents it cites — ended more than
/// `staleYears` years before today. A definition (`definition: true`, such as "half earn
/// more than the median") holds at any time and is not checked.
public struct StaleFigure: AuditRule {
    public let id = "stale-figure"
    public let defaultSeverity = AuditSeverity.info
    public let summary = "A figure's or claim's date is older than the staleness threshold."
    public let description = """
        A number describes its period. When the latest date a figure or claim speaks of \
        (period, period_end or as_of; period_start when nothing later is given) ended more than \
        N years ago (--stale-years, default 5), readers should know it may no longer hold: look \
        for a newer edition of the source, or keep it as history. A statement without a date \
        of its own inherits the date of the document it cites (`date` in the document \
        declaration: published or retrieved); when no date is known the summary counts it. \
        Definitions (`definition: true`, e.g. "50 % earn more than the median") are not checked.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        let today = context.settings.today
        let years = context.settings.staleYears
        var out: [AuditFinding] = []
        var own = 0, inherited = 0, unknown = 0, definitions = 0
        let statements = context.figuresAndClaims
        for i in statements {
            let node = g.nodes[i]
            if node.properties["definition"] == .bool(true) { definitions += 1; continue }
            let date = StatementDate(properties: node.properties, citations: node.citations, in: g)
            switch date {
            case .own: own += 1
            case .document: inherited += 1
            case .unknown: unknown += 1
            }
            guard let d = date.date, date.isStale(context.settings) else { continue }
            let facts = StatementFacts(node: i, in: g)
            let what = facts.isFigure ? "figure" : "claim"
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id, property: date.property),
                location: node.location, cited: node.citations.first.map(context.cited),
                message: "\(what) \(node.id) (\(facts.summary)) \(date.description), about \(today.year - d.year) years before \(today); older than \(years) years",
                fix: date.property == nil
                    ? "give it the period it speaks of, or look for a newer document that states it"
                    : "look for a newer edition of the source and add it as a new figure, or keep this one as history",
                essentials: [date.property ?? "document-date", d.description]))
        }
        var note = "\(own) dated, \(inherited) by their document's date, \(unknown) undated with documents of unknown date"
        if definitions > 0 { note += ", \(definitions) definition\(definitions == 1 ? "" : "s") not checked" }
        return AuditRuleResult(findings: out, coverage: AuditCoverage(
            count: statements.count, items: statements.count == 1 ? "figure or claim" : "figures and claims", note: note))
    }
}
