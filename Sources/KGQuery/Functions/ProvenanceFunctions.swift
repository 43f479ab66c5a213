import KGCore

/// Functions over provenance and multilingual names: citations, sources, cited, name, names, named.
enum ProvenanceFunctions {
    static func citationList(_ v: QueryValue, _ g: Graph) -> [Citation]? {
        switch v {
        case .node(let i): return g.citations(node: i)
        case .edge(let i): return g.citations(edge: i)
        default: return nil
        }
    }

    static let all: [QueryFunction] = [
        QueryFunction(name: "citations", arity: 1...1) { a, c in
            if case .null = a[0] { return .null }
            guard let cs = citationList(a[0], c.graph) else {
                throw FunctionError.argument("citations", a[0], expected: "a node or relationship")
            }
            return .list(cs.map { x in
                .map(["document": .string(x.document), "line": .int(x.line), "quote": .string(x.quote),
                      "gloss": x.gloss.map(QueryValue.string) ?? .null, "via": x.via.map(QueryValue.string) ?? .null])
            })
        },
        QueryFunction(name: "sources", arity: 1...1) { a, c in
            if case .null = a[0] { return .null }
            guard let cs = citationList(a[0], c.graph) else {
                throw FunctionError.argument("sources", a[0], expected: "a node or relationship")
            }
            var seen = Set<Int>(), out: [QueryValue] = []
            for x in cs {
                for id in [x.document, x.via].compactMap({ $0 }) {
                    if let h = c.graph.node(id: id), seen.insert(h).inserted { out.append(.node(h)) }
                }
            }
            return .list(out)
        },
        QueryFunction(name: "cited", arity: 1...1) { a, c in
            if case .null = a[0] { return .null }
            guard let cs = citationList(a[0], c.graph) else {
                throw FunctionError.argument("cited", a[0], expected: "a node or relationship")
            }
            return .bool(!cs.isEmpty)
        },
        QueryFunction(name: "name", arity: 1...2) { a, c in
            guard case .node(let i) = a[0] else {
                if case .null = a[0] { return .null }
                throw FunctionError.argument("name", a[0], expected: "a node")
            }
            var lang = c.displayLanguage
            if a.count == 2, case .string(let l) = a[1] { lang = l }
            return .string(c.graph.name(node: i, in: lang))
        },
        QueryFunction(name: "names", arity: 1...1) { a, c in
            guard case .node(let i) = a[0] else {
                if case .null = a[0] { return .null }
                throw FunctionError.argument("names", a[0], expected: "a node")
            }
            // Every name per language, in the order written: a language may have several.
            var m: [String: [QueryValue]] = [:]
            for n in c.graph.names(node: i) { m[n.language, default: []].append(.string(n.text)) }
            return .map(m.mapValues { .list($0) })
        },
        QueryFunction(name: "named", arity: 2...2) { a, c in
            guard case .node(let i) = a[0], case .string(let s) = a[1] else { return .null }
            let key = s.lowercased()
            return .bool(c.graph.lookupNames(ofNode: i).contains { $0.lowercased() == key })
        },
    ]
}
