import KGCore

/// The report for people: first a summary per rule (what it checked, or why it was skipped,
/// and its findings per severity); then the errors and warnings in full, each with where the
/// statement is written, the document line it cites, the message and the fix; the info
/// findings one line per rule (all of them with `verbose`); the totals last.
///
///     rules: 12 ran
///       quote-not-found: 412 quotes checked, 1 error
///       single-source: 30 figures and claims checked, 28 info
///
///     ERRORS (1)
///
///     graphs/g/figures.kg:12:1: error[quote-not-found] node fig:x citation #1
///       quote "grew 16 percent" not found on 000.txt:36; nearest match on line 36, 80% similar: "…"
///       cites: doc:a 000.txt:36
///       fix:   quote the passage on line 36 verbatim: "…"
///
///     INFO (28, one line per rule; --verbose lists each)
///
///       single-source (28): fig:a (graphs/g/figures.kg:3), fig:b (graphs/g/figures.kg:9), … and 22 more
public struct TextReport: Sendable {
    public var options: ReportOptions

    /// How many foci a collapsed rule line names before "… and N more".
    static let collapsedNames = 6

    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    public func render(_ report: AuditReport) -> String {
        var out = rulesSummary(report) + "\n"
        for severity in AuditSeverity.allCases.reversed() {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            if severity == .info && !options.verbose {
                out += "\(heading(severity)) (\(group.count), one line per rule; --verbose lists each)\n\n"
                out += collapsed(group) + "\n"
                continue
            }
            out += "\(heading(severity)) (\(group.count))\n\n"
            for f in group { out += render(f) + "\n" }
        }
        out += "summary: \(report.summaryLine)\n"
        return out
    }

    /// `rules: 8 ran, 4 not run without --documents: …` and a line per rule.
    func rulesSummary(_ report: AuditReport) -> String {
        let skipped = report.ruleRuns.filter { $0.skipped != nil }
        var out = "rules: \(report.ruleRuns.count - skipped.count) ran"
        let withoutDocuments = skipped.filter { $0.skipped == "needs --documents" }.map(\.ruleID)
        if !withoutDocuments.isEmpty {
            out += ", \(withoutDocuments.count) not run without --documents: \(withoutDocuments.joined(separator: ", "))"
        }
        let other = skipped.count - withoutDocuments.count
        if other > 0 { out += ", \(other) skipped" }
        out += "\n"
        for run in report.ruleRuns { out += "  \(run.description)\n" }
        return out
    }

    /// One line per rule: its count and the foci it is about, the first few with where they are written.
    func collapsed(_ findings: [AuditFinding]) -> String {
        var order: [String] = []
        var byRule: [String: [AuditFinding]] = [:]
        for f in findings {
            if byRule[f.ruleID] == nil { order.append(f.ruleID) }
            byRule[f.ruleID, default: []].append(f)
        }
        var out = ""
        for rule in order.sorted() {
            let group = byRule[rule] ?? []
            let named = group.prefix(TextReport.collapsedNames).map { f in
                f.focus.id + (f.location.map { " (\(options.relative($0.file)):\($0.line))" } ?? "")
            }
            let more = group.count - named.count
            out += "  \(rule) (\(group.count)): \(named.joined(separator: ", "))\(more > 0 ? ", … and \(more) more" : "")\n"
        }
        return out
    }

    func heading(_ s: AuditSeverity) -> String {
        switch s {
        case .error: return "ERRORS"
        case .warning: return "WARNINGS"
        case .info: return "INFO"
        }
    }

    func render(_ f: AuditFinding) -> String {
        var out = ""
        if let loc = f.location {
            out += "\(options.relative(loc.file)):\(loc.line):\(loc.column): "
        }
        out += "\(f.severity.rawValue)[\(f.ruleID)] \(f.focus.description)\n"
        out += "  \(f.message)\n"
        if let c = f.cited { out += "  cites:   \(c.document) \(c.description)\n" }
        for e in f.evidence { out += "  nearest: \(e.description)\(e.column.map { ":\($0)" } ?? "")\n" }
        for r in f.related {
            let at = r.location.map { " (\(options.relative($0.file)):\($0.line))" } ?? ""
            out += "  chain:   \(r.summary)\(at)\n"
            for c in r.citations { out += "             ← \(c.description)\n" }
        }
        out += "  fix:     \(f.fix)\n"
        return out
    }
}
