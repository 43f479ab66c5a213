import Foundation
import KGCore
import KGQuery
import Testing
@testable import KGExport

@Suite struct GraphExporterTests {
    @Test func pictureFormatsStopAtTheNodeCapWithAClearMessage() throws {
        let g = try SampleGraph.large(roles: 80)   // 80 × 7 + 7 = 567 nodes
        #expect(g.nodeCount > ExportFormat.defaultPictureNodeCap)
        for format in [ExportFormat.png, .dot, .svg] {
            #expect {
                try GraphExporter().export(g, Subgraph(all: g), as: format)
            } throws: { error in
                guard let d = error as? Diagnostic else { return false }
                return d.message == "the subgraph to export has \(g.nodeCount) nodes, more than the \(format.rawValue) limit of 500 nodes"
                    && (d.help ?? "").contains("--max-nodes \(g.nodeCount)")
                    && (d.help ?? "").contains("--layout sfdp")
                    && (d.help ?? "").contains("narrow the query")
            }
        }
        // Data formats have no default cap, but obey an explicit one.
        _ = try GraphExporter().export(g, Subgraph(all: g), as: .json)
        #expect {
            try GraphExporter().export(g, Subgraph(all: g), as: .json, options: ExportOptions(maxNodes: 10))
        } throws: { error in
            (error as? Diagnostic)?.message == "the subgraph to export has \(g.nodeCount) nodes, more than --max-nodes 10"
        }
        // Raising the cap lets the picture through.
        let dot = try GraphExporter().export(g, Subgraph(all: g), as: .dot, options: ExportOptions(maxNodes: 1000))
        #expect(!dot.files[0].bytes.isEmpty)
    }

    @Test func subgraphOfAResultTakesNodesEdgesAndPathsFromListsAndMaps() throws {
        let g = try SampleGraph.make()
        let role = try #require(g.node(id: "role:csr")), skill = try #require(g.node(id: "skill:communication"))
        let source = try #require(g.node(id: "source:bls")), wage = try #require(g.node(id: "fig:wage-2016"))
        let reports = try #require(g.edge(id: "e6")), measures = try #require(g.edge(id: "e4"))
        let requires = try #require(g.edge(id: "e1"))
        let result = ResultSet(columns: ["a", "b", "c"], rows: [
            [.node(role), .string("x"), .null],
            [.list([.node(skill), .int(3)]), .map(["p": .path(Path(nodes: [source, wage, role], edges: [reports, measures]))]), .null],
            [.edge(requires), .list([.list([.node(role)])]), .float(1)],
        ])
        let sub = Subgraph(result: result)
        #expect(sub.nodes == [role, skill, source, wage].sorted())
        #expect(sub.edges == [requires, reports, measures].sorted())
        // Exported, the relationship-only rows bring their end nodes.
        let onlyEdge = Subgraph(result: ResultSet(columns: ["r"], rows: [[.edge(requires)]]))
        let json = String(decoding: try GraphExporter().export(g, onlyEdge, as: .json).files[0].bytes, as: UTF8.self)
        #expect(json.contains("\"id\": \"role:csr\""))
        #expect(json.contains("\"id\": \"skill:communication\""))
    }

    @Test func subgraphSkipsDeletedHandles() throws {
        var g = try SampleGraph.make()
        let sector = try #require(g.node(id: "sector:cs"))
        let sub = Subgraph(all: g)
        try g.deleteNode(sector, detach: true)
        let json = String(decoding: try GraphExporter().export(g, sub, as: .json).files[0].bytes, as: UTF8.self)
        #expect(!json.contains("sector:cs"))
    }

    @Test func csvIsTwoNamedFiles() throws {
        let g = try SampleGraph.make()
        let output = try GraphExporter().export(g, Subgraph(all: g), as: .csv)
        #expect(output.files.map(\.name) == ["nodes.csv", "relationships.csv"])
        #expect(ExportFormat.csv.writesDirectory)
    }

    @Test func atomicWriteReplacesAndLeavesNoTemporaryFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.dot").path
        try AtomicFile.write(Array("first".utf8), to: path)
        try AtomicFile.write(Array("second, longer".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second, longer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.dot"])
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
    }

    @Test func atomicWriteExplainsWhatIsWrong() throws {
        #expect {
            try AtomicFile.write([1], to: "/nonexistent-kgq-dir/x.png")
        } throws: { error in
            let d = error as? Diagnostic
            return d?.message == "cannot write '/nonexistent-kgq-dir/x.png': the directory '/nonexistent-kgq-dir' does not exist"
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect {
            try AtomicFile.write([1], to: directory)
        } throws: { error in
            (error as? Diagnostic)?.message.hasSuffix("it is a directory") == true
        }
    }
}
