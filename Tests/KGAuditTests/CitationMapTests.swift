import Testing
import KGCore
@testable import KGAudit

@Suite struct CitationMapTests {
    @Test func chainsDocumentsToSourcesToStatements() {
        var f = AuditFixture()
        f.document("doc:a", file: "a.txt")
        f.document("doc:b", file: "b.txt")
        f.node("source:bls", ["Source"], ["name": .string("BLS")])
        f.node("role:csr", ["Role"])
        f.node("fig:x", ["Figure"], ["value": .int(5)], cites: [cite("doc:a", 3, "5 procent", via: "source:bls"),
                                                              cite("doc:b", 7, "five percent")])
        let finding = AuditFinding(rule: "second-hand-only", severity: .warning, focus: AuditFocus(.node, "fig:x"),
                                   location: nil, message: "m", fix: "f")
        let map = CitationMap.build(from: f.graph, findings: [finding])
        #expect(Set(map.nodeHandles.map { map.nodes[$0].id }) == ["fig:x", "doc:a", "source:bls", "doc:b"])
        let edges = map.edgeHandles.map { map.edges[$0] }.map { "\(map.nodes[$0.from].id) \($0.type) \(map.nodes[$0.to].id)" }
        #expect(Set(edges) == ["doc:a ATTRIBUTES_TO source:bls", "source:bls REPORTS fig:x", "doc:b STATES fig:x"])
        let fig = map.nodes[map.node(id: "fig:x")!]
        #expect(fig.properties["audit_severity"] == .string("warning"))
        #expect(fig.citations.isEmpty)
    }
}
