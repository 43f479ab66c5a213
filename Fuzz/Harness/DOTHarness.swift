import KGCore
import KGExport

/// One input of the DOT fuzzer: the input's text, cut at U+0001 into pieces, becomes every
/// string the DOT writer quotes or escapes — title, label, names, property values, quote,
/// gloss, relationship type. The DOT must parse in Graphviz (agmemread) and have exactly the
/// nodes and edges of the same graph with harmless strings: a string that breaks out of its
/// quoting shows up as a parse error or an extra node or edge.
public enum DOTHarness {
    public static func run(_ bytes: [UInt8]) -> String? {
        var pieces = String(decoding: bytes, as: UTF8.self).split(separator: "\u{1}", omittingEmptySubsequences: false)
            .map(String.init)
        while pieces.count < 11 { pieces.append("x") }
        let harmless = pieces.indices.map { "s\($0)" }
        let cluster = bytes.first.map { $0 & 1 == 1 } ?? false
        let hostile: String, expected: String
        do {
            hostile = try dot(pieces, clusters: cluster)
            expected = try dot(harmless, clusters: cluster)
        } catch {
            return nil  // strings the graph itself refuses (e.g. an empty label) are not the writer's concern
        }
        let want: (nodes: Int, edges: Int)
        do { want = try GraphvizRenderer.shared.check(dot: expected) } catch {
            return "the DOT of harmless strings does not parse: \(error.message)\n\(expected)"
        }
        do {
            let got = try GraphvizRenderer.shared.check(dot: hostile)
            if got != want {
                return "strings changed the picture's structure: \(got) instead of \(want)\n\(hostile)"
            }
        } catch {
            return "the DOT does not parse: \(error.message)\n\(hostile)"
        }
        return nil
    }

    /// The DOT of a four-node graph whose every free-text field comes from `s`.
    static func dot(_ s: [String], clusters: Bool) throws(Diagnostic) -> String {
        var g = Graph()
        try g.addNode(Document(id: "doc:d", file: s[1], sha256: String(repeating: "0", count: 64), language: "en",
                               title: s[0], kind: s[2], publisher: s[3]).node)
        let source = try g.addNode(Node(id: "source:s", labels: ["Source"], properties: ["name": .string(s[4])]))
        let citation = Citation(document: "doc:d", line: 1, quote: s[5], gloss: s[6], via: "source:s")
        let role = try g.addNode(Node(id: "role:r", labels: [s[7]],
                                      properties: ["name": .string(s[8]), "url": .string("https://" + s[9])],
                                      names: [LocalizedName(language: "nl", text: s[10])], citations: [citation]))
        let figure = try g.addNode(Node(id: "fig:f", labels: ["Figure"],
                                        properties: ["measure": .string(s[8]), "amount": .string(s[4]),
                                                     "unit": .string(s[10]), "period": .string(s[6])],
                                        citations: [citation]))
        try g.addEdge(Edge(id: "e1", type: s[7], from: role, to: figure, citations: [citation]))
        try g.addEdge(Edge(id: "e2", type: "CITES", from: figure, to: source))
        let options = DOTWriter.Options(clusterByLabel: clusters, legend: true, language: "nl", title: s[0])
        return DOTWriter(options: options).write(g, Subgraph(all: g))
    }
}
