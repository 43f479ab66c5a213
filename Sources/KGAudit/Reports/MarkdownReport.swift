import Foundation
import KGCore

/// The report for pull requests: a heading with the summary, one table per severity
/// (rule, where, cites, message, fix), conflicts' citation chains as nested lists.
public struct MarkdownReport: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    public func render(_ report: AuditReport) -> String {
        var out = "## Citation audit\n\n\(report.summaryLine)\n"
        if !report.skippedRules.isEmpty {
            out += "\nNot run without `--documents`: \(report.skippedRules.map { "`\($0)`" }.joined(separator: ", ")).\n"
        }
        let ran = report.ruleRuns.filter { $0.skipped == nil }.count
        out += "\n<details><summary>Rules: \(ran) ran, \(report.ruleRuns.count - ran) skipped</summary>\n\n"
        for run in report.ruleRuns { out += "- \(cell(run.description))\n" }
        out += "\n</details>\n"
        for severity in AuditSeverity.allCases.reversed() {
            let group = report.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += "\n### \(title(severity)) (\(group.count))\n\n"
            out += "| rule | where | cites | message | fix |\n|---|---|---|---|---|\n"
            for f in group {
                let at = f.location.map { "`\(options.relative($0.file)):\($0.line)`" } ?? "`\(f.focus.id)`"
                let cites = f.cited.map { "`\($0.description)`" } ?? ""
                out += "| `\(f.ruleID)` | \(at) | \(cites) | \(cell(f.message)) | \(cell(f.fix)) |\n"
            }
            let chained = group.filter { !$0.related.isEmpty }
            for f in chained {
                out += "\n<details><summary>Citation chains: \(cell(f.focus.id))</summary>\n\n"
                for r in f.related {
                    out += "- \(cell(r.summary))\n"
                    for c in r.citations { out += "  - \(cell(c.description))\n" }
                }
                out += "\n</details>\n"
            }
        }
        return out
    }

    func title(_ s: AuditSeverity) -> String {
        switch s {
        case .error: return "Errors"
        case .warning: return "Warnings"
        case .info: return "Info"
        }
    }

    /// Text safe inside a table cell: pipes escaped, newlines as spaces, HTML brackets escaped.
    func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
