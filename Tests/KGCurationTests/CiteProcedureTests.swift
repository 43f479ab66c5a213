import Foundation
import KGCore
import KGCuration
import KGFormat
import KGQuery
import KGTestSupport
import Testing

/// `CALL kgq.cite(…)` in a session whose quotes are checked with `kgq cite`'s matcher.
struct CiteProcedureTests {
    /// A graph folder with one registered Swedish text and a source.
    static func folder() throws -> URL {
        let dir = try KGTestSupport.temporaryFolder("kgq-cite-proc").appendingPathComponent("g")
        try GraphFolder.create(at: dir.path)
        try """
            Kundtjänst i siffror
            Enligt BLS kommer antalet jobb att öka med 5 procent till 2030.
            Många arbetar hemifrån.

            """.write(to: dir.appendingPathComponent("kundtjanst.txt"), atomically: true, encoding: .utf8)
        let registrar = DocumentRegistrar(folder: dir.path)
        try registrar.apply(try registrar.plan([DocumentRequest(path: dir.appendingPathComponent("kundtjanst.txt").path,
                                                                language: "sv")], update: false))
        try """
            node source:bls :Source { name: "BLS" }
            cite doc:kundtjanst line 2 "Enligt BLS"

            """.write(to: dir.appendingPathComponent("statements.kg"), atomically: true, encoding: .utf8)
        return dir
    }

    static func session(_ dir: URL) throws -> QuerySession {
        var s = QuerySession(graph: try GraphLoader.load(folder: dir.path))
        s.checkCitation = QuoteCheck(documentsFolder: dir.path).verdict
        return s
    }

    @Test func citesWhatItCreates() throws {
        var s = try Self.session(try Self.folder())
        let r = try s.run("""
            CREATE (f:Figure {value: 5, unit: 'percent'})
            CALL kgq.cite(f, 'doc:kundtjanst', 2, 'öka med 5 procent', {via: 'source:bls', gloss: 'grow by 5 percent'})
            """)
        #expect(r.columns == ["element", "document", "line", "quote", "via", "match"])
        #expect(r.rows.count == 1)
        #expect(r.rows.first?[5] == .string("exact"))
        #expect(r.stats.citationsAdded == 1 && r.stats.nodesCreated == 1)
        let cited = try s.run("MATCH (f:Figure) RETURN citations(f)")
        #expect(cited.rows == [[.list([.map(["document": .string("doc:kundtjanst"), "line": .int(2), "quote": .string("öka med 5 procent"),
                                            "via": .string("source:bls"), "gloss": .string("grow by 5 percent")])])]])
        let h = try #require(s.graph.nodes(labelled: "Figure").first)
        #expect(s.graph.citations(node: h).first?.span == 36...52)
    }

    @Test func normalisedQuoteKeepsTheDocumentsWordsAndNullLineIsFound() throws {
        var s = try Self.session(try Self.folder())
        let r = try s.run("MATCH (b:Source) CALL kgq.cite(b, 'doc:kundtjanst', null, 'MÅNGA  arbetar hemifrån')")
        #expect(r.rows.first?[2] == .int(3))
        #expect(r.rows.first?[3] == .string("Många arbetar hemifrån"))
        #expect(r.rows.first?[5] == .string("normalized"))
    }

    @Test func perRowArgumentsAndStandaloneById() throws {
        var s = try Self.session(try Self.folder())
        let r = try s.run("""
            UNWIND [{n: 'jobb', q: 'antalet jobb'}, {n: 'hem', q: 'arbetar hemifrån'}] AS x
            CREATE (c:Claim {name: x.n}) CALL kgq.cite(c, 'doc:kundtjanst', null, x.q)
            """)
        #expect(r.rows.map { $0[2] } == [.int(2), .int(3)])
        let alone = try s.run("CALL kgq.cite('source:bls', 'doc:kundtjanst', 2, 'till 2030')")
        #expect(alone.rows.first?[0] == .string("source:bls"))
        let h = try #require(s.graph.node(id: "source:bls"))
        #expect(s.graph.citations(node: h).count == 2)
    }

    @Test(arguments: [
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 2, 'öka med 6 procent')", "QuoteNotFound", "similarity"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 3, 'öka med 5 procent')", "QuoteNotFound", "it is at line 2"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 9, 'öka med 5 procent')", "QuoteNotFound", "there is no line 9"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjänst', 2, 'öka med 5 procent')", "DocumentNotFound", "did you mean 'doc:kundtjanst'?"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 2, 'öka', {via: 'source:blx'})", "EntityNotFound", "did you mean 'source:bls'?"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 2)", "InvalidProcedureCall", "4 or 5 arguments"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 2, 'öka') RETURN f", "InvalidProcedureCall", "must end the statement"),
        ("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 'two', 'öka')", "InvalidArgument", "whole number"),
        ("CALL kgq.cite('doc:kundtjanst', 'doc:kundtjanst', 2, 'öka')", "InvalidArgument", "documents are not cited"),
        ("CALL kgq.cite('skill:nothing', 'doc:kundtjanst', 2, 'öka')", "EntityNotFound", "no node or relationship 'skill:nothing'"),
    ])
    func refusedAndRolledBack(query: String, detail: String, words: String) throws {
        var s = try Self.session(try Self.folder())
        let before = s.graph
        #expect(throws: QueryError.self) { try s.run(query) }
        do { _ = try s.run(query) } catch {
            #expect(error.detail.rawValue == detail)
            #expect((error.message + " " + (error.help ?? "")).contains(words), "\(error.message) \(error.help ?? "")")
        }
        #expect(s.graph.nodeCount == before.nodeCount, "the CREATE before the failed call is undone")
        #expect(s.graph.nodes(labelled: "Figure").isEmpty)
    }

    @Test func missingFileKeepsTheCitationWithAWarning() throws {
        let dir = try Self.folder()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("kundtjanst.txt"))
        var s = try Self.session(dir)
        let r = try s.run("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', 2, 'words nobody checks')")
        #expect(r.rows.first?[5] == .string("unchecked"))
        #expect(r.warnings.first?.message.contains("was not checked") == true)
        #expect(throws: QueryError.self) { try s.run("CREATE (f:Figure) CALL kgq.cite(f, 'doc:kundtjanst', null, 'x')") }
    }
}
