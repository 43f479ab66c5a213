import KGCore

/// Runs audit rules over a graph and gathers their findings into a report.
///
///     let context = AuditContext(graph: graph, documents: try DocumentCorpus.load(documentsOf: graph, from: "../shared/seeds"))
///     let report = Audit(rules: BuiltinRules.all).run(context, baseline: [])
///     print(TextReport().render(report))
public struct Audit: Sendable {
    public var rules: [any AuditRule]

    public init(rules: [any AuditRule] = BuiltinRules.all) {
        self.rules = rules
    }

    /// Runs every rule; findings whose fingerprint is in `baseline` are left out (and counted).
    /// The report says per rule what it checked, or why it did not run.
    public func run(_ context: AuditContext, baseline: Set<String> = []) -> AuditReport {
        var kept: [AuditFinding] = []
        var runs: [AuditRuleRun] = []
        var suppressed = 0
        for rule in rules {
            if rule.needsDocuments && context.documents == nil {
                runs.append(AuditRuleRun(ruleID: rule.id, skipped: "needs --documents"))
                continue
            }
            let result = rule.examine(context)
            let mine = result.findings.filter { !baseline.contains($0.fingerprint) }
            var run = AuditRuleRun(ruleID: rule.id, coverage: result.coverage,
                                   suppressed: result.findings.count - mine.count)
            for f in mine {
                switch f.severity {
                case .error: run.errors += 1
                case .warning: run.warnings += 1
                case .info: run.info += 1
                }
            }
            runs.append(run)
            suppressed += run.suppressed
            kept += mine
        }
        return AuditReport(rules: rules, findings: Audit.sorted(kept), suppressed: suppressed,
                           skippedRules: runs.filter { $0.skipped != nil }.map(\.ruleID), ruleRuns: runs,
                           documentsDirectory: context.documents?.directory,
                           nodeCount: context.graph.nodeCount, edgeCount: context.graph.edgeCount)
    }

    /// Most severe first; then by .kg file and line, rule, focus and fingerprint, so output is stable.
    static func sorted(_ findings: [AuditFinding]) -> [AuditFinding] {
        findings.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            let la = a.location.map { ($0.file, $0.line, $0.column) } ?? ("\u{10FFFF}", 0, 0)
            let lb = b.location.map { ($0.file, $0.line, $0.column) } ?? ("\u{10FFFF}", 0, 0)
            if la != lb { return la < lb }
            if a.ruleID != b.ruleID { return a.ruleID < b.ruleID }
            let ca = a.cited.map { ($0.document, $0.line, $0.column ?? 0) } ?? ("", 0, 0)
            let cb = b.cited.map { ($0.document, $0.line, $0.column ?? 0) } ?? ("", 0, 0)
            if ca != cb { return ca < cb }
            if a.focus.id != b.focus.id { return a.focus.id < b.focus.id }
            return a.fingerprint < b.fingerprint
        }
    }
}
