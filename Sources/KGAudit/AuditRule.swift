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
}

extension AuditRule {
    public var needsDocuments: Bool { false }
}
