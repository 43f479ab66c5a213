import KGCore

/// The report for people: findings grouped by severity (errors first), each with where the
/// statement is written, the document line it cites, the message and the fix; a summary last.
///
///     graphs/g/figures.kg:12:1: error[quote-not-found] node fig:x citation #1
///       quote "grew 16 percent" not found on 000.txt:36; nearest match on line 36, 80% similar: "…"
///       cites: doc:a 000.txt:36
///       fix:   quote the passage on line 36 verbatim: "…"
public struct TextReport: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    public func render(_ report: AuditReport) -> String {
        var out = ""
        for severity in AuditSeverity.allCases.reversed() {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\(heading(severity)) (\(group.count))\n\n"
            for f in group { out += render(f) + "\n" }
        }
        if !report.skippedRules.isEmpty {
            out += "not run without --documents: \(report.skippedRules.joined(separator: ", "))\n"
        }
        out += "summary: \(report.summaryLine)\n"
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
