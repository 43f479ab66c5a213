/// How one rule fared in an audit: ran (and what it checked) or skipped (and why), and how
/// many of its findings the report holds per severity.
public struct AuditRuleRun: Sendable, Hashable {
    public var ruleID: String
    /// Why the rule did not run ("needs --documents"); nil when it ran.
    public var skipped: String?
    /// What it checked, when it ran and says.
    public var coverage: AuditCoverage?
    /// Its findings in the report (after the baseline), per severity.
    public var errors: Int
    public var warnings: Int
    public var info: Int
    /// Its findings the baseline left out.
    public var suppressed: Int

    public init(ruleID: String, skipped: String? = nil, coverage: AuditCoverage? = nil,
                errors: Int = 0, warnings: Int = 0, info: Int = 0, suppressed: Int = 0) {
        self.ruleID = ruleID
        self.skipped = skipped
        self.coverage = coverage
        self.errors = errors
        self.warnings = warnings
        self.info = info
        self.suppressed = suppressed
    }

    public var findings: Int { errors + warnings + info }

    /// `quote-not-found: 412 quotes checked, 0 findings`,
    /// `stale-figure: 16 dated statements checked, 2 warnings, 1 info`,
    /// `document-changed: skipped (needs --documents)`.
    public var description: String {
        if let skipped { return "\(ruleID): skipped (\(skipped))" }
        var parts: [String] = [coverage?.description ?? "ran"]
        if findings == 0 {
            parts.append("0 findings")
        } else {
            if errors > 0 { parts.append(AuditRuleRun.plural(errors, "error")) }
            if warnings > 0 { parts.append(AuditRuleRun.plural(warnings, "warning")) }
            if info > 0 { parts.append("\(info) info") }
        }
        if suppressed > 0 { parts.append("\(suppressed) suppressed by the baseline") }
        return "\(ruleID): " + parts.joined(separator: ", ")
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}
