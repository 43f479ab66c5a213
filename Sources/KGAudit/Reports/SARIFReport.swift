import Foundation
import KGCore

/// The report for CI code scanning: SARIF 2.1.0.
///
/// Each result points at the .kg file and line of the statement, relative to the base
/// `%SRCROOT%` (`ReportOptions.root`: `kgq audit --base DIR`, by default the graph folder's
/// repository root; a file outside it gets an absolute `file:` URI, never `../`), carries the finding's fingerprint in `partialFingerprints`
/// (`kgqFinding/v1`) so code-scanning services track it across edits, and lists the cited
/// document line — and a misquote's nearest match, a conflict's other statement — as
/// `relatedLocations` (documents under the base `DOCUMENTS`: relative to `%SRCROOT%` when the
/// folder lies inside it, else an absolute `file:` URI). `originalUriBaseIds` gives both.
public struct SARIFReport: Sendable {
    public var options: ReportOptions

    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `partialFingerprints` key; bump the version if the fingerprint recipe changes.
    public static let fingerprintKey = "kgqFinding/v1"

    public init(options: ReportOptions = ReportOptions()) { self.options = options }

    public func render(_ report: AuditReport) -> String { json(report).rendered() + "\n" }

    public func json(_ report: AuditReport) -> JSONValue {
        var run: [(String, JSONValue)] = [
            ("tool", .object([("driver", .compact([
                ("name", .string("kgq")),
                ("version", .string(options.toolVersion)),
                ("informationUri", options.informationURI.map(JSONValue.string) ?? .null),
                ("rules", .array(report.rules.map(rule))),
            ]))])),
        ]
        var bases: [(String, JSONValue)] = []
        if let root = options.root, !root.isEmpty {
            bases.append(("%SRCROOT%", .object([("uri", .string(fileURI(directory: ReportOptions.standardized(options.absolute(root)))))])))
        }
        if let docs = report.documentsDirectory {
            bases.append(("DOCUMENTS", documentsBase(docs)))
        }
        if !bases.isEmpty { run.append(("originalUriBaseIds", .object(bases))) }
        run.append(("results", .array(report.findings.map { result($0, report) })))
        return .object([
            ("$schema", .string(SARIFReport.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
    }

    func rule(_ r: any AuditRule) -> JSONValue {
        .object([
            ("id", .string(r.id)),
            ("name", .string(camelCase(r.id))),
            ("shortDescription", .object([("text", .string(r.summary))])),
            ("fullDescription", .object([("text", .string(r.description))])),
            ("defaultConfiguration", .object([("level", .string(r.defaultSeverity.sarifLevel))])),
            ("help", .object([("text", .string(r.description))])),
            ("properties", .object([("tags", .array([.string("provenance"), .string("citation")]))])),
        ])
    }

    func result(_ f: AuditFinding, _ report: AuditReport) -> JSONValue {
        var related: [JSONValue] = []
        var nextID = 1
        func add(_ c: CitedLocation, _ text: String) {
            related.append(.object([("id", .int(nextID)), ("physicalLocation", documentLocation(c)),
                                    ("message", .object([("text", .string(text))]))]))
            nextID += 1
        }
        if let c = f.cited { add(c, "cited: \(c.document) line \(c.line)" + (c.quote.map { " \"\($0)\"" } ?? "")) }
        for e in f.evidence { add(e, "nearest match: \(e.description)" + (e.quote.map { " \"\($0)\"" } ?? "")) }
        for r in f.related {
            if let loc = r.location {
                related.append(.object([("id", .int(nextID)), ("physicalLocation", graphLocation(loc)),
                                        ("message", .object([("text", .string(r.summary))]))]))
                nextID += 1
            }
            for c in r.citations { add(c.cited, "\(r.focus.id) ← \(c.description)") }
        }
        var members: [(String, JSONValue)] = [
            ("ruleId", .string(f.ruleID)),
            ("ruleIndex", .optional(report.ruleIndex(of: f.ruleID))),
            ("level", .string(f.severity.sarifLevel)),
            ("message", .object([("text", .string("\(f.message). Fix: \(f.fix)"))])),
            ("locations", .array([locationObject(f)])),
            ("partialFingerprints", .object([(SARIFReport.fingerprintKey, .string(f.fingerprint))])),
        ]
        if !related.isEmpty { members.append(("relatedLocations", .array(related))) }
        members.append(("properties", .compact([
            ("focusKind", .string(f.focus.kind.rawValue)), ("focusId", .string(f.focus.id)),
            ("focusProperty", .optional(f.focus.property)), ("citationIndex", .optional(f.focus.citation)),
        ])))
        return .compact(members)
    }

    /// The primary location: the .kg statement, plus the focus as a logical location.
    func locationObject(_ f: AuditFinding) -> JSONValue {
        let logical: JSONValue = .array([.object([("name", .string(f.focus.id)),
                                                  ("fullyQualifiedName", .string(f.focus.description)),
                                                  ("kind", .string("object"))])])
        if let loc = f.location {
            return .object([("physicalLocation", graphLocation(loc)), ("logicalLocations", logical)])
        }
        if let c = f.cited { return .object([("physicalLocation", documentLocation(c)), ("logicalLocations", logical)]) }
        return .object([("logicalLocations", logical)])
    }

    func graphLocation(_ loc: SourceLocation) -> JSONValue {
        let artifact: JSONValue
        if let inside = options.inside(loc.file) {
            artifact = .object([("uri", .string(encode(inside))), ("uriBaseId", .string("%SRCROOT%"))])
        } else if options.root == nil && !loc.file.hasPrefix("/") {
            // No base given: a relative path is left for the consumer to resolve.
            artifact = .object([("uri", .string(encode(loc.file))), ("uriBaseId", .string("%SRCROOT%"))])
        } else {
            artifact = .object([("uri", .string(fileURI(ReportOptions.standardized(options.absolute(loc.file)))))])
        }
        return .object([("artifactLocation", artifact),
                        ("region", .object([("startLine", .int(max(1, loc.line))), ("startColumn", .int(max(1, loc.column)))]))])
    }

    func documentLocation(_ c: CitedLocation) -> JSONValue {
        var region: [(String, JSONValue)] = [("startLine", .int(max(1, c.line)))]
        if let col = c.column { region.append(("startColumn", .int(max(1, col)))) }
        return .object([
            ("artifactLocation", .object([("uri", .string(encode(c.file ?? c.document))), ("uriBaseId", .string("DOCUMENTS"))])),
            ("region", .object(region)),
        ])
    }

    /// The documents folder as a base: relative to `%SRCROOT%` when it lies inside it, else
    /// an absolute `file:` URI (a folder beside the checkout is not reached with `../`).
    func documentsBase(_ directory: String) -> JSONValue {
        if let inside = options.inside(directory) {
            let uri = inside == "." ? "./" : encode(inside) + "/"
            return .object([("uri", .string(uri)), ("uriBaseId", .string("%SRCROOT%"))])
        }
        return .object([("uri", .string(fileURI(directory: ReportOptions.standardized(options.absolute(directory)))))])
    }

    func fileURI(_ path: String) -> String { "file://" + encode(path) }
    func fileURI(directory path: String) -> String { fileURI(path.hasSuffix("/") ? path : path + "/") }

    func encode(_ path: String) -> String {
        path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
    }

    /// `uncited-statement` → `UncitedStatement` (SARIF's rule `name` is an identifier).
    func camelCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
