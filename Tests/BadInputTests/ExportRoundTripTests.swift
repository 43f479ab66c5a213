import Foundation
import KGTestSupport
import Testing

/// Hostile property names and values through every exporter (issue 16, item 14): a property
/// named `id` (on nodes and relationships) survives the CSV and Cypher exports beside the
/// element ids, and NaN and the infinities (CSV's `1e400`) come back from CSV and Cypher, are
/// `{"$float": "Inf"}` in JSON and `INF` in GraphML, and are a clear error for .kg, which has
/// no spelling for them.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct ExportRoundTrips {
    static let nodesQuery = "MATCH (n) RETURN id(n) AS element, n.id AS id, n.x AS x, n.l AS l ORDER BY element"
    static let edgesQuery = "MATCH ()-[r]->() RETURN id(r) AS element, r.id AS id, r.w AS w"

    /// A CSV graph folder whose nodes and relationship carry a property `id` and non-finite floats.
    static func hostileGraph(in root: URL) throws -> URL {
        let graph = root.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try "id:ID,:LABEL,id,x:double,l:double[]\na,T,mine-a,1e400,1.5;-1e400\nb,T,mine-b,NaN,2\n"
            .write(to: graph.appendingPathComponent("nodes.csv"), atomically: false, encoding: .utf8)
        try ":START_ID,:END_ID,:TYPE,:ID,id,w:double\na,b,R,e1,mine-e,-1e400\n"
            .write(to: graph.appendingPathComponent("rels.csv"), atomically: false, encoding: .utf8)
        return graph
    }

    static func query(_ graph: URL, _ text: String) -> String {
        let run = KGTestSupport.runKGQ(["query", "--graph", graph.path, "--format", "json", text])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    @Test func theSourceHoldsWhatTheTestNeeds() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-roundtrip")
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = try Self.hostileGraph(in: root)
        let nodes = Self.query(graph, Self.nodesQuery)
        #expect(nodes.contains("[\"a\", \"mine-a\", {\"$float\": \"Inf\"}, [1.5, {\"$float\": \"-Inf\"}]]"), "\(nodes)")
        #expect(nodes.contains("{\"$float\": \"NaN\"}"), "\(nodes)")
        #expect(Self.query(graph, Self.edgesQuery).contains("[\"e1\", \"mine-e\", {\"$float\": \"-Inf\"}]"))
    }

    @Test func csvExportKeepsIdPropertiesAndNonFiniteFloats() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-roundtrip")
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = try Self.hostileGraph(in: root)
        let out = root.appendingPathComponent("csv")
        let run = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--format", "csv", "-o", out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.query(out, Self.nodesQuery) == Self.query(graph, Self.nodesQuery))
        #expect(Self.query(out, Self.edgesQuery) == Self.query(graph, Self.edgesQuery))
    }

    @Test func cypherExportKeepsIdPropertiesAndNonFiniteFloats() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-roundtrip")
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = try Self.hostileGraph(in: root)
        let script = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--format", "cypher", "-o", "-"])
        #expect(script.status == 0, "\(script.stderr)")
        #expect(script.stdout.contains("// Element ids are in the property _id"), "\(script.stdout)")
        // Run the script in an empty graph, then read the same properties back.
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let replay = KGTestSupport.runKGQ(["query", "--graph", empty.path, "--format", "json",
                                           script.stdout + "MATCH (n) RETURN n._id AS element, n.id AS id, n.x AS x, n.l AS l ORDER BY element;"
                                           + "MATCH ()-[r]->() RETURN r._id AS element, r.id AS id, r.w AS w"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let lines = replay.stdout.split(separator: "\n").map(String.init)
        let expectedNodes = Self.query(graph, Self.nodesQuery).trimmingCharacters(in: .newlines)
        let expectedEdges = Self.query(graph, Self.edgesQuery).trimmingCharacters(in: .newlines)
        #expect(lines.suffix(2) == [expectedNodes, expectedEdges], "\(replay.stdout)")
    }

    @Test func jsonAndGraphMLSpellNonFiniteFloatsTheirWay() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-roundtrip")
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = try Self.hostileGraph(in: root)
        let json = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--format", "json", "-o", "-"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"x\": {\"$float\": \"Inf\"}") && json.stdout.contains("{\"$float\": \"NaN\"}")
                && json.stdout.contains("\"id\": \"mine-a\""), "\(json.stdout)")
        #expect(!json.stdout.contains("null"), "a non-finite float became null: \(json.stdout)")
        let graphml = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--format", "graphml", "-o", "-"])
        #expect(graphml.status == 0, "\(graphml.stderr)")
        #expect(graphml.stdout.contains(">INF</data>") && graphml.stdout.contains(">-INF</data>") && graphml.stdout.contains(">NaN</data>"))
        #expect(!graphml.stdout.contains("Infinity"))
    }

    @Test func kgExportRefusesNonFiniteFloatsAndKeepsIdProperties() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-roundtrip")
        defer { try? FileManager.default.removeItem(at: root) }
        let graph = try Self.hostileGraph(in: root)
        let refused = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--format", "kg", "-o", "-"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: the property 'l' of 'a' holds -Infinity, which a .kg file cannot hold"), "\(refused.stderr)")
        // Without them, the id properties come back from .kg as they are.
        let finite = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--format", "kg", "-o", "-",
                                           "--query", "MATCH (n) SET n.x = 1.0, n.l = [1.0] WITH n MATCH p = (n)-[r]->() SET r.w = 2.0 RETURN p"])
        #expect(finite.status == 0, "\(finite.stderr)")
        let folder = root.appendingPathComponent("kg")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try finite.stdout.write(to: folder.appendingPathComponent("g.kg"), atomically: false, encoding: .utf8)
        let back = Self.query(folder, Self.nodesQuery)
        #expect(back.contains("[\"a\", \"mine-a\", 1.0, [1.0]]") && back.contains("\"mine-b\""), "\(back)")
        #expect(Self.query(folder, Self.edgesQuery).contains("[\"e1\", \"mine-e\", 2.0]"))
    }
}
