import Foundation
import KGCore
import KGFormat
import Testing

/// `GraphWriter`: a graph (or part of one) written as .kg loads back to the same graph.
@Suite struct GraphWriterTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let defaultGraph = root.appendingPathComponent("graphs/customer-service").path

    /// Everything but positions: ids, labels, properties, names, citations, relationship ends.
    struct Fingerprint: Hashable {
        var id: String, labels: [String], properties: [String: Value], names: [LocalizedName], citations: [Citation]
        var ends: [String] = []
    }

    static func fingerprints(_ g: Graph) -> Set<Fingerprint> {
        Set(g.nodeHandles.map { i in
            let n = g.nodes[i]
            return Fingerprint(id: n.id, labels: n.labels, properties: n.properties, names: n.names, citations: n.citations)
        } + g.edgeHandles.map { i in
            let e = g.edges[i]
            return Fingerprint(id: e.id, labels: [e.type], properties: e.properties, names: [], citations: e.citations,
                               ends: [g.nodes[e.from].id, g.nodes[e.to].id])
        })
    }

    @Test func theDefaultGraphRoundTrips() throws {
        let graph = try GraphLoader.load(folder: Self.defaultGraph)
        let text = try GraphWriter.write(graph, nodes: graph.nodeHandles, edges: graph.edgeHandles)
        let back = try GraphLoader.load(files: [(name: "all.kg", text: text)])
        #expect(back.nodeCount == graph.nodeCount)
        #expect(back.edgeCount == graph.edgeCount)
        #expect(Self.fingerprints(back) == Self.fingerprints(graph))
        // Writing is deterministic and canonical: the written file is its own `kgq fmt`.
        #expect(try GraphWriter.write(back, nodes: back.nodeHandles, edges: back.edgeHandles) == text)
    }

    @Test func aSubgraphBringsWhatItNeeds() throws {
        let graph = try GraphLoader.load(folder: Self.defaultGraph)
        // One cited relationship: its two ends, the documents its citations name and their via sources come along.
        let e = try #require(graph.edgeHandles.first { graph.edges[$0].citations.contains { $0.via != nil } })
        let text = try GraphWriter.write(graph, nodes: [], edges: [e])
        let back = try GraphLoader.load(files: [(name: "part.kg", text: text)])
        #expect(back.edgeCount == 1)
        let edge = graph.edges[e]
        for id in [graph.nodes[edge.from].id, graph.nodes[edge.to].id] + edge.citations.flatMap({ [$0.document] + ($0.via.map { [$0] } ?? []) }) {
            #expect(back.node(id: id) != nil, "\(id) is declared")
        }
        #expect(back.nodeCount < graph.nodeCount)
    }

    @Test func namesThatAreNotKGWordsAreClearErrors() throws {
        var g = Graph()
        _ = try g.addNode(Node(id: "1", labels: ["Role"]))
        #expect { try GraphWriter.write(g, nodes: g.nodeHandles, edges: []) } throws: { e in
            (e as? Diagnostic)?.message == "the node id '1' cannot be written in a .kg file"
        }
        var h = Graph()
        _ = try h.addNode(Node(id: "role:a", labels: ["Role"], properties: ["first name": .string("x")]))
        #expect { try GraphWriter.write(h, nodes: h.nodeHandles, edges: []) } throws: { e in
            (e as? Diagnostic)?.message == "the property name 'first name' of 'role:a' cannot be written in a .kg file"
        }
        var u = Graph()
        _ = try u.addNode(Node(id: "n:a"))
        #expect(throws: Diagnostic.self) { try GraphWriter.write(u, nodes: u.nodeHandles, edges: []) }
    }
}
