import Foundation
import Testing
import KGCore
@testable import KGImport

/// The one-file importers (kgq JSON, GraphML, Neo4j apoc JSON) on inputs written here: what
/// they read, and where they say a bad input is wrong.
@Suite struct FileImporterTests {
    enum Format { case json, graphml, neo4j }

    func load(_ format: Format, _ text: String) -> Result<Graph, DiagnosticList> {
        let bytes = Array(text.utf8)
        do {
            switch format {
            case .json: return .success(try JSONGraphImporter().load(bytes: bytes, path: "in.json"))
            case .graphml: return .success(try GraphMLImporter().load(bytes: bytes, path: "in.graphml"))
            case .neo4j: return .success(try Neo4jJSONImporter().load(bytes: bytes, path: "in.jsonl"))
            }
        } catch {
            return .failure(error)
        }
    }

    func graph(_ format: Format, _ text: String) throws -> Graph {
        switch load(format, text) {
        case .success(let g): return g
        case .failure(let e): Issue.record("unexpected errors: \(e)"); throw e
        }
    }

    // MARK: kgq JSON

    @Test func jsonReadsLabelsNamesTypedPropertiesAndCitations() throws {
        let g = try graph(.json, #"""
        {"documents": [{"id": "doc:x", "file": "x.txt", "sha256": "ab", "language": "sv", "title": "X", "kind": "article", "publisher": null}],
         "nodes": [{"id": "fig:a", "labels": ["Figure", "Claim"], "names": {"sv": ["ett", "en"], "nl": ["één"]},
                    "properties": {"value": 1.5, "n": 2, "period": "2016-05", "at": "18:25", "nan": {"$float": "NaN"}, "tags": ["a"], "m": {"k": true}},
                    "types": {"period": "date", "at": "localtime"},
                    "citations": [{"document": "doc:x", "line": 3, "quote": "öka med 5 procent", "gloss": "grow", "via": "source:bls", "columns": [4, 20]}]},
                   {"id": "b", "labels": [], "properties": {}, "citations": []}],
         "edges": [{"id": "e1", "type": "MEASURES", "from": "fig:a", "to": "b", "properties": {"since": "2011"}, "types": {"since": "date"}, "citations": []}]}
        """#)
        let a = g.nodes[g.node(id: "fig:a")!]
        #expect(a.labels == ["Figure", "Claim"])
        #expect(a.names == [LocalizedName(language: "sv", text: "ett"), LocalizedName(language: "sv", text: "en"), LocalizedName(language: "nl", text: "één")])
        #expect(a.properties["value"] == .float(1.5) && a.properties["n"] == .int(2))
        #expect(a.properties["period"] == .date(KGDate("2016-05")!))
        #expect(a.properties["at"]?.description == "localtime(\"18:25\")")
        #expect(a.properties["nan"].flatMap { if case .float(let d) = $0 { return d.isNaN } else { return false } } == true)
        #expect(a.properties["tags"] == .list([.string("a")]) && a.properties["m"] == .map(["k": .bool(true)]))
        #expect(a.citations == [Citation(document: "doc:x", line: 3, span: 4...20, quote: "öka med 5 procent", gloss: "grow", via: "source:bls")])
        // The document is not among the nodes: it becomes one from the documents list.
        #expect(g.document(id: "doc:x")?.language == "sv")
        let e = g.edges[g.edge(id: "e1")!]
        #expect(e.type == "MEASURES" && e.properties["since"] == .date(KGDate("2011")!))
    }

    /// (input, the start of the rendered first error) — every message at the value at fault.
    static let jsonErrors: [(String, String)] = [
        ("{\"nodes\": [\n  {\"id\": \"a\" \"labels\": []}]}", "in.json:2:14: error: bad JSON: expected ',' or '}'"),
        ("[1, 2]", "in.json:1:1: error: expected an object {\"documents\", \"nodes\", \"edges\"}, found a list"),
        ("{\"edges\": []}", "in.json:1:1: error: the graph has no \"nodes\""),
        ("{\"nodes\": [{\"id\": \"a\", \"labels\": \"X\"}]}", "in.json:1:34: error: \"labels\" of the node 'a' must be a list of strings"),
        ("{\"nodes\": [{\"id\": 7}]}", "in.json:1:19: error: \"id\" of a node must be a non-empty string, not a number"),
        ("{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"a\"}]}", "in.json:1:25: error: duplicate node id 'a'"),
        ("{\"nodes\": [{\"id\": \"a\"}],\n \"edges\": [{\"id\": \"e\", \"type\": \"R\", \"from\": \"a\", \"to\": \"b\"}]}", "in.json:2:56: error: the relationship 'e' ends at 'b'"),
        ("{\"nodes\": [{\"id\": \"a\", \"properties\": {\"p\": \"May\"}, \"types\": {\"p\": \"date\"}}]}", "in.json:1:44: error: the property 'p' of the node 'a' is said to be date"),
        ("{\"nodes\": [{\"id\": \"a\", \"properties\": {\"p\": \"x\"}, \"types\": {\"p\": \"money\"}}]}", "in.json:1:65: error: unknown type 'money'"),
        ("{\"nodes\": [{\"id\": \"a\", \"citations\": [{\"document\": \"d\", \"line\": \"3\"}]}]}", "in.json:1:64: error: a citation's \"line\" must be a whole number"),
        ("{\"nodes\": [], \"nodez\": []}", "in.json:1:24: error: unknown member \"nodez\""),
        ("{\"nodes\": [{\"id\": \"a\", \"id\": \"b\"}]}", "in.json:1:24: error: bad JSON: the key \"id\" is given twice"),
        ("{\"nodes\": [\"unterminated]}", "in.json:1:12: error: bad JSON: unterminated string"),
        (String(repeating: "[", count: 300), "in.json:1:201: error: bad JSON: JSON nested more than 200 levels deep"),
    ]

    @Test(arguments: jsonErrors) func jsonErrorsNameTheirPosition(_ input: String, _ expected: String) {
        guard case .failure(let e) = load(.json, input) else { Issue.record("no error for \(input)"); return }
        #expect(e.diagnostics.first?.rendered().hasPrefix(expected) == true, "\(e)")
    }

    // MARK: GraphML

    @Test func graphmlAsGephiWritesIt() throws {
        // Gephi: no labels key; `label` is the display name, weights are doubles, edges undirected.
        let g = try graph(.graphml, #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- written by Gephi -->
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key attr.name="label" attr.type="string" for="node" id="label"/>
          <key attr.name="Modularity Class" attr.type="int" for="node" id="modularity_class"/>
          <key attr.name="weight" attr.type="double" for="edge" id="weight"/>
          <key attr.name="seen" attr.type="boolean" for="node" id="seen"><default>false</default></key>
          <graph defaultedgetype="undirected" edgedefault="undirected">
            <node id="0"><data key="label">Ann &amp; Bo</data><data key="modularity_class">2</data></node>
            <node id="1"><data key="label">Kundtjänst</data><data key="seen">true</data></node>
            <edge id="0" source="0" target="1"><data key="weight">1.5</data></edge>
            <edge source="1" target="0"/>
          </graph>
        </graphml>
        """#)
        #expect(g.nodeCount == 2 && g.edgeCount == 2)
        let ann = g.nodes[g.node(id: "0")!]
        #expect(ann.properties == ["name": .string("Ann & Bo"), "Modularity Class": .int(2), "seen": .bool(false)])
        #expect(g.nodes[g.node(id: "1")!].properties["seen"] == .bool(true))
        let e = g.edges[g.edge(id: "0")!]
        #expect(e.type == "RELATED" && e.properties["weight"] == .float(1.5) && g.id(node: e.from) == "0")
        #expect(g.edge(id: "1-RELATED->0") != nil, "an edge without an id gets FROM-TYPE->TO")
    }

    @Test func graphmlAsYEdWritesIt() throws {
        let g = try graph(.graphml, #"""
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
          <key for="node" id="d6" yfiles.type="nodegraphics"/>
          <key for="edge" id="d10" yfiles.type="edgegraphics"/>
          <graph edgedefault="directed" id="G">
            <node id="n0"><data key="d6"><y:ShapeNode><y:Geometry height="30.0" width="30.0" x="0" y="0"/>
              <y:NodeLabel alignment="center" fontSize="12">Customer
        service</y:NodeLabel></y:ShapeNode></data></node>
            <node id="n1"><graph id="n1:" edgedefault="directed"><node id="n1::n0"/></graph></node>
            <edge id="e0" source="n0" target="n1::n0"><data key="d10"><y:PolyLineEdge/></data></edge>
          </graph>
        </graphml>
        """#)
        #expect(g.nodes[g.node(id: "n0")!].properties["name"] == .string("Customer\nservice"))
        #expect(g.node(id: "n1::n0") != nil, "nodes of a nested graph (a yEd group) are read")
        #expect(g.edgeCount == 1)
    }

    @Test func graphmlAsNetworkXWritesItWithKgqTypes() throws {
        let g = try graph(.graphml, #"""
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="d0" for="node" attr.name="labels" attr.type="string"/>
          <key id="d1" for="node" attr.name="label" attr.type="string"/>
          <key id="d2" for="node" attr.name="period" attr.type="string"/>
          <key id="d3" for="node" attr.name="mixed" attr.type="string"/>
          <key id="d4" for="node" attr.name="name_nl" attr.type="string"/>
          <key id="d5" for="edge" attr.name="type" attr.type="string"/>
          <key id="d6" for="graph" attr.name="kgq.types" attr.type="string"/>
          <graph edgedefault="directed">
            <data key="d6">{"node": {"period": "date", "mixed": "json"}, "edge": {}}</data>
            <node id="role:a"><data key="d0">:Role:Job</data><data key="d1">A</data><data key="d2">2016-05</data>
              <data key="d3">{"$localtime": "18:25"}</data><data key="d4">klantenservice</data></node>
            <node id="b"><data key="d0">:Skill</data><data key="d3">[1, "x"]</data></node>
            <edge source="role:a" target="b"><data key="d5">REQUIRES</data></edge>
          </graph>
        </graphml>
        """#)
        let a = g.nodes[g.node(id: "role:a")!]
        #expect(a.labels == ["Role", "Job"])
        #expect(a.properties["name"] == nil, "with a labels key, label is only the name kgq shows")
        #expect(a.properties["period"] == .date(KGDate("2016-05")!))
        #expect(a.properties["mixed"]?.description == "localtime(\"18:25\")")
        #expect(a.names == [LocalizedName(language: "nl", text: "klantenservice")])
        #expect(g.nodes[g.node(id: "b")!].properties["mixed"] == .list([.int(1), .string("x")]))
        #expect(g.edge(id: "role:a-REQUIRES->b") != nil)
    }

    static let graphmlErrors: [(String, String)] = [
        ("<graphml>\n  <graph>\n    <node id=\"a\">\n  </graph>\n</graphml>", "in.graphml:4:3: error: bad XML: </graph> closes <node> (opened at line 3, column 5)"),
        ("<graphml><graph><node id=\"a\" id=\"b\"/></graph></graphml>", "in.graphml:1:30: error: bad XML: the attribute id is given twice"),
        ("<graphml><graph><node id=\"a&b\"/></graph></graphml>", "in.graphml:1:28: error: bad XML: '&' that starts no entity"),
        ("<graphml><graph>\n<node id=\"a\"/>", "in.graphml:1:10: error: bad XML: the element <graph> is never closed"),
        ("<gml/>", "in.graphml:1:1: error: expected the root element <graphml>, found <gml>"),
        ("<graphml/>", "in.graphml:1:1: error: the GraphML file has no <graph>"),
        ("<graphml><key id=\"k\" for=\"node\" attr.name=\"n\" attr.type=\"long\"/><graph>\n  <node id=\"a\"><data key=\"k\">twelve</data></node></graph></graphml>",
         "in.graphml:2:16: error: 'twelve' is not a long"),
        ("<graphml><key id=\"k\" for=\"node\" attr.type=\"date\"/><graph/></graphml>", "in.graphml:1:33: error: the key 'k' has attr.type \"date\""),
        ("<graphml><graph><node id=\"a\"/>\n<edge source=\"a\" target=\"c\"/></graph></graphml>", "in.graphml:2:18: error: the edge's target 'c' is not a node of the file"),
        ("<graphml><graph><node/></graph></graphml>", "in.graphml:1:17: error: a <node> without an id"),
        ("<graphml><graph><hyperedge/></graph></graphml>", "in.graphml:1:17: error: hyperedges are not supported"),
    ]

    @Test(arguments: graphmlErrors) func graphmlErrorsNameTheirPosition(_ input: String, _ expected: String) {
        guard case .failure(let e) = load(.graphml, input) else { Issue.record("no error for \(input)"); return }
        #expect(e.diagnostics.first?.rendered().hasPrefix(expected) == true, "\(e)")
    }

    @Test func xmlReaderResolvesEntitiesCDATAAndComments() throws {
        let root = try XMLReader.parse(Array("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY y 'z'>]><a k='1 &lt; 2'>x&#233;<!-- c --><![CDATA[<b>]]>&#x1F600;<b/></a>".utf8))
        #expect(root.attribute("k") == "1 < 2")
        #expect(root.text == "xé<b>😀")
        #expect(root.children.map(\.name) == ["b"])
    }

    // MARK: Neo4j apoc.export.json

    @Test func neo4jJSONReadsTheCypherExportsConventions() throws {
        let g = try graph(.neo4j, #"""
        {"type":"node","id":"0","labels":["Role"],"properties":{"id":"role:a","name":"A","name_nl":["x","y"],"cite_document":["doc:d"],"cite_line":[4],"cite_quote":["q"],"cite_gloss":[""],"cite_via":["source:s"]}}
        {"type":"node","id":"1","labels":["Skill"],"properties":{"level":2,"born":"2015-07-04T19:32:24"}}

        {"id":"0","type":"relationship","label":"REQUIRES","properties":{"since":1993},"start":{"id":"0","labels":["Role"]},"end":{"id":"1","labels":["Skill"]}}
        """#)
        let a = g.nodes[g.node(id: "role:a")!]
        #expect(a.properties == ["name": .string("A")])
        #expect(a.names == [LocalizedName(language: "nl", text: "x"), LocalizedName(language: "nl", text: "y")])
        #expect(a.citations == [Citation(document: "doc:d", line: 4, quote: "q", via: "source:s")])
        #expect(g.node(id: "1") != nil, "a node without an id property is named by Neo4j's id")
        let e = g.edges[g.edge(id: "role:a-REQUIRES->1")!]
        #expect(e.properties["since"] == .int(1993))
    }

    static let neo4jErrors: [(String, String)] = [
        ("{\"type\":\"node\",\"id\":\"0\"}\n{\"type\":\"node\" \"id\":\"1\"}", "in.jsonl:2:16: error: bad JSON: expected ',' or '}'"),
        ("{\"type\":\"node\",\"id\":\"0\"} {\"type\":\"node\"}", "in.jsonl:1:26: error: bad JSON: expected the end of the line"),
        ("{\"type\":\"node\",\"id\":\"0\"}\n{\"type\":\"relationship\",\"label\":\"R\",\"start\":{\"id\":\"0\"},\"end\":{\"id\":\"9\"}}",
         "in.jsonl:2:67: error: the relationship's end node 9 is not among the file's nodes"),
        ("{\"type\":\"edge\",\"id\":\"0\"}", "in.jsonl:1:9: error: unknown \"type\": \"edge\""),
        ("{\"type\":\"node\",\"id\":[1]}", "in.jsonl:1:21: error: \"id\" must be a string or a whole number"),
        ("{\"type\":\"node\",\"id\":\"0\",\"properties\":{\"cite_document\":[\"d\"],\"cite_line\":[1,2],\"cite_quote\":[\"q\"],\"cite_gloss\":[\"\"],\"cite_via\":[\"\"]}}",
         "in.jsonl:1:1: error: the cite_* lists have different lengths"),
    ]

    @Test(arguments: neo4jErrors) func neo4jErrorsNameTheirPosition(_ input: String, _ expected: String) {
        guard case .failure(let e) = load(.neo4j, input) else { Issue.record("no error for \(input)"); return }
        #expect(e.diagnostics.first?.rendered().hasPrefix(expected) == true, "\(e)")
    }

    @Test func notUTF8IsAnErrorWithItsPosition() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let path = (folder.path as NSString).appendingPathComponent("g.json")
        try Data([0x7B, 0x0A, 0x20, 0xFF, 0x7D]).write(to: URL(fileURLWithPath: path))
        #expect(throws: DiagnosticList.self) { try JSONGraphImporter().load(file: path) }
        do { _ = try JSONGraphImporter().load(file: path) } catch {
            #expect(error.diagnostics.first?.rendered().hasPrefix("\(path):2:2: error: '\(path)' is not UTF-8 text") == true, "\(error)")
        }
    }
}
