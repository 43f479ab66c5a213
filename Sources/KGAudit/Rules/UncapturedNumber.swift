import KGCore

/// A number stated in a registered document that no statement citing its line captures —
/// what the curators of the graph may have missed.
///
/// Which numbers count (see `NumberScanner`): percentages, money and counts, read in the
/// document's locale. Skipped as not worth a Figure: years standing alone (they date other
/// numbers), times of day, list numbering at the start of a line ("1. Business Ideas" —
/// menus and tables of contents), and numbers glued to words ("24-hour", "MP3").
///
/// A number is captured only when a statement citing that document line holds it as a
/// property: a Figure's `value`, `low` or `high` (or any other number property), or a number
/// property of any other node or relationship citing the line (`years: 2` on a REQUIRES).
/// A quote that merely contains the number does not capture it — deleting the Figure for
/// "36 procent" must not go unnoticed because a claim happens to quote the same words — but
/// the message names such quoting statements, so the fix is quick.
public struct UncapturedNumber: AuditRule {
    public let id = "uncaptured-number"
    public let defaultSeverity = AuditSeverity.warning
    public let summary = "A number in a registered document is captured by no figure or statement property."
    public let description = """
        Coverage: every percentage, amount of money or count stated in a registered document \
        should be held by a statement citing that line — a Figure's `value`/`low`/`high`, or a \
        number property of another node or relationship citing it — so the graph does not \
        silently miss what its sources say. A citation that only quotes the number does not \
        capture it; the message says which statements quote it without holding it. Years on \
        their own, times of day, list numbering at the start of a line ("1. Business Ideas") \
        and numbers inside words ("24-hour") are ignored. Add a Figure with a `cite` of the \
        line (or the property to the statement that quotes it), or baseline the finding if the \
        number is not worth capturing. Needs --documents.
        """
    public let needsDocuments = true

    public init() {}

    public func check(_ context: AuditContext) -> [AuditFinding] { examine(context).findings }

    public func examine(_ context: AuditContext) -> AuditRuleResult {
        guard let corpus = context.documents else { return AuditRuleResult(findings: []) }
        let g = context.graph
        // Per document line: the numbers statements citing it hold, and which statements quote it.
        struct LineKey: Hashable { var document: String; var line: Int }
        struct Quoting { var statement: String; var quote: String }
        var held: [LineKey: [Double]] = [:]
        var quoting: [LineKey: [Quoting]] = [:]
        func visit(_ statement: String, _ properties: [String: Value], _ citations: [Citation]) {
            let values = properties.values.flatMap(numbers)
            for c in citations {
                let key = LineKey(document: c.document, line: c.line)
                held[key, default: []] += values
                quoting[key, default: []].append(Quoting(statement: statement, quote: c.quote))
            }
        }
        for i in g.nodeHandles where !g.nodes[i].hasLabel(Document.label) {
            visit(g.nodes[i].id, g.nodes[i].properties, g.nodes[i].citations)
        }
        for e in g.edgeHandles {
            visit(context.describe(g.edges[e]), g.edges[e].properties, g.edges[e].citations)
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
                let values = held[key] ?? []
                for t in tokens {
                    checked += 1
                    guard !values.contains(where: { $0 == t.low || $0 == t.high }) else { continue }
                    // Statements whose quote on this line contains the number: they quote it, not capture it.
                    let quoters = (quoting[key] ?? []).filter { q in
                        NumberScanner.scan(q.quote, language: doc.language).contains { $0.low == t.low && $0.high == t.high }
                    }
                    let names = Array(Set(quoters.map(\.statement))).sorted()
                    let what = "\(t.kind.rawValue) \"\(t.text)\" on \(doc.file):\(index + 1)"
                    let number = StatementFacts.format(t.low) + (t.high != t.low ? "–" + StatementFacts.format(t.high) : "")
                    let message: String, fix: String
                    if names.isEmpty {
                        message = "\(what) is captured by no Figure or statement property, and no citation quotes it (\"…\(t.context)…\")"
                        fix = "add a Figure for it with `cite \(doc.id) line \(index + 1) \"…\"`, or baseline this finding if it is not worth capturing"
                    } else {
                        message = "\(what) is quoted by \(names.joined(separator: ", ")) but captured by no Figure or statement property (none citing the line holds \(number)) (\"…\(t.context)…\")"
                        fix = "add a Figure with value \(number) citing \(doc.id) line \(index + 1), or give \(names[0]) a property holding it; baseline this finding if it is not worth capturing"
                    }
                    out.append(AuditFinding(
                        rule: id, severity: defaultSeverity, focus: AuditFocus(.document, doc.id),
                        location: location,
                        cited: CitedLocation(document: doc.id, file: doc.file, line: index + 1, column: t.column, quote: t.text),
                        message: message, fix: fix,
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
