import Foundation
import Testing
import KGCore
@testable import KGImport

@Suite struct CSVImporterTests {
    /// Loads a folder made of the given files; returns the graph or the diagnostics.
    func load(_ files: [String: String]) throws -> (Result<Graph, DiagnosticList>, String) {
        let folder = try TempFolder()
        defer { folder.remove() }
        for (name, text) in files { try folder.write(name, text) }
        do { return (.success(try CSVImporter().load(folder: folder.path)), folder.path) } catch {
            return (.failure(error), folder.path)
        }
    }

    func diagnostics(_ files: [String: String]) throws -> [Diagnostic] {
        let (result, _) = try load(files)
        guard case .failure(let list) = result else {
            Issue.record("expected diagnostics")
            return []
        }
        return list.diagnostics
    }

    @Test func loadsTypedColumnsArraysLabelsNamesAndCitations() throws {
        let (result, _) = try load([
            "people.csv": #"""
            id:ID,:LABEL,name,name@sv,value:float,count:int,flag:boolean,when:date,tags:string[],scores:int[],cite_document,cite_line:int,cite_quote,cite_via
            role:csr,Role;Job,"customer service, representative",kundtjänstrepresentant,15.5,3,TRUE,2016-05,a;b;c,1;2,doc:x,36,"said ""grew""",source:bls
            doc:x,Document,x,,,,,,,,,,,
            source:bls,Source,BLS,,,,,,,,,,,
            """#,
            "links.csv": """
            :START_ID,:END_ID,:TYPE,weight:float
            role:csr,source:bls,MENTIONS,0.5
            role:csr,doc:x,CITED_IN,
            """,
        ])
        let graph = try result.get()
        #expect(graph.nodeCount == 3 && graph.edgeCount == 2)
        let csr = try #require(graph.node(id: "role:csr"))
        let node = graph.nodes[csr]
        #expect(node.labels == ["Role", "Job"])
        #expect(node.properties["name"] == .string("customer service, representative"))
        #expect(node.properties["value"] == .float(15.5))
        #expect(node.properties["count"] == .int(3))
        #expect(node.properties["flag"] == .bool(true))
        #expect(node.properties["when"] == .date(KGDate(year: 2016, month: 5)!))
        #expect(node.properties["tags"] == .list([.string("a"), .string("b"), .string("c")]))
        #expect(node.properties["scores"] == .list([.int(1), .int(2)]))
        #expect(node.properties["id"] == nil, "the id column named 'id' is the node id, not a property")
        #expect(node.names == [LocalizedName(language: "sv", text: "kundtjänstrepresentant")])
        #expect(node.citations == [Citation(document: "doc:x", line: 36, quote: "said \"grew\"", via: "source:bls")])
        #expect(graph.nodes(named: "KUNDTJÄNSTREPRESENTANT") == [csr])
        // Empty unquoted fields are absent properties, not empty strings.
        #expect(graph.nodes[try #require(graph.node(id: "doc:x"))].properties.keys.sorted() == ["name"])

        let edges = graph.outgoing(csr).map { graph.edges[$0] }
        #expect(edges.map(\.type) == ["MENTIONS", "CITED_IN"])
        #expect(edges.map(\.id) == ["rel:1", "rel:2"])
        #expect(edges[0].properties["weight"] == .float(0.5) && edges[1].properties.isEmpty)
        #expect(edges[0].location?.line == 2)
    }

    @Test func relationshipFilesMayComeBeforeNodeFilesAndGiveIds() throws {
        let (result, _) = try load([
            "a_rels.csv": ":START_ID(People),:END_ID(People),:TYPE,id\np1,p2,KNOWS,k1\n",
            "b_nodes.csv": ":ID(People),:LABEL,name\np1,Person,Ann\np2,Person,Bo\n",
        ])
        let graph = try result.get()
        #expect(graph.edge(id: "k1") != nil)
        #expect(graph.edges[0].properties.isEmpty, "the id column becomes the relationship id, not a property")
    }

    /// The CSV `kgq export --format csv` writes (name_LL columns, a JSON `citations` column,
    /// relationship ids in `id`) reads back with its names and citations.
    @Test func readsTheExportersCSV() throws {
        let (result, _) = try load([
            "nodes.csv": #"""
            id:ID,:LABEL,name_nl,name,name_raw,citations
            role:csr,Role,klantenservicemedewerker,customer service representative,x,"[{""document"": ""doc:a"", ""line"": 17, ""quote"": ""zal groeien"", ""gloss"": ""will grow"", ""via"": ""source:bls"", ""columns"": [3, 14]}]"
            doc:a,Document,,a,,[]
            """#,
            "relationships.csv": #"""
            :START_ID,:END_ID,:TYPE,id,citations
            role:csr,doc:a,CITED_IN,e:1,"[{""document"": ""doc:a"", ""line"": 2, ""quote"": ""q"", ""gloss"": null, ""via"": null}]"
            """#,
        ])
        let graph = try result.get()
        let csr = graph.nodes[try #require(graph.node(id: "role:csr"))]
        #expect(csr.names == [LocalizedName(language: "nl", text: "klantenservicemedewerker")])
        #expect(csr.properties["name_raw"] == .string("x"), "only two-letter codes are languages")
        #expect(csr.citations == [Citation(document: "doc:a", line: 17, span: 3...14, quote: "zal groeien", gloss: "will grow", via: "source:bls")])
        let edge = graph.edges[try #require(graph.edge(id: "e:1"))]
        #expect(edge.citations == [Citation(document: "doc:a", line: 2, quote: "q")])
    }

    @Test func aMalformedCitationsColumnIsAnError() throws {
        let found = try diagnostics(["n.csv": "id:ID,:LABEL,citations\n" + #"n,X,"[{""line"": 2}]""# + "\n"])
        #expect(found.first?.message.hasPrefix("expected a JSON array of citations") == true)
        #expect(found.first?.location?.line == 2 && found.first?.location?.column == 5)
    }

    @Test func citationArraysAreZipped() throws {
        let (result, _) = try load([
            "n.csv": "id:ID,:LABEL,cite_document:string[],cite_line:int[],cite_quote:string[]\nf:1,Figure,d:1;d:2,3;4,one;two\n",
        ])
        let graph = try result.get()
        #expect(graph.nodes[0].citations.map(\.document) == ["d:1", "d:2"])
        #expect(graph.nodes[0].citations.map(\.line) == [3, 4])
    }

    /// Each malformed input gives a diagnostic at file:line:column that says what was expected.
    @Test(arguments: [
        ("id:ID,:LABEL,count:int\nn1,X,12\nn2,X,twelve\n", 3, 6, "expected an integer"),
        ("id:ID,:LABEL,v:float\nn1,X,1.5\nn2,X,\"1,5\"\n", 3, 6, "expected a number"),
        ("id:ID,:LABEL,b:boolean\nn1,X,yes\n", 2, 6, "expected true or false"),
        ("id:ID,:LABEL,d:date\nn1,X,2016-13-01\n", 2, 6, "expected a date"),
        ("id:ID,:LABEL,name\nn1,X\n", 2, 5, "expected 3 fields as in the header, found 2"),
        ("id:ID,:LABEL,name\nn1,X,a,b\n", 2, 8, "expected 3 fields as in the header, found 4"),
        ("id:ID,:LABEL,name\nn1,X,a\nn1,X,b\n", 3, 1, "duplicate node id 'n1'"),
        ("id:ID,:LABEL,name\n,X,a\n", 2, 1, "empty node id"),
        ("id:ID,:LABEL,name\nn1,X,\"open\n", 2, 6, "unterminated quoted field"),
        ("id:ID,:LABEL,name\nn1,X,ab\"c\n", 2, 8, "a '\"' inside an unquoted field"),
        ("id:ID,:LABEL,where:point\n", 1, 14, "column type 'point' is not supported"),
        ("id:ID,:LABEL,when:datetime\nn1,X,2015-07-21T25:00\n", 2, 6, "expected a date-time"),
        ("id:ID,:LABEL,n:integr\n", 1, 14, "unknown column type 'integr'"),
        ("name,age\nx,1\n", 1, 1, "not a node or relationship file"),
        ("id:ID,:LABEL,name,name\n", 1, 19, "property 'name' appears twice"),
        ("id:ID,:LABEL,cite_document,cite_line:int,cite_quote\nf,F,d:1,,\n", 2, 5, "1 citation(s) in cite_document but 0 in cite_line"),
        ("", 1, 1, "empty file"),
    ] as [(String, Int, Int, String)])
    func malformedNodeFiles(text: String, line: Int, column: Int, message: String) throws {
        let found = try diagnostics(["nodes.csv": text])
        let first = try #require(found.first)
        #expect(first.message.hasPrefix(message), "\(first.rendered())")
        #expect(first.location?.file.hasSuffix("/nodes.csv") == true)
        #expect(first.location?.line == line, "\(first.rendered())")
        #expect(first.location?.column == column, "\(first.rendered())")
        #expect(first.help != nil, "every diagnostic says how to fix it")
    }

    /// The project's one did-you-mean names the nearest column type, or none when nothing is close.
    @Test func misspeltColumnTypeSuggestsTheNearest() throws {
        let near = try #require(try diagnostics(["nodes.csv": "id:ID,:LABEL,n:strng\n"]).first)
        #expect(near.help?.hasPrefix("did you mean 'n:string'? ") == true, "\(near.rendered())")
        let far = try #require(try diagnostics(["nodes.csv": "id:ID,:LABEL,n:qqqqqq\n"]).first)
        #expect(far.help?.hasPrefix("types are ") == true, "\(far.rendered())")
    }

    @Test func malformedRelationshipRows() throws {
        let found = try diagnostics([
            "n.csv": "id:ID,:LABEL\na,X\nb,X\n",
            "r.csv": ":START_ID,:END_ID,:TYPE\na,b,R\na,zz,R\n,b,R\na,b,\n",
        ])
        #expect(found.map(\.message) == ["unknown node id 'zz' in :END_ID", "empty :START_ID", "empty relationship type"])
        #expect(found.map { $0.location?.line } == [3, 4, 5])
        #expect(found.map { $0.location?.column } == [3, 1, 5])
        #expect(found[0].rendered().contains("r.csv:3:3: error: unknown node id 'zz'"))
        #expect(found[0].rendered().contains(" 3 | a,zz,R\n"))
    }

    @Test func aRelationshipHeaderNeedsAllThreeColumns() throws {
        let found = try diagnostics(["r.csv": ":START_ID,:TYPE\n"])
        #expect(found.map(\.message) == ["a relationship file needs a :END_ID column"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let found = try diagnostics(["n.csv": "id:ID,:LABEL,name,n:int\nö,Ä,åäö,x\n"])
        #expect(found.first?.location?.column == 9)
    }

    @Test func manyBadRowsAreReportedTogetherUpToALimit() throws {
        let rows = (1...80).map { "n\($0),X,bad" }.joined(separator: "\n")
        let found = try diagnostics(["n.csv": "id:ID,:LABEL,c:int\n" + rows + "\n"])
        #expect(found.count == CSVImporter().maxDiagnostics)
        #expect(found.map { $0.location?.line } == Array(2...51))
    }

    @Test func recognisesCSVFolders() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        #expect(!CSVImporter().canImport(folder: folder.path))
        try folder.write("n.csv", "id:ID\n")
        #expect(CSVImporter().canImport(folder: folder.path))
        try folder.write("g.kg", "")
        #expect(!CSVImporter().canImport(folder: folder.path), "a folder with .kg files is a .kg graph")
        #expect(!CSVImporter().canImport(folder: folder.path + "/missing"))
    }
}
