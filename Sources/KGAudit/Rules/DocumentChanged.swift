import KGCore

/// A registered document whose file is missing or whose bytes no longer hash to the
/// registered SHA-256: every line number and quote cited from it may now be wrong.
public struct DocumentChanged: AuditRule {
    public let id = "document-changed"
    public let defaultSeverity = AuditSeverity.error
    public let summary = "A registered document's file is missing or its SHA-256 differs."
    public let description = """
        Citations point at lines of a document as it was when registered. When the file's \
        SHA-256 differs from the registered `sha256` (or the file is gone), the lines and \
        quotes may no longer be where the graph says. Check the quotes (the quote-not-found \
        rule lists those that moved), then update the `sha256`. Needs --documents.
        """
    public let needsDocuments = true

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        guard let corpus = context.documents else { return AuditRuleResult(findings: []) }
        let g = context.graph
        var out: [AuditFinding] = []
        var citationsOf: [String: [Citation]] = [:]
        for i in g.nodeHandles { for c in g.nodes[i].citations { citationsOf[c.document, default: []].append(c) } }
        for e in g.edgeHandles { for c in g.edges[e].citations { citationsOf[c.document, default: []].append(c) } }
        let citationCounts = citationsOf.mapValues(\.count)
        for doc in g.documents {
            let location = g.node(id: doc.id).flatMap { g.nodes[$0].location }
            let focus = AuditFocus(.document, doc.id, property: "sha256")
            let cited = CitedLocation(document: doc.id, file: doc.file, line: 1)
            let uses = citationCounts[doc.id] ?? 0
            switch corpus.lookups[doc.id] {
            case .missing(let path)?:
                out.append(AuditFinding(
                    rule: id, severity: defaultSeverity, focus: AuditFocus(.document, doc.id, property: "file"),
                    location: location, cited: cited,
                    message: "document \(doc.id): file '\(doc.file)' not found (looked for \(path)); \(uses) citation(s) cannot be checked",
                    fix: "put the file in the documents folder, or correct the document's `file`",
                    essentials: ["missing", doc.file]))
            case .unreadable(let path, let reason)?:
                out.append(AuditFinding(
                    rule: id, severity: defaultSeverity, focus: AuditFocus(.document, doc.id, property: "file"),
                    location: location, cited: cited,
                    message: "document \(doc.id): cannot read \(path): \(reason)",
                    fix: "make the file readable", essentials: ["unreadable", doc.file]))
            case .read(let text)?:
                guard !text.matchesRegisteredHash else { continue }
                let registered = doc.sha256.isEmpty ? "no sha256 is registered" : "registered \(doc.sha256.prefix(12))…"
                // Mechanical only when every quote still stands (or stands verbatim on a line
                // it can be re-anchored to): then the new hash is all that is left to record.
                let intact = (citationsOf[doc.id] ?? []).allSatisfy { QuoteNotFound.standsOrMoved($0, in: text) }
                let mechanical: MechanicalFix? = intact ? location.map {
                    .documentHash(file: $0.file, line: $0.line, document: doc.id, old: doc.sha256, new: text.sha256)
                } : nil
                out.append(AuditFinding(
                    rule: id, severity: defaultSeverity, focus: focus, location: location, cited: cited,
                    message: "document \(doc.id) (\(doc.file)) changed: SHA-256 is \(text.sha256.prefix(12))…, \(registered); its \(uses) citation(s) may point at moved or changed lines"
                        + (intact ? " (every quote still stands, or stands verbatim on another line)" : ""),
                    fix: mechanical != nil ? "set `sha256: \"\(text.sha256)\"` (`kgq audit --fix` does, re-anchoring moved quotes; "
                        + "or `kgq doc add \(text.path) --update`)"
                        : "re-register it with `kgq doc add \(text.path) --update`, which first checks every quote citing it "
                            + "against the new text; or check them yourself, then set `sha256: \"\(text.sha256)\"`",
                    essentials: [doc.sha256, text.sha256], mechanicalFix: mechanical))
            case nil:
                continue
            }
        }
        return AuditRuleResult(findings: out, checked: g.documents.count, "document", "documents")
    }
}
