import KGCore

/// One result of an audit rule, shaped as SHACL validation results and SARIF results are:
/// a rule id, a severity, the focus, where the statement is written (.kg file:line), the
/// document line it cites, a message, a suggested fix and a stable fingerprint.
public struct AuditFinding: Sendable, Hashable {
    /// Id of the rule that produced it (`uncited-statement`, …).
    public var ruleID: String
    public var severity: AuditSeverity
    public var focus: AuditFocus
    /// Where the statement in focus is written in a graph file, when it came from one.
    public var location: SourceLocation?
    /// The document line the statement cites (the citation in focus), when there is one.
    public var cited: CitedLocation?
    /// What is wrong, in a sentence or two.
    public var message: String
    /// What to do about it.
    public var fix: String
    /// Other document places that help: the nearest match of a misquote, the line of an
    /// uncaptured number.
    public var evidence: [CitedLocation]
    /// Other statements involved (the other side of a conflict), with their citation chains.
    public var related: [RelatedStatement]
    /// The fix, when it is mechanical enough for `kgq audit --fix` to apply it.
    public var mechanicalFix: MechanicalFix?
    /// Hash of the rule id, the focus and the essential content — never of line numbers — so a
    /// baseline keeps matching after edits that only move statements around.
    public var fingerprint: String

    /// Creates a finding; `essentials` are the content that identifies it besides the rule and
    /// the focus (e.g. the quote and document of a misquoted citation), and make the fingerprint.
    public init(rule: String, severity: AuditSeverity, focus: AuditFocus, location: SourceLocation?,
                cited: CitedLocation? = nil, message: String, fix: String,
                evidence: [CitedLocation] = [], related: [RelatedStatement] = [], essentials: [String] = [],
                mechanicalFix: MechanicalFix? = nil) {
        self.ruleID = rule
        self.severity = severity
        self.focus = focus
        self.location = location
        self.cited = cited
        self.message = message
        self.fix = fix
        self.evidence = evidence
        self.related = related
        self.mechanicalFix = mechanicalFix
        self.fingerprint = AuditFinding.fingerprint(rule: rule, focus: focus, essentials: essentials)
    }

    /// The fingerprint of a finding: the first 32 hex digits of a SHA-256 over the rule, the
    /// focus (kind, id, property — not the citation index, which moves when citations are
    /// reordered) and the essentials, separated by a unit separator.
    public static func fingerprint(rule: String, focus: AuditFocus, essentials: [String]) -> String {
        let parts = [rule, focus.kind.rawValue, focus.id, focus.property ?? ""] + essentials
        return String(SHA256.hex(parts.joined(separator: "\u{1F}")).prefix(32))
    }
}
