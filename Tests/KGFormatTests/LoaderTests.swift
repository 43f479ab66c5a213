import KGCore
import KGFormat
import KGTestSupport
import Testing

/// The fixture graph loads with every construct in place.
struct LoaderTests {
    static func graph() throws -> Graph {
        try GraphLoader.load(folder: KGTestSupport.fixtures.appendingPathComponent("small").path)
    }

    @Test func nodesLabelsNamesAndValues() throws {
        let g = try Self.graph()
        let helper = g.nodes[try #require(g.node(id: "role:helper"))]
        #expect(helper.labels == ["Role"])
        #expect(helper.name == "help desk helper")
        #expect(helper.name(in: "sv") == "kundtjänstmedarbetare")
        #expect(helper.name(in: "nl") == "klantenservicemedewerker")
        #expect(helper.properties["aliases"] == .list([.string("helper"), .string("agent")]))
        #expect(helper.properties["remote"] == .bool(true))
        // `shifts: null` in the file: as in openCypher, a null property is no property.
        #expect(helper.properties["shifts"] == nil)
        #expect(g.nodes(named: "KUNDTJÄNSTMEDARBETARE") == [try #require(g.node(id: "role:helper"))])
        #expect(helper.location == SourceLocation(file: KGTestSupport.fixtures.appendingPathComponent("small/02-nodes.kg").path, line: 1, column: 1))

        let office = g.nodes[try #require(g.node(id: "src:town-office"))]
        #expect(office.labels == ["Source", "Organization"])
        #expect(office.properties["description"] == .string("a \"quoted\" office\nwith two lines,\ta tab and \\ a backslash 😀"))

        let fig = g.nodes[try #require(g.node(id: "fig:growth"))]
        #expect(fig.properties["value"] == .int(16))
        #expect(fig.properties["period_start"] == .date(KGDate(year: 2011)!))
        #expect(fig.properties["period_end"] == .date(KGDate(year: 2012, month: 6)!))
        #expect(fig.properties["as_of"] == .date(KGDate(year: 2012, month: 6, day: 30)!))
        #expect(fig.properties["range"] == .map(["low": .float(-1.5), "high": .float(1.5e6)]))
        #expect(fig.properties["weights"] == .list([.int(1), .float(2.25), .string("three"), .list([.bool(true), .bool(false)]), .map(["k": .string("v")])]))
    }

    @Test func documentDatesArePublishedRetrievedUnknownOrUndeclared() throws {
        let head = "file: \"a.txt\", sha256: \"x\", language: \"en\", title: \"t\", kind: \"k\""
        let text = """
            document doc:p { \(head), date: date("2017-05") }
            document doc:r { \(head), date: date("2026-11-20"), date_basis: "retrieved" }
            document doc:e { \(head), date: date("2016"), date_basis: "published" }
            document doc:u { \(head), date: "unknown" }
            document doc:n { \(head) }

            """
        let g = try GraphLoader.load(files: [(name: "d.kg", text: text)])
        #expect(g.document(id: "doc:p")?.date == .published(KGDate(year: 2017, month: 5)!))
        #expect(g.document(id: "doc:r")?.date == .retrieved(KGDate(year: 2026, month: 11, day: 20)!))
        #expect(g.document(id: "doc:e")?.date == .published(KGDate(year: 2016)!))
        #expect(g.document(id: "doc:u")?.date == .unknown)
        #expect(g.document(id: "doc:n")?.date == .undeclared)
        #expect(g.document(id: "doc:r")?.date.description == "retrieved 2026-11-20")
        // The typed view writes back the properties it read.
        let r = try #require(g.document(id: "doc:r"))
        #expect(Document(node: r.node)?.date == r.date)
        // kgq fmt keeps them.
        let written = try GraphWriter.write(g, nodes: Array(g.nodeHandles), edges: [])
        let again = try GraphLoader.load(files: [(name: "d.kg", text: written)])
        #expect(g.documents.map(\.date) == again.documents.map(\.date))
    }

    @Test func citations() throws {
        let g = try Self.graph()
        let helper = g.nodes[try #require(g.node(id: "role:helper"))]
        #expect(helper.citations.count == 2)
        let sv = try #require(helper.citations.last)
        #expect(sv.document == "doc:sv-guide" && sv.line == 7 && sv.span == 5...31)
        #expect(sv.quote == "Medarbetaren svarar på frågor")
        #expect(sv.gloss == "The employee answers questions")
        #expect(sv.location?.line == 10)
        let fig = g.nodes[try #require(g.node(id: "fig:growth"))]
        #expect(fig.citations.first?.via == "src:town-office")
    }

    @Test func edgesDocumentsAndIds() throws {
        let g = try Self.graph()
        #expect(g.nodeCount == 7 && g.edgeCount == 4)
        let derived = g.edges[try #require(g.edge(id: "role:helper-REQUIRES->skill:patience"))]
        #expect(derived.type == "REQUIRES")
        #expect(derived.citations.first?.gloss == "patience is important")
        let explicit = g.edges[try #require(g.edge(id: "e:office-reports"))]
        #expect(explicit.properties == ["channel": .string("press release"), "year": .int(2012)])
        #expect(g.nodes[explicit.from].id == "src:town-office" && g.nodes[explicit.to].id == "fig:growth")
        // `TO <-[:T]- FROM`: the arrow points at role:helper.
        let mentions = g.edges[try #require(g.edge(id: "doc:sv-guide-MENTIONS->role:helper"))]
        #expect(g.nodes[mentions.from].id == "doc:sv-guide" && g.nodes[mentions.to].id == "role:helper")
        #expect(mentions.location?.line == 11)

        let docs = g.documents.map(\.id).sorted()
        #expect(docs == ["doc:en-article", "doc:nl-blog", "doc:sv-guide"])
        #expect(g.document(id: "doc:sv-guide")?.title == "Kundtjänst på landet")
        #expect(g.document(id: "doc:nl-blog")?.language == "nl")
    }

    @Test func idsResolveAcrossFilesInNameOrder() throws {
        let g = try GraphLoader.load(files: [
            (name: "b.kg", text: "edge n:a -[:T]-> n:b\n"),
            (name: "a.kg", text: "node n:a :R\nnode n:b :R\n"),
        ])
        #expect(g.edgeCount == 1)
    }
}
