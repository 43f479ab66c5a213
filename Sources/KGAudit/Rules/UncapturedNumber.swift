import KGCore

/// A number stated in a registered document that no citation on its line captures — what the
/// curators of the graph may have missed.
///
/// Which numbers count (see `NumberScanner`): percentages, money and counts, read in the
/// document's locale. Skipped as not worth a Figure: years standing alone (they date other
/// numbers), times of day, list numbering at the start of a line ("1. Business Ideas" —
/// menus and tables of contents), and numbers glued to words ("24-hour", "MP3").
/// A number is captured when a citation of that document line quotes it, or a Figure or Claim
/// citing that line has it as a property (`value`, `low`, `high`, or any other number such as
/// years of experience).
public struct UncapturedNumber: AuditRule {
    public let id = "uncaptured-number"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "A number in a registered document is not captured by any figure."
    public let description = """
        Coverage: every percentage, amount of money or count stated in a registered document \
        should be captured by a Figure citing that line (or at least quoted by some citation \
        of it), so the graph does not silently miss what its sources say. Years on their own, \
        times of day, list numbering at the start of a line ("1. Business Ideas") and numbers \
        inside words ("24-hour") are ignored. Add a Figure with a `cite` of the line, or \
        baseline the finding if the number is not worth capturing. Needs --documents.
        """
    public let needsDocuments = true

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        guard let corpus = context.documents else { return AuditRuleResult(findings: []) }
        let g = context.graph
        // Per document line: the citations there, and the figures citing it.
        struct LineKey: Hashable { var document: String; var line: Int }
        var quotes: [LineKey: [String]] = [:]
        var figureValues: [LineKey: [Double]] = [:]
        for i in g.nodeHandles {
            let node = g.nodes[i]
            let values = node.properties.values.flatMap(numbers)
            let isStatement = node.hasLabel("Figure") || node.hasLabel("Claim")
            for c in node.citations {
                let key = LineKey(document: c.document, line: c.line)
                quotes[key, default: []].append(c.quote)
                if isStatement { figureValues[key, default: []] += values }
            }
        }
        for e in g.edgeHandles {
            for c in g.edges[e].citations { quotes[LineKey(document: c.document, line: c.line), default: []].append(c.quote) }
        }

        var out: [AuditFinding] = []
        var checked = 0
        for doc in g.documents {
            guard let text = corpus.text(of: doc.id) else { continue }
            let location = g.node(id: doc.id).flatMap { g.nodes[$0].location }
            for (index, line) in text.lines.enumerated() {
                let key = LineKey(document: doc.id, line: index + 1)
                let tokens = NumberScanner.scan(line, language: doc.language)
                    .filter { [.percentage, .money, .count].contains($0.kind) }
                guard !tokens.isEmpty else { continue }
                let quoted = (quotes[key] ?? []).flatMap { NumberScanner.scan($0, language: doc.language) }
                let values = figureValues[key] ?? []
                for t in tokens {
                    checked += 1
                    let captured = quoted.contains { $0.low == t.low && $0.high == t.high }
                        || values.contains { $0 == t.low || $0 == t.high }
                    guard !captured else { continue }
                    out.append(AuditFinding(
                        rule: id, severity: defaultSeverity, focus: AuditFocus(.document, doc.id),
                        location: location,
                        cited: CitedLocation(document: doc.id, file: doc.file, line: index + 1, column: t.column, quote: t.text),
                        message: "\(t.kind.rawValue) \"\(t.text)\" on \(doc.file):\(index + 1) is not captured by any figure (\"…\(t.context)…\")",
                        fix: "add a Figure for it with `cite \(doc.id) line \(index + 1) \"…\"`, or baseline this finding if it is not worth capturing",
                        essentials: [t.kind.rawValue, t.text, t.context]))
                }
            }
        }
        return AuditRuleResult(findings: out, checked: checked, "number in the documents", "numbers in the documents")
    }

    /// The numbers in a property value (lists and maps searched; a range map `{low, high}` too).
    func numbers(_ v: Value) -> [Double] {
        switch v {
        case .int, .float: return v.number.map { [$0] } ?? []
        case .list(let l): return l.flatMap(numbers)
        case .map(let m): return m.values.flatMap(numbers)
        default: return []
        }
    }
}
