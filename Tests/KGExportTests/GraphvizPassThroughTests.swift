import Foundation
import KGTestSupport
import Testing
@testable import KGExport

/// Graphviz pass-through (issue 20 item 6): `-G`, `-N`, `-E` as `dot` has them, the output
/// formats libgvc has here, listed by `kgq plugins`.
@Suite(.enabled(if: ExportCLI.binaryExists, "build kgq first (swift build)"))
struct GraphvizPassThroughTests {
    static let view = "graphs/customer-service/views/wage-figures.cypher"

    /// The attributes come after kgq's own in every statement, so they win; joined (`-Nshape=box`)
    /// and apart (`-N shape=box`) alike; a name alone is `name=true`.
    @Test func attributesGoAfterKgqsOwn() throws {
        let run = KGTestSupport.runKGQ(["export", "--query-file", Self.view, "--format", "dot", "-o", "-",
                                        "-Gsize=10,10", "-N", "shape=box", "-Epenwidth=2", "-Nfixedsize"])
        #expect(run.status == 0, "\(run.stderr)")
        let dot = run.stdout
        let graphLine = try #require(dot.split(separator: "\n").first { $0.hasPrefix("  graph [") })
        #expect(graphLine.hasSuffix("size=\"10,10\"];"), "\(graphLine)")
        let nodeLines = dot.split(separator: "\n").filter { $0.contains(" [label=<") }
        #expect(!nodeLines.isEmpty)
        for line in nodeLines { #expect(line.hasSuffix("shape=\"box\", fixedsize=\"true\"];"), "\(line)") }
        let edgeLines = dot.split(separator: "\n").filter { $0.contains(" -> ") && !$0.contains("style=invis") }
        #expect(!edgeLines.isEmpty)
        for line in edgeLines { #expect(line.hasSuffix("penwidth=\"2\"];"), "\(line)") }
        // Invisible layout links stay invisible.
        #expect(!dot.contains("style=invis, penwidth"))
    }

    /// A picture honours them: -Gsize=2,2 at 96 dpi is at most 192 pixels.
    @Test func aGraphAttributeChangesThePicture() throws {
        let size = try PictureSizeTests.render(["--query-file", Self.view, "--format", "png", "-Gsize=2,2"])
        #expect(max(size.width, size.height) <= 194, "\(size)")
    }

    @Test(arguments: [["-G1x=2"], ["-N=box"], ["-Esty-le=bold"], ["-Gsi ze=1"]])
    func aBadAttributeIsAnError(arguments: [String]) {
        let run = KGTestSupport.runKGQ(["export", "--format", "dot", "-o", "/tmp/kgq-never.dot"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains("takes a Graphviz attribute as name=value"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kgq-never.dot"))
    }

    /// `kgq plugins` lists what libgvc has at run time, and jpg and webp render where it has them.
    @Test func pluginsListsGraphvizFormatsAndTheyRender() throws {
        let formats = GraphvizRenderer.shared.availableFormats()
        #expect(formats.contains("png") && formats.contains("svg"))
        let run = KGTestSupport.runKGQ(["plugins"])
        #expect(run.status == 0)
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("output formats") })
        for format in formats { #expect(line.contains(format)) }
        let json = KGTestSupport.runKGQ(["plugins", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect((object["graphviz"] as? [String: [String]])?["formats"] == formats)

        let magic: [(String, [UInt8])] = [("jpg", [0xFF, 0xD8, 0xFF]), ("webp", Array("RIFF".utf8))]
        let directory = try ExportCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (format, header) in magic {
            let path = directory.appendingPathComponent("view.\(format)").path
            let export = KGTestSupport.runKGQ(["export", "--query-file", Self.view, "-o", path])
            if formats.contains(format) {
                #expect(export.status == 0, "\(export.stderr)")
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(Array(bytes.prefix(header.count)) == header, "\(format)")
            } else {
                #expect(export.status == 2)
                #expect(export.stderr.contains("this Graphviz has no '\(format)' output"))
            }
        }
    }
}
