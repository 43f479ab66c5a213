import KGCore

/// Reads kgq's own JSON graph export (`kgq export --format json`) back into a graph:
/// `{"documents": [...], "nodes": [...], "edges": [...]}` with ids, labels, names per language,
/// properties (with their `types` where JSON writes them as text), and citations.
///
///     let graph = try JSONGraphImporter().load(file: "/tmp/graph.json")
///
/// Every problem is reported with file:line:column of the value at fault.
public struct JSONGraphImporter: Sendable {
    public var maxDiagnostics: Int
    public init(maxDiagnostics: Int = 50) { self.maxDiagnostics = maxDiagnostics }

    public var name: String { "json" }
    public var fileExtensions: [String] { ["json"] }

    public func load(file path: String) throws(DiagnosticList) -> Graph {
        try load(bytes: try JSONImportContext.read(path), path: path)
    }

    public func load(bytes: [UInt8], path: String) throws(DiagnosticList) -> Graph {
        var cx = JSONImportContext(path: path, bytes: bytes, maxDiagnostics: maxDiagnostics)
        let root: PositionedJSON
        do { root = try PositionedJSONReader.parse(bytes) } catch {
            throw cx.syntax(error, help: "kgq's JSON graph export is one object {\"documents\": [...], \"nodes\": [...], \"edges\": [...]}")
        }
        guard case .object(let members) = root.kind else {
            cx.fail("expected an object {\"documents\", \"nodes\", \"edges\"}, found \(root.kindName)", at: root,
                    help: "this is the shape `kgq export --format json` writes")
            throw DiagnosticList(cx.diagnostics)
        }
        for m in members where !["documents", "nodes", "edges"].contains(m.key) {
            cx.fail("unknown member \"\(m.key)\" of the graph", at: m.value, help: "the graph has \"documents\", \"nodes\" and \"edges\"")
        }
        guard let nodes = root["nodes"] else {
            cx.fail("the graph has no \"nodes\"", at: root, help: "add \"nodes\": [] (and \"edges\": [])")
            throw DiagnosticList(cx.diagnostics)
        }
        var graph = Graph()
        for node in list(nodes, "nodes", &cx) {
            guard !cx.full else { break }
            guard case .object = node.kind else { cx.fail("a node must be an object, not \(node.kindName)", at: node); continue }
            guard let id = cx.string("id", of: node, what: "a node") else { continue }
            let what = "the node '\(id)'"
            var labels: [String] = []
            if let l = node["labels"] { labels = cx.strings(l, what: "\"labels\" of \(what)") ?? [] }
            let names = self.names(node["names"], what: what, &cx)
            let properties = cx.properties(node["properties"], types: node["types"], what: what)
            let citations = cx.citations(node["citations"], what: what)
            do {
                try graph.addNode(Node(id: id, labels: labels, properties: properties, names: names, citations: citations,
                                       location: cx.location(node.line, node.column)))
            } catch {
                cx.fail(error.message, at: node, help: error.help)
            }
        }
        // Documents cited but not among the nodes (an export of part of a graph).
        if let documents = root["documents"] {
            for d in list(documents, "documents", &cx) {
                guard case .object = d.kind else { cx.fail("a document must be an object, not \(d.kindName)", at: d); continue }
                guard let id = cx.string("id", of: d, what: "a document"), graph.node(id: id) == nil else { continue }
                let document = Document(id: id, file: cx.optionalString("file", of: d) ?? "", sha256: cx.optionalString("sha256", of: d) ?? "",
                                        language: cx.optionalString("language", of: d) ?? "", title: cx.optionalString("title", of: d) ?? id,
                                        kind: cx.optionalString("kind", of: d) ?? "", publisher: cx.optionalString("publisher", of: d))
                var n = document.node
                n.location = cx.location(d.line, d.column)
                _ = try? graph.addNode(n)
            }
        }
        if let edges = root["edges"] {
            for edge in list(edges, "edges", &cx) {
                guard !cx.full else { break }
                guard case .object = edge.kind else { cx.fail("a relationship must be an object, not \(edge.kindName)", at: edge); continue }
                guard let id = cx.string("id", of: edge, what: "a relationship"),
                      let type = cx.string("type", of: edge, what: "the relationship"),
                      let from = end("from", of: edge, id: id, graph, &cx),
                      let to = end("to", of: edge, id: id, graph, &cx) else { continue }
                let what = "the relationship '\(id)'"
                let properties = cx.properties(edge["properties"], types: edge["types"], what: what)
                let citations = cx.citations(edge["citations"], what: what)
                do {
                    try graph.addEdge(Edge(id: id, type: type, from: from, to: to, properties: properties, citations: citations,
                                           location: cx.location(edge.line, edge.column)))
                } catch {
                    cx.fail(error.message, at: edge, help: error.help)
                }
            }
        }
        if !cx.diagnostics.isEmpty { throw DiagnosticList(cx.diagnostics) }
        return graph
    }

    private func list(_ v: PositionedJSON, _ key: String, _ cx: inout JSONImportContext) -> [PositionedJSON] {
        guard case .array(let items) = v.kind else { cx.fail("\"\(key)\" must be a list, not \(v.kindName)", at: v); return [] }
        return items
    }

    /// `{"nl": ["…", "…"], "sv": ["…"]}` (a single string per language is taken too).
    private func names(_ v: PositionedJSON?, what: String, _ cx: inout JSONImportContext) -> [LocalizedName] {
        guard let v, !v.isNull else { return [] }
        guard case .object(let languages) = v.kind else {
            cx.fail("\"names\" of \(what) must be an object of languages, not \(v.kindName)", at: v,
                    help: "write {\"nl\": [\"…\"], \"sv\": [\"…\"]}")
            return []
        }
        var out: [LocalizedName] = []
        for entry in languages {
            if let s = entry.value.string { out.append(LocalizedName(language: entry.key, text: s)); continue }
            for text in cx.strings(entry.value, what: "the \(entry.key) names of \(what)") ?? [] {
                out.append(LocalizedName(language: entry.key, text: text))
            }
        }
        return out
    }

    private func end(_ key: String, of edge: PositionedJSON, id: String, _ graph: Graph, _ cx: inout JSONImportContext) -> Int? {
        guard let nodeID = cx.string(key, of: edge, what: "the relationship '\(id)'") else { return nil }
        guard let n = graph.node(id: nodeID) else {
            let position = edge[key] ?? edge
            cx.fail("the relationship '\(id)' \(key == "from" ? "starts" : "ends") at '\(nodeID)', which is not a node of the file", at: position,
                    help: Suggest.closest(to: nodeID, among: graph.nodeHandles.prefix(100_000).map { graph.id(node: $0) }).map { "did you mean '\($0)'?" })
            return nil
        }
        return n
    }
}
