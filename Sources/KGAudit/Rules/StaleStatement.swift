import KGCore

/// A relationship — a requirement, a duty, a condition, any statement that is not a Figure or
/// Claim (stale-figure checks those) — whose date is older than the staleness threshold: its
/// own `period`/`as_of`, or, as most relationships have none, the date of the documents that
/// state it (the latest known one). Also a document whose declaration gives no `date` at all,
/// since nothing it backs can then be checked (`date: "unknown"` says so on purpose and is
/// counted in the summary instead).
public struct StaleStatement: AuditRule {
    public let id = "stale-statement"
    public let defaultSeverity = AuditSeverity.info
    public let summary = "A relationship is known only from documents older than the staleness threshold."
    public let description = """
        Requirements, duties and conditions change. A relationship without a date of its own \
        holds as of the documents that state it: when the latest of their dates (`date` in the \
        document declaration, published or retrieved) is more than N years old (--stale-years, \
        default 5), check it against a newer document. A document that declares no `date` is \
        reported too — write `date: date("…")` or, when nobody knows, `date: "unknown"`. \
        Relationships whose provenance is their figure's (MEASURES, REPORTS) and MENTIONS from \
        a document are left out.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        let today = context.settings.today
        let years = context.settings.staleYears
        var out: [AuditFinding] = []
        var checked = 0, own = 0, inherited = 0, unknown = 0
        for e in g.edgeHandles {
            let edge = g.edges[e]
            guard !edge.citations.isEmpty, !context.inheritsProvenance(edge) else { continue }
            checked += 1
            let date = StatementDate(properties: edge.properties, citations: edge.citations, in: g)
            switch date {
            case .own: own += 1
            case .document: inherited += 1
            case .unknown: unknown += 1
            }
            guard let d = date.date, date.isStale(context.settings) else { continue }
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.edge, edge.id, property: date.property),
                location: edge.location, cited: edge.citations.first.map(context.cited),
                message: "relationship \(context.describe(edge)) \(date.description), about \(today.year - d.year) years before \(today); older than \(years) years",
                fix: "check it against a newer document and cite that too, or give it the period it held in",
                essentials: [g.nodes[edge.from].id, edge.type, g.nodes[edge.to].id, d.description]))
        }
        // A document that says nothing about its date: nothing it backs can be checked.
        var uses: [String: Int] = [:]
        for i in g.nodeHandles { for c in g.nodes[i].citations { uses[c.document, default: 0] += 1 } }
        for e in g.edgeHandles { for c in g.edges[e].citations { uses[c.document, default: 0] += 1 } }
        for doc in g.documents where doc.date == .undeclared {
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.document, doc.id, property: "date"),
                location: g.node(id: doc.id).flatMap { g.nodes[$0].location },
                cited: CitedLocation(document: doc.id, file: doc.file, line: 1),
                message: "document \(doc.id) (\(doc.file)) declares no date, so the staleness of its \(uses[doc.id] ?? 0) citation(s) cannot be checked",
                fix: "add `date: date(\"YYYY-MM-DD\")` (published; `date_basis: \"retrieved\"` for a retrieval date) to the declaration, or `date: \"unknown\"` when nobody knows",
                essentials: ["undeclared-date", doc.file]))
        }
        let unknownDocuments = g.documents.filter { $0.date == .unknown }.map(\.id)
        var note = "\(own) dated, \(inherited) by their document's date, \(unknown) with documents of unknown date"
        if !unknownDocuments.isEmpty { note += "; date unknown: \(unknownDocuments.joined(separator: ", "))" }
        return AuditRuleResult(findings: out, coverage: AuditCoverage(
            count: checked, items: checked == 1 ? "cited relationship" : "cited relationships", note: note))
    }
}
