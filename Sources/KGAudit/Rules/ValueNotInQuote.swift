import Foundation
import KGCore

/// A Figure whose number — `value`, or `low` and `high` — none of its citations' quotes states,
/// read with the document language's number conventions (`QuotedNumbers`).
///
/// Where a quote shows the unit, it must agree: a percent figure is not backed by "$ 36", nor
/// a USD figure by "36 procent". A quote that states the number without a unit ("24 timmar",
/// "två till tre veckor") backs it. A time of day (`value: localtime("18:25")`) must stand in
/// a quote as a clock time ("18.25 uur", "6:25 pm"), and a figure's `stated` words — the
/// original wording of a normalised number — must stand in one of its quotes as written.
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
        the value (15.18 for 15.81, 3.6 for 36) is caught here. A time of day \
        (localtime("18:25")) must stand as a clock time ("18.25 uur"), and the figure's \
        `stated` words (its original wording) in a quote as written. Fix the value, or quote \
        the words that state it.
        """

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        let g = context.graph
        var out: [AuditFinding] = []
        var checked = 0
        for i in g.nodes(labelled: DomainLabel.figure) {
            let node = g.nodes[i]
            guard !node.citations.isEmpty else { continue }
            if let finding = statedWordsMissing(node, context) { out.append(finding) }
            if case .temporal(.localTime(let time))? = node.properties["value"] {
                checked += 1
                if let finding = timeMissing(node, time, context) { out.append(finding) }
                continue
            }
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
            // The words of a proportion ("en av fem") are not listed again one by one ("en", "fem").
            let proportions = readings.filter { $0.kind == .percentage && $0.text.contains(" ") }.map { $0.text.split(separator: " ").map(String.init) }
            let shown = readings.filter { r in !(r.kind == .count && proportions.contains { $0.contains(r.text) }) }
            let stated = shown.isEmpty ? "no number"
                : Array(Set(shown.map { "\(StatementFacts.format($0.value)) (\"\($0.text)\")" })).sorted().joined(separator: ", ")
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

    /// A figure whose `stated` words stand in none of its quotes (after the quote matcher's
    /// folding of case, spaces and typographic marks).
    func statedWordsMissing(_ node: Node, _ context: AuditContext) -> AuditFinding? {
        guard let stated = node.properties["stated"]?.string, !stated.isEmpty else { return nil }
        let words = NormalizedText(stated)
        guard !node.citations.contains(where: { NormalizedText($0.quote).firstRange(of: words.characters[...]) != nil }) else { return nil }
        let location = node.location.map { "\($0.file):\($0.line)" } ?? node.id
        return AuditFinding(
            rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id, property: "stated"),
            location: node.location, cited: node.citations.first.map(context.cited),
            message: "figure \(node.id) at \(location): its stated words \"\(stated)\" stand in none of its \(node.citations.count) quote(s) ("
                + node.citations.map { "\"\($0.quote)\"" }.joined(separator: "; ") + ")",
            fix: "write in `stated` the words of the quote that state the number, or cite the line that has \"\(stated)\"",
            essentials: ["stated=\(stated)"])
    }

    /// A figure whose time of day stands in none of its quotes as a clock time.
    func timeMissing(_ node: Node, _ time: TimeOfDay, _ context: AuditContext) -> AuditFinding? {
        var found: [(hour: Int, minute: Int, text: String)] = []
        for c in node.citations {
            found += Self.clockTimes(in: c.quote, language: context.graph.document(id: c.document)?.language ?? "en")
        }
        guard !found.contains(where: { $0.hour == time.hour && $0.minute == time.minute }) else { return nil }
        let wanted = String(format: "%02d:%02d", time.hour, time.minute)
        let stated = found.isEmpty ? "no clock time"
            : found.map { String(format: "%02d:%02d", $0.hour, $0.minute) + " (\"\($0.text)\")" }.joined(separator: ", ")
        let location = node.location.map { "\($0.file):\($0.line)" } ?? node.id
        return AuditFinding(
            rule: id, severity: defaultSeverity, focus: AuditFocus(.node, node.id, property: "value"),
            location: node.location, cited: node.citations.first.map(context.cited),
            message: "figure \(node.id) at \(location): time of day \(wanted) is stated in none of its \(node.citations.count) quote(s); they state \(stated)",
            fix: "correct the value to the time the document states, or cite the words that state \(wanted)",
            essentials: ["value=\(wanted)"])
    }

    /// The clock times a quote states: "18.25 uur", "kl. 9.30", "6:30 pm" (12-hour times after
    /// noon read with `pm`), as hour and minute.
    static func clockTimes(in quote: String, language: String) -> [(hour: Int, minute: Int, text: String)] {
        var out: [(hour: Int, minute: Int, text: String)] = []
        let chars = Array(quote)
        for token in NumberScanner.scan(quote, language: language) where token.kind == .time {
            let parts = token.text.split(whereSeparator: { $0 == "." || $0 == ":" })
            guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), parts[1].count == 2,
                  (0...24).contains(h), (0...59).contains(m) else { continue }
            let end = token.column - 1 + token.text.count
            let after = NumberScanner.wordAfter(chars, min(end, chars.count))?.word.lowercased()
            let afternoon = (after == "pm" || after == "p.m.") && h < 12
            out.append((afternoon ? h + 12 : h, m, token.text))
        }
        return out
    }

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
