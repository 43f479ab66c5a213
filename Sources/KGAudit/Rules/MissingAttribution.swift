import KGCore

/// A citation without `via` whose sentence in the document attributes what it says to a
/// Source of the graph ("according to the BLS …", "enligt BLS", "said Matt Miller").
///
/// Checked: Figures, Claims and relationships — the statements. Not checked: other nodes (a
/// Role's or Skill's citations say where it is named, not who asserts it), edges touching the
/// attributed source or a Document, and edges whose provenance is their statement's
/// (`AuditContext.inheritsProvenance`).
public struct MissingAttribution: AuditRule {
    public let id = "missing-attribution"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "A cited sentence attributes the statement to a source, but the citation has no `via`."
    public let description = """
        When the sentence a citation quotes says who said it — "according to X", "X noted", \
        "said X", "data gathered by X … shows", "a survey from X", "volgens X", "aldus X", \
        "enligt X", "X konstaterar / noterar" — and X is a Source of the graph (by any name or \
        alias), the citation should say so with `via X`: the document is then a second-hand \
        witness, and second-hand-only can tell. Only the quote's own sentence counts, and a \
        concessive clause ("även om X konstaterar …", "although …") is a scope of its own. \
        Needs --documents.
        """
    public let needsDocuments = true

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        guard let corpus = context.documents else { return AuditRuleResult(findings: []) }
        let g = context.graph
        let attribution = Attribution(graph: g)
        var out: [AuditFinding] = []
        var checked = 0
        func visit(_ kind: AuditFocus.Kind, _ id: String, _ what: String, _ citations: [Citation],
                   _ location: SourceLocation?, exempt: Set<String>) {
            for (n, c) in citations.enumerated() where c.via == nil {
                guard let text = corpus.text(of: c.document), let line = text.line(c.line),
                      let columns = QuoteMatcher.locate(c.quote, inLine: line) else { continue }
                checked += 1
                let found = attribution.sources(inLine: line, around: columns).filter { !exempt.contains($0.source) }
                guard let first = found.first else { continue }
                let names = found.map { "\(context.name(of: $0.source)) (\"\($0.words)\")" }.joined(separator: ", ")
                out.append(AuditFinding(
                    rule: self.id, severity: defaultSeverity, focus: AuditFocus(kind, id, citation: n),
                    location: c.location ?? location, cited: context.cited(c),
                    message: "\(what) cites \(text.document.file):\(c.line) \"\(c.quote)\" without `via`, but the sentence attributes it to \(names)",
                    fix: "add `via \(first.source)` to the citation (and a REPORTS edge from \(first.source) for a figure or claim), or quote a sentence that states it first-hand",
                    essentials: [c.document, c.quote] + found.map(\.source)))
            }
        }
        for i in g.nodeHandles {
            let node = g.nodes[i]
            guard node.hasLabel(DomainLabel.figure) || node.hasLabel(DomainLabel.claim) else { continue }
            visit(.node, node.id, "node \(node.id)", node.citations, node.location, exempt: [node.id])
        }
        for e in g.edgeHandles {
            let edge = g.edges[e]
            let from = g.nodes[edge.from], to = g.nodes[edge.to]
            guard !context.inheritsProvenance(edge), !from.hasLabel(Document.label), !to.hasLabel(Document.label) else { continue }
            visit(.edge, edge.id, "relationship \(context.describe(edge))", edge.citations, edge.location, exempt: [from.id, to.id])
        }
        return AuditRuleResult(findings: out, checked: checked, "citation without `via`", "citations without `via`")
    }
}
