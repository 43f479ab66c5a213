import Testing
import KGCore
@testable import KGAudit

@Suite struct CitationMapTests {
    func fixture() -> AuditFixture {
        var f = AuditFixture()
        f.document("doc:a", file: "a.txt")
        f.document("doc:b", file: "b.txt")
        f.node("source:bls", ["Source"], ["name": .string("BLS")])
        f.node("role:csr", ["Role"])
        f.node("fig:x", ["Figure"], ["value": .int(5), "unit": .string("percent"), "measure": .string("growth")],
               cites: [cite("doc:a", 3, "5 procent", via: "source:bls"), cite("doc:b", 7, "five percent")])
        f.node("claim:y", ["Claim"], ["assessment": .string("growing"), "measure": .string("growth")],
               cites: [cite("doc:b", 8, "it grows")])
        return f
    }

    @Test func chainsDocumentsToSourcesToStatements() {
        let map = CitationMap.build(from: fixture().graph)
        #expect(map.items.map(\.id) == ["fig:x", "doc:a", "source:bls", "doc:b", "claim:y"])
        #expect(map.items.map(\.kind) == [.figure, .document, .source, .document, .claim])
        #expect(map.links.map(\.description) == ["doc:a ATTRIBUTES_TO source:bls", "source:bls REPORTS fig:x",
                                                 "doc:b STATES fig:x", "doc:b STATES claim:y"])
        #expect(map.items.allSatisfy { $0.severity == nil } && map.links.allSatisfy { $0.severity == nil })
        #expect(map.items[0].caption == ["5 percent", "growth"])
    }

    @Test func tooltipsHoldTheRealCitations() {
        let map = CitationMap.build(from: fixture().graph)
        let fig = map.items[0].tooltip
        #expect(fig.contains("“5 procent” — doc:a, line 3, via BLS"))
        #expect(fig.contains("“five percent” — doc:b, line 7"))
        #expect(!fig.contains("uncited"))
        #expect(map.links[1].tooltip.contains("fig:x: “5 procent” — doc:a, line 3, via BLS"))
    }

    @Test func nodesAndLinksTakeTheWorstFindingAboutThem() {
        let whole = AuditFinding(rule: "value-not-in-quote", severity: .error, focus: AuditFocus(.node, "fig:x", property: "value"),
                                 location: nil, message: "wrong value", fix: "f")
        let second = AuditFinding(rule: "missing-attribution", severity: .warning, focus: AuditFocus(.node, "claim:y", citation: 0),
                                  location: nil, message: "no via", fix: "f")
        let info = AuditFinding(rule: "single-source", severity: .info, focus: AuditFocus(.node, "fig:x"),
                                location: nil, message: "one source", fix: "f")
        let map = CitationMap.build(from: fixture().graph, findings: [info, whole, second])
        let severity = Dictionary(uniqueKeysWithValues: map.items.map { ($0.id, $0.severity) })
        #expect(severity["fig:x"] == .error && severity["claim:y"] == .warning && severity["doc:a"] == .some(nil))
        let links = Dictionary(uniqueKeysWithValues: map.links.map { ($0.description, $0.severity) })
        // A finding about the whole figure colours every link into it (and the attribution it rests on).
        #expect(links["source:bls REPORTS fig:x"] == .error && links["doc:b STATES fig:x"] == .error)
        #expect(links["doc:a ATTRIBUTES_TO source:bls"] == .error)
        #expect(links["doc:b STATES claim:y"] == .warning)
        #expect(map.items[0].tooltip.contains("error value-not-in-quote: wrong value"))
        #expect(map.count(.error) == (1, 3))
    }

    @Test func aFindingAboutOneCitationColoursOnlyItsLink() {
        let f = AuditFinding(rule: "quote-not-found", severity: .error, focus: AuditFocus(.node, "fig:x", citation: 1),
                             location: nil, message: "not on line 7", fix: "f")
        let map = CitationMap.build(from: fixture().graph, findings: [f])
        let links = Dictionary(uniqueKeysWithValues: map.links.map { ($0.description, $0.severity) })
        #expect(links["doc:b STATES fig:x"] == .error)
        #expect(links["source:bls REPORTS fig:x"] == .some(nil))
    }

    @Test func theOtherSideOfAConflictIsColouredToo() {
        let other = RelatedStatement(focus: AuditFocus(.node, "fig:x"), location: nil, summary: "5 percent", citations: [])
        let conflict = AuditFinding(rule: "conflicting-statements", severity: .warning, focus: AuditFocus(.node, "claim:y"),
                                    location: nil, message: "they disagree", fix: "f", related: [other])
        let map = CitationMap.build(from: fixture().graph, findings: [conflict])
        #expect(map.items.first { $0.id == "fig:x" }?.severity == .warning)
        #expect(map.links.first { $0.description == "doc:b STATES fig:x" }?.severity == .warning)
        #expect(map.items.first { $0.id == "fig:x" }?.tooltip.contains("warning conflicting-statements: they disagree") == true)
    }
}
