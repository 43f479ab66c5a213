import Foundation
import Testing
import KGCore
@testable import KGImport

@Suite struct GraphGeneratorTests {
    @Test func sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws {
        let a = try GraphGenerator(nodes: 500, edges: 3000, seed: 7).files()
        let b = try GraphGenerator(nodes: 500, edges: 3000, seed: 7).files()
        let c = try GraphGenerator(nodes: 500, edges: 3000, seed: 8).files()
        #expect(a.map(\.name) == b.map(\.name))
        #expect(a.map(\.bytes) == b.map(\.bytes))
        #expect(a.map(\.bytes) != c.map(\.bytes))
    }

    @Test func writtenFoldersAreByteIdenticalToo() throws {
        let one = try TempFolder(), two = try TempFolder()
        defer { one.remove(); two.remove() }
        let generator = try GraphGenerator(nodes: 300, edges: 2000, seed: 1)
        let summary = try generator.write(to: one.path)
        try generator.write(to: two.path)
        #expect(summary.files == generator.fileNames)
        for name in summary.files {
            let x = FileManager.default.contents(atPath: one.path + "/" + name)
            #expect(x != nil && x == FileManager.default.contents(atPath: two.path + "/" + name), "\(name)")
        }
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: one.path).sorted() == summary.files.sorted())
    }

    @Test func countsFollowTheSchemaAndAddUp() {
        for (n, m) in [(6, 0), (7, 1), (1000, 9999), (100_000, 1_000_000)] {
            let nodes = GeneratorSchema.nodeCounts(total: n)
            let edges = GeneratorSchema.edgeCounts(total: m)
            #expect(nodes.values.reduce(0, +) == n)
            #expect(nodes.values.allSatisfy { $0 >= 1 })
            #expect(edges.values.reduce(0, +) == m)
            #expect(Set(nodes.keys) == ["Role", "Sector", "Skill", "Source", "Document", "Figure"])
        }
        #expect(GeneratorSchema.edgeKinds.reduce(0) { $0 + $1.perMille } == 1000)
    }

    @Test func tooFewNodesIsAnError() {
        #expect(throws: Diagnostic.self) { try GraphGenerator(nodes: 5, edges: 10, seed: 1) }
        #expect(throws: Diagnostic.self) { try GraphGenerator(nodes: 10, edges: -1, seed: 1) }
    }

    /// generate → import: every node and relationship arrives, with the schema's labels and types.
    @Test func roundTripThroughTheImporter() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let (n, m) = (2000, 15000)
        try GraphGenerator(nodes: n, edges: m, seed: 42).write(to: folder.path)
        let graph = try CSVImporter().load(folder: folder.path)
        #expect(graph.nodeCount == n && graph.edgeCount == m)
        let nodeCounts = GeneratorSchema.nodeCounts(total: n)
        for (label, count) in nodeCounts { #expect(graph.nodes(labelled: label).count == count, "\(label)") }
        #expect(graph.nodes(labelled: "Organization").count == nodeCounts["Source"])
        for (type, count) in GeneratorSchema.edgeCounts(total: m) { #expect(graph.edges(ofType: type).count == count, "\(type)") }

        // Ends have the labels the schema promises.
        for e in graph.edges(ofType: "MEASURES") {
            #expect(graph.nodes[graph.edges[e].from].hasLabel("Figure"))
            let to = graph.nodes[graph.edges[e].to]
            #expect(to.hasLabel("Role") || to.hasLabel("Sector"))
        }
        // Typed columns and citations survive.
        let figure = graph.nodes[try #require(graph.node(id: "fig:1"))]
        #expect(figure.properties["value"]?.number != nil)
        #expect(figure.citations.count == 1 && figure.citations[0].document.hasPrefix("doc:"))
        #expect(graph.documents.count == nodeCounts["Document"])

        // The benchmark queries (kgq-bench, Benchmarks/compare_kuzu.py) start from this role.
        #expect(graph.nodes(named: "junior claims associate") == [try #require(graph.node(id: "role:101"))])
    }

    @Test func degreesAreSkewed() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try GraphGenerator(nodes: 5000, edges: 50000, seed: 3).write(to: folder.path)
        let graph = try CSVImporter().load(folder: folder.path)
        let skills = graph.nodes(labelled: "Skill").map { graph.incoming($0).count }.sorted(by: >)
        let mean = Double(skills.reduce(0, +)) / Double(skills.count)
        #expect(Double(skills[0]) > 10 * mean, "a hub has many times the mean in-degree")
        #expect(skills[skills.count / 2] < Int(mean), "the median is below the mean: a long tail")
    }
}
