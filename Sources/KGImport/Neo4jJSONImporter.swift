import KGCore

/// Reads Neo4j's `apoc.export.json` output (JSON Lines: one object per line, `"type": "node"`
/// with `id`, `labels`, `properties`, or `"type": "relationship"` with `label`, `start`, `end`,
/// `properties`) into a graph.
///
/// The conventions of kgq's Cypher export are read back, so `kgq export --format cypher` run in
/// Neo4j and exported with apoc comes home: the property `id` (or `_id`, `__id`, … — the one with
/// the most underscores, as the Cypher export chooses) is the element's id, `name_LANG`
/// properties are names per language, and the parallel lists `cite_document`, `cite_line`,
/// `cite_quote`, `cite_gloss`, `cite_via` are citations. A node without an id property is named
/// by Neo4j's id; a relationship without one gets `FROM-TYPE->TO`.
///
///     let graph = try Neo4jJSONImporter().load(file: "all.json")
public struct Neo4jJSONImporter: Sendable {
    public var maxDiagnostics: Int
    public init(maxDiagnostics: Int = 50) { self.maxDiagnostics = maxDiagnostics }

    public var name: String { "neo4j-json" }
    public var fileExtensions: [String] { ["jsonl", "ndjson"] }

    static let citeKeys = ["cite_document", "cite_line", "cite_quote", "cite_gloss", "cite_via"]

    public func load(file path: String) throws(DiagnosticList) -> Graph {
        try load(bytes: try JSONImportContext.read(path), path: path)
    }

    public func load(bytes: [UInt8], path: String) throws(DiagnosticList) -> Graph {
        var cx = JSONImportContext(path: path, bytes: bytes, maxDiagnostics: maxDiagnostics)
        let lines: [PositionedJSON]
        do { lines = try PositionedJSONReader.parseLines(bytes) } catch {
            throw cx.syntax(error, help: "apoc.export.json writes one object per line: {\"type\": \"node\", \"id\": …, \"labels\": […], \"properties\": {…}}")
        }
        // The id property: the `_…id` key with the most underscores that any element has.
        var idKey = "id"
        for line in lines {
            guard case .object(let members)? = line["properties"]?.kind else { continue }
            for m in members where m.key.hasSuffix("id") && m.key.dropLast(2).allSatisfy({ $0 == "_" }) && m.key.count > idKey.count {
                idKey = m.key
            }
        }
        var graph = Graph()
        var byNeo4jID: [String: Int] = [:]
        var relationships: [PositionedJSON] = []
        for line in lines {
            guard !cx.full else { break }
            guard case .object = line.kind else { cx.fail("expected an object per line, found \(line.kindName)", at: line); continue }
            guard let type = cx.string("type", of: line, what: "the line") else { continue }
            switch type {
            case "node":
                guard let neo4jID = neo4jID(line["id"], of: line, &cx) else { continue }
                var properties = cx.properties(line["properties"], types: nil, what: "the node \(neo4jID)")
                var labels: [String] = []
                if let l = line["labels"] { labels = cx.strings(l, what: "\"labels\" of the node \(neo4jID)") ?? [] }
                let id = properties.removeValue(forKey: idKey)?.string ?? neo4jID
                let names = Self.names(&properties)
                let citations = citations(&properties, at: line, &cx)
                do {
                    let n = try graph.addNode(Node(id: id, labels: labels, properties: properties, names: names, citations: citations,
                                                   location: cx.location(line.line, line.column)))
                    if byNeo4jID.updateValue(n, forKey: neo4jID) != nil {
                        cx.fail("a second node with Neo4j id \(neo4jID)", at: line["id"] ?? line)
                    }
                } catch {
                    cx.fail(error.message, at: line, help: error.help)
                }
            case "relationship":
                relationships.append(line)
            default:
                cx.fail("unknown \"type\": \"\(type)\"", at: line["type"] ?? line, help: "apoc.export.json writes \"node\" and \"relationship\" lines")
            }
        }
        var ordinal = 0
        for line in relationships {
            guard !cx.full else { break }
            guard let type = cx.string("label", of: line, what: "the relationship") else { continue }
            var ends: [Int] = []
            for key in ["start", "end"] {
                guard let end = line[key] else { cx.fail("the relationship has no \"\(key)\"", at: line); break }
                guard let neo4jID = neo4jID(end["id"], of: end, &cx) else { break }
                guard let n = byNeo4jID[neo4jID] else {
                    cx.fail("the relationship's \(key) node \(neo4jID) is not among the file's nodes", at: end["id"] ?? end,
                            help: "export nodes and relationships together (apoc.export.json.all, or a query returning both ends)")
                    break
                }
                ends.append(n)
            }
            guard ends.count == 2 else { continue }
            var properties = cx.properties(line["properties"], types: nil, what: "the relationship")
            let citations = citations(&properties, at: line, &cx)
            var id = properties.removeValue(forKey: idKey)?.string ?? ""
            if id.isEmpty {
                let base = "\(graph.id(node: ends[0]))-\(type)->\(graph.id(node: ends[1]))"
                id = base
                while graph.edge(id: id) != nil { ordinal += 1; id = "\(base)#\(ordinal)" }
            }
            do {
                try graph.addEdge(Edge(id: id, type: type, from: ends[0], to: ends[1], properties: properties, citations: citations,
                                       location: cx.location(line.line, line.column)))
            } catch {
                cx.fail(error.message, at: line, help: error.help)
            }
        }
        if !cx.diagnostics.isEmpty { throw DiagnosticList(cx.diagnostics) }
        return graph
    }

    /// Neo4j's id of an element: a string or a whole number.
    private func neo4jID(_ v: PositionedJSON?, of element: PositionedJSON, _ cx: inout JSONImportContext) -> String? {
        guard let v else { cx.fail("the element has no \"id\"", at: element); return nil }
        switch v.kind {
        case .string(let s) where !s.isEmpty: return s
        case .int(let i): return String(i)
        default: cx.fail("\"id\" must be a string or a whole number, not \(v.kindName)", at: v); return nil
        }
    }

    /// `name_nl: "…"` or `name_nl: ["…", "…"]` properties as names per language, in language order.
    static func names(_ properties: inout [String: Value]) -> [LocalizedName] {
        var out: [LocalizedName] = []
        for key in properties.keys.sorted() where key.hasPrefix("name_") && key.count > 5 {
            let language = String(key.dropFirst(5))
            switch properties[key] {
            case .string(let s)?: out.append(LocalizedName(language: language, text: s))
            case .list(let items)? where items.allSatisfy({ $0.string != nil }):
                out += items.compactMap(\.string).map { LocalizedName(language: language, text: $0) }
            default: continue
            }
            properties[key] = nil
        }
        return out
    }

    /// The parallel `cite_*` lists as citations (`""` gloss or via: none).
    private func citations(_ properties: inout [String: Value], at element: PositionedJSON, _ cx: inout JSONImportContext) -> [Citation] {
        guard let documents = properties["cite_document"] else { return [] }
        var lists: [[Value]] = []
        for key in Self.citeKeys {
            guard case .list(let items)? = properties[key] else {
                cx.fail("the citation property \(key) is missing or not a list", at: element,
                        help: "kgq's Cypher export writes cite_document, cite_line, cite_quote, cite_gloss and cite_via as lists of one length")
                return []
            }
            lists.append(items)
        }
        guard case .list(let docs) = documents, lists.allSatisfy({ $0.count == docs.count }) else {
            cx.fail("the cite_* lists have different lengths", at: element); return []
        }
        for key in Self.citeKeys { properties[key] = nil }
        var out: [Citation] = []
        for k in docs.indices {
            guard let document = lists[0][k].string, case .int(let line) = lists[1][k] else {
                cx.fail("citation \(k + 1): cite_document must hold strings and cite_line whole numbers", at: element); continue
            }
            let gloss = lists[3][k].string.flatMap { $0.isEmpty ? nil : $0 }
            let via = lists[4][k].string.flatMap { $0.isEmpty ? nil : $0 }
            out.append(Citation(document: document, line: line, quote: lists[2][k].string ?? "", gloss: gloss, via: via,
                                location: cx.location(element.line, element.column)))
        }
        return out
    }
}
