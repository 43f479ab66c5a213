import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KGCore
import KGQuery
import Testing
@testable import KGExport

@Suite struct DataExporterTests {
    // MARK: JSON

    @Test func jsonHasTheGraphExportShape() throws {
        let g = try SampleGraph.make()
        let text = JSONGraphExporter().write(g, Subgraph(all: g))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["documents", "nodes", "edges"])
        let documents = try #require(object["documents"] as? [[String: Any]])
        #expect(documents.map { $0["id"] as? String } == ["doc:bls", "doc:kundtjanst"])
        for d in documents {
            #expect(Set(d.keys).isSuperset(of: ["id", "file", "sha256", "language", "title", "kind"]))
        }
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.count == g.nodeCount)
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(edges.count == g.edgeCount)
        for item in nodes + edges {
            let citations = try #require(item["citations"] as? [[String: Any]])
            for c in citations {
                #expect(Set(c.keys).isSuperset(of: ["document", "line", "quote", "gloss", "via"]))
            }
        }
        let wage = try #require(nodes.first { $0["id"] as? String == "fig:wage-2016" })
        let properties = try #require(wage["properties"] as? [String: Any])
        #expect(properties["period"] as? String == "2016")
        let citation = try #require((wage["citations"] as? [[String: Any]])?.first)
        #expect(citation["via"] as? String == "source:bls")
        #expect(citation["columns"] as? [Int] == [5, 30])
        let role = try #require(nodes.first { $0["id"] as? String == "role:csr" })
        #expect((role["names"] as? [String: [String]])?["sv"] == ["kundtjänstrepresentant"])
        let edge = try #require(edges.first { $0["id"] as? String == "e6" })
        #expect(edge["from"] as? String == "source:bls")
        #expect(edge["to"] as? String == "fig:wage-2016")
        // Floats keep their point; the order is stable.
        #expect(text.contains("\"value\": 15.81"))
        #expect(text == JSONGraphExporter().write(g, Subgraph(all: g)))
    }

    @Test func jsonGoldenAndHostileText() throws {
        let g = try SampleGraph.make()
        try Golden.check("sample.json", JSONGraphExporter().write(g, Subgraph(all: g)))
        let h = try SampleGraph.hostile()
        let text = JSONGraphExporter().write(h, Subgraph(all: h))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let names = (object["nodes"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["name"] as? String }
        #expect(names == SampleGraph.hostileNames)
    }

    @Test func jsonDocumentsOfASubgraphAreThoseItCites() throws {
        let g = try SampleGraph.make()
        let skill = try #require(g.node(id: "skill:communication"))
        let text = JSONGraphExporter().write(g, Subgraph(nodes: [skill]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect((object["documents"] as? [[String: Any]])?.map { $0["id"] as? String } == ["doc:bls"])
        #expect((object["edges"] as? [Any])?.isEmpty == true)
    }

    // MARK: GraphML

    /// Elements of an XML text in document order, with their attributes and text, via XMLParser
    /// (so the test also proves the file is well-formed).
    final class XMLElements: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String], text: String)] = []
        var open: [Int] = []
        static func parse(_ text: String) throws -> [(name: String, attributes: [String: String], text: String)] {
            let parser = XMLParser(data: Data(text.utf8))
            let collector = XMLElements()
            parser.delegate = collector
            guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
            return collector.elements
        }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String]) {
            open.append(elements.count)
            elements.append((name, attributes, ""))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = open.last { elements[i].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }

    @Test func graphmlDeclaresEveryKeyAndParses() throws {
        for g in [try SampleGraph.make(), try SampleGraph.hostile()] {
            let elements = try XMLElements.parse(GraphMLExporter().write(g, Subgraph(all: g)))
            let keys = elements.filter { $0.name == "key" }
            let declared = Set(keys.compactMap { $0.attributes["id"] })
            #expect(declared.count == keys.count)
            #expect(elements.first { $0.name == "graph" }?.attributes["edgedefault"] == "directed")
            let nodes = elements.filter { $0.name == "node" }, edges = elements.filter { $0.name == "edge" }
            #expect(nodes.count == g.nodeCount)
            #expect(edges.count == g.edgeCount)
            for data in elements where data.name == "data" {
                #expect(declared.contains(data.attributes["key"] ?? "?"))
            }
            let nodeIDs = Set(nodes.compactMap { $0.attributes["id"] })
            #expect(nodeIDs.count == nodes.count)
            for edge in edges {
                #expect(nodeIDs.contains(edge.attributes["source"] ?? "?"))
                #expect(nodeIDs.contains(edge.attributes["target"] ?? "?"))
            }
        }
        let g = try SampleGraph.make()
        let text = GraphMLExporter().write(g, Subgraph(all: g))
        #expect(text.contains("attr.name=\"value\" attr.type=\"double\""))
        #expect(text.contains("attr.name=\"high\" attr.type=\"long\""))
        #expect(text.contains("attr.name=\"name_sv\" attr.type=\"string\""))
        try Golden.check("sample.graphml", text)
        let h = try SampleGraph.hostile()
        let names = try XMLElements.parse(GraphMLExporter().write(h, Subgraph(all: h)))
            .filter { $0.name == "data" && $0.attributes["key"] == "n1" }.map(\.text)
        #expect(names == ["Titel met \"quotes\" & <tags>"] + SampleGraph.hostileNames)
    }

    // MARK: Several names in one language

    /// A role named twice in Dutch and twice in Swedish, as the default graph's main role is.
    static func manyNames() throws -> Graph {
        var g = Graph()
        try g.addNode(Node(id: "role:csr", labels: ["Role"], properties: ["name": .string("customer service representative")],
                           names: [LocalizedName(language: "nl", text: "klantenservicemedewerker"),
                                   LocalizedName(language: "sv", text: "kundtjänstrepresentant"),
                                   LocalizedName(language: "nl", text: "klantenvertegenwoordiger"),
                                   LocalizedName(language: "sv", text: "kundservicerepresentant")]))
        return g
    }

    @Test func jsonKeepsEveryNameOfALanguage() throws {
        let g = try Self.manyNames()
        let text = JSONGraphExporter().write(g, Subgraph(all: g))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let node = try #require((object["nodes"] as? [[String: Any]])?.first)
        let names = try #require(node["names"] as? [String: [String]])
        #expect(names == ["nl": ["klantenservicemedewerker", "klantenvertegenwoordiger"],
                          "sv": ["kundtjänstrepresentant", "kundservicerepresentant"]])
        // Each language once: no duplicate keys for a parser to drop.
        #expect(text.components(separatedBy: "\"nl\":").count == 2)
    }

    @Test func graphmlKeepsEveryNameOfALanguage() throws {
        let g = try Self.manyNames()
        let elements = try XMLElements.parse(GraphMLExporter().write(g, Subgraph(all: g)))
        let keyByName = Dictionary(uniqueKeysWithValues: elements.filter { $0.name == "key" && $0.attributes["for"] == "node" }
            .compactMap { k in k.attributes["attr.name"].map { ($0, k.attributes["id"] ?? "") } })
        let data = elements.filter { $0.name == "data" }
        func values(_ name: String) -> [String] { data.filter { $0.attributes["key"] == keyByName[name] }.map(\.text) }
        // One value per key per node: the first name of each language …
        #expect(values("name_nl") == ["klantenservicemedewerker"])
        #expect(values("name_sv") == ["kundtjänstrepresentant"])
        // … and every name in `names`.
        let all = try #require(values("names").first)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(all.utf8)) as? [String: [String]])
        #expect(parsed == ["nl": ["klantenservicemedewerker", "klantenvertegenwoordiger"],
                           "sv": ["kundtjänstrepresentant", "kundservicerepresentant"]])
    }

    @Test func cypherWritesSeveralNamesAsAList() throws {
        let g = try Self.manyNames()
        let text = CypherExporter().write(g, Subgraph(all: g))
        #expect(text.contains("name_nl: [\"klantenservicemedewerker\", \"klantenvertegenwoordiger\"]"))
        #expect(text.components(separatedBy: "name_nl:").count == 2)
    }

    // MARK: CSV

    /// A small RFC 4180 reader, to check what a CSV consumer sees.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, iterator = Array(text).makeIterator(), pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func csvUsesNeo4jAdminImportHeaders() throws {
        let g = try SampleGraph.make()
        let files = CSVExporter().write(g, Subgraph(all: g))
        #expect(files.map(\.name) == ["nodes.csv", "relationships.csv"])
        let nodes = Self.parseCSV(files[0].text), relationships = Self.parseCSV(files[1].text)
        let header = nodes[0]
        #expect(Array(header.prefix(4)) == ["id:ID", ":LABEL", "name_nl", "name_sv"])
        for column in ["value:double", "high:long", "period:date", "aliases:string[]", "name", "citations"] {
            #expect(header.contains(column), "nodes.csv header lacks \(column)")
        }
        #expect(nodes.count == g.nodeCount + 1)
        #expect(nodes.allSatisfy { $0.count == header.count })
        let bls = try #require(nodes.first { $0[0] == "source:bls" })
        #expect(bls[1] == "Source;Organization")
        let wage = try #require(nodes.first { $0[0] == "fig:wage-2016" })
        let citations = wage[header.firstIndex(of: "citations") ?? 0]
        #expect(citations.hasPrefix("[{\"document\": \"doc:bls\", \"line\": 20"))
        #expect(relationships[0].prefix(4) == [":START_ID", ":END_ID", ":TYPE", "id"])
        #expect(relationships.count == g.edgeCount + 1)
        #expect(relationships.contains { Array($0.prefix(3)) == ["source:bls", "fig:wage-2016", "REPORTS"] })
        try Golden.check("sample-nodes.csv", files[0].text)
        try Golden.check("sample-relationships.csv", files[1].text)
    }

    @Test func csvQuotesHostileFields() throws {
        let g = try SampleGraph.hostile()
        let nodes = Self.parseCSV(CSVExporter().write(g, Subgraph(all: g))[0].text)
        let nameColumn = try #require(nodes[0].firstIndex(of: "name"))
        #expect(nodes.dropFirst().filter { $0[1].hasPrefix("Skill") }.map { $0[nameColumn] } == SampleGraph.hostileNames)
    }

    @Test func columnTypesFollowTheValues() {
        let columns = PropertyColumn.columns(of: [
            ["a": .int(1), "b": .int(1), "c": .string("x"), "d": .list([.string("p;q")]), "e": .map(["k": .int(1)])],
            ["a": .float(2.5), "b": .string("y"), "c": .null],
        ], arrayDelimiter: ";")
        #expect(columns.map(\.key) == ["a", "b", "c", "d", "e"])
        #expect(columns.map(\.kind) == [.double, .string, .string, .string, .string])
        #expect(columns[0].text(.int(3)) == "3.0")
        #expect(columns[1].text(.int(3)) == "3")
        #expect(columns[4].text(.map(["k": .int(1)])) == "{\"k\": 1}")
    }

    // MARK: Cypher

    @Test func cypherScriptRecreatesTheSubgraph() throws {
        let g = try SampleGraph.make()
        let script = CypherExporter().write(g, Subgraph(all: g))
        let statements = script.split(separator: "\n").filter { !$0.hasPrefix("//") }
        #expect(statements.allSatisfy { $0.hasSuffix(";") })
        #expect(statements.filter { $0.hasPrefix("CREATE (") }.count == g.nodeCount)
        #expect(statements.filter { $0.hasPrefix("MATCH ") }.count == g.edgeCount)
        #expect(script.contains(#"CREATE (:Role {id: "role:csr", name_nl: "klantenservicemedewerker", name_sv: "kundtjänstrepresentant", aliases: ["CSR"], name: "customer service representative", cite_document: ["doc:kundtjanst"], cite_line: [1], cite_quote: ["Plikt och ansvar för en kundtjänstrepresentant"], cite_gloss: ["Duties of a customer service representative"], cite_via: [""]});"#))
        #expect(script.contains(#"period: date("2016")"#))
        #expect(script.contains(#"MATCH (a:Source:Organization {id: "source:bls"}), (b:Figure {id: "fig:wage-2016"}) CREATE (a)-[:REPORTS {id: "e6", channel: "survey"}]->(b);"#))
        try Golden.check("sample.cypher", script)
    }

    @Test func cypherEscapesNamesAndStrings() throws {
        let g = try SampleGraph.hostile()
        let script = CypherExporter().write(g, Subgraph(all: g))
        #expect(script.contains(#":Skill:`Odd Label <0>`"#))
        #expect(script.contains(#"[:`WEIRD "TYPE"` {"#))
        #expect(script.contains(#"name: "C:\\path\\ends with\\""#))
        #expect(script.contains(#"name: "two\nlines""#))
        #expect(script.contains(#"name: "tab\there ]]> --> }""#))
        #expect(CypherExporter.name("a`b") == "`a``b`")
        #expect(CypherExporter.name("9lives") == "`9lives`")
        #expect(CypherExporter.literal(.list([.int(1), .string("x")])) == #""[1, \"x\"]""#)
        #expect(CypherExporter.literal(.float(.nan)) == "(0.0 / 0.0)")
        #expect(CypherExporter.literal(.float(-.infinity)) == "(-1.0 / 0.0)")
    }
}

/// Temporal property values in every exporter, and the Cypher script reading them back.
@Suite struct TemporalExportTests {
    static func graph() throws -> Graph {
        var g = Graph()
        let a = try g.addNode(Node(id: "ev:a", labels: ["Event"], properties: [
            "at": .temporal(try Temporal.parse(.datetime, "2015-07-21T21:40:32.142+01:00")),
            "local": .temporal(try Temporal.parse(.localdatetime, "0001-01-01T01:01:01.000000001")),
            "opens": .temporal(try Temporal.parse(.time, "12:35:15+05:00")),
            "lunch": .temporal(try Temporal.parse(.localtime, "12:31:14.645876123")),
            "took": .temporal(try Temporal.parse(.duration, "P1M2DT6M")),
            "slots": .list([.temporal(try Temporal.parse(.localtime, "10:35")), .temporal(try Temporal.parse(.localtime, "11:00"))]),
        ]))
        let b = try g.addNode(Node(id: "ev:b", labels: ["Event"], properties: ["on": .date(KGDate(year: 2016, month: 5)!)]))
        try g.addEdge(Edge(id: "e1", type: "BEFORE", from: a, to: b,
                           properties: ["gap": .temporal(try Temporal.parse(.duration, "PT-0.5S"))]))
        return g
    }

    @Test func cypherScriptReadsBackTheSameValues() throws {
        let g = try Self.graph()
        let script = CypherExporter().write(g, Subgraph(all: g))
        #expect(script.contains(#"at: datetime("2015-07-21T21:40:32.142+01:00")"#))
        #expect(script.contains(#"took: duration("P1M2DT6M")"#))
        #expect(script.contains(#"slots: [localtime("10:35"), localtime("11:00")]"#))
        var session = QuerySession(graph: Graph())
        for statement in script.split(separator: "\n") where !statement.hasPrefix("//") {
            _ = try session.run(String(statement))
        }
        let back = session.graph
        #expect(back.nodeCount == 2 && back.edgeCount == 1)
        for node in g.nodes {
            let copy = try #require(back.nodes.first { $0.properties["id"] == .string(node.id) })
            for (k, v) in node.properties { #expect(copy.properties[k] == v, "\(k)") }
        }
        #expect(back.edges[0].properties["gap"] == g.edges[0].properties["gap"])
    }

    @Test func otherExportersWriteISOText() throws {
        let g = try Self.graph()
        let json = JSONGraphExporter().write(g, Subgraph(all: g))
        #expect(json.contains(#""at": "2015-07-21T21:40:32.142+01:00""#))
        #expect(json.contains(#""took": "P1M2DT6M""#))
        let columns = PropertyColumn.columns(of: g.nodes.map(\.properties))
        #expect(columns.first { $0.key == "opens" }?.kind == .temporal(.time))
        #expect(CSVExporter.typeSuffix(.temporal(.datetime)) == ":datetime")
        #expect(CSVExporter.typeSuffix(.list(.temporal(.localtime))) == ":localtime[]")
        #expect(columns.first { $0.key == "slots" }?.text(g.nodes[0].properties["slots"]!) == "10:35;11:00")
    }
}
