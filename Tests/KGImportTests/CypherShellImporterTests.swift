import Foundation
import Testing
import KGCore
@testable import KGImport

/// `cypher-shell --format plain` output read as a graph: what it reads, and where it says a bad
/// input is wrong.
@Suite struct CypherShellImporterTests {
    func load(_ text: String) -> Result<Graph, DiagnosticList> {
        do { return .success(try CypherShellImporter().load(bytes: Array(text.utf8), path: "out.txt")) } catch { return .failure(error) }
    }

    func graph(_ text: String) throws -> Graph {
        switch load(text) {
        case .success(let g): return g
        case .failure(let e): Issue.record("unexpected errors: \(e)"); throw e
        }
    }

    /// `MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m` as cypher-shell prints it: the
    /// same node in several rows is one node, NULLs add nothing, kgq's Cypher-export conventions
    /// (id, name_LANG, cite_*) are read back.
    @Test func rowsOfNodeRelationshipNode() throws {
        let g = try graph(#"""
        n, r, m
        (:Role {name: "customer service rep", id: "role:csr", name_sv: "kundtjänstmedarbetare", cite_document: ["doc:a"], cite_line: [3], cite_quote: ["service, \"rep\""], cite_gloss: [""], cite_via: ["source:bls"]}), [:REQUIRES {level: "core", id: "e1"}], (:Skill {id: "skill:empathy", name: "empathy", years: [1, 2.5], since: 2016-05-14, shift: PT8H, checked: true, note: NULL, opens: 08:30, closes: 18:00Z, seen: 2016-05-14T10:00:00+02:00})
        (:Role {name: "customer service rep", id: "role:csr", name_sv: "kundtjänstmedarbetare", cite_document: ["doc:a"], cite_line: [3], cite_quote: ["service, \"rep\""], cite_gloss: [""], cite_via: ["source:bls"]}), [:WORKS_IN], (:`Sector Type`:Sector {name: "Retail, mostly"})
        (:Skill {id: "skill:empathy", name: "empathy", years: [1, 2.5], since: 2016-05-14, shift: PT8H, checked: true, note: NULL}), NULL, NULL
        (:Sector {name: "Retail, mostly"}), NULL, NULL
        """#)
        #expect(g.nodeCount == 4)
        #expect(g.edgeCount == 2)
        let role = g.nodes[try #require(g.node(id: "role:csr"))]
        #expect(role.labels == ["Role"])
        #expect(role.properties == ["name": .string("customer service rep")])
        #expect(role.names == [LocalizedName(language: "sv", text: "kundtjänstmedarbetare")])
        #expect(role.citations == [Citation(document: "doc:a", line: 3, quote: "service, \"rep\"", via: "source:bls")])
        let skill = g.nodes[try #require(g.node(id: "skill:empathy"))]
        #expect(skill.properties["years"] == .list([.int(1), .float(2.5)]))
        #expect(skill.properties["since"] == .date(KGDate(year: 2016, month: 5, day: 14)!))
        #expect(skill.properties["shift"] == .temporal(try Temporal.parse(.duration, "PT8H")))
        #expect(skill.properties["checked"] == .bool(true))
        #expect(skill.properties["opens"] == .temporal(try Temporal.parse(.localtime, "08:30")))
        #expect(skill.properties["closes"] == .temporal(try Temporal.parse(.time, "18:00Z")))
        #expect(skill.properties["seen"] == .temporal(try Temporal.parse(.datetime, "2016-05-14T10:00:00+02:00")))
        #expect(skill.properties["note"] == nil, "Neo4j stores no nulls; a NULL property is no property")
        let requires = g.edges[try #require(g.edge(id: "e1"))]
        #expect(requires.type == "REQUIRES" && requires.properties == ["level": .string("core")])
        #expect(g.id(node: requires.from) == "role:csr" && g.id(node: requires.to) == "skill:empathy")
        // Without an id property: the label and name make the id, the ends the relationship's.
        let sector = try #require(g.node(id: "sector-type:retail-mostly"))
        #expect(g.nodes[sector].labels == ["Sector Type", "Sector"])
        #expect(g.node(id: "sector:retail-mostly") != nil, "another node: other labels")
        #expect(g.edge(id: "role:csr-WORKS_IN->sector-type:retail-mostly") != nil)
    }

    /// A path keeps its own direction: `<-[…]-` points back.
    @Test func pathsInBothDirections() throws {
        let g = try graph("""
        p
        (:Person {name: "Ann"})-[:KNOWS {since: 2001}]->(:Person {name: "Bo"})<-[:KNOWS]-(:Person {name: "Cy"})
        (:Person {name: "Ann"})-[:KNOWS {since: 2001}]->(:Person {name: "Bo"})
        """)
        #expect(g.nodeCount == 3)
        #expect(g.edgeCount == 2, "the second row repeats the first relationship")
        let back = g.edges[try #require(g.edge(id: "person:cy-KNOWS->person:bo"))]
        #expect(back.properties.isEmpty)
        #expect(g.edges[try #require(g.edge(id: "person:ann-KNOWS->person:bo"))].properties["since"] == .int(2001))
    }

    @Test func sniffing() {
        #expect(CypherShellImporter.looksLikeCypherShell(Array("n, r, m\n(:A)\n".utf8)))
        #expect(CypherShellImporter.looksLikeCypherShell(Array("r\n[:R]\n".utf8)))
        #expect(!CypherShellImporter.looksLikeCypherShell(Array("just some notes\nabout (things)\n".utf8)))
        #expect(!CypherShellImporter.looksLikeCypherShell(Array("one line".utf8)))
    }

    static let errors: [(String, String)] = [
        ("n.name\n\"Ann\"\n", "out.txt:2:1: error: a cell holds a string, not a node, relationship, path or NULL"),
        ("n\n(:A {name: \"x})\n", "out.txt:2:12: error: the string is not closed"),
        ("n, r\n(:A), [:R]\n", "out.txt:2:7: error: the relationship has no end node after it in its row"),
        ("r, m\n[:R], (:B)\n", "out.txt:2:1: error: a relationship needs the node it starts from in the cell before it"),
        ("n\n(:A {a: 1, a: 2})\n", "out.txt:2:12: error: the property 'a' is given twice"),
        ("n\n(:A {a: 1} (:B)\n", "out.txt:2:12: error: expected ')' closing the node, found '(:B)'"),
        ("n\n(:A {a: point({x: 1})})\n", "out.txt:2:9: error: cannot read 'point({x:' as a value"),
        ("p\n(:A)-[:R]-(:B)\n", "out.txt:2:10: error: expected '->' after the relationship of '-['"),
    ]

    @Test(arguments: errors) func errorsNameTheirPosition(_ input: String, _ expected: String) {
        guard case .failure(let e) = load(input) else { Issue.record("no error for \(input)"); return }
        #expect(e.diagnostics.first?.rendered().hasPrefix(expected) == true, "\(e)")
    }
}
