import KGCore

/// The outcome of an audit: the rules that ran, the findings left after the baseline, and
/// what the reports need to say about the run.
public struct AuditReport: Sendable {
    /// The rules that ran, in order (SARIF's `ruleIndex` points into this).
    public var rules: [any AuditRule]
    /// Findings, most severe first, then by file, line and rule.
    public var findings: [AuditFinding]
    /// Findings a baseline suppressed.
    public var suppressed: Int
    /// Rules that need --documents and were given none (so found nothing).
    public var skippedRules: [String]
    /// Per rule, in `rules` order: what it checked or why it was skipped, and its findings.
    public var ruleRuns: [AuditRuleRun]
    /// The documents folder, when given.
    public var documentsDirectory: String?
    /// Number of nodes and edges audited.
    public var nodeCount: Int
    public var edgeCount: Int

    public init(rules: [any AuditRule], findings: [AuditFinding], suppressed: Int = 0, skippedRules: [String] = [],
                ruleRuns: [AuditRuleRun]? = nil, documentsDirectory: String? = nil, nodeCount: Int = 0, edgeCount: Int = 0) {
        self.rules = rules
        self.findings = findings
        self.suppressed = suppressed
        self.skippedRules = skippedRules
        self.ruleRuns = ruleRuns ?? rules.map { rule in
            if skippedRules.contains(rule.id) { return AuditRuleRun(ruleID: rule.id, skipped: "needs --documents") }
            let own = findings.filter { $0.ruleID == rule.id }
            return AuditRuleRun(ruleID: rule.id, errors: own.filter { $0.severity == .error }.count,
                                warnings: own.filter { $0.severity == .warning }.count,
                                info: own.filter { $0.severity == .info }.count)
        }
        self.documentsDirectory = documentsDirectory
        self.nodeCount = nodeCount
        self.edgeCount = edgeCount
    }

    /// Findings per severity.
    public func count(_ severity: AuditSeverity) -> Int { findings.filter { $0.severity == severity }.count }

    /// True when some finding is at or above `threshold` (nil: never).
    public func fails(at threshold: AuditSeverity?) -> Bool {
        guard let threshold else { return false }
        return findings.contains { $0.severity >= threshold }
    }

    /// "3 errors, 12 warnings, 5 notes (2 suppressed by the baseline)".
    public var summaryLine: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var s = "\(plural(findings.count, "finding")): \(plural(count(.error), "error")), "
            + "\(plural(count(.warning), "warning")), \(count(.info)) info"
        if suppressed > 0 { s += " (\(suppressed) suppressed by the baseline)" }
        return s
    }

    /// Index of a rule in `rules`.
    public func ruleIndex(of id: String) -> Int? { rules.firstIndex { $0.id == id } }
}
