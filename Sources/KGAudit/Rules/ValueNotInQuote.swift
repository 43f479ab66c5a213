import KGCore

/// A Figure whose number — `value`, or `low` and `high` — none of its citations' quotes states,
/// read with the document language's number conventions (`QuotedNumbers`).
///
/// Where a quote shows the unit, it must agree: a percent figure is not backed by "$ 36", nor
/// a USD figure by "36 procent". A quote that states the number without a unit ("24 timmar",
/// "två till tre veckor") backs it.
public struct ValueNotInQuote: AuditRule {
    public let id = "value-not-in-quote"
    public let defaultSeverity = AuditSeverity.error
    public let summary = "A figure's value is stated in none of its quotes."
    public let description = """
        A Figure's number is only as good as the words it was read from: its `value` (or both \
        `low` and `high`) must stand in at least one of its citations' quotes, read the way the \
        document's language writes numbers ("15, 81 dollar" = 15.81 in Swedish, "$ 30.000" = \
        30000, "två till tre veckor" = 2 to 3, "en av fem" = 20 percent), with a unit that \
        agrees where the quote shows one (%, percent, procent, $, dollar, kronor …). A typo in \
        the value (15.18 for 15.81, 3.6 for 36) is caught here. Fix the value, or quote the \
        words that state it.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        var checked = 0
        for i in g.nodes(labelled: "Figure") {
            let node = g.nodes[i]
            guard !node.citations.isEmpty else { continue }
            let wanted: [(property: String, value: Double)]
            if let v = node.properties["value"]?.number {
                wanted = [("value", v)]
            } else {
                wanted = [("low", node.properties["low"]?.number), ("high", node.properties["high"]?.number)]
                    .compactMap { p, v in v.map { (p, $0) } }
            }
            guard !wanted.isEmpty else { continue }
            checked += 1
            let unit = UnitClass(node.properties["unit"]?.string)
            var readings: [QuotedNumbers.Reading] = []
            for c in node.citations {
                readings += QuotedNumbers.read(c.quote, language: g.document(id: c.document)?.language ?? "en")
            }
            let missing = wanted.filter { w in !readings.contains { unit.accepts($0) && Self.same($0.value, w.value) } }
            guard let first = missing.first else { continue }
            let what = missing.map { "\($0.property) \(StatementFacts.format($0.value))" }.joined(separator: " and ")
            let unitText = node.properties["unit"]?.string.map { " \($0)" } ?? ""
            let stated = readings.isEmpty ? "no number"
                : Array(Set(readings.map { "\(StatementFacts.format($0.value)) (\"\($0.text)\")" })).sorted().joined(separator: ", ")
            let wrongUnit = missing.contains { w in readings.contains { Self.same($0.value, w.value) } }
            let location = node.location.map { "\($0.file):\($0.line)" } ?? node.id
            out.append(AuditFinding(
                rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id, property: first.property),
                location: node.location, cited: node.citations.first.map(context.cited),
                message: "figure \(node.id) at \(location): \(what)\(unitText) is stated in none of its \(node.citations.count) quote(s)"
                    + (wrongUnit ? " with that unit" : "") + "; they state \(stated)",
                fix: "correct the \(first.property) to the number the document states, or cite the words that state \(StatementFacts.format(first.value))",
                essentials: missing.map { "\($0.property)=\($0.value)" }))
        }
        return AuditRuleResult(findings: out, checked: checked, "cited figure with a value", "cited figures with a value")
    }

    static func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

    /// What a figure's unit lets a quote's number be.
    enum UnitClass {
        case percent, money, other

        init(_ unit: String?) {
            let u = (unit ?? "").lowercased()
            if ["percent", "%", "procent", "percentage points"].contains(u) { self = .percent }
            else if ["usd", "eur", "sek", "gbp", "dollar", "dollars", "kronor"].contains(where: { u.hasPrefix($0) }) { self = .money }
            else { self = .other }
        }

        /// A number written with a unit must be written with this one; a bare number always fits.
        func accepts(_ r: QuotedNumbers.Reading) -> Bool {
            switch (self, r.kind) {
            case (.percent, .money), (.money, .percentage), (.other, .percentage), (.other, .money): return false
            default: return true
            }
        }
    }
}
