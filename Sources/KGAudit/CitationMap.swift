import KGCore

/// The citation map: a small graph of documents → original sources → figures and claims,
/// for drawing through the exporters (`kgq audit --map map.svg`).
///
/// - a Document node per cited document, a Source node per original source, the Figure and
///   Claim nodes (copied, with their properties);
/// - `(document)-[:ATTRIBUTES_TO]->(source)` when the document cites a statement `via` it,
///   `(source)-[:REPORTS {document, line}]->(statement)` for that statement, and
///   `(document)-[:STATES {line}]->(statement)` for a citation without `via`;
/// - each statement gets `audit_severity` (the worst finding about it) and `audit_rules`
///   (the rule ids that fired), so a renderer can colour what needs attention.
public enum CitationMap {
    public static func build(from graph: Graph, findings: [AuditFinding] = []) -> Graph {
        var map = Graph()
        var worst: [String: AuditSeverity] = [:]
        var rulesByFocus: [String: Set<String>] = [:]
        for f in findings where f.focus.kind == .node {
            worst[f.focus.id] = max(worst[f.focus.id] ?? f.severity, f.severity)
            rulesByFocus[f.focus.id, default: []].insert(f.ruleID)
        }
        func copy(_ id: String) -> Int? {
            if let i = map.node(id: id) { return i }
            guard let i = graph.node(id: id) else { return nil }
            var node = graph.nodes[i]
            node.citations = []
            if let s = worst[id] { node.properties["audit_severity"] = .string(s.rawValue) }
            if let r = rulesByFocus[id] { node.properties["audit_rules"] = .list(r.sorted().map { .string($0) }) }
            return try? map.addNode(node)
        }
        func link(_ from: Int, _ type: String, _ to: Int, _ properties: [String: Value]) {
            let id = "\(map.nodes[from].id)-\(type)->\(map.nodes[to].id)"
                + (properties["line"].map { "@\($0)" } ?? "")
                + (properties["document"]?.string.map { "/\($0)" } ?? "")
            guard map.edge(id: id) == nil else { return }
            _ = try? map.addEdge(Edge(id: id, type: type, from: from, to: to, properties: properties))
        }
        for i in graph.nodeHandles {
            let node = graph.nodes[i]
            guard node.hasLabel("Figure") || node.hasLabel("Claim"), let statement = copy(node.id) else { continue }
            for c in node.citations {
                guard let doc = copy(c.document) else { continue }
                if let via = c.via, let source = copy(via) {
                    link(doc, "ATTRIBUTES_TO", source, [:])
                    link(source, "REPORTS", statement, ["document": .string(c.document), "line": .int(c.line)])
                } else {
                    link(doc, "STATES", statement, ["line": .int(c.line)])
                }
            }
        }
        return map
    }
}
