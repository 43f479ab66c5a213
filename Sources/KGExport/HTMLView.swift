import Foundation
import KGCore

/// The interactive view (`kgq export -o graph.html`): one self-contained HTML file that opens
/// from disk with no server and no network. It holds the Graphviz SVG inline, the legend in a
/// panel of its own, the subgraph as JSON data (every name in every language, properties,
/// citations with quote, gloss, document, line and `via`), and kgq's own small script
/// (``HTMLViewScript``) for pan and zoom, search, details and neighbourhood highlighting.
///
/// Nothing from the graph reaches the page as markup: the SVG text is escaped by Graphviz,
/// the data is JSON with `<`, `>` and `&` written as `\u003c`, `\u003e`, `\u0026` (so a name
/// cannot close the `<script>` element holding it), and the script writes names with
/// `textContent` only. A Content-Security-Policy allows no network and only kgq's script
/// (by its SHA-256), so even a script that got in would not run.
///
///     let html = try HTMLView(graph, sub, options: .init(), layout: .dot).page()
public struct HTMLView: Sendable {
    let graph: Graph
    let sub: Subgraph
    let options: DOTWriter.Options
    let layout: LayoutEngine
    let readable: LayoutEngine?

    public init(_ graph: Graph, _ sub: Subgraph, options: DOTWriter.Options, layout: LayoutEngine, readable: LayoutEngine? = nil) {
        self.readable = readable
        self.graph = graph
        self.sub = sub.closed(in: graph)
        self.options = options
        self.layout = layout
    }

    /// The whole page. Throws when Graphviz cannot lay the picture out.
    public func page() throws(Diagnostic) -> String {
        var dotOptions = options
        dotOptions.elementIDs = true
        dotOptions.separateLegend = true
        let drawing = DOTWriter(options: dotOptions).draw(graph, sub)
        let svg = Self.inlineSVG(try GraphvizRenderer.shared.render(dot: drawing.dot, engine: layout, format: .svg, readable: readable))
        var legendSVG = ""
        if let legend = drawing.legend {
            let dot = "digraph legend {\n  graph [fontname=\(DOTText.quoted(DOTWriter.font)), fontsize=12, pad=0.05, margin=0, bgcolor=\"transparent\", label=<\(legend)>];\n}\n"
            legendSVG = Self.inlineSVG(try GraphvizRenderer.shared.render(dot: dot, engine: .dot, format: .svg, maxAspect: nil))
        }
        let title = options.title ?? "kgq graph"
        let script = HTMLViewScript.script
        let hash = Data(SHA256.digest(Array(script.utf8))).base64EncodedString()
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-\(hash)'\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"generator\" content=\"kgq\">\n"
        out += "<title>\(Self.text(title))</title>\n<style>\n\(HTMLViewScript.style)</style>\n</head>\n<body>\n"
        out += "<header id=\"bar\"><h1>\(Self.text(title))</h1>"
        out += "<div id=\"find\"><input id=\"search\" type=\"search\" placeholder=\"Search names in any language\" autocomplete=\"off\" aria-label=\"Search by name\">"
        out += "<ol id=\"results\" hidden></ol></div>"
        out += "<button id=\"fit\" type=\"button\" title=\"Show the whole picture\">Fit</button>"
        out += "<button id=\"clear\" type=\"button\" title=\"Clear the selection (Esc)\">Clear</button>"
        out += "<button id=\"legend-toggle\" type=\"button\" aria-pressed=\"true\"\(legendSVG.isEmpty ? " disabled" : "")>Legend</button>"
        out += "<span id=\"counts\">\(drawing.nodes.count + drawing.groups.count) nodes drawn · wheel zooms, drag pans, click shows details</span></header>\n"
        out += "<main id=\"view\">\n\(svg)\n</main>\n"
        out += "<aside id=\"legend\"\(legendSVG.isEmpty ? " hidden" : "")>\n\(legendSVG)\n</aside>\n"
        out += "<aside id=\"details\" hidden><button id=\"close\" type=\"button\" aria-label=\"Close\">×</button><div id=\"details-body\"></div></aside>\n"
        out += "<script type=\"application/json\" id=\"kgq-data\">\(Self.scriptSafe(data(drawing)))</script>\n"
        out += "<script>\(script)</script>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Data

    /// `{"title", "nodes": {"n12": {…}}, "edges": {"e7": {…}}, "groups": {"g0": {…}}, "links": {"c0": {…}}, "arrows": [[svg, from, to], …]}`.
    /// Keys are the SVG element ids; a node drawn inside a list node has `"at": "g0"`.
    func data(_ drawing: DOTWriter.Drawing) -> String {
        func s(_ text: String) -> String { JSONText.string(text) }
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }
        var at: [Int: String] = [:]
        for n in drawing.nodes { at[n] = "n\(n)" }
        for (n, k) in drawing.groupOf { at[n] = "g\(k)" }
        var nodes: [String] = []
        for n in sub.nodes {
            let node = graph.nodes[n]
            let names = JSONGraphExporter.namesByLanguage(node).map { (language, texts) in (language, list(texts.map(s))) }
            var members: [(String, String)] = [
                ("id", s(node.id)), ("labels", list(node.labels.map(s))),
                ("name", s(node.displayName(in: options.language))),
                ("names", JSONText.object(names)),
                ("aliases", list(Graph.aliases(of: node).map(s))),
                ("properties", JSONText.value(.map(node.properties))),
                ("citations", citations(node.citations)),
            ]
            if let document = Document(node: node) {
                members.append(("document", JSONText.object([("title", s(document.title)), ("file", s(document.file)),
                                                             ("language", s(document.language)), ("kind", s(document.kind))])))
            }
            if let drawnAt = at[n] { members.append(("at", s(drawnAt))) }
            nodes.append("\(s("n\(n)")):\(JSONText.object(members))")
        }
        let edges = sub.edges.map { e -> String in
            let edge = graph.edges[e]
            let members: [(String, String)] = [
                ("id", s(edge.id)), ("type", s(edge.type)), ("from", s("n\(edge.from)")), ("to", s("n\(edge.to)")),
                ("properties", JSONText.value(.map(edge.properties))), ("citations", citations(edge.citations)),
            ]
            return "\(s("e\(e)")):\(JSONText.object(members))"
        }
        let groups = drawing.groups.enumerated().map { k, group in
            "\(s("g\(k)")):" + JSONText.object([
                ("hub", s("n\(group.hub)")), ("type", s(group.type)), ("label", s(group.label)),
                ("plural", s(HubGrouping.plural(group.label))),
                ("members", list(group.members.map { s("n\($0)") })), ("edges", list(group.edges.map { s("e\($0)") })),
            ])
        }
        let links = drawing.citations.enumerated().map { k, link in
            "\(s("c\(k)")):" + JSONText.object([
                ("from", s("n\(link.from)")), ("to", s("n\(link.to)")), ("via", link.via ? "true" : "false"),
                ("lines", list(link.lines.map(String.init))), ("text", s(link.text)),
            ])
        }
        // Every arrow drawn, as [svg id, from, to] in SVG ids: the script's neighbourhoods.
        var arrows: [String] = []
        for e in drawing.edges {
            arrows.append(list([s("e\(e)"), s("n\(graph.from(edge: e))"), s("n\(graph.to(edge: e))")]))
        }
        for (k, group) in drawing.groups.enumerated() {
            let (hub, node) = (s("n\(group.hub)"), s("g\(k)"))
            arrows.append(list([s("ge\(k)"), hub, node]))
        }
        for (k, link) in drawing.citations.enumerated() {
            arrows.append(list([s("c\(k)"), s(at[link.from] ?? "n\(link.from)"), s(at[link.to] ?? "n\(link.to)")]))
        }
        return "{" + [
            "\"title\":" + s(options.title ?? ""),
            "\"language\":" + (options.language.map(s) ?? "null"),
            "\"nodes\":{" + nodes.joined(separator: ",\n") + "}",
            "\"edges\":{" + edges.joined(separator: ",\n") + "}",
            "\"groups\":{" + groups.joined(separator: ",\n") + "}",
            "\"links\":{" + links.joined(separator: ",\n") + "}",
            "\"arrows\":" + list(arrows),
        ].joined(separator: ",\n") + "}"
    }

    /// Citations with the document's title and file and the `via` source's name resolved.
    func citations(_ citations: [Citation]) -> String {
        func s(_ text: String) -> String { JSONText.string(text) }
        return "[" + citations.map { c in
            let document = graph.document(id: c.document)
            let via = c.via.map { v in graph.node(id: v).map { graph.nodes[$0].name(in: options.language) } ?? v }
            return JSONText.object([
                ("quote", s(c.quote)), ("gloss", c.gloss.map(s) ?? "null"),
                ("document", s(c.document)), ("title", s(document?.title ?? c.document)),
                ("file", document.map { s($0.file) } ?? "null"), ("line", String(c.line)),
                ("via", c.via.map(s) ?? "null"), ("viaName", via.map(s) ?? "null"),
            ])
        }.joined(separator: ",") + "]"
    }

    // MARK: - Escaping

    /// Text for HTML element content: `& < >` as entities.
    static func text(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(UnwritableText.isUnwritable(scalar) ? UnwritableText.replacement : scalar)
            }
        }
        return out
    }

    /// JSON that may stand inside `<script>…</script>`: `<`, `>` and `&` only occur inside
    /// JSON strings, where `\u003c` and friends mean the same; U+2028/U+2029 likewise.
    static func scriptSafe(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Graphviz's SVG file as an element for inside HTML: from `<svg` on, without the XML
    /// declaration, doctype and comments (Graphviz writes node names into comments).
    static func inlineSVG(_ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return "" }
        var rest = Substring(text[start.lowerBound...])
        var out = ""
        while let open = rest.range(of: "<!--") {
            out += rest[..<open.lowerBound]
            guard let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) else { rest = ""; break }
            rest = rest[close.upperBound...]
        }
        out += rest
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
