/// A check over a graph (and, for some, its documents) that yields findings.
///
/// Rules are small values: a stable id, a default severity, a description and `check`.
/// They know nothing of the command line; `Audit` runs them and reports render their findings.
///
///     struct NoEmptyNames: AuditRule {
///         let id = "empty-name"
///         let defaultSeverity = AuditSeverity.warning
///         let summary = "A node has an empty name."
///         let description = "Every node should have a non-empty `name` property."
///         func check(_ context: AuditContext) -> [AuditFinding] { … }
///     }
///
/// A rule that can say how much it looked at ("412 quotes checked") implements `examine`
/// instead and answers `check` with `examine(context).findings`.
public protocol AuditRule: Sendable {
    /// Stable id, kebab-case (`uncited-statement`); baselines and `--rule` refer to it.
    var id: String { get }
    /// The severity of its findings unless configured otherwise.
    var defaultSeverity: AuditSeverity { get }
    /// One sentence: what the rule finds.
    var summary: String { get }
    /// A paragraph: what it checks, why it matters, how to fix a finding.
    var description: String { get }
    /// True when the rule reads the documents' text and does nothing without `--documents`.
    var needsDocuments: Bool { get }
    /// Runs the rule. Findings carry the rule's `defaultSeverity`; `Audit` may re-level them.
    func check(_ context: AuditContext) -> [AuditFinding]
    /// Runs the rule and says what it checked, for the report's per-rule summary.
    func examine(_ context: AuditContext) -> AuditRuleResult
}

extension AuditRule {
    public var needsDocuments: Bool { false }

    /// Rules that do not count what they check report their findings only.
    public func examine(_ context: AuditContext) -> AuditRuleResult {
        AuditRuleResult(findings: check(context))
    }
}

/// What one rule found and how much it looked at.
public struct AuditRuleResult: Sendable {
    public var findings: [AuditFinding]
    /// How many items of what kind the rule checked; nil when it does not say (plugin rules).
    public var coverage: AuditCoverage?

    public init(findings: [AuditFinding], coverage: AuditCoverage? = nil) {
        self.findings = findings
        self.coverage = coverage
    }

    /// `checked: 1, "quote", "quotes"`: what was counted, in the singular and the plural.
    public init(findings: [AuditFinding], checked count: Int, _ one: String, _ many: String) {
        self.init(findings: findings, coverage: AuditCoverage(count: count, items: count == 1 ? one : many))
    }
}

/// How much a rule looked at: `AuditCoverage(count: 412, items: "quotes")` is "412 quotes checked".
public struct AuditCoverage: Sendable, Hashable {
    public var count: Int
    /// What was counted, a noun phrase agreeing with `count` ("quotes", "1 figure with a value").
    public var items: String

    /// More about what was checked ("7 dated, 29 by their document's date"), or nil.
    public var note: String?

    public init(count: Int, items: String, note: String? = nil) {
        self.count = count
        self.items = items
        self.note = note
    }

    /// "412 quotes checked", "36 figures and claims checked (7 dated, …)".
    public var description: String { "\(count) \(items) checked" + (note.map { " (\($0))" } ?? "") }
}
