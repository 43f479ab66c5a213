import Foundation
import KGCore

/// Reads GraphML — as kgq, Gephi, yEd and NetworkX write it — into a graph.
///
/// - `<key>`s give each data key its name and type (`attr.type` int, long, float, double,
///   boolean, string; `<default>` values apply to elements without the data).
/// - Node labels come from a `labels` data key (`:Role:Person`, or `Role;Person`). In a file
///   without one (Gephi, yEd, NetworkX), the display name — a `label` data key, or yEd's
///   `<y:NodeLabel>` — becomes the `name` property when the node has none. `names` (kgq's JSON object of names per language) or else `name_LANG` keys
///   give localized names; `citations` (kgq's JSON array) the citations.
/// - A relationship's type comes from a `type` data key, else `label`, else it is `RELATED`; its
///   id from the edge's `id`, else `FROM-TYPE->TO` as in `.kg` files. kgq's relationships are
///   directed: an undirected edge (`edgedefault="undirected"`, `directed="false"`) becomes one
///   relationship from source to target, which undirected patterns `(a)-[r]-(b)` match both ways.
/// - The graph's `kgq.types` data (kgq's export writes it) names the types of keys written as
///   text: dates, times, durations, lists and maps come back as themselves.
/// - Nodes of nested graphs (yEd groups) are read too; hyperedges are refused.
public struct GraphMLImporter: Sendable {
    public var maxDiagnostics: Int
    public init(maxDiagnostics: Int = 50) { self.maxDiagnostics = maxDiagnostics }

    public var name: String { "graphml" }
    public var fileExtensions: [String] { ["graphml"] }

    /// A declared `<key>`.
    struct Key {
        var id: String
        var domain: String      // node, edge, graph, all
        var name: String
        var type: String        // string, int, long, float, double, boolean
        var defaultText: String?
        var yfiles: String?     // yEd's yfiles.type (nodegraphics, …)
    }

    public func load(file path: String) throws(DiagnosticList) -> Graph {
        try load(bytes: try JSONImportContext.read(path), path: path)
    }

    public func load(bytes: [UInt8], path: String) throws(DiagnosticList) -> Graph {
        var cx = JSONImportContext(path: path, bytes: bytes, maxDiagnostics: maxDiagnostics)
        let root: XMLTree
        do { root = try XMLReader.parse(bytes) } catch {
            cx.fail("bad XML: \(error.message)", line: error.line, column: error.column, help: "a GraphML file is XML: <graphml><key …/><graph><node id=…/>…</graph></graphml>")
            throw DiagnosticList(cx.diagnostics)
        }
        guard root.localName == "graphml" else {
            cx.fail("expected the root element <graphml>, found <\(root.name)>", line: root.line, column: root.column)
            throw DiagnosticList(cx.diagnostics)
        }
        var keys: [String: Key] = [:]
        for k in root.children(named: "key") {
            guard let id = k.attribute("id") else { cx.fail("a <key> without an id", line: k.line, column: k.column); continue }
            let type = (k.attribute("attr.type") ?? "string").lowercased()
            guard ["string", "int", "long", "float", "double", "boolean"].contains(type) else {
                let at = k.attributeEntry("attr.type")
                cx.fail("the key '\(id)' has attr.type \"\(type)\"", line: at?.line ?? k.line, column: at?.column ?? k.column,
                        help: "GraphML's types are boolean, int, long, float, double and string")
                continue
            }
            keys[id] = Key(id: id, domain: k.attribute("for") ?? "all", name: k.attribute("attr.name") ?? id, type: type,
                           defaultText: k.children(named: "default").first?.text, yfiles: k.attribute("yfiles.type"))
        }
        let graphs = root.children(named: "graph")
        guard let top = graphs.first else {
            cx.fail("the GraphML file has no <graph>", line: root.line, column: root.column, help: "put the nodes and edges in <graph edgedefault=\"directed\">…</graph>")
            throw DiagnosticList(cx.diagnostics)
        }
        // Types of keys written as text (kgq's export).
        var hints: [String: [String: String]] = ["node": [:], "edge": [:]]
        for d in top.children(named: "data") {
            guard let key = d.attribute("key").flatMap({ keys[$0] }), key.name == "kgq.types" else { continue }
            do {
                let json = try PositionedJSONReader.parse(Array(d.text.utf8))
                for domain in ["node", "edge"] {
                    guard case .object(let members)? = json[domain]?.kind else { continue }
                    for m in members {
                        guard let h = m.value.string, PropertyTypeHint.isKnown(h) else {
                            cx.fail("kgq.types names an unknown type for '\(m.key)'", line: d.line, column: d.column,
                                    help: "a type is date, time, localtime, datetime, localdatetime, duration, [one of them] or json")
                            continue
                        }
                        hints[domain]?[m.key] = h
                    }
                }
            } catch {
                cx.fail("the kgq.types data is not JSON: \(error.message) (at its column \(error.column))", line: d.line, column: d.column)
            }
        }
        var reader = Reader(keys: keys, hints: hints, cx: cx)
        var graph = Graph()
        var edges: [(XMLTree, directedDefault: Bool)] = []
        reader.nodes(of: top, directed: (top.attribute("edgedefault") ?? "directed") != "undirected", into: &graph, edges: &edges)
        var ordinal = 0
        for (e, _) in edges {
            guard !reader.cx.full else { break }
            reader.edge(e, ordinal: &ordinal, into: &graph)
        }
        if !reader.cx.diagnostics.isEmpty { throw DiagnosticList(reader.cx.diagnostics) }
        return graph
    }

    /// Walks the elements, turning them into nodes and relationships.
    struct Reader {
        let keys: [String: Key]
        let hints: [String: [String: String]]
        var cx: JSONImportContext

        mutating func nodes(of graphElement: XMLTree, directed: Bool, into graph: inout Graph, edges: inout [(XMLTree, directedDefault: Bool)]) {
            for child in graphElement.children {
                guard !cx.full else { return }
                switch child.localName {
                case "node":
                    node(child, into: &graph)
                    for inner in child.children(named: "graph") {
                        nodes(of: inner, directed: (inner.attribute("edgedefault") ?? (directed ? "directed" : "undirected")) != "undirected", into: &graph, edges: &edges)
                    }
                case "edge": edges.append((child, directed))
                case "hyperedge":
                    cx.fail("hyperedges are not supported (a relationship joins two nodes)", line: child.line, column: child.column,
                            help: "replace the hyperedge by a node joined to each of its ends")
                default: continue
                }
            }
        }

        /// The data of an element by key name, with the defaults of its domain's keys.
        func data(of element: XMLTree, domain: String) -> [(key: Key, element: XMLTree?, text: String)] {
            var out: [(key: Key, element: XMLTree?, text: String)] = []
            var given = Set<String>()
            for d in element.children(named: "data") {
                guard let id = d.attribute("key"), let key = keys[id] else { continue }
                given.insert(id)
                out.append((key, d, d.text))
            }
            for key in keys.values.sorted(by: { $0.id < $1.id })
            where (key.domain == domain || key.domain == "all") && !given.contains(key.id) && key.defaultText != nil {
                out.append((key, nil, key.defaultText ?? ""))
            }
            return out
        }

        /// A data value as its key's type, then as the type kgq.types names.
        mutating func value(_ text: String, _ key: Key, domain: String, at element: XMLTree) -> Value? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            var v: Value
            switch key.type {
            case "int", "long":
                guard let i = Int(trimmed) else { return bad(text, key, at: element) }
                v = .int(i)
            case "float", "double":
                switch trimmed {
                case "INF", "Infinity", "inf": v = .float(.infinity)
                case "-INF", "-Infinity", "-inf": v = .float(-.infinity)
                case "NaN", "nan": v = .float(.nan)
                default:
                    guard let d = Double(trimmed) else { return bad(text, key, at: element) }
                    v = .float(d)
                }
            case "boolean":
                switch trimmed.lowercased() {
                case "true", "1": v = .bool(true)
                case "false", "0": v = .bool(false)
                default: return bad(text, key, at: element)
                }
            default: v = .string(text)
            }
            guard let hint = hints[domain]?[key.name] else { return v }
            if hint == "json" || hint.hasPrefix("[") {
                guard let json = try? PositionedJSONReader.parse(Array(text.utf8)) else {
                    cx.fail("the value of '\(key.name)' is not the JSON text kgq.types says it is", line: element.line, column: element.column)
                    return nil
                }
                if hint == "json" { return json.typedValue }
                v = json.value
            }
            guard let typed = PropertyTypeHint.decode(v, hint: hint) else {
                cx.fail("the value of '\(key.name)' is not a \(hint) as kgq.types says", line: element.line, column: element.column)
                return nil
            }
            return typed
        }

        mutating func bad(_ text: String, _ key: Key, at element: XMLTree) -> Value? {
            cx.fail("'\(text)' is not a \(key.type), which the key '\(key.id)' (\(key.name)) declares", line: element.line, column: element.column,
                    help: "fix the value, or declare the key with attr.type=\"string\"")
            return nil
        }

        /// A JSON data value (names, citations), with a message at the data element when it is not JSON.
        mutating func json(_ text: String, what: String, at element: XMLTree) -> PositionedJSON? {
            do { return try PositionedJSONReader.parse(Array(text.utf8)) } catch {
                cx.fail("\(what) is not JSON: \(error.message) (at its column \(error.column))", line: element.line, column: element.column)
                return nil
            }
        }

        mutating func node(_ element: XMLTree, into graph: inout Graph) {
            guard let id = element.attribute("id"), !id.isEmpty else {
                cx.fail("a <node> without an id", line: element.line, column: element.column, help: "give every node id=\"…\"")
                return
            }
            var labels: [String] = []
            var properties: [String: Value] = [:]
            var names: [LocalizedName] = []
            var languageNames: [LocalizedName] = []
            var citations: [Citation] = []
            var displayName: String?
            var hasNames = false
            // In a file with a `labels` key (kgq's own), `label` is only the name kgq shows.
            let labelIsName = !keys.values.contains { $0.name == "labels" && ($0.domain == "node" || $0.domain == "all") }
            for (key, d, text) in data(of: element, domain: "node") {
                let at = d ?? element
                if key.yfiles == "nodegraphics" {
                    if displayName == nil, let d, let label = Self.firstDescendant(d, named: "NodeLabel") {
                        let t = label.text.trimmingCharacters(in: .whitespacesAndNewlines)
                        if !t.isEmpty { displayName = t }
                    }
                    continue
                }
                if key.yfiles != nil { continue }
                switch key.name {
                case "labels":
                    labels = text.split(whereSeparator: { $0 == ":" || $0 == ";" || $0 == "," })
                        .map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
                case "label":
                    if labelIsName { displayName = text }
                case "names":
                    hasNames = true
                    guard let json = json(text, what: "the names of '\(id)'", at: at), case .object(let languages) = json.kind else { continue }
                    for entry in languages {
                        if let s = entry.value.string { names.append(LocalizedName(language: entry.key, text: s)); continue }
                        guard case .array(let items) = entry.value.kind else { continue }
                        for item in items { if let s = item.string { names.append(LocalizedName(language: entry.key, text: s)) } }
                    }
                case "citations":
                    citations = self.citations(text, of: "the node '\(id)'", at: at)
                default:
                    if key.name.hasPrefix("name_"), key.name.count > 5, hints["node"]?[key.name] == nil {
                        languageNames.append(LocalizedName(language: String(key.name.dropFirst(5)), text: text))
                        continue
                    }
                    if let v = value(text, key, domain: "node", at: at) { properties[key.name] = v }
                }
            }
            if !hasNames { names = languageNames.sorted { $0.language < $1.language } }
            // The display name becomes `name`, unless it is only what kgq would show anyway.
            if properties["name"] == nil, let displayName, displayName != id, displayName != names.first?.text, !displayName.isEmpty {
                properties["name"] = .string(displayName)
            }
            do {
                try graph.addNode(Node(id: id, labels: labels, properties: properties, names: names, citations: citations,
                                       location: cx.location(element.line, element.column)))
            } catch {
                cx.fail(error.message, line: element.line, column: element.column, help: error.help)
            }
        }

        mutating func edge(_ element: XMLTree, ordinal: inout Int, into graph: inout Graph) {
            var ends: [Int] = []
            for end in ["source", "target"] {
                guard let a = element.attributeEntry(end) else {
                    cx.fail("an <edge> without a \(end)", line: element.line, column: element.column, help: "write <edge source=\"a\" target=\"b\">")
                    return
                }
                guard let n = graph.node(id: a.value) else {
                    cx.fail("the edge's \(end) '\(a.value)' is not a node of the file", line: a.line, column: a.column,
                            help: Suggest.closest(to: a.value, among: graph.nodeHandles.prefix(100_000).map { graph.id(node: $0) }).map { "did you mean '\($0)'?" })
                    return
                }
                ends.append(n)
            }
            var type: String?
            var label: String?
            var properties: [String: Value] = [:]
            var citations: [Citation] = []
            let what = "the edge at line \(element.line)"
            for (key, d, text) in data(of: element, domain: "edge") {
                let at = d ?? element
                if key.yfiles != nil { continue }
                switch key.name {
                case "type": type = text
                case "label": label = text
                case "citations": citations = self.citations(text, of: what, at: at)
                default: if let v = value(text, key, domain: "edge", at: at) { properties[key.name] = v }
                }
            }
            let relType = type.flatMap { $0.isEmpty ? nil : $0 } ?? label.flatMap { $0.isEmpty ? nil : $0 } ?? "RELATED"
            if let label, !label.isEmpty, label != relType, properties["label"] == nil { properties["label"] = .string(label) }
            var id = element.attribute("id") ?? ""
            if id.isEmpty {
                let base = "\(graph.id(node: ends[0]))-\(relType)->\(graph.id(node: ends[1]))"
                id = base
                while graph.edge(id: id) != nil { ordinal += 1; id = "\(base)#\(ordinal)" }
            }
            do {
                try graph.addEdge(Edge(id: id, type: relType, from: ends[0], to: ends[1], properties: properties, citations: citations,
                                       location: cx.location(element.line, element.column)))
            } catch {
                cx.fail(error.message, line: element.line, column: element.column, help: error.help)
            }
        }

        /// kgq's citations JSON array; problems are reported at the data element.
        mutating func citations(_ text: String, of what: String, at element: XMLTree) -> [Citation] {
            guard let json = json(text, what: "the citations of \(what)", at: element) else { return [] }
            var inner = JSONImportContext(path: cx.path, bytes: Array(text.utf8), maxDiagnostics: 5)
            let out = inner.citations(json, what: what)
            for d in inner.diagnostics {
                cx.fail("\(d.message) (in the citations JSON, at its column \(d.location?.column ?? 1))", line: element.line, column: element.column, help: d.help)
            }
            return out.map { var c = $0; c.location = cx.location(element.line, element.column); return c }
        }

        static func firstDescendant(_ e: XMLTree, named local: String) -> XMLTree? {
            for c in e.children {
                if c.localName == local { return c }
                if let d = firstDescendant(c, named: local) { return d }
            }
            return nil
        }
    }
}
