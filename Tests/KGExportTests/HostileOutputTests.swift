import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KGCore
import Testing
@testable import KGExport

/// Text from a graph never escapes its quoting in rendered output: the SVG of hostile labels is
/// well-formed XML without markup of its own, and only web links become links.
@Suite struct HostileOutput {
    /// U+FFFE, U+FFFF and C0 controls (issue 16 item 17): the DOT reads back, the SVG and the
    /// GraphML are well-formed XML, and each of them shows U+FFFD where the character was, the
    /// same way in all three; the count behind kgq's warning finds every one.
    @Test func nonCharactersAndControlsBecomeTheReplacementCharacter() throws {
        var g = Graph()
        let a = try g.addNode(Node(id: "skill:a", labels: ["Skill"], properties: ["name": .string("a\u{FFFE}b\u{FFFF}c\u{01}d\u{1B}e")]))
        let b = try g.addNode(Node(id: "skill:b", labels: ["Skill"], properties: ["name": .string("plain")]))
        try g.addEdge(Edge(id: "e", type: "LIKE", from: a, to: b, properties: ["note": .string("x\u{08}y")]))
        #expect(UnwritableText.count(in: g, Subgraph(all: g)) == 5)

        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(dot.contains("a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e"))
        #expect(!dot.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF || $0.value == 0x1B })
        let counts = try GraphvizRenderer.shared.check(dot: dot)
        #expect(counts.nodes == 2)

        let svg = try GraphvizRenderer.shared.render(dot: dot, format: .svg)
        #expect(XMLParser(data: Data(svg)).parse(), "the SVG is not well-formed XML")
        #expect(String(decoding: svg, as: UTF8.self).contains("a\u{FFFD}b\u{FFFD}c"))

        let graphml = GraphMLExporter().write(g, Subgraph(all: g))
        #expect(XMLParser(data: Data(graphml.utf8)).parse(), "the GraphML is not well-formed XML")
        #expect(graphml.contains("a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e"))
        #expect(graphml.contains("x\u{FFFD}y"))
        #expect(UnwritableText.count(in: g, Subgraph(nodes: [b])) == 0)
    }

    @Test func svgOfHostileLabelsIsWellFormedXML() throws {
        var g = try SampleGraph.hostile()
        let extra = try g.addNode(Node(id: "n:script", labels: ["Skill"],
                                       properties: ["name": .string("</text><script>alert(1)</script><text>"),
                                                    "url": .string("https://example.org/?a=1&b=\"2\" onload=\"alert(3)\" <x>")]))
        _ = extra
        let dot = DOTWriter(options: .init(title: "<script>alert(2)</script> & \"t\"")).write(g, Subgraph(all: g))
        let svg = try GraphvizRenderer.shared.render(dot: dot, format: .svg)
        let parser = XMLParser(data: Data(svg))
        #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(!text.contains("<script"))
        #expect(!text.contains(" onload="))
        #expect(text.contains("https://example.org/?a=1&amp;b=%222%22%20onload=%22alert(3)%22%20%3Cx%3E"))
        #expect(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "file:///etc/passwd"])
    func onlyWebURLsBecomeLinks(_ url: String) throws {
        var g = Graph()
        try g.addNode(Node(id: "n:1", labels: ["Skill"], properties: ["name": .string("x"), "url": .string(url)]))
        try g.addNode(Node(id: "n:2", labels: ["Skill"], properties: ["name": .string("y"), "url": .string("https://example.org")]))
        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(!dot.contains(DOTText.quoted(url)))
        #expect(dot.contains("URL=\"https://example.org\""))
    }
}
