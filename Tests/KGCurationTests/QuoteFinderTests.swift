import KGAudit
import KGCore
import KGCuration
import KGFormat
import Testing

/// Finding a quote's line and writing its cite line (`kgq cite`).
struct QuoteFinderTests {
    static let lines = """
        Harbour Ferries Return
        The ferry company said that the night boats will run again from May.
        According to the Port Authority, the crossings were full on most days of the summer.
        Tickets cost “twelve euros” — the same as last year.
        The night boats will run again from May, the captain repeated.
        """

    static func finder() throws -> QuoteFinder {
        let graph = try GraphLoader.load(files: [(name: "g.kg", text: """
            document doc:ferries {
              file: "ferries.txt", sha256: "00", language: "en", title: "Harbour Ferries Return", kind: "text"
            }
            node source:port :Source { name: "Port Authority" }
            cite doc:ferries line 3 "According to the Port Authority"

            """)])
        let doc = try #require(graph.document(id: "doc:ferries"))
        return QuoteFinder(text: DocumentText(document: doc, path: "ferries.txt", bytes: Array(lines.utf8)),
                           attribution: Attribution(graph: graph))
    }

    @Test func exactWithColumnsAndOtherLines() throws {
        let r = try #require(try Self.finder().find("night boats will run again"))
        #expect(r.kind == .exact && r.found)
        #expect(r.line == 2 && r.columns == 33...58)
        #expect(r.otherLines == [5])
        #expect(try Self.finder().find("The night boats")?.otherLines == [], "capitalised only on line 5: line 2 is not exact")
        #expect(r.via == nil)
        #expect(QuoteFinder.citeLine(document: "doc:ferries", r) == "cite doc:ferries line 2 col 33-58 \"night boats will run again\"")
    }

    @Test func normalisedMatchQuotesTheDocument() throws {
        let r = try #require(try Self.finder().find("tickets cost \"twelve   euros\" - the same"))
        #expect(r.kind == .normalized && r.found)
        #expect(r.line == 4)
        #expect(r.quote == "Tickets cost “twelve euros” — the same")
        let again = try #require(try Self.finder().find("THE NIGHT BOATS will run again"))
        #expect(again.line == 2 && again.otherLines == [5])
    }

    @Test func viaWhenTheSentenceAttributesIt() throws {
        let r = try #require(try Self.finder().find("the crossings were full"))
        #expect(r.via?.source == "source:port")
        #expect(r.via?.words == "according to the Port Authority")
        #expect(QuoteFinder.citeLine(document: "doc:ferries", r).hasSuffix("\"the crossings were full\" via source:port"))
    }

    @Test func exactColumnsAreWhereTheAuditLooks() throws {
        let r = try #require(try Self.finder().find("night boats will run again from May,"))
        #expect(r.kind == .exact && r.line == 5 && r.columns == 5...40)
        let graph = try GraphLoader.load(files: [(name: "g.kg", text: "node n:x :X\n")])
        let doc = Document(id: "doc:d", file: "d.txt", sha256: "", language: "en", title: "d", kind: "text")
        let twice = QuoteFinder(text: DocumentText(document: doc, path: "d.txt", bytes: Array("The boat; the boat\n".utf8)),
                                attribution: Attribution(graph: graph))
        // "the boat" stands exactly at column 11, but the audit's normalised search (case folded)
        // finds "The boat" at column 1 first, so the span must say 1-8.
        #expect(twice.find("the boat")?.columns == 1...8)
    }

    @Test func nearestIsNotAFind() throws {
        let r = try #require(try Self.finder().find("the crossings were crowded on most days"))
        #expect(r.kind == .nearest && !r.found)
        #expect(r.line == 3)
        #expect(r.similarity > 0.6 && r.similarity < 1)
        let dot = try #require(try Self.finder().find("full on most days of the summertime"))
        #expect(dot.kind == .nearest && dot.quote == "full on most days of the summer", "the period is not quoted: \(dot.quote)")
        #expect(try Self.finder().find("xylophone zebra") == nil)
    }
}
