import KGCore

/// The report for scripts. Shape (documented in docs/audit.md):
///
///     {"tool": {"name": "kgq audit", "version": "…"},
///      "summary": {"findings": 3, "error": 1, "warning": 1, "info": 1, "suppressed": 0, "skippedRules": []},
///      "rules": [{"id", "severity", "summary", "description", "ran", "skipped"?, "checked"?, "checkedItems"?, "checkedNote"?,
///                 "findings": {"error", "warning", "info", "suppressed"}}],
///      "findings": [{"ruleId", "severity", "focus": {"kind", "id", "property"?, "citation"?},
///                    "location": {"file", "line", "column"}?, "cited": {"document", "file"?, "line", "column"?, "quote"?}?,
///                    "message", "fix", "fingerprint", "evidence": [cited…], "related": [{"focus", "location"?, "summary", "citations": [{…cited, "via"?}]}]}]}
public struct JSONReport: Sendable {
    public var options: ReportOptions

    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    public func render(_ report: AuditReport) -> String { json(report).rendered() + "\n" }

    public func json(_ report: AuditReport) -> JSONValue {
        .object([
            ("tool", .object([("name", .string("kgq audit")), ("version", .string(options.toolVersion))])),
            ("summary", .object([
                ("findings", .int(report.findings.count)),
                ("error", .int(report.count(.error))),
                ("warning", .int(report.count(.warning))),
                ("info", .int(report.count(.info))),
                ("suppressed", .int(report.suppressed)),
                ("skippedRules", .array(report.skippedRules.map { .string($0) })),
            ])),
            ("rules", .array(report.rules.map { rule in
                let run = report.ruleRuns.first { $0.ruleID == rule.id }
                return .compact([
                    ("id", .string(rule.id)), ("severity", .string(rule.defaultSeverity.rawValue)),
                    ("summary", .string(rule.summary)), ("description", .string(rule.description)),
                    ("ran", .bool(run?.skipped == nil)), ("skipped", .optional(run?.skipped)),
                    ("checked", .optional(run?.coverage?.count)), ("checkedItems", .optional(run?.coverage?.items)),
                    ("checkedNote", .optional(run?.coverage?.note)),
                    ("findings", run.map { r in
                        .object([("error", .int(r.errors)), ("warning", .int(r.warnings)), ("info", .int(r.info)),
                                 ("suppressed", .int(r.suppressed))])
                    } ?? .null),
                ])
            })),
            ("findings", .array(report.findings.map(json))),
        ])
    }

    func json(_ f: AuditFinding) -> JSONValue {
        .compact([
            ("ruleId", .string(f.ruleID)),
            ("severity", .string(f.severity.rawValue)),
            ("focus", json(f.focus)),
            ("location", f.location.map(json) ?? .null),
            ("cited", f.cited.map(json) ?? .null),
            ("message", .string(f.message)),
            ("fix", .string(f.fix)),
            ("fingerprint", .string(f.fingerprint)),
            ("evidence", .array(f.evidence.map(json))),
            ("related", .array(f.related.map { r in
                .compact([
                    ("focus", json(r.focus)),
                    ("location", r.location.map(json) ?? .null),
                    ("summary", .string(r.summary)),
                    ("citations", .array(r.citations.map { c in
                        guard case .object(var members) = json(c.cited) else { return .null }
                        if let via = c.via { members.append(("via", .string(via))) }
                        return .object(members)
                    })),
                ])
            })),
        ])
    }

    func json(_ focus: AuditFocus) -> JSONValue {
        .compact([("kind", .string(focus.kind.rawValue)), ("id", .string(focus.id)),
                  ("property", .optional(focus.property)), ("citation", .optional(focus.citation))])
    }

    func json(_ loc: SourceLocation) -> JSONValue {
        .object([("file", .string(options.relative(loc.file))), ("line", .int(loc.line)), ("column", .int(loc.column))])
    }

    func json(_ c: CitedLocation) -> JSONValue {
        .compact([("document", .string(c.document)), ("file", .optional(c.file)), ("line", .int(c.line)),
                  ("column", .optional(c.column)), ("quote", .optional(c.quote))])
    }
}
