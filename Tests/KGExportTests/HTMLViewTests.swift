import Foundation
import KGCore
import Testing
@testable import KGExport

/// The HTML view's page as text (issue 20 item 7); HTMLBrowserTests open it in a browser.
@Suite struct HTMLViewTests {
    static func page(_ graph: Graph, _ sub: Subgraph? = nil, options: DOTWriter.Options = .init()) throws -> String {
        try HTMLView(graph, sub ?? Subgraph(all: graph), options: options, layout: .dot).page()
    }

    /// The JSON data element of a page, parsed.
    static func data(_ page: String) throws -> [String: Any] {
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"kgq-data\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = String(page[start.upperBound..<end.lowerBound])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// One file: no reference to anything outside it (no src=, no http link, no CDN), the SVG
    /// inline, and a policy that only lets kgq's own script run.
    @Test func thePageIsSelfContained() throws {
        let page = try Self.page(try SampleGraph.make())
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<main id=\"view\">\n<svg"))
        #expect(!page.contains(" src="))
        #expect(!page.contains("<link"))
        #expect(!page.contains("<?xml"))
        #expect(!page.contains("<!DOCTYPE svg"))
        #expect(!page.lowercased().contains("cdn"))
        #expect(page.components(separatedBy: "<script").count - 1 == 2)
        let hash = Data(SHA256.digest(Array(HTMLViewScript.script.utf8))).base64EncodedString()
        #expect(page.contains("script-src 'sha256-\(hash)'"))
        #expect(page.contains("default-src 'none'"))
    }

    /// Every name in every language is in the data, so search finds a node by any of them;
    /// citations carry quote, gloss, document title and file, line and the via source's name.
    @Test func dataHoldsEveryNameAndTheCitations() throws {
        let graph = try SampleGraph.make()
        let data = try Self.data(try Self.page(graph))
        let nodes = try #require(data["nodes"] as? [String: [String: Any]])
        #expect(nodes.count == graph.nodeCount)
        let role = try #require(nodes.values.first { $0["id"] as? String == "role:csr" })
        let names = try #require(role["names"] as? [String: [String]])
        #expect(names["nl"] == ["klantenservicemedewerker"])
        #expect(names["sv"] == ["kundtjänstrepresentant"])
        #expect(role["aliases"] as? [String] == ["CSR"])
        let citation = try #require((role["citations"] as? [[String: Any]])?.first)
        #expect(citation["quote"] as? String == "Plikt och ansvar för en kundtjänstrepresentant")
        #expect(citation["gloss"] as? String == "Duties of a customer service representative")
        #expect(citation["title"] as? String == "Kundtjänstrepresentant")
        #expect(citation["file"] as? String == "002_kt.txt")
        #expect(citation["line"] as? Int == 1)
        let wage = try #require(nodes.values.first { $0["id"] as? String == "fig:wage-2016" })
        let wageCitation = try #require((wage["citations"] as? [[String: Any]])?.first)
        #expect(wageCitation["via"] as? String == "source:bls")
        #expect(wageCitation["viaName"] as? String == "Bureau of Labor Statistics")
        let edges = try #require(data["edges"] as? [String: [String: Any]])
        #expect(edges.count == graph.edgeCount)
        #expect(edges.values.contains { $0["type"] as? String == "REQUIRES" && ($0["citations"] as? [Any])?.count == 1 })
    }

    /// Each data key is the id of its element in the SVG, so a click finds its details.
    @Test func everyDrawnElementHasItsIdInTheSVG() throws {
        let graph = try SampleGraph.make()
        let page = try Self.page(graph)
        let data = try Self.data(page)
        let arrows = try #require(data["arrows"] as? [[String]])
        #expect(arrows.count == graph.edgeCount)
        for arrow in arrows {
            for id in arrow { #expect(page.contains("id=\"\(id)\""), "\(id) is not in the SVG") }
        }
        let nodes = try #require(data["nodes"] as? [String: [String: Any]])
        for (_, node) in nodes { #expect(page.contains("id=\"\(node["at"] as? String ?? "?")\"")) }
    }

    /// A hub's leaves drawn as one list node are in the data with the list node's id, and the
    /// list node knows its members.
    @Test func listNodeMembersPointAtTheListNode() throws {
        let graph = try DOTWriterTests.star(skills: 6)
        let data = try Self.data(try Self.page(graph))
        let groups = try #require(data["groups"] as? [String: [String: Any]])
        #expect(groups.count == 1)
        let (key, group) = try #require(groups.first)
        #expect((group["members"] as? [String])?.count == 6)
        let nodes = try #require(data["nodes"] as? [String: [String: Any]])
        #expect(nodes.values.filter { $0["at"] as? String == key }.count == 6)
    }

    /// The legend is a panel of its own (its own SVG), not part of the picture.
    @Test func theLegendIsItsOwnPanel() throws {
        let page = try Self.page(try SampleGraph.make())
        let legend = try #require(page.range(of: "<aside id=\"legend\">"))
        let view = try #require(page.range(of: "<main id=\"view\">"))
        #expect(page[legend.upperBound...].contains("Legend"))
        #expect(!page[view.upperBound..<legend.lowerBound].contains(">Legend<"))
        let none = try Self.page(try SampleGraph.make(), options: .init(legend: false))
        #expect(none.contains("<aside id=\"legend\" hidden>"))
    }

    /// Names that look like markup stay text: the data cannot close its script element, the
    /// SVG has entities, and no element comes from the graph.
    @Test func markupInNamesStaysText() throws {
        var g = Graph()
        let evil = "</script><script>alert(1)</script>"
        let a = try g.addNode(Node(id: "skill:<x>", labels: ["Skill"],
                                   properties: ["name": .string(evil), "note": .string("--> <!-- <img src=x onerror=alert(2)>")],
                                   names: [LocalizedName(language: "sv", text: "<b>fet</b> & \u{2028}ny rad")],
                                   citations: [Citation(document: "doc:x", line: 1, quote: evil, gloss: "\"q\" </script>")]))
        let b = try g.addNode(Node(id: "role:\"q\"", labels: ["Role"], properties: ["name": .string("x\" onmouseover=\"alert(3)")]))
        try g.addEdge(Edge(id: "e</script>", type: "REQUIRES", from: a, to: b, properties: ["why": .string(evil)]))
        let page = try Self.page(g, options: .init(title: "<i>title</i> </script>"))
        #expect(page.components(separatedBy: "<script").count - 1 == 2)
        #expect(page.components(separatedBy: "</script>").count - 1 == 2)
        #expect(!page.contains("<img"))
        #expect(!page.contains("<b>fet"))
        #expect(!page.contains("<i>title"))
        #expect(page.contains("&lt;/script&gt;&lt;script&gt;alert(1)"))
        // The data still reads back to the exact text.
        let data = try Self.data(page)
        let nodes = try #require(data["nodes"] as? [String: [String: Any]])
        let node = try #require(nodes.values.first { $0["id"] as? String == "skill:<x>" })
        #expect(node["name"] as? String == evil)
        #expect((node["names"] as? [String: [String]])?["sv"] == ["<b>fet</b> & \u{2028}ny rad"])
        #expect(((node["citations"] as? [[String: Any]])?.first?["gloss"]) as? String == "\"q\" </script>")
    }

    @Test func scriptSafeJSON() {
        #expect(HTMLView.scriptSafe("{\"a\": \"</script>&\u{2028}\"}") == "{\"a\": \"\\u003c/script\\u003e\\u0026\\u2028\"}")
    }

    @Test func inlineSVGDropsPrologAndComments() {
        let svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<!-- Generated -->\n<svg a=\"1\">\n<!-- n&#45;&#45;&gt; -->\n<g/></svg>\n"
        #expect(HTMLView.inlineSVG(Array(svg.utf8)) == "<svg a=\"1\">\n\n<g/></svg>")
    }
}
