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
