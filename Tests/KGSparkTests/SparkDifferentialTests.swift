import Foundation
import Testing
import KGCore
import KGFormat
import KGQuery
import KGSpark
import KGTestSupport

/// The same statements on the in-memory engine and on a real Spark cluster, compared row for
/// row, on the default graph pushed to Spark. Needs a Spark Connect server: `make test-spark`
/// starts one (a standalone master, two workers) and sets KGQ_SPARK_URL; without it the suite
/// is skipped.
/// The Spark Connect server of the suite, from the environment.
let sparkTestURL = ProcessInfo.processInfo.environment["KGQ_SPARK_URL"].flatMap { $0.isEmpty ? nil : $0 }

@Suite(.serialized, .enabled(if: sparkTestURL != nil, "set KGQ_SPARK_URL (make test-spark starts a cluster)"))
struct SparkDifferentialTests {
    static let url = sparkTestURL
    static let prefix = "kgqtest"
    static let folder = KGTestSupport.packageRoot.appendingPathComponent("graphs/customer-service").path

    /// One open session and one push for the whole suite.
    final class Fixture: @unchecked Sendable {
        let graph: Graph
        let engine: SparkEngine
        let pushed: [StagedTable]
        init() throws {
            graph = try GraphLoader.load(folder: SparkDifferentialTests.folder)
            engine = try SparkEngine(connection: try SparkConnection(url: SparkDifferentialTests.url!), prefix: SparkDifferentialTests.prefix)
            let staging = NSTemporaryDirectory() + "kgq-spark-test-\(ProcessInfo.processInfo.processIdentifier)"
            defer { try? FileManager.default.removeItem(atPath: staging) }
            pushed = try engine.push(graph, staging: staging)
        }
    }
    nonisolated(unsafe) static var shared: Result<Fixture, any Error>?
    static func fixture() throws -> Fixture {
        if shared == nil { shared = Result { try Fixture() } }
        return try shared!.get()
    }

    /// A statement of the suite; `ordered` when its ORDER BY fixes the order of every row,
    /// `sortLists` when it collects (the order of collect() is the engine's).
    struct Case: Sendable, CustomTestStringConvertible {
        var query: String
        var ordered = false
        var sortLists = false
        var testDescription: String { query }
    }

    static let cases: [Case] = [
        Case(query: "MATCH (r:Role) RETURN r.name AS name ORDER BY name", ordered: true),
        Case(query: "MATCH (r:Role)-[:REQUIRES]->(s:Skill) RETURN r.name AS role, s.name AS skill"),
        Case(query: "MATCH (r:Role)-[:REQUIRES]->(s) RETURN r.name AS role, count(s) AS n ORDER BY n DESC, role", ordered: true),
        Case(query: "MATCH (f:Figure) RETURN f.measure, f.unit, f.low, f.high"),
        Case(query: "MATCH (f:Figure)-[:MEASURES]->(x) RETURN labels(x) AS l, count(*) AS c"),
        Case(query: "MATCH (n) RETURN DISTINCT labels(n) AS l"),
        Case(query: "MATCH (s:Sector)-[:PART_OF]->(p:Sector) RETURN p.name AS parent, collect(s.name) AS children", sortLists: true),
        Case(query: "MATCH (a)-[r]-(b:Role) RETURN type(r) AS t, count(*) AS c ORDER BY c DESC, t", ordered: true),
        Case(query: "MATCH (a)-[:PART_OF]->(b)-[:PART_OF]->(c) RETURN a.name, b.name, c.name"),
        Case(query: "MATCH (a)-[x]->(b), (b)<-[y]-(c) RETURN count(*) AS pairs"),
        Case(query: "MATCH (n:Figure) WHERE n.low IS NOT NULL RETURN count(*) AS c, sum(n.low) AS s, min(n.high) AS lo, max(n.high) AS hi, avg(n.low) AS a"),
        Case(query: "MATCH (d:Document) RETURN d.language AS lang, count(*) AS c ORDER BY lang SKIP 1 LIMIT 2", ordered: true),
        Case(query: "MATCH (r:Role {name: 'customer service representative'})-[:HAS_DUTY]->(d) RETURN d.name AS duty ORDER BY duty LIMIT 3", ordered: true),
        Case(query: "MATCH (q:Qualification) WHERE q.requires_exam = true OR q.name CONTAINS 'degree' RETURN q.name"),
        Case(query: "MATCH (n) WHERE n.name STARTS WITH 'customer' AND NOT n:Role RETURN id(n) AS id ORDER BY id", ordered: true),
        Case(query: "MATCH (c:Claim)-[m]->(x) WHERE m.note IS NULL RETURN type(m) AS t, count(DISTINCT x.name) AS n, sum(1) AS rows"),
        Case(query: "MATCH (r:Role) RETURN r.name AS role, sum(r.nosuch) AS none, count(r.years) AS years, sum(r.years) AS total"),
        Case(query: "MATCH (f:Figure)-[:MEASURES]->(x) RETURN x.name AS about, sum(f.high * 1.5) AS s ORDER BY s DESC, about", ordered: true),
        Case(query: "MATCH (f:Figure) RETURN f.high / 2 AS half, f.high * 1.5 AS more, f.low + 1 AS next ORDER BY half DESC, more, next"),
    ]

    @Test(arguments: cases)
    func sameRowsAsInMemory(_ c: Case) throws {
        let f = try Self.fixture()
        var memory = QuerySession(graph: f.graph)
        let expected = try memory.run(c.query)
        let actual = try f.engine.run(c.query)
        #expect(actual.columns == expected.columns)
        let e = Self.normalized(expected.rows, c), a = Self.normalized(actual.rows, c)
        #expect(a == e, "Spark: \(a.prefix(5))…\nmemory: \(e.prefix(5))…")
        #expect(!expected.rows.isEmpty || c.query.contains("LIMIT"), "a case with no rows tests little")
    }

    @Test func pushWritesEveryTable() throws {
        let f = try Self.fixture()
        let rows = Dictionary(uniqueKeysWithValues: f.pushed.map { ($0.name, $0.rows) })
        #expect(rows["kgqtest_nodes"] == f.graph.nodeCount)
        #expect(rows["kgqtest_relationships"] == f.graph.edgeCount)
        #expect(rows["kgqtest_documents"] == f.graph.documents.count)
        let citations = f.graph.nodeHandles.reduce(0) { $0 + f.graph.citations(node: $1).count }
            + f.graph.edgeHandles.reduce(0) { $0 + f.graph.citations(edge: $1).count }
        #expect(rows["kgqtest_citations"] == citations)
        #expect((rows["kgqtest_names"] ?? 0) > 0)
    }

    @Test func explainShowsTheSQLAndSparksPlan() throws {
        let f = try Self.fixture()
        let r = try f.engine.run("EXPLAIN MATCH (r:Role) RETURN r.name")
        let plan = try #require(r.plan)
        #expect(plan.contains("FROM kgqtest_nodes AS n0"))
        #expect(plan.contains("Physical Plan"))
        #expect(r.rows.isEmpty)
    }

    /// The kgq binary prints the same bytes on Spark as in memory, in every output mode.
    @Test(arguments: ["table", "json", "csv"])
    func sameOutputFromTheCommandLine(format: String) throws {
        _ = try Self.fixture()
        let q = "MATCH (r:Role)-[:REQUIRES]->(s) RETURN r.name AS role, count(s) AS n, avg(1.0) AS one ORDER BY n DESC, role"
        let memory = KGTestSupport.runKGQ(["query", "--graph", Self.folder, "--no-cache", "--format", format, q])
        let spark = KGTestSupport.runKGQ(["query", "--engine", Self.url!, "--table-prefix", Self.prefix, "--format", format, q])
        #expect(memory.status == 0 && spark.status == 0, "\(spark.stderr)")
        #expect(spark.stdout == memory.stdout)
    }

    @Test func untranslatedIsAnErrorWithExitCode2() throws {
        _ = try Self.fixture()
        let r = KGTestSupport.runKGQ(["query", "--engine", Self.url!, "--table-prefix", Self.prefix, "MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN b.name"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("OPTIONAL MATCH is not translated to Spark SQL yet"))
        let missing = KGTestSupport.runKGQ(["query", "--engine", Self.url!, "--table-prefix", "nosuchprefix", "MATCH (a) RETURN a.name"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("kgq push"), "\(missing.stderr)")
    }

    /// Rows as comparable text: floats to 12 significant digits (sums in another order differ
    /// in the last bits), lists sorted when the case collects, rows sorted unless ordered.
    static func normalized(_ rows: [[QueryValue]], _ c: Case) -> [String] {
        func text(_ v: QueryValue) -> String {
            switch v {
            case .float(let d): return "f:" + String(format: "%.12g", d)
            case .list(let items):
                let parts = items.map(text)
                return "[" + (c.sortLists ? parts.sorted() : parts).joined(separator: ",") + "]"
            default: return "\(v)"
            }
        }
        let out = rows.map { $0.map(text).joined(separator: " | ") }
        return c.ordered ? out : out.sorted()
    }
}
