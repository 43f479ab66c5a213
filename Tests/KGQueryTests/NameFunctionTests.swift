import KGCore
import Testing
@testable import KGQuery

/// `names(x)` keeps every name of every language, and `named(x, s)` and the name index match
/// `aliases` too (issue 17 item 9).
@Suite struct NameFunctionTests {
    static func graph() throws -> Graph {
        var g = Graph()
        try g.addNode(Node(id: "source:bls", labels: ["Source"],
                           properties: ["name": .string("Bureau of Labor Statistics"),
                                        "aliases": .list([.string("BLS"), .string("U.S. Bureau of Labor Statistics")])]))
        try g.addNode(Node(id: "role:csr", labels: ["Role"], properties: ["name": .string("customer service representative")],
                           names: [LocalizedName(language: "nl", text: "klantenservicemedewerker"),
                                   LocalizedName(language: "nl", text: "klantenvertegenwoordiger"),
                                   LocalizedName(language: "sv", text: "kundtjänstrepresentant"),
                                   LocalizedName(language: "sv", text: "kundservicerepresentant")]))
        try g.addNode(Node(id: "role:agent", labels: ["Role"], properties: ["name": .string("call-center agent")]))
        return g
    }

    /// The table reads `name()` and `named()` use agree with the assembled node's, for a node
    /// with a name, one with localized names only, one with neither, in every language.
    @Test func tableReadsAgreeWithTheAssembledNode() throws {
        var g = try NameFunctionTests.graph()
        try g.addNode(Node(id: "role:only-localized", labels: ["Role"], properties: ["aliases": .string("OL")],
                           names: [LocalizedName(language: "sv", text: "endast svenska")]))
        try g.addNode(Node(id: "role:nameless", labels: ["Role"]))
        for i in g.nodes.indices {
            for lang in [nil, "en", "nl", "sv", "xx"] {
                #expect(g.name(node: i, in: lang) == g.nodes[i].name(in: lang), "\(g.nodes[i].id) in \(lang ?? "-")")
            }
            #expect(g.lookupNames(ofNode: i) == Graph.lookupNames(of: g.nodes[i]))
        }
    }

    static func rows(_ query: String, _ g: Graph? = nil) throws -> [String] {
        let graph = try g ?? NameFunctionTests.graph()
        var session = QuerySession(graph: graph)
        let r = try session.run(query, parameters: [:])
        return Fixture.rows(r, session.graph)
    }

    @Test func namesKeepsEveryNamePerLanguageInOrder() throws {
        #expect(try Self.rows("MATCH (r:Role {name: 'customer service representative'}) RETURN names(r).nl, names(r).sv") == [
            "[\"klantenservicemedewerker\", \"klantenvertegenwoordiger\"] | [\"kundtjänstrepresentant\", \"kundservicerepresentant\"]",
        ])
        #expect(try Self.rows("MATCH (r:Role {name: 'call-center agent'}) RETURN names(r)") == ["{}"])
    }

    @Test func everyNameInALanguageIsFoundBack() throws {
        #expect(try Self.rows("MATCH (r) WHERE named(r, 'klantenvertegenwoordiger') RETURN id(r)") == ["\"role:csr\""])
        #expect(try Self.rows("MATCH (r) WHERE named(r, 'KUNDSERVICEREPRESENTANT') RETURN id(r)") == ["\"role:csr\""])
    }

    @Test func namedMatchesAliases() throws {
        // Through the planner's name index …
        #expect(try Self.rows("MATCH (s:Source) WHERE named(s, 'BLS') RETURN id(s)") == ["\"source:bls\""])
        #expect(try Self.rows("MATCH (s) WHERE named(s, 'u.s. bureau of labor statistics') RETURN id(s)") == ["\"source:bls\""])
        // … and as a plain function call.
        #expect(try Self.rows("MATCH (s:Source) RETURN named(s, 'bls'), named(s, 'Bureau of Labor Statistics'), named(s, 'BL')")
                == ["true | true | false"])
        #expect(try Self.rows("MATCH (s) WHERE named(s, 'no such name') RETURN s").isEmpty)
    }

    @Test func anAliasIsNotAName() throws {
        // `s.name = 'BLS'` narrows through the name index but checks the property itself.
        #expect(try Self.rows("MATCH (s:Source) WHERE s.name = 'BLS' RETURN s").isEmpty)
        #expect(try Self.rows("MATCH (s {name: 'BLS'}) RETURN s").isEmpty)
    }

    @Test func aliasesSetInASessionAreFound() throws {
        var session = QuerySession(graph: try Self.graph())
        _ = try session.run("MATCH (r:Role {name: 'call-center agent'}) SET r.aliases = ['callcenteragent']", parameters: [:])
        let r = try session.run("MATCH (r) WHERE named(r, 'CallCenterAgent') RETURN id(r)", parameters: [:])
        #expect(Fixture.rows(r, session.graph) == ["\"role:agent\""])
    }

    @Test func graphLookupMatchesAliases() throws {
        let g = try Self.graph()
        #expect(g.nodes(named: "bls").map { g.nodes[$0].id } == ["source:bls"])
        #expect(Graph.lookupNames(of: g.nodes[g.node(id: "source:bls")!])
                == ["Bureau of Labor Statistics", "BLS", "U.S. Bureau of Labor Statistics"])
    }
}
