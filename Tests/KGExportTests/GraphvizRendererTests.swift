import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KGCore
import Testing
@testable import KGExport

@Suite struct GraphvizRendererTests {
    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.count > 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20))
    }

    @Test func pngHasMagicBytesAndPlausibleSize() throws {
        let g = try SampleGraph.make()
        let png = try GraphExporter().export(g, Subgraph(all: g), as: .png).files[0].bytes
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let size = try #require(Self.pngSize(png))
        #expect((200...8000).contains(size.width))
        #expect((100...8000).contains(size.height))
        #expect(png.count > 5_000)
    }

    @Test func pdfAndSvgAreWhatTheySay() throws {
        let g = try SampleGraph.make()
        let pdf = try GraphExporter().export(g, Subgraph(all: g), as: .pdf).files[0].bytes
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
        let svg = String(decoding: try GraphExporter().export(g, Subgraph(all: g), as: .svg).files[0].bytes, as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("customer service"))
        #expect(svg.contains("xlink:title=\"fig:wage&#45;2016&#10;“median hourly wage was $15.81”"))
    }

    @Test func hostileLabelsShowTheirOriginalTextInSVG() throws {
        let g = try SampleGraph.hostile()
        let svg = String(decoding: try GraphExporter().export(g, Subgraph(all: g), as: .svg).files[0].bytes, as: UTF8.self)
        // Node captions, drawn as SVG text: XML-escaped, line breaks as separate text elements.
        for expected in [
            "say &quot;hello&quot; &amp; &lt;goodbye&gt;", "C:\\path\\ends with\\", ">two</text>", ">lines</text>",
            "Lön &amp; förmåner för", "‘ĳs’ &lt;b&gt;bold&lt;/b&gt;", "tab here ]]&gt; &#45;&#45;&gt; }",
        ] {
            #expect(svg.contains(expected), "SVG lacks \(expected)")
        }
        // Tooltips (quotes from the citations) keep quotes, backslashes and newlines.
        #expect(svg.contains("“C:\\path\\ends with\\” (gloss &quot;1&quot;) — Titel met &quot;quotes&quot; &amp; &lt;tags&gt;, line 2"))
        #expect(svg.contains("“two&#10;lines”"))
        // Edge labels with quotes.
        #expect(svg.contains("WEIRD &quot;TYPE&quot;"))
        // The SVG is well-formed XML.
        _ = try XMLDocument(data: Data(svg.utf8))
    }

    @Test(arguments: LayoutEngine.allCases)
    func everyLayoutEngineRenders(engine: LayoutEngine) throws {
        let g = try SampleGraph.make()
        let options = ExportOptions(layout: engine, dot: .init(clusterByLabel: engine == .fdp))
        let svg = try GraphExporter().export(g, Subgraph(all: g), as: .svg, options: options).files[0].bytes
        #expect(String(decoding: svg, as: UTF8.self).contains("</svg>"))
    }

    @Test func badDOTBecomesADiagnostic() {
        #expect {
            try GraphvizRenderer.shared.check(dot: "digraph { a -> ; }")
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            return d.message.contains("could not read the DOT text") && d.message.contains("syntax error in line")
        }
    }

    @Test func missingPluginConfigurationSaysHowToFixIt() {
        let d = GraphvizRenderer.layoutFailure(engine: .dot, message: #"Layout type: "dot" not recognized. Use one of:"#)
        #expect(d.message.hasPrefix("Graphviz has no 'dot' layout"))
        #expect(d.help?.contains("libgvc6-config-update -c") == true)
        let other = GraphvizRenderer.layoutFailure(engine: .neato, message: "out of memory")
        #expect(other.message == "Graphviz could not lay the graph out with 'neato': out of memory")
    }

    @Test func rendersConcurrentlyWithoutCrashing() async throws {
        let g = try SampleGraph.make()
        let dot = DOTWriter().write(g, Subgraph(all: g))
        let sizes = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try GraphvizRenderer.shared.render(dot: dot, format: .svg).count }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(sizes.count == 8)
        #expect(Set(sizes).count == 1)
    }
}
