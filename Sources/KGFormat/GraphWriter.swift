import KGCore

/// Writes (part of) a graph as one .kg file that `GraphLoader` reads back to the same nodes,
/// relationships, names and citations: what `kgq export --format kg` and the REPL's
/// `:export kg FILE` produce, so a CSV import or an in-session edit can be kept as text.
///
/// The file is self-contained: besides the given nodes and relationships it holds both ends of
/// every relationship, every document a citation names and every `via` source (with what those
/// cite in turn). Documents come first, then the other nodes, then the relationships, each in
/// graph order; an edge's id is written only when it differs from the derived FROM-TYPE->TO.
///
///     let text = try GraphWriter.write(graph, nodes: graph.nodeHandles, edges: graph.edgeHandles)
public enum GraphWriter {
    public static func write(_ graph: Graph, nodes: [Int], edges: [Int]) throws(Diagnostic) -> String {
        Writer.write(try file(graph, nodes: nodes, edges: edges))
    }

    /// The statements `write` writes, for callers that add comments or merge files.
    public static func file(_ graph: Graph, nodes: [Int], edges: [Int]) throws(Diagnostic) -> KGFile {
        let edgeSet = Set(edges.filter(graph.isAlive(edge:)))
        var nodeSet = Set(nodes.filter(graph.isAlive(node:)))
        for e in edgeSet { nodeSet.insert(graph.edges[e].from); nodeSet.insert(graph.edges[e].to) }
        // What citations name must be declared too; a via source may cite further documents.
        var pending = Array(nodeSet) + edgeSet.flatMap { e in referenced(by: graph.edges[e].citations, in: graph) }
        while let n = pending.popLast() {
            nodeSet.insert(n)
            for r in referenced(by: graph.nodes[n].citations, in: graph) where !nodeSet.contains(r) {
                nodeSet.insert(r)
                pending.append(r)
            }
        }
        let ordered = nodeSet.sorted()
        var statements: [Statement] = []
        statements.reserveCapacity(nodeSet.count + edgeSet.count)
        let isDocument = { (n: Node) in n.labels == [Document.label] }
        for i in ordered where isDocument(graph.nodes[i]) { statements.append(try statement(node: graph.nodes[i], document: true)) }
        for i in ordered where !isDocument(graph.nodes[i]) { statements.append(try statement(node: graph.nodes[i], document: false)) }
        for e in edgeSet.sorted() { statements.append(try statement(edge: graph.edges[e], graph: graph)) }
        return KGFile(name: "export.kg", statements: statements)
    }

    private static let nowhere = SourceLocation(file: "", line: 0, column: 0)

    private static func referenced(by citations: [Citation], in graph: Graph) -> [Int] {
        citations.flatMap { c in [graph.node(id: c.document), c.via.flatMap { graph.node(id: $0) }].compactMap { $0 } }
    }

    /// The statement declaring `n` (a `document` statement when `document`), its properties
    /// sorted and its citations as `cite` lines; throws when something in it has no .kg spelling.
    public static func statement(node n: Node, document: Bool) throws(Diagnostic) -> Statement {
        try check(word: n.id, "node id")
        if n.labels.isEmpty {
            throw Diagnostic(.error, "the node '\(n.id)' has no label, and every .kg node needs one",
                             help: "give it one first (SET n:Label), or export to json, csv or cypher")
        }
        for l in n.labels { try check(word: l, "label", of: n.id) }
        var props: [PropertyEntry] = []
        for key in n.properties.keys.sorted() {
            try check(word: key, "property name", of: n.id)
            try checkFinite(n.properties[key]!, key, of: n.id)
            props.append(PropertyEntry(key: key, value: n.properties[key]!, location: nowhere))
        }
        for name in n.names {
            try check(word: name.language, "language code", of: n.id)
            props.append(PropertyEntry(key: "name", language: name.language, value: .string(name.text), location: nowhere))
        }
        let body: Statement.Body = document ? .document(id: n.id, properties: props)
                                            : .node(id: n.id, labels: n.labels, properties: props)
        return Statement(body: body, citations: try cites(n.citations, of: n.id), location: nowhere)
    }

    private static func statement(edge e: Edge, graph: Graph) throws(Diagnostic) -> Statement {
        try statement(edge: e, from: graph.nodes[e.from].id, to: graph.nodes[e.to].id)
    }

    /// The statement declaring `e` between the nodes of ids `from` and `to`; its id is written
    /// only when it differs from the derived FROM-TYPE->TO.
    public static func statement(edge e: Edge, from: String, to: String) throws(Diagnostic) -> Statement {
        try check(word: e.type, "relationship type", of: e.id)
        var props: [PropertyEntry] = []
        for key in e.properties.keys.sorted() {
            try check(word: key, "property name", of: e.id)
            try checkFinite(e.properties[key]!, key, of: e.id)
            props.append(PropertyEntry(key: key, value: e.properties[key]!, location: nowhere))
        }
        let derived = "\(from)-\(e.type)->\(to)"
        if e.id != derived { try check(word: e.id, "relationship id") }
        return Statement(body: .edge(id: e.id == derived ? nil : e.id, from: from, type: e.type, to: to, properties: props),
                         citations: try cites(e.citations, of: e.id), location: nowhere)
    }

    private static func cites(_ citations: [Citation], of owner: String) throws(Diagnostic) -> [CiteEntry] {
        var out: [CiteEntry] = []
        for c in citations {
            guard c.line >= 1 else {
                throw Diagnostic(.error, "'\(owner)' cites \(c.document) at line \(c.line), which a .kg file cannot hold",
                                 help: "line numbers start at 1; fix the citation, or export to json or csv, which keep it as it is")
            }
            out.append(CiteEntry(citation: c, documentLocation: nowhere))
        }
        return out
    }

    /// A .kg number is finite: NaN and the infinities (from CSV's `1e400`, or `0.0 / 0.0` in a
    /// query) have no spelling its parser reads back, so they are refused rather than written.
    private static func checkFinite(_ value: Value, _ key: String, of owner: String) throws(Diagnostic) {
        guard let d = value.firstNonFiniteFloat else { return }
        throw Diagnostic(.error, "the property '\(key)' of '\(owner)' holds \(Value.formatFloat(d)), which a .kg file cannot hold",
                         help: "a .kg number is finite; set it to a finite number or null (SET), or export to csv or cypher, which keep it")
    }

    /// Ids, labels, types and keys are bare words in .kg: letters, digits, `_ . : -`, starting
    /// with a letter or `_`, and a ':' only before another name character.
    private static func check(word: String, _ what: String, of owner: String? = nil) throws(Diagnostic) {
        var lexer = Lexer(SourceText(name: "", bytes: Array(word.utf8)))
        if let tokens = try? lexer.tokens(), tokens.count == 2, tokens[0].kind == .word(word) { return }
        throw Diagnostic(.error, "the \(what) '\(word)'\(owner.map { " of '\($0)'" } ?? "") cannot be written in a .kg file",
                         help: "a .kg word starts with a letter or '_' and holds letters, digits and _ . : - only; "
                             + "rename it (SET, or in the source data), or export to json, csv or cypher, which quote names")
    }
}
