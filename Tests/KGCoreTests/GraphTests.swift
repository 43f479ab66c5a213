import Testing
@testable import KGCore

@Suite struct GraphTests {
    func sample() throws -> Graph {
        var g = Graph()
        let csr = try g.addNode(Node(id: "role:csr", labels: ["Role"], properties: ["name": .string("Customer Service Representative")],
                                     names: [LocalizedName(language: "sv", text: "Kundtjänstrepresentant")]))
        let neg = try g.addNode(Node(id: "skill:negotiation", labels: ["Skill"], properties: ["name": .string("negotiation")]))
        try g.addEdge(Edge(id: "e1", type: "REQUIRES", from: csr, to: neg))
        return g
    }

    @Test func indexesFindNodesByIdLabelAndAnyName() throws {
        let g = try sample()
        #expect(g.node(id: "role:csr") == 0)
        #expect(g.nodes(labelled: "Skill") == [1])
        #expect(g.nodes(named: "customer service representative") == [0])
        #expect(g.nodes(named: "KUNDTJÄNSTREPRESENTANT") == [0])
        #expect(g.outgoing(0) == [0] && g.incoming(1) == [0])
        #expect(g.edges(ofType: "REQUIRES") == [0])
    }

    @Test func typeAndLabelCodesAndAdjacencyEntries() throws {
        var g = try sample()
        #expect(g.typeCode("REQUIRES") == g.typeCode(edge: 0))
        #expect(g.typeCode("NOPE") == -1)
        #expect(g.outgoingAdjacency(0) == [AdjacentEdge(edge: 0, other: 1, typeCode: g.typeCode("REQUIRES"))])
        #expect(g.incomingAdjacency(1).map(\.other) == [0])
        let role = g.labelCode("Role"), skill = g.labelCode("Skill")
        #expect(g.hasLabel(node: 0, code: role) && !g.hasLabel(node: 0, code: skill))
        #expect(!g.hasLabel(node: 0, code: g.labelCode("Nope")))
        g.addLabel(node: 0, "Skill")
        #expect(g.hasLabel(node: 0, code: skill))
        g.removeLabel(node: 0, "Role")
        #expect(!g.hasLabel(node: 0, code: role))
        g.deleteEdge(0)
        #expect(g.outgoingAdjacency(0).isEmpty && g.incoming(1).isEmpty)
    }

    @Test func duplicateIdIsAnError() throws {
        var g = try sample()
        #expect(throws: Diagnostic.self) { try g.addNode(Node(id: "role:csr", labels: ["Role"])) }
    }

    @Test func deletingAConnectedNodeNeedsDetach() throws {
        var g = try sample()
        #expect(throws: Diagnostic.self) { try g.deleteNode(0) }
        try g.deleteNode(0, detach: true)
        #expect(g.nodeCount == 1 && g.edgeCount == 0)
        #expect(g.node(id: "role:csr") == nil)
        #expect(g.nodes(named: "kundtjänstrepresentant").isEmpty)
        #expect(g.incoming(1).isEmpty)
    }

    @Test func renamedNodesAreFoundByTheirNewNameOnly() throws {
        var g = try sample()
        g.setProperty(node: 1, "name", .string("haggling"))
        #expect(g.nodes(named: "haggling") == [1])
        #expect(g.nodes(named: "negotiation").isEmpty)
    }

    @Test func datesKeepTheirPrecisionAndOrder() {
        #expect(KGDate("2016")?.description == "2016")
        #expect(KGDate("2016-05")?.description == "2016-05")
        #expect(KGDate("2016-02-30") == nil)
        #expect(KGDate("2016")! < KGDate("2016-01")!)
    }

    @Test func floatsAlwaysReadAsFloats() {
        #expect(Value.formatFloat(1) == "1.0")
        #expect(Value.formatFloat(15.81) == "15.81")
    }

    @Test func diagnosticsShowTheLineWithACaret() {
        let d = Diagnostic(.error, "expected a label", at: SourceLocation(file: "a.kg", line: 3, column: 5),
                           lineText: "node x {", help: "write ':Role'")
        #expect(d.rendered() == "a.kg:3:5: error: expected a label\n 3 | node x {\n   |     ^\n  help: write ':Role'")
    }
}
