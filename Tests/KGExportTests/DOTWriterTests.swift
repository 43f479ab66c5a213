import Foundation
import KGCore
import Testing
@testable import KGExport

@Suite struct DOTWriterTests {
    @Test(arguments: [
        ("sample.dot", DOTWriter.Options()),
        ("sample-clusters.dot", DOTWriter.Options(clusterByLabel: true)),
        ("sample-nl-nolegend.dot", DOTWriter.Options(legend: false, language: "nl", title: "Rollen & \"bronnen\"")),
    ])
    func matchesGolden(name: String, options: DOTWriter.Options) throws {
        let g = try SampleGraph.make()
        let dot = DOTWriter(options: options).write(g, Subgraph(all: g))
        try Golden.check(name, dot)
        // Deterministic: the same input writes the same text.
        #expect(dot == DOTWriter(options: options).write(g, Subgraph(all: g)))
    }

    @Test func hostileGraphMatchesGolden() throws {
        let g = try SampleGraph.hostile()
        try Golden.check("hostile.dot", DOTWriter().write(g, Subgraph(all: g)))
    }

    @Test func everyNodeAndEdgeReadsBack() throws {
        let g = try SampleGraph.make()
        let counts = try GraphvizRenderer.shared.check(dot: DOTWriter().write(g, Subgraph(all: g)))
        #expect(counts.nodes == g.nodeCount + 1)   // and the legend
        #expect(counts.edges == g.edgeCount)
    }

    @Test func hostileLabelsParse() throws {
        let g = try SampleGraph.hostile()
        for options in [DOTWriter.Options(), DOTWriter.Options(clusterByLabel: true, title: "a \"title\" <&>\\")] {
            let counts = try GraphvizRenderer.shared.check(dot: DOTWriter(options: options).write(g, Subgraph(all: g)))
            #expect(counts.nodes == g.nodeCount + 1)   // and the legend
            #expect(counts.edges == g.edgeCount)
        }
    }

    @Test func subgraphDrawsOnlyItsNodesAndClosesEdges() throws {
        let g = try SampleGraph.make()
        let requires = g.edges(ofType: "REQUIRES")
        let dot = DOTWriter(options: .init(legend: false)).write(g, Subgraph(edges: requires))
        #expect(dot.contains("\"role:csr\" ["))
        #expect(dot.contains("\"skill:communication\" ["))
        #expect(!dot.contains("\"sector:cs\" ["))
        #expect(dot.components(separatedBy: " -> ").count - 1 == requires.count)
    }

    @Test func figuresShowAmountMeasureAndPeriod() throws {
        let g = try SampleGraph.make()
        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(dot.contains("<B>$15.81/hour</B><BR/>median hourly wage"))
        #expect(dot.contains("Figure · 2016 · US"))
        #expect(dot.contains("<B>10–12%</B><BR/>employment growth"))
        #expect(dot.contains("Figure · 2016–2026"))
        #expect(dot.contains("<B>about as fast as average</B>"))
    }

    @Test func tooltipsCarryCitations() throws {
        let g = try SampleGraph.make()
        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(dot.contains(#"“median hourly wage was $15.81” — Customer Service Representatives, line 20, via Bureau of Labor Statistics"#))
        #expect(dot.contains(#"(Duties of a customer service representative) — Kundtjänstrepresentant, line 1"#))
        #expect(dot.contains(#"sector:cs\n(uncited)"#))
    }

    @Test func legendListsTheLabelsDrawnInTableOrder() throws {
        let g = try SampleGraph.make()
        let dot = DOTWriter().write(g, Subgraph(all: g))
        let legend = try #require(dot.split(separator: "\n").first { $0.contains("\"kgq.legend\"") })
        let order = ["Role", "Sector", "Skill", "Qualification", "Source", "Document", "Figure", "Claim"]
        let positions = order.compactMap { legend.range(of: ">\($0)<")?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        #expect(!legend.contains(">Duty<"))
        #expect(!DOTWriter(options: .init(legend: false)).write(g, Subgraph(all: g)).contains("kgq.legend"))
    }

    @Test func eachKnownLabelHasItsOwnShapeAndColour() {
        let styles = NodeStyle.known.map { "\($0.style.shape)|\($0.style.style)|\($0.style.fill)" }
        #expect(Set(styles).count == styles.count)
        #expect(Set(NodeStyle.known.map(\.style.fill)).count == NodeStyle.known.count)
    }

    @Test(arguments: [
        ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#), ("new\nline", #""new\nline""#),
        ("ends\\", #""ends\\""#), ("Lön", "\"Lön\""), ("bell\u{07}", "\"bell\""),
    ])
    func quoting(input: String, expected: String) {
        #expect(DOTText.quoted(input) == expected)
    }

    @Test(arguments: [
        ("a & b", "a &amp; b"), ("<b>", "&lt;b&gt;"), ("say \"hi\"", "say &quot;hi&quot;"),
        ("two\nlines", "two<BR/>lines"), ("kundtjänst", "kundtjänst"),
    ])
    func htmlEscaping(input: String, expected: String) {
        #expect(DOTText.html(input) == expected)
    }

    @Test func wrapping() {
        #expect(DOTText.wrap("customer service representative", width: 20) == ["customer service", "representative"])
        #expect(DOTText.wrap("supercalifragilisticexpialidocious", width: 5) == ["supercalifragilisticexpialidocious"])
    }
}
