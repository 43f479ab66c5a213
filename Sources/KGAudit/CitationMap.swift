import KGCore

/// The citation map: documents → the original sources they attribute statements to → the
/// figures and claims, each coloured by the worst audit finding about it
/// (`kgq audit --map map.svg`).
///
/// - an ``Item`` per cited document, per original source named in a `via`, per Figure and Claim;
/// - a ``Link`` `document ATTRIBUTES_TO source` when the document cites a statement `via` it,
///   `source REPORTS statement` for that statement, and `document STATES statement` for a
///   citation without `via`; each link stands for the citations that make it;
/// - an item's severity is the worst finding about it (its statement, source or document,
///   or a conflict it is the other side of);
///   a link's is the worst finding about the citations it stands for — a finding about one
///   citation (`citation #2`) only colours that citation's link, a finding about the whole
///   statement colours every link into it;
/// - tooltips carry the real citations (quote, gloss, document title and line, original
///   source) and the findings, so a reader sees what the colour means.
///
/// The drawing itself (DOT, rendered through Graphviz) is the command's: this is its data,
/// deterministic (graph order) and testable without Graphviz.
public struct CitationMap: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case document, source, figure, claim
    }

    /// A node of the map.
    public struct Item: Sendable, Hashable {
        public var id: String
        public var kind: Kind
        /// Caption lines: a figure's amount and measure, a claim's assessment and measure, a name.
        public var caption: [String]
        /// The worst finding about it; nil when it has none.
        public var severity: AuditSeverity?
        /// `rule: message` of each finding about it.
        public var findings: [String]
        /// The id, what it is, then its citations and findings, one per line.
        public var tooltip: String
    }

    /// A relationship of the map, standing for one or more citations.
    public struct Link: Sendable, Hashable {
        public var from: String
        public var to: String
        /// `ATTRIBUTES_TO`, `REPORTS` or `STATES`.
        public var type: String
        public var severity: AuditSeverity?
        public var findings: [String]
        /// The citations it stands for, then the findings about them.
        public var tooltip: String
        /// `doc:x REPORTS fig:y` for tests and messages.
        public var description: String { "\(from) \(type) \(to)" }
    }

    public var items: [Item]
    public var links: [Link]

    /// How many items and links have `severity` as their worst (nil: no finding).
    public func count(_ severity: AuditSeverity?) -> (items: Int, links: Int) {
        (items.filter { $0.severity == severity }.count, links.filter { $0.severity == severity }.count)
    }

    /// Builds the map of `graph` coloured by `findings` (findings about relationships of the
    /// graph and about nodes not on the map leave it as it is).
    public static func build(from graph: Graph, findings: [AuditFinding] = []) -> CitationMap {
        var builder = Builder(graph: graph, findings: findings)
        for i in graph.nodeHandles {
            let node = graph.nodes[i]
            guard node.hasLabel(DomainLabel.figure) || node.hasLabel(DomainLabel.claim), !node.citations.isEmpty else { continue }
            builder.add(statement: node)
        }
        return builder.map()
    }

    /// One citation of one statement, the unit a link stands for.
    struct Cited: Hashable {
        var statement: String
        var index: Int
        var citation: Citation
    }

    struct Builder {
        let graph: Graph
        var byFocus: [String: [AuditFinding]] = [:]
        var itemOrder: [String] = []
        var kinds: [String: Kind] = [:]
        var itemCitations: [String: [Citation]] = [:]
        var linkOrder: [String] = []
        var linkParts: [String: (from: String, to: String, type: String, cited: [Cited])] = [:]

        init(graph: Graph, findings: [AuditFinding]) {
            self.graph = graph
            for f in findings where f.focus.kind != .edge {
                byFocus[f.focus.id, default: []].append(f)
                // The other side of a conflict is as much in question as the statement in focus.
                for r in f.related where r.focus.kind != .edge && r.focus.id != f.focus.id {
                    var other = f
                    other.focus = AuditFocus(r.focus.kind, r.focus.id)
                    byFocus[r.focus.id, default: []].append(other)
                }
            }
        }

        mutating func item(_ id: String, _ kind: Kind) {
            guard kinds[id] == nil else { return }
            kinds[id] = kind
            itemOrder.append(id)
        }

        mutating func link(_ from: String, _ type: String, _ to: String, _ cited: Cited) {
            let key = "\(from)\u{1F}\(type)\u{1F}\(to)"
            if linkParts[key] == nil {
                linkParts[key] = (from, to, type, [])
                linkOrder.append(key)
            }
            linkParts[key]!.cited.append(cited)
        }

        mutating func add(statement node: Node) {
            item(node.id, node.hasLabel(DomainLabel.figure) ? .figure : .claim)
            itemCitations[node.id] = node.citations
            for (index, c) in node.citations.enumerated() {
                guard graph.document(id: c.document) != nil else { continue }
                item(c.document, .document)
                let cited = Cited(statement: node.id, index: index, citation: c)
                if let via = c.via, graph.node(id: via) != nil {
                    item(via, .source)
                    link(c.document, "ATTRIBUTES_TO", via, cited)
                    link(via, DomainRelationship.reports, node.id, cited)
                } else {
                    link(c.document, "STATES", node.id, cited)
                }
            }
        }

        /// The findings about one citation: those about it alone, and those about its whole statement.
        func findings(about cited: Cited) -> [AuditFinding] {
            (byFocus[cited.statement] ?? []).filter { $0.focus.citation == nil || $0.focus.citation == cited.index }
        }

        func map() -> CitationMap {
            var items: [Item] = []
            for id in itemOrder {
                let kind = kinds[id]!
                let found = byFocus[id] ?? []
                let node = graph.node(id: id).map { graph.nodes[$0] }
                var lines = [id]
                if let node { lines.append(CitationMap.what(node, kind: kind, in: graph)) }
                if kind == .figure || kind == .claim {
                    lines += (itemCitations[id] ?? []).map { CitationMap.describe($0, in: graph) }
                }
                lines += found.map(CitationMap.describe)
                if found.isEmpty { lines.append("no finding") }
                items.append(Item(id: id, kind: kind, caption: node.map { CitationMap.caption($0, kind: kind) } ?? [id],
                                  severity: found.map(\.severity).max(), findings: found.map(CitationMap.describe),
                                  tooltip: lines.joined(separator: "\n")))
            }
            var links: [Link] = []
            for key in linkOrder {
                let part = linkParts[key]!
                var found: [AuditFinding] = []
                for cited in part.cited {
                    for f in findings(about: cited) where !found.contains(f) { found.append(f) }
                }
                var lines = ["\(part.from) \(part.type) \(part.to)"]
                lines += part.cited.map { "\($0.statement): " + CitationMap.describe($0.citation, in: graph) }
                lines += found.map { "\($0.focus.id) " + CitationMap.describe($0) }
                if found.isEmpty { lines.append("no finding") }
                links.append(Link(from: part.from, to: part.to, type: part.type, severity: found.map(\.severity).max(),
                                  findings: found.map(CitationMap.describe), tooltip: lines.joined(separator: "\n")))
            }
            return CitationMap(items: items, links: links)
        }
    }

    /// `“quote” (gloss) — Title, line 21, via U.S. Bureau of Labor Statistics`
    static func describe(_ c: Citation, in graph: Graph) -> String {
        var line = "“\(c.quote)”"
        if let gloss = c.gloss { line += " (\(gloss))" }
        line += " — \(graph.document(id: c.document)?.title ?? c.document), line \(c.line)"
        if let via = c.via { line += ", via \(graph.node(id: via).map { graph.nodes[$0].name } ?? via)" }
        return line
    }

    /// `warning second-hand-only: message`
    static func describe(_ f: AuditFinding) -> String { "\(f.severity.rawValue) \(f.ruleID): \(f.message)" }

    /// What an item is, in a line: a document's title and file, a source's name, a statement's words.
    static func what(_ node: Node, kind: Kind, in graph: Graph) -> String {
        switch kind {
        case .document:
            let d = Document(node: node)
            return [d?.title, d?.publisher, d?.file].compactMap { $0 }.joined(separator: " · ")
        case .source: return node.name
        case .figure, .claim:
            return node.properties["statement"]?.string ?? caption(node, kind: kind).joined(separator: " ")
        }
    }

    /// The caption lines of an item.
    static func caption(_ node: Node, kind: Kind) -> [String] {
        let p = node.properties
        switch kind {
        case .document: return [Document(node: node)?.title ?? node.id]
        case .source: return [node.name]
        case .figure:
            var amount: String?
            if let v = p["value"]?.number { amount = StatementFacts.format(v) }
            else if case .temporal(let t)? = p["value"] { amount = t.description }
            else if let lo = p["low"]?.number, let hi = p["high"]?.number { amount = "\(StatementFacts.format(lo))–\(StatementFacts.format(hi))" }
            let unit = p["unit"]?.string.map { " \($0)" } ?? ""
            return [amount.map { $0 + unit }, p["measure"]?.string].compactMap { $0 }
        case .claim:
            return [p["assessment"]?.string, p["measure"]?.string].compactMap { $0 }
        }
    }
}
