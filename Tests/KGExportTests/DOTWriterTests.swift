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
        #expect(counts.nodes == g.nodeCount)   // the legend is the graph's label, not a node
        #expect(counts.edges == g.edgeCount)
    }

    @Test func hostileLabelsParse() throws {
        let g = try SampleGraph.hostile()
        for options in [DOTWriter.Options(), DOTWriter.Options(clusterByLabel: true, title: "a \"title\" <&>\\")] {
            let counts = try GraphvizRenderer.shared.check(dot: DOTWriter(options: options).write(g, Subgraph(all: g)))
            #expect(counts.nodes == g.nodeCount)
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
        #expect(dot.contains(">2016 · US</FONT>"))
        #expect(dot.contains("<B>10–12%</B><BR/>employment growth"))
        #expect(dot.contains(">2016–2026</FONT>"))
        // Not the assessment word in bold, and no grey label line: the legend has the label.
        #expect(!dot.contains("<B>about as fast as average</B>"))
        #expect(!dot.contains("Figure · "))
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
        // The legend is the graph's own label, in the top left corner: no node of the layout.
        #expect(!dot.contains("kgq.legend"))
        let legend = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  graph [") })
        #expect(legend.contains("labelloc=t, labeljust=l, label=<"))
        let order = ["Role", "Sector", "Skill", "Qualification", "Source", "Document", "Figure", "Claim"]
        let positions = order.compactMap { legend.range(of: ">\($0)</FONT>")?.lowerBound ?? legend.range(of: ">\($0) (dashed)</FONT>")?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        #expect(!legend.contains(">Duty</FONT>"))
        // Each label with a glyph of its shape in its colours: the role's rounded box, the source's cylinder.
        #expect(legend.contains("COLOR=\"#1f4e79\">▢</FONT>"))
        #expect(legend.contains("COLOR=\"#741b47\">⛁</FONT>"))
        #expect(legend.contains("Claim (dashed)"))
        #expect(legend.contains("an arrow has the colour of the node it starts from"))
        let none = DOTWriter(options: .init(legend: false)).write(g, Subgraph(all: g))
        #expect(!none.contains("Legend"))
    }

    /// A role with eight skills: a graph for hubs, grouping and arrow labels.
    static func star(skills: Int, extra: Bool = false) throws -> Graph {
        var g = Graph()
        let role = try g.addNode(Node(id: "role:r", labels: ["Role"], properties: ["name": .string("agent")]))
        for i in 0..<skills {
            let skill = try g.addNode(Node(id: "skill:\(i)", labels: ["Skill"], properties: ["name": .string("skill \(i)")]))
            try g.addEdge(Edge(id: "e\(i)", type: "REQUIRES", from: role, to: skill))
        }
        if extra {
            let other = try g.addNode(Node(id: "skill:x", labels: ["Skill"], properties: ["name": .string("typing")]))
            try g.addEdge(Edge(id: "ex", type: "DOES_NOT_REQUIRE", from: role, to: other))
        }
        return g
    }

    /// The layout rules of issue 20 as golden DOT: a hub's leaves as one list node and, with
    /// --expand, staggered over ranks; arrow labels only where types between two labels differ
    /// (`star-mixed`); citations drawn as document and via arrows; the HTML view's element ids and
    /// legend kept apart. `make export-golden` rewrites them; review the diff.
    @Test(arguments: [
        ("layout-list-node.dot", "star", DOTWriter.Options()),
        ("layout-expanded.dot", "star", DOTWriter.Options(expand: true)),
        ("layout-mixed-types.dot", "star-mixed", DOTWriter.Options()),
        ("layout-citations.dot", "sample", DOTWriter.Options(citations: true)),
        ("layout-html-ids.dot", "sample", DOTWriter.Options(citations: true, elementIDs: true, separateLegend: true)),
    ])
    func layoutRulesMatchGolden(name: String, graph: String, options: DOTWriter.Options) throws {
        let g: Graph
        switch graph {
        case "star": g = try Self.star(skills: 8)
        case "star-mixed": g = try Self.star(skills: 3, extra: true)
        default: g = try SampleGraph.make()
        }
        let drawing = DOTWriter(options: options).draw(g, Subgraph(all: g))
        try Golden.check(name, drawing.dot + (drawing.legend.map { "// legend, apart:\n// \($0)\n" } ?? ""))
        _ = try GraphvizRenderer.shared.check(dot: drawing.dot)
    }

    /// `--language sv` (issue 20 item 5): names the graph has in Swedish, a figure's
    /// `measure_sv`, unit words from kgq's table; the legend counts what stayed English.
    @Test func languageTranslatesNamesMeasuresAndUnits() throws {
        var g = try SampleGraph.make()
        let english = DOTWriter().write(g, Subgraph(all: g))
        #expect(english.contains("$15.81/hour") && !english.contains("language:"))
        let wage = try #require(g.node(id: "fig:wage-2016"))
        g.setProperty(node: wage, "measure_sv", .string("medianlön per timme"))
        let dot = DOTWriter(options: .init(language: "sv")).write(g, Subgraph(all: g))
        #expect(dot.contains("kundtjänstrepresentant"))
        #expect(dot.contains("$15.81/timme"))
        #expect(dot.contains("medianlön per timme"))
        #expect(!dot.contains("median hourly wage<"))
        // Sector, skill, qualification and source have no Swedish name; the growth figure no measure_sv.
        #expect(dot.contains("language: Swedish where the graph or kgq has it; stayed English: 4 names, 1 measure, 1 claim statement, kgq's legend, label and relationship names"), "\(dot)")
        let nl = DOTWriter(options: .init(language: "nl")).write(g, Subgraph(all: g))
        #expect(nl.contains("klantenservicemedewerker") && nl.contains("$15.81/uur"))
        #expect(nl.contains("stayed English: 4 names, 2 measures, 1 claim statement, kgq's legend"), "\(nl)")
    }

    @Test func aHubsLeavesBecomeOneListNodeUnlessExpanded() throws {
        let g = try Self.star(skills: 10)
        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(dot.contains("<B>10 skills</B>"))
        #expect(dot.contains("· skill 0"))
        #expect(!dot.contains("\"skill:0\" ["))
        #expect(dot.components(separatedBy: " -> ").count - 1 == 1)
        #expect(dot.contains("peripheries=2"))
        #expect(dot.contains("double border"))
        let counts = try GraphvizRenderer.shared.check(dot: dot)
        #expect(counts.nodes == 2 && counts.edges == 1)

        let expanded = DOTWriter(options: .init(expand: true)).write(g, Subgraph(all: g))
        #expect(!expanded.contains("10 skills"))
        #expect(expanded.contains("\"skill:0\" ["))
        #expect(expanded.components(separatedBy: " -> ").count - 1 == 10)
        // A hub's many leaves are spread over three ranks, as unflatten does.
        #expect(expanded.contains("minlen=3"))
        // Up to the threshold, leaves stay nodes of their own.
        let small = try Self.star(skills: DOTWriter.groupThreshold)
        #expect(!DOTWriter().write(small, Subgraph(all: small)).contains("peripheries=2"))
    }

    @Test func labelPlurals() {
        #expect(HubGrouping.plural("Skill") == "skills")
        #expect(HubGrouping.plural("Duty") == "duties")
        #expect(HubGrouping.plural("WorkCondition") == "work conditions")
        #expect(HubGrouping.plural("Survey") == "surveys")
        #expect(HubGrouping.plural("Box") == "boxes")
    }

    @Test func arrowsAreLabelledOnlyWhereTypesDiffer() throws {
        let g = try Self.star(skills: 3)
        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(!dot.contains("label=\"REQUIRES\""))
        #expect(dot.contains("Role → Skill</FONT>"))
        #expect(dot.contains("<B>REQUIRES</B>"))
        // Without a legend, every arrow says its type.
        #expect(DOTWriter(options: .init(legend: false)).write(g, Subgraph(all: g)).contains("label=\"REQUIRES\""))
        // Two types between Role and Skill: both written on their arrows.
        let mixed = try Self.star(skills: 3, extra: true)
        let both = DOTWriter().write(mixed, Subgraph(all: mixed))
        #expect(both.contains("label=\"REQUIRES\""))
        #expect(both.contains("label=\"DOES_NOT_REQUIRE\""))
    }

    @Test func separatePiecesAreChainedIntoRows() throws {
        var g = Graph()
        for i in 0..<40 {
            let a = try g.addNode(Node(id: "role:\(i)", labels: ["Role"], properties: ["name": .string("role \(i)")]))
            let b = try g.addNode(Node(id: "skill:\(i)", labels: ["Skill"], properties: ["name": .string("skill \(i)")]))
            try g.addEdge(Edge(id: "e\(i)", type: "REQUIRES", from: a, to: b))
        }
        let dot = DOTWriter().write(g, Subgraph(all: g))
        let links = dot.components(separatedBy: "[style=invis]").count - 1
        #expect(links > 0 && links < 40)
        #expect(dot.contains("\"skill:0\" -> \"role:"))
        let png = try GraphvizRenderer.shared.render(dot: dot, format: .png)
        let size = try #require(pngSize(png))
        #expect(max(size.width, size.height) <= min(size.width, size.height) * 3, "\(size)")
    }

    @Test func auditSeveritiesColourTheBorderAndTheLegend() throws {
        var g = Graph()
        let a = try g.addNode(Node(id: "fig:a", labels: ["Figure"], properties: ["value": .int(1), "audit_severity": .string("error")]))
        let b = try g.addNode(Node(id: "fig:b", labels: ["Figure"], properties: ["value": .int(2), "audit_severity": .string("info")]))
        try g.addEdge(Edge(id: "e", type: "SAME_AS", from: a, to: b))
        let dot = DOTWriter().write(g, Subgraph(all: g))
        #expect(dot.contains("color=\"#d32f2f\", tooltip"))
        #expect(dot.contains("audit error"))
        #expect(dot.contains("audit info"))
        #expect(!dot.contains("audit warning"))
    }

    /// `--citations`: each figure's and claim's documents are drawn with a dashed arrow
    /// labelled by line, the `via` source with a dotted one unless a relationship joins them.
    @Test func citationsAreDrawnForFiguresAndClaims() throws {
        var g = Graph()
        try g.addNode(Document(id: "doc:a", file: "a.txt", sha256: String(repeating: "a", count: 64),
                               language: "en", title: "Report A", kind: "news article").node)
        let source = try g.addNode(Node(id: "source:s", labels: ["Source"], properties: ["name": .string("Survey S")]))
        let figure = try g.addNode(Node(id: "fig:f", labels: ["Figure"], properties: ["value": .int(5), "measure": .string("growth")],
            citations: [Citation(document: "doc:a", line: 7, quote: "grew 5", via: "source:s"),
                        Citation(document: "doc:a", line: 9, quote: "five")]))
        let role = try g.addNode(Node(id: "role:r", labels: ["Role"], properties: ["name": .string("agent")],
            citations: [Citation(document: "doc:a", line: 2, quote: "agents")]))
        try g.addEdge(Edge(id: "m", type: "MEASURES", from: figure, to: role))
        _ = source
        let only = Subgraph(nodes: [figure, role], edges: g.edges(ofType: "MEASURES"))
        let dot = DOTWriter(options: .init(citations: true)).write(g, only)
        #expect(dot.contains(#""doc:a" -> "fig:f" [label="lines 7, 9", style=dashed"#))
        #expect(dot.contains(#""source:s" -> "fig:f" [label="via", style=dotted"#))
        #expect(dot.contains("\"doc:a\" ["))          // the document is drawn
        #expect(!dot.contains(#""doc:a" -> "role:r""#))   // a role's citations stay in its tooltip
        #expect(dot.contains("the document states it, at that line; dotted"))
        let counts = try GraphvizRenderer.shared.check(dot: dot)
        #expect(counts.nodes == 4 && counts.edges == 3)
        #expect(!DOTWriter().write(g, only).contains("style=dashed, color=\"#888888\""))
    }

    @Test func aTooLongOrTooWideLayoutIsRefitted() {
        #expect(GraphvizRenderer.ratio(fitting: (100, 1000), maxAspect: 3) == "2.7")
        #expect(GraphvizRenderer.ratio(fitting: (1000, 100), maxAspect: 3) == String(1 / 2.7))
        #expect(GraphvizRenderer.ratio(fitting: (100, 290), maxAspect: 3) == nil)
    }

    @Test func eachKnownLabelHasItsOwnShapeAndColour() {
        let styles = NodeStyle.known.map { "\($0.style.shape)|\($0.style.style)|\($0.style.fill)" }
        #expect(Set(styles).count == styles.count)
        #expect(Set(NodeStyle.known.map(\.style.fill)).count == NodeStyle.known.count)
    }

    @Test(arguments: [
        ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#), ("new\nline", #""new\nline""#),
        ("ends\\", #""ends\\""#), ("Lön", "\"Lön\""), ("bell\u{07}", "\"bell\u{FFFD}\""),
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
