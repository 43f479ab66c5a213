import KGCore

/// A citation whose quote does not stand at its line of the document, after folding
/// whitespace, Unicode composition (NFC), typographic quotes and dashes, and case.
/// Reports the nearest match: the line and passage most like the quote, with a similarity.
public struct QuoteNotFound: AuditRule {
    public let id = "quote-not-found"
    public let defaultSeverity = AuditSeverity.error
    public let summary = "A cited quote does not stand at its line in the document."
    public let description = """
        Each citation gives a document line and a verbatim quote. The quote is looked for on \
        that line after normalising whitespace, Unicode (NFC), typographic quotes and dashes, \
        and case; `...` in a quote stands for omitted words. When it is not there, the finding \
        names the passage of the document most like it (line, columns, similarity), which is \
        usually the fix: a wrong line number or a paraphrase instead of a quote. Needs --documents.
        """
    public let needsDocuments = true

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        guard let corpus = context.documents else { return AuditRuleResult(findings: []) }
        let g = context.graph
        var out: [AuditFinding] = []
        var checked = 0
        func visit(_ kind: AuditFocus.Kind, _ id: String, _ citations: [Citation], _ location: SourceLocation?) {
            for (n, c) in citations.enumerated() {
                guard let text = corpus.text(of: c.document) else { continue }
                checked += 1
                if let finding = check(c, index: n, of: kind, id, location: c.location ?? location, text: text, context: context) {
                    out.append(finding)
                }
            }
        }
        for i in g.nodeHandles { visit(.node, g.nodes[i].id, g.nodes[i].citations, g.nodes[i].location) }
        for e in g.edgeHandles { visit(.edge, g.edges[e].id, g.edges[e].citations, g.edges[e].location) }
        return AuditRuleResult(findings: out, checked: checked, "quote", "quotes")
    }

    func check(_ c: Citation, index n: Int, of kind: AuditFocus.Kind, _ id: String, location: SourceLocation?,
               text: DocumentText, context: AuditContext) -> AuditFinding? {
        let focus = AuditFocus(kind, id, citation: n)
        let cited = context.cited(c)
        // A citation read from a .kg file can be fixed there by `kgq audit --fix`.
        let fixable = c.location == nil ? "" : " (`kgq audit --fix` does)"
        let essentials = [c.document, c.quote]
        if NormalizedText(c.quote).isEmpty {
            return AuditFinding(rule: self.id, severity: defaultSeverity, focus: focus, location: location, cited: cited,
                                message: "\(kind.rawValue) \(id) cites \(cited.description) with an empty quote",
                                fix: "quote the words of the document that state it (at most about twelve)",
                                essentials: essentials)
        }
        if let line = text.line(c.line), let columns = QuoteMatcher.locate(c.quote, inLine: line) {
            // Found on its line; a given span must agree with where it stands.
            guard let span = c.span, span != columns else { return nil }
            return AuditFinding(
                rule: self.id, severity: defaultSeverity, focus: focus, location: location, cited: cited,
                message: "quote \"\(c.quote)\" stands on \(cited.description) at columns \(columns.lowerBound)-\(columns.upperBound), not \(span.lowerBound)-\(span.upperBound)",
                fix: "write `col \(columns.lowerBound)-\(columns.upperBound)` in the cite line" + fixable,
                evidence: [CitedLocation(document: c.document, file: text.document.file, line: c.line, column: columns.lowerBound)],
                essentials: essentials + ["span"],
                mechanicalFix: c.location.map { .reanchorQuote(file: $0.file, line: $0.line, document: c.document,
                                                               from: c.line, to: c.line, columns: columns) })
        }
        // A quote may run on to the next line when the document wraps its paragraphs.
        if let line = text.line(c.line), let next = text.line(c.line + 1),
           NormalizedText(line + " " + next).locate(NormalizedText(c.quote)) != nil,
           QuoteMatcher.locate(c.quote, inLine: next) == nil {
            return nil
        }
        var message = "quote \"\(c.quote)\" not found on \(cited.description)"
        if text.line(c.line) == nil { message += " (the document has \(text.lines.count) lines)" }
        // Moved: the quote stands verbatim on another line (the nearest one to where it was).
        if let moved = QuoteNotFound.movedLine(c, in: text), let line = text.line(moved),
           let columns = QuoteMatcher.locate(c.quote, inLine: line) {
            return AuditFinding(
                rule: self.id, severity: defaultSeverity, focus: focus, location: location, cited: cited,
                message: message + "; it stands verbatim on line \(moved)",
                fix: "the quote stands on line \(moved): write `line \(moved)`" + fixable,
                evidence: [CitedLocation(document: c.document, file: text.document.file, line: moved,
                                         column: columns.lowerBound, quote: c.quote)],
                essentials: essentials,
                mechanicalFix: c.location.map { .reanchorQuote(file: $0.file, line: $0.line, document: c.document,
                                                               from: c.line, to: moved, columns: c.span == nil ? nil : columns) })
        }
        var fix = "quote the document verbatim, or correct the line number"
        var evidence: [CitedLocation] = []
        var mechanical: MechanicalFix?
        if let m = QuoteMatcher.nearest(c.quote, in: text) {
            let percent = Int((m.similarity * 100).rounded(.down))
            message += "; nearest match on line \(m.line), \(percent)% similar: \"\(m.text)\""
            if m.similarity >= 0.999 {
                fix = "the quote stands on line \(m.line): write `line \(m.line)`" + fixable
                mechanical = c.location.map { .reanchorQuote(file: $0.file, line: $0.line, document: c.document,
                                                            from: c.line, to: m.line, columns: c.span == nil ? nil : m.columns) }
            } else if m.similarity >= 0.6 {
                fix = "quote the passage on line \(m.line) verbatim: \"\(m.text)\""
            }
            evidence.append(CitedLocation(document: c.document, file: text.document.file, line: m.line,
                                          column: m.columns.lowerBound, quote: m.text))
        }
        return AuditFinding(rule: self.id, severity: defaultSeverity, focus: focus, location: location, cited: cited,
                            message: message, fix: fix, evidence: evidence, essentials: essentials,
                            mechanicalFix: mechanical)
    }

    /// True when the quote stands at its line — on it, or running on to the next line of a
    /// wrapped paragraph — or stands verbatim on another line it can be re-anchored to.
    static func standsOrMoved(_ c: Citation, in text: DocumentText) -> Bool {
        if let line = text.line(c.line) {
            if QuoteMatcher.locate(c.quote, inLine: line) != nil { return true }
            if let next = text.line(c.line + 1), NormalizedText(line + " " + next).locate(NormalizedText(c.quote)) != nil {
                return true
            }
        }
        return movedLine(c, in: text) != nil
    }

    /// The line other than its own where the quote stands verbatim (after normalisation),
    /// the nearest one to its own when there are several; nil when there is none.
    static func movedLine(_ c: Citation, in text: DocumentText) -> Int? {
        QuoteMatcher.linesContaining(c.quote, in: text).filter { $0 != c.line }
            .min { abs($0 - c.line) < abs($1 - c.line) }
    }
}
