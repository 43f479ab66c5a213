import Foundation
import KGCore
import Testing
@testable import KGQuery

/// Issue 16 item 18: MERGE of one node with literal properties finds earlier rows' nodes through
/// a hash (MergeIndex) instead of a scan per row, with openCypher's results.
@Suite struct MergeIndexing {
    @Test func equalValuesMergeIntoOneNode() throws {
        var s = QuerySession(graph: Graph())
        let r = try s.run("UNWIND [1, 1.0, 2, 2.5, 2.5, 'a', 'a', true, true, 1] AS i MERGE (n:T {k: i}) RETURN count(DISTINCT n) AS c, count(*) AS rows")
        #expect(r.rows == [[.int(5), .int(10)]])
        #expect(try s.run("MATCH (n:T) RETURN count(n)").rows == [[.int(5)]])
    }

    @Test func existingNodesAreFoundAndAllMatchesReturned() throws {
        var s = QuerySession(graph: Graph())
        _ = try s.run("CREATE (:T {k: 1, x: 'a'}), (:T {k: 1, x: 'b'}), (:T:U {k: 2})")
        let r = try s.run("UNWIND [1, 2, 3, 3] AS i MERGE (n:T {k: i}) RETURN i, n.x ORDER BY i, n.x")
        #expect(r.rows == [[.int(1), .string("a")], [.int(1), .string("b")], [.int(2), .null], [.int(3), .null], [.int(3), .null]])
        #expect(try s.run("MATCH (n:T) RETURN count(n)").rows == [[.int(4)]])
        // Two labels: only the node carrying both.
        let u = try s.run("UNWIND [2, 1] AS i MERGE (n:U:T {k: i}) RETURN i, labels(n) ORDER BY i")
        #expect(u.rows.count == 2)
        #expect(try s.run("MATCH (n:U) RETURN count(n)").rows == [[.int(2)]])
    }

    /// A write between rows (ON CREATE SET changing the key, ON MATCH SET) is seen by later rows.
    @Test func writesOfTheClauseAreSeen() throws {
        var s = QuerySession(graph: Graph())
        _ = try s.run("UNWIND [1, 2, 1] AS i MERGE (n:T {k: i}) ON CREATE SET n.k = i * 10")
        #expect(try s.run("MATCH (n:T) RETURN n.k ORDER BY n.k").rows == [[.int(10)], [.int(10)], [.int(20)]])
        let m = try s.run("UNWIND [5, 5, 5] AS i MERGE (n:T {k: i}) ON MATCH SET n.seen = coalesce(n.seen, 0) + 1 RETURN n.seen")
        // Rows hold the node, so RETURN reads its final value: created once, matched twice.
        #expect(m.rows == [[.int(2)], [.int(2)], [.int(2)]])
    }

    /// Values the hash does not key (lists, numbers past 2^53) still behave as openCypher says.
    @Test func otherValuesTakeTheMatcher() throws {
        var s = QuerySession(graph: Graph())
        let r = try s.run("UNWIND [[1, 2], [1, 2], 9007199254740993, 9007199254740993] AS i MERGE (n:T {k: i}) RETURN count(DISTINCT n)")
        #expect(r.rows == [[.int(2)]])
    }

    /// The loop of the issue: 200,000 rows on an empty graph give 200,000 nodes, and a second
    /// run finds every one of them.
    @Test func twoHundredThousandRows() throws {
        var s = QuerySession(graph: Graph())
        let first = try s.run("UNWIND range(1, 200000) AS i MERGE (:T {k: i})")
        #expect(first.stats.nodesCreated == 200_000)
        let second = try s.run("UNWIND range(1, 200000) AS i MERGE (n:T {k: i}) RETURN count(DISTINCT n) AS c")
        #expect(second.rows == [[.int(200_000)]])
        #expect(second.stats.nodesCreated == 0)
    }
}
