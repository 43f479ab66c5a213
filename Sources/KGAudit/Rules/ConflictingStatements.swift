import KGCore

/// Two Figures or Claims on the same measure, subject and (overlapping) period that disagree.
///
/// They disagree when both are numbers in the same unit further apart than the tolerance,
/// when both are qualitative with different assessments, or when a qualitative assessment
/// faces a number from the same original source (one source saying two things that cannot
/// both be checked against each other: "faster than average" beside "5 percent"). A
/// statement without a period or region is taken to overlap any other.
public struct ConflictingStatements: AuditRule {
    public let id = "conflicting-statements"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "Two figures or claims on the same measure, subject and period disagree."
    public let description = """
        Figures and claims with the same `measure`, a common MEASURES subject, overlapping \
        periods and compatible regions should agree: equal numbers (within a small relative \
        tolerance) in the same unit, equal assessments. A qualitative assessment next to a \
        number from the same original source is flagged too. Both citation chains are shown; \
        check both against the original source and correct, qualify or remove one.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        let statements = context.figuresAndClaims.map { StatementFacts(node: $0, in: g) }
            .filter { $0.measure != nil && !$0.subjects.isEmpty }
        // Only statements on the same measure can conflict: compare within each measure.
        let byMeasure = Dictionary(grouping: statements) { $0.measure ?? "" }
        var out: [AuditFinding] = []
        for measure in byMeasure.keys.sorted() {
            let group = byMeasure[measure] ?? []
            for (ai, a) in group.enumerated() {
                for b in group[(ai + 1)...] {
                    guard !a.subjects.isDisjoint(with: b.subjects) else { continue }
                    if let ra = a.region, let rb = b.region, ra.lowercased() != rb.lowercased() { continue }
                    if let pa = a.period, let pb = b.period, !pa.overlaps(pb) { continue }
                    guard let reason = disagreement(a, b, tolerance: context.settings.relativeTolerance, context: context)
                    else { continue }
                    out.append(finding(a, b, reason: reason, context: context))
                }
            }
        }
        return AuditRuleResult(findings: out, checked: statements.count, "figure or claim with a measure and a subject", "figures and claims with a measure and a subject")
    }

    /// Why two comparable statements disagree, or nil when they agree or cannot be compared.
    func disagreement(_ a: StatementFacts, _ b: StatementFacts, tolerance: Double, context: AuditContext) -> String? {
        if let na = a.number, let nb = b.number {
            guard (a.unit ?? "").lowercased() == (b.unit ?? "").lowercased() else { return nil }
            let gap = max(nb.lowerBound - na.upperBound, na.lowerBound - nb.upperBound, 0)
            let scale = max(abs(na.upperBound), abs(nb.upperBound), abs(na.lowerBound), abs(nb.lowerBound))
            guard gap > tolerance * scale else { return nil }
            return "the numbers differ (\(a.summary) vs \(b.summary))"
        }
        if a.number == nil, b.number == nil, let sa = a.assessment, let sb = b.assessment {
            return sa == sb ? nil : "the assessments differ (\"\(sa)\" vs \"\(sb)\")"
        }
        if (a.number == nil) != (b.number == nil) {
            let (q, n) = a.number == nil ? (a, b) : (b, a)
            guard let assessment = q.assessment, let number = n.number else { return nil }
            return disagreement(assessment: assessment, of: q, number: number, of: n, context: context)
        }
        return nil
    }

    /// What a qualitative assessment says about a number: a direction ("growing", "declining")
    /// the number's sign can confirm, or a comparison ("faster than average") that it cannot.
    enum AssessmentKind { case rising, falling, comparison }

    static func kind(of assessment: String) -> AssessmentKind {
        let a = assessment.lowercased()
        if a.contains("than") || a.contains("average") || a.contains("most") { return .comparison }
        if ["declin", "shrink", "fall", "decreas", "drop"].contains(where: a.contains) { return .falling }
        if ["grow", "increas", "ris", "expand"].contains(where: a.contains) { return .rising }
        return .comparison
    }

    /// An assessment facing a number: a direction disagrees when the sign does not match; a
    /// comparison is flagged when both come from the same original source, or when either
    /// names none (nothing then tells whether the number is above the average it compares with).
    func disagreement(assessment: String, of q: StatementFacts, number: ClosedRange<Double>, of n: StatementFacts,
                      context: AuditContext) -> String? {
        switch ConflictingStatements.kind(of: assessment) {
        case .rising:
            return number.upperBound > 0 ? nil : "\"\(assessment)\" faces a number that is not positive (\(n.summary))"
        case .falling:
            return number.lowerBound < 0 ? nil : "\"\(assessment)\" faces a number that is not negative (\(n.summary))"
        case .comparison:
            let shared = q.sources.intersection(n.sources).sorted()
            if !shared.isEmpty {
                let names = shared.map { context.name(of: $0) }.joined(separator: ", ")
                return "a qualitative assessment (\"\(assessment)\") faces a number (\(n.summary)) from the same source (\(names)); nothing in the graph says whether the number is above the average the assessment compares with"
            }
            if q.sources.isEmpty || n.sources.isEmpty {
                let unsourced = n.sources.isEmpty ? "the number" : "the assessment"
                return "a qualitative assessment (\"\(assessment)\") faces a number (\(n.summary)); \(unsourced) names no original source, so they may be the same source's two statements, and nothing in the graph says whether the number is above the average the assessment compares with"
            }
            return nil
        }
    }

    func finding(_ a: StatementFacts, _ b: StatementFacts, reason: String, context: AuditContext) -> AuditFinding {
        let g = context.graph
        let subjects = a.subjects.intersection(b.subjects).sorted()
        let subjectNames = subjects.map { context.name(of: $0) }.joined(separator: ", ")
        func kind(_ s: StatementFacts) -> String { s.isFigure ? "figure" : "claim" }
        func related(_ s: StatementFacts) -> RelatedStatement {
            let node = g.nodes[s.handle]
            return RelatedStatement(focus: AuditFocus(.node, s.id), location: node.location,
                                    summary: "\(kind(s)) \(s.id): \(s.summary)",
                                    citations: node.citations.map(context.chain))
        }
        let first = g.nodes[a.handle].citations.first.map(context.cited)
        return AuditFinding(
            rule: id, severity: defaultSeverity, focus: AuditFocus(.node, a.id), location: g.nodes[a.handle].location,
            cited: first,
            message: "\(kind(a)) \(a.id) and \(kind(b)) \(b.id) on \"\(a.measure ?? "")\" of \(subjectNames) disagree: \(reason)",
            fix: "check both against the original source; correct or remove one, or give them the periods or regions that tell them apart",
            related: [related(a), related(b)],
            essentials: [b.id, a.summary, b.summary])
    }
}
