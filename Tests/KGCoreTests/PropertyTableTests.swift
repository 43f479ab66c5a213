import Testing
@testable import KGCore

/// The column store under the graph's properties, and the per-type degree counts beside the adjacency.
@Suite struct PropertyTableTests {
    @Test func typedColumnsReadBackWhatWasWritten() {
        var t = PropertyTable()
        t.appendRow(["name": .string("active listening"), "level": .int(3), "share": .float(0.25), "remote": .bool(true),
                     "since": .date(KGDate(year: 2016, month: 5)!)])
        t.appendRow(["name": .string("é – ünïcode ✓")])
        t.appendRow([:])
        #expect(t.rowCount == 3)
        #expect(t.properties(0) == ["name": .string("active listening"), "level": .int(3), "share": .float(0.25),
                                    "remote": .bool(true), "since": .date(KGDate(year: 2016, month: 5)!)])
        #expect(t.value(1, key: "name") == .string("é – ünïcode ✓"))
        #expect(t.value(1, key: "level") == nil)
        #expect(t.properties(2).isEmpty && t.isEmpty(2))
        #expect(t.code("nothing") == -1 && t.value(0, code: -1) == nil)
        let bytes = t.withUTF8(1, code: t.code("name")) { Array($0) }
        #expect(bytes == Array("é – ünïcode ✓".utf8))
        #expect(t.withUTF8(0, code: t.code("level")) { _ in true } == nil)
    }

    @Test func aSecondTypeTurnsTheColumnGeneralWithoutLosingValues() {
        var t = PropertyTable()
        for i in 0..<100 { t.appendRow(["v": .int(i)]) }
        t.set(50, "v", .string("fifty"))
        t.set(51, "v", .float(51.5))
        t.set(52, "v", .list([.int(1), .null]))
        #expect(t.value(49, key: "v") == .int(49))
        #expect(t.value(50, key: "v") == .string("fifty"))
        #expect(t.value(51, key: "v") == .float(51.5))
        #expect(t.value(52, key: "v") == .list([.int(1), .null]))
        #expect(t.withUTF8(50, code: t.code("v")) { String(decoding: $0, as: UTF8.self) } == "fifty")
        // 1 and 1.0 stay apart, as openCypher keeps them.
        #expect(t.value(1, key: "v") == .int(1))
    }

    @Test func removingAndOverwritingKeepsOtherRowsAndReportsTheOldValue() {
        var t = PropertyTable()
        t.appendRow(["name": .string("a")]); t.appendRow(["name": .string("b")])
        #expect(t.set(0, "name", .string("a much longer name than before")) == .string("a"))
        #expect(t.set(1, "name", nil) == .string("b"))
        #expect(t.value(1, key: "name") == nil && t.holds("name"))
        #expect(t.set(0, "name", .null) == .string("a much longer name than before"))
        #expect(!t.holds("name") && t.keysInUse.isEmpty)
        // Many overwrites compact the arena and keep every value right.
        for i in 0..<5000 { t.set(i % 2, "name", .string(String(repeating: "x", count: 40) + String(i))) }
        #expect(t.value(0, key: "name") == .string(String(repeating: "x", count: 40) + "4998"))
        #expect(t.value(1, key: "name") == .string(String(repeating: "x", count: 40) + "4999"))
    }

    @Test func removeLastRowIsTheRevertOfAppend() {
        var a = PropertyTable()
        a.appendRow(["k": .string("kept")])
        var b = a
        b.appendRow(["k": .string("dropped"), "new": .int(1)])
        b.removeLastRow()
        #expect(b.sameContents(as: a))
        b.appendRow([:])
        #expect(b.value(1, key: "k") == nil && b.value(1, key: "new") == nil)
    }

    @Test func typedDegreesFollowWritesAndUndo() throws {
        var g = Graph()
        let r = try g.addNode(Node(id: "r", labels: ["Role"]))
        let s = try g.addNode(Node(id: "s", labels: ["Skill"]))
        let t = try g.addNode(Node(id: "t", labels: ["Skill"]))
        try g.addEdge(Edge(id: "e1", type: "REQUIRES", from: r, to: s))
        try g.addEdge(Edge(id: "e2", type: "REQUIRES", from: r, to: t))
        try g.addEdge(Edge(id: "e3", type: "SIMILAR_TO", from: s, to: t))
        let req = g.typeCode("REQUIRES"), skill = g.labelCode("Skill"), role = g.labelCode("Role")
        #expect(g.degree(r, typeCode: req, outgoing: true) == 2)
        #expect(g.degree(s, typeCode: req, outgoing: false) == 1)
        #expect(g.degree(s, typeCode: req, outgoing: true) == 0)
        #expect(g.typeImpliesLabel(req, label: skill, atEnd: true) && g.typeImpliesLabel(req, label: role, atEnd: false))
        #expect(!g.typeImpliesLabel(req, label: role, atEnd: true))

        let before = g
        g.beginUndo()
        g.deleteEdge(0)
        try g.addEdge(Edge(id: "e4", type: "REQUIRES", from: r, to: r))
        #expect(g.degree(r, typeCode: req, outgoing: true) == 2)
        #expect(!g.typeImpliesLabel(req, label: skill, atEnd: true), "a Role now ends a REQUIRES")
        g.rollBack()
        #expect(g == before)
        #expect(g.degree(r, typeCode: req, outgoing: true) == 2 && g.degree(s, typeCode: req, outgoing: false) == 1)

        g.removeLabel(node: t, "Skill")
        #expect(!g.typeImpliesLabel(req, label: skill, atEnd: true), "a removed label is no longer implied")
        // A label interned after the edges exists is implied by nothing.
        g.addLabel(node: s, "Extra")
        #expect(!g.typeImpliesLabel(req, label: g.labelCode("Extra"), atEnd: true))
    }

    @Test func aHundredLabelsAllMatch() throws {
        var g = Graph()
        for i in 0..<100 { try g.addNode(Node(id: "n\(i)", labels: ["L\(i)", "Common"])) }
        for i in 0..<100 {
            #expect(g.nodes(labelled: "L\(i)") == [i])
            #expect(g.hasLabel(node: i, code: g.labelCode("L\(i)")))
            #expect(!g.hasLabel(node: (i + 1) % 100, code: g.labelCode("L\(i)")))
        }
        #expect(g.nodes(labelled: "Common").count == 100)
    }
}
