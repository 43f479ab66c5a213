import Testing
@testable import KGCore

/// Adjacency grouped by type and direction (compressed rows plus an overlay for the session's
/// writes), and labels as codes past 64.
@Suite struct AdjacencyTests {
    /// A hub with edges of three types added interleaved, and a few other nodes.
    static func hub() throws -> Graph {
        var g = Graph()
        let hub = try g.addNode(Node(id: "hub", labels: ["Role"]))
        for k in 1...6 { try g.addNode(Node(id: "n\(k)", labels: ["Skill"])) }
        let types = ["REQUIRES", "WORKS_IN", "MENTIONS"]
        for k in 0..<9 { try g.addEdge(Edge(id: "e\(k)", type: types[k % 3], from: hub, to: 1 + k % 6)) }
        try g.addEdge(Edge(id: "back", type: "REQUIRES", from: 3, to: hub))
        return g
    }

    @Test func aTypedExpansionIsOneContiguousSliceInBothForms() throws {
        var g = try AdjacencyTests.hub()
        for compacted in [false, true] {
            if compacted { g.compactAdjacency() }
            let requires = g.typeCode("REQUIRES"), worksIn = g.typeCode("WORKS_IN")
            // Grouped by type, insertion order within a type.
            #expect(g.outgoingAdjacency(0).map(\.typeCode) == [0, 0, 0, 1, 1, 1, 2, 2, 2].map(Int32.init))
            #expect(g.adjacency(0, typeCode: requires, outgoing: true).map(\.edge) == [0, 3, 6])
            #expect(g.adjacency(0, typeCode: worksIn, outgoing: true).map(\.other) == [2, 5, 2])
            #expect(g.adjacency(0, typeCode: requires, outgoing: false).map(\.edge) == [9])
            #expect(g.adjacency(0, typeCode: 99, outgoing: true).isEmpty)
            #expect(g.degree(0, typeCode: worksIn, outgoing: true) == 3)
            #expect(g.degree(0) == 10)
            #expect(g.outgoing(0).count == 9 && g.incoming(1) == [0, 6] && g.incoming(3) == [2, 8] && g.outgoing(3) == [9])
        }
    }

    @Test func writesOnACompactedGraphGoToTheOverlayAndUndoLeavesItEqual() throws {
        var g = try AdjacencyTests.hub()
        g.compactAdjacency()
        let before = g
        g.beginUndo()
        let n = try g.addNode(Node(id: "new", labels: ["Skill"]))
        // A REQUIRES edge added after the others lands with its type, not at the end.
        let e = try g.addEdge(Edge(id: "late", type: "REQUIRES", from: 0, to: n))
        #expect(g.adjacency(0, typeCode: g.typeCode("REQUIRES"), outgoing: true).map(\.edge) == [0, 3, 6, e])
        #expect(g.outgoingAdjacency(0).map(\.typeCode) == [0, 0, 0, 0, 1, 1, 1, 2, 2, 2].map(Int32.init))
        g.deleteEdge(3)
        #expect(g.adjacency(0, typeCode: g.typeCode("REQUIRES"), outgoing: true).map(\.edge) == [0, 6, e])
        #expect(g.degree(0, typeCode: g.typeCode("REQUIRES"), outgoing: true) == 3)
        try g.deleteNode(2, detach: true)
        #expect(g.degree(0, typeCode: g.typeCode("WORKS_IN"), outgoing: true) == 1)
        g.rollBack()
        #expect(g == before)
        #expect(g.outgoingAdjacency(0) == before.outgoingAdjacency(0))
        // Committed writes survive compaction unchanged.
        g.beginUndo()
        try g.addEdge(Edge(id: "kept", type: "MENTIONS", from: 0, to: 4))
        g.commitUndo()
        let rows = g.outgoingAdjacency(0)
        g.compactAdjacency()
        #expect(g.outgoingAdjacency(0) == rows && rows.count == 10)
    }

    @Test func aSnapshotStoresTheRowsCompactedAndDefersTheIdIndex() throws {
        var g = try AdjacencyTests.hub()
        g.deleteEdge(4)
        let bytes = SnapshotTests.snapshot(g)
        let back = try SnapshotTests.decode(bytes)
        #expect(back == g)
        #expect(!back.isNodeIndexBuilt)
        #expect(back.node(id: "n3") == 3 && back.node(id: "nope") == nil && back.edge(id: "e4") == nil && back.edge(id: "e5") == 5)
        #expect(back.isNodeIndexBuilt)
        #expect(back.adjacency(0, typeCode: back.typeCode("WORKS_IN"), outgoing: true).map(\.edge) == [1, 7])
    }

    /// 100 labels: each has a code, matching by any of them is exact, multi-label nodes carry
    /// labels on both sides of 64, and a snapshot reads them back.
    @Test func aHundredLabelsHaveNoCliffAt64() throws {
        var g = Graph()
        let labels = (0..<100).map { "L\($0)" }
        for (k, label) in labels.enumerated() {
            // Node k carries label k, and label (k + 50) % 100: one low code and one high for most.
            try g.addNode(Node(id: "n\(k)", labels: [label, labels[(k + 50) % 100]]))
        }
        g.removeLabel(node: 10, "L60")
        g.addLabel(node: 10, "L99")
        for graph in [g, try SnapshotTests.decode(SnapshotTests.snapshot(g))] {
            #expect(graph.labelCounts.count == 100)
            // Codes in order of first use: node 0 brings L0 and L50, node 1 L1 and L51, …
            #expect(Set(labels.map(graph.labelCode)) == Set(0..<100))
            #expect(graph.labelCode("L50") == 1 && graph.labelCode("L99") >= 64 && graph.labelCode("L32") == 64)
            for (k, label) in labels.enumerated() {
                let code = graph.labelCode(label)
                let carriers = (0..<100).filter { graph.hasLabel(node: $0, code: code) }
                var expected = [k, (k + 50) % 100].sorted()
                if k == 60 { expected = [60] }
                if k == 99 { expected = [10, 49, 99] }
                #expect(carriers == expected, "label \(label)")
                #expect(graph.nodes(labelled: label).sorted() == expected, "label \(label)")
            }
        }
        // A label created in a statement that fails is gone again, with its code.
        var w = g
        w.beginUndo()
        try w.addNode(Node(id: "m", labels: ["L100", "L0"]))
        #expect(w.labelCode("L100") == 100 && w.hasLabel(node: 100, code: 100))
        w.rollBack()
        #expect(w == g && w.labelCode("L100") == -1)
    }
}
