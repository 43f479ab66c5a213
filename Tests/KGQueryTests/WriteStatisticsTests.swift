import KGCore
import Testing
@testable import KGQuery

@Suite struct WriteStatisticsTests {
    @Test func aWritingStatementCountsWhatItChanged() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let r = try session.run("CREATE (a:X:Y {p: 1})-[:R {q: 2}]->(b:X) SET a.p = NULL")
        #expect(r.stats == WriteStatistics(nodesCreated: 2, relationshipsCreated: 1, propertiesSet: 2, propertiesRemoved: 1,
                                           labelsAdded: 2))
        #expect(r.stats.counters.map(\.name) == ["+labels", "+nodes", "+properties", "+relationships", "-properties"])
        #expect(ResultJSON.encode(r, graph: session.graph).contains(
            #""stats": {"+labels": 2, "+nodes": 2, "+properties": 2, "+relationships": 1, "-properties": 1}"#))
    }

    @Test func aReadingStatementChangesNothing() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let r = try session.run("MATCH (n) RETURN count(n)")
        #expect(r.stats.isEmpty && r.stats == WriteStatistics())
        #expect(!ResultJSON.encode(r, graph: session.graph).contains("stats"))
    }
}
