/// How much a finding matters. Ordered: `info < warning < error`, so `--fail-on warning`
/// means "a warning or an error".
public enum AuditSeverity: String, Sendable, Hashable, CaseIterable, Comparable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: AuditSeverity, b: AuditSeverity) -> Bool { a.rank < b.rank }

    /// The SARIF `level` for this severity (`note` is SARIF's word for info).
    public var sarifLevel: String {
        switch self {
        case .info: return "note"
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}
