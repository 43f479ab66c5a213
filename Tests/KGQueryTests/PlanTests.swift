import KGCore
import Testing
@testable import KGQuery

/// The middle of the pipeline: keys matched to projection items by structure, aggregates with
/// running state, plans built once per statement, and counts that multiply adjacency sizes.
@Suite struct PlanTests {
    static func run(_ q: String, on s: inout QuerySession) throws -> [String] {
        try s.run(q).rows.map { row in row.map { RowTests.show($0) }.joined(separator: " ") }
    }

    /// ORDER BY, grouping keys and expressions beside aggregates are matched to projection
    /// items by structure, not by their text with whitespace removed.
    @Test(arguments: [
        // Every row has `s CONTAINS ''` true, so `s DESC` decides; the text of the ORDER BY key
        // equals the projected `s CONTAINS ' '` once its spaces are dropped.
        ("UNWIND ['a ', 'b'] AS s RETURN s, s CONTAINS ' ' AS k ORDER BY s CONTAINS '' DESC, s DESC", ["b false", "a  true"]),
        ("UNWIND ['a ', 'b'] AS s RETURN s, s CONTAINS ' ' AS k ORDER BY (s CONTAINS '') DESC, s DESC", ["b false", "a  true"]),
        // The same key written with other spacing, case of a function name, or parentheses is the same key.
        ("UNWIND [3, 1, 2] AS x RETURN x+1 AS y ORDER BY x + 1", ["2", "3", "4"]),
        ("UNWIND ['b', 'a'] AS x RETURN toUpper(x) AS u, count(*) AS c ORDER BY TOUPPER( x )", ["A 1", "B 1"]),
        ("UNWIND [1, 1, 2] AS x WITH x % 2 AS k, count(*) AS c RETURN k, c ORDER BY k", ["0 1", "1 2"]),
        // A string literal with spaces is not the same key as one without.
        ("UNWIND ['a b', 'ab'] AS x RETURN x = 'a b' AS e ORDER BY x = 'ab' DESC, e", ["false", "true"]),
    ])
    func keysMatchByStructure(_ q: String, _ expected: [String]) throws {
        var s = QuerySession(graph: Graph())
        #expect(try PlanTests.run(q, on: &s) == expected, "\(q)")
    }

    @Test func anExpressionBesideAnAggregateMustBeAKeyByStructure() throws {
        var s = QuerySession(graph: Graph())
        #expect(try PlanTests.run("UNWIND [{a: 1}, {a: 2}] AS m RETURN m.a AS k, m . a * 10 + count(*) AS c ORDER BY k", on: &s)
                == ["1 11", "2 21"])
        #expect(throws: QueryError.self) {
            try s.run("UNWIND [{a: 1, b: 2}] AS m RETURN m.a AS k, m.b + count(*) AS c")
        }
    }

    /// Aggregates keep running state; the results are those of the definitions.
    @Test func aggregatesFromRunningState() throws {
        var s = QuerySession(graph: Graph())
        let r = try s.run("""
            UNWIND [1, 2, 3, 4, null, 2] AS x
            RETURN count(*), count(x), count(DISTINCT x), sum(x), sum(DISTINCT x), avg(x), min(x), max(x),
                   stdev(x), stdevp(x), collect(DISTINCT x), percentileDisc(x, 0.5), percentileCont(x, 0.25)
            """)
        #expect(r.rows.count == 1)
        let row = r.rows[0]
        #expect(Array(row[0...7]) == [.int(6), .int(5), .int(4), .int(12), .int(10), .float(2.4), .int(1), .int(4)])
        let xs = [1.0, 2, 3, 4, 2], mean = 2.4
        let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        guard case .float(let sd) = row[8], case .float(let sdp) = row[9] else { Issue.record("stdev not a float"); return }
        #expect(abs(sd - (ss / 4).squareRoot()) < 1e-12 && abs(sdp - (ss / 5).squareRoot()) < 1e-12)
        #expect(row[10] == .list([.int(1), .int(2), .int(3), .int(4)]))
        #expect(row[11] == .int(2) && row[12] == .float(2))
        #expect(try PlanTests.run("UNWIND [] AS x RETURN count(x), sum(x), avg(x), min(x), collect(x)", on: &s) == ["0 0 null null []"])
        #expect(try s.run("UNWIND [1, 2.5] AS x RETURN sum(x), min(x), max(x)").rows == [[.float(3.5), .int(1), .float(2.5)]])
        #expect(throws: QueryError.self) { try s.run("UNWIND [1, 'a'] AS x RETURN sum(x)") }
        #expect(throws: QueryError.self) { try s.run("UNWIND [9223372036854775807, 1] AS x RETURN sum(x)") }
    }

    /// A percentile that is not a number in [0, 1] — NaN included — is an ArgumentError, not a trap.
    @Test(arguments: ["0.0/0.0", "1.5", "-0.1"])
    func percentileOutOfRange(_ p: String) throws {
        var s = QuerySession(graph: Graph())
        for f in ["percentileDisc", "percentileCont"] {
            do {
                _ = try s.run("UNWIND [1, 2, 3] AS x RETURN \(f)(x, \(p))")
                Issue.record("\(f)(x, \(p)) did not fail")
            } catch {
                #expect(error.type == "ArgumentError" && error.detail == "NumberOutOfRange")
            }
        }
    }
}
