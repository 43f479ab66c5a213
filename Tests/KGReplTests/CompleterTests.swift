import KGQuery
import Testing
@testable import KGRepl

@Suite struct CompleterTests {
    static func completer() throws -> Completer {
        let g = try Fixture.graph()
        return Completer(schema: Schema(g), keywords: QuerySession.keywords, functions: QuerySession(graph: g).functionNames,
                         parameters: ["name", "limit"], commands: ReplCommand.all)
    }

    @Test(arguments: [
        // (text before the cursor, word, expected candidates — a subset that must be there, or exactly)
        ("MATCH (r:Ro", "Ro", ["Role"]),
        ("MATCH (r:", "", ["Document", "Role", "Skill", "Source"]),
        ("MATCH (r:Role)-[x:RE", "RE", ["REQUIRES"]),
        ("MATCH ()-[:A|RE", "RE", ["REQUIRES"]),
        ("MATCH (r:Role) RETURN r.", "", ["level", "name"]),
        ("MATCH (r:Role) RETURN r.le", "le", ["level"]),
        ("MATCH (s:Skill)\nWHERE s.k", "k", ["kind"]),
        ("MATCH (r:Role)-[q:REQUIRES]->() RETURN q.", "", ["weight"]),
        ("RETURN $", "", ["limit", "name"]),
        ("RETURN $na", "na", ["name"]),
        (":he", "he", ["help"]),
        (":", "", ReplCommand.all.map(\.name).sorted()),
        (":mode c", "c", ["csv"]),
        (":timer ", "", ["off", "on"]),
        ("MATCH (n) RETURN n.zz", "zz", []),
    ])
    func completesExactly(before: String, word: String, expected: [String]) throws {
        let c = try Self.completer().complete(before)
        #expect(c.word == word)
        #expect(c.candidates == expected)
    }

    @Test(arguments: [
        ("MAT", "MATCH"), ("mat", "match"), ("RET", "RETURN"), ("coun", "count"), ("OPT", "OPTIONAL"),
    ])
    func completesKeywordsAndFunctions(before: String, expected: String) throws {
        #expect(try Self.completer().complete(before).candidates.contains(expected))
    }

    @Test func fileArgumentsAreLeftToTheEditor() throws {
        let c = try Self.completer()
        #expect(c.complete(":source gra").files)
        #expect(c.complete(":export svg out").files)
        #expect(!c.complete(":export s").files)
    }

    @Test func bindingsFollowPatterns() {
        let b = Completer.bindings(in: "MATCH (a:Role:Person)-[r:REQUIRES|HAS]->(b) , (`x y`:Skill)")
        #expect(b["a"] == ["Role", "Person"])
        #expect(b["r"] == ["REQUIRES", "HAS"])
        #expect(b["b"] == nil)
        #expect(b["x y"] == ["Skill"])
    }
}
