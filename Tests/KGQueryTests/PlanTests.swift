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

    /// Property keys are resolved to the graph's codes when the statement is planned; a key
    /// the graph gains while the statement runs (CREATE, SET) is still read, and one it lacks
    /// reads as null.
    @Test func propertyKeysAreResolvedAtPlanTime() throws {
        var s = QuerySession(graph: Graph())
        _ = try s.run("CREATE (:A {k: 1, name: 'a'})-[:T {w: 2}]->(:B {k: 3})")
        #expect(try PlanTests.run("MATCH (a:A)-[t:T]->(b) RETURN a.k, t.w, b.k, a.nope, t.nope", on: &s) == ["1 2 3 null null"])
        let plan = try #require(s.lastPlan)
        #expect(plan.statement.propertyKeys == ["k", "w", "nope"])
        #expect(plan.nodeKeyCodes[0] >= 0 && plan.edgeKeyCodes[1] >= 0 && plan.nodeKeyCodes[2] == -1 && plan.edgeKeyCodes[0] == -1)
        #expect(try PlanTests.run("CREATE (n:C {fresh: 5}) SET n.later = n.fresh + 1 RETURN n.fresh, n.later", on: &s) == ["5 6"])
        #expect(try PlanTests.run("MATCH (a:A)-[t:T]->() SET t.x = 7, a.y = 8 RETURN t.x, a.y, t.w", on: &s) == ["7 8 2"])
        #expect(try PlanTests.run("MATCH (n) WHERE n.later = 6 RETURN n.fresh", on: &s) == ["5"])
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
                #expect(error.type == .argumentError && error.detail == .numberOutOfRange)
            }
        }
    }

    /// A small graph with a hub, self-loops, parallel edges and mixed labels, so that counting
    /// from adjacency sizes meets relationship uniqueness, labels and both directions.
    static func countingGraph() throws -> QuerySession {
        var s = QuerySession(graph: Graph())
        _ = try s.run("""
            CREATE (a:Role {name: 'a'}), (b:Role {name: 'b'}), (c:Role:Lead {name: 'c'}),
                   (x:Skill {name: 'x'}), (y:Skill {name: 'y'}), (z:Tool {name: 'z'}),
                   (a)-[:REQUIRES]->(x), (a)-[:REQUIRES]->(y), (a)-[:REQUIRES]->(z), (a)-[:REQUIRES]->(x),
                   (b)-[:REQUIRES]->(x), (c)-[:REQUIRES]->(x), (c)-[:REQUIRES]->(y), (c)-[:USES]->(z),
                   (x)-[:REQUIRES]->(x), (y)-[:RELATED]->(x), (z)-[:REQUIRES]->(a)
            """)
        return s
    }

    /// Counts computed from adjacency sizes equal the counts of the enumerated rows, for
    /// patterns whose last hop meets uniqueness, labels, types and each direction.
    @Test(arguments: [
        "(r:Role)-[:REQUIRES]->(s)<-[:REQUIRES]-(o:Role)",
        "(r:Role)-[:REQUIRES]->(s)<-[:REQUIRES]-(o)",
        "(r)-[:REQUIRES]->(s)-[:REQUIRES]->(o)",
        "(r)-[e]-(s)-[f]-(o)",
        "(r:Role)-[:REQUIRES|USES]->(s:Skill)",
        "(r:Lead)-[]->(s)<-[]-(o:Role)",
        "(r)-[:REQUIRES]->(r)",
        "(s)<-[:REQUIRES]-(r:Role)",
        "(r:Role)-[:REQUIRES]->(s)-[:REQUIRES]-(o)",
    ])
    func factorisedCountEqualsEnumeration(_ pattern: String) throws {
        var s = try PlanTests.countingGraph()
        let counted = try s.run("MATCH \(pattern) RETURN count(*) AS n")
        // A last hop that closes on a bound node is a filter, not a fan-out: it enumerates.
        let closes = pattern.hasSuffix("->(r)")
        #expect(s.lastPlan?.clauses[0][0]?.countsLast == !closes, "\(pattern): countsLast")
        let rows = try s.run("MATCH \(pattern) RETURN *")
        #expect(counted.rows == [[.int(rows.rows.count)]], "\(pattern)")
        // Grouped counts too: per start node, against the enumeration grouped by hand.
        let grouped = try s.run("MATCH \(pattern) WITH * RETURN count(*) AS n").rows
        #expect(grouped == counted.rows)
    }

    /// Counting from the graph's per-type degrees (every HAS edge ends at a Skill, so the hop
    /// needs no label check) agrees with enumeration, parallel edges and uniqueness included —
    /// also after a write breaks the implied label and after a failed statement is undone.
    @Test(arguments: [
        "(r:Role)-[:HAS]->(s:Skill)",
        "(r:Role {name: 'a'})-[:HAS]->(s:Skill)<-[:HAS]-(o:Role)",
        "(r:Role)-[:HAS]->(s:Skill)<-[:HAS]-(o)",
        "(s:Skill)<-[:HAS]-(r:Role)",
        "(r:Role)-[:HAS|LIKES]->(s:Skill)",
    ])
    func countFromTypedDegreesEqualsEnumeration(_ pattern: String) throws {
        var s = QuerySession(graph: Graph())
        _ = try s.run("""
            CREATE (a:Role {name: 'a'}), (b:Role {name: 'b'}), (x:Skill {name: 'x'}), (y:Skill {name: 'y'}),
                   (a)-[:HAS]->(x), (a)-[:HAS]->(x), (a)-[:HAS]->(y), (b)-[:HAS]->(x), (b)-[:LIKES]->(y)
            """)
        func agree(_ when: String) throws {
            let counted = try s.run("MATCH \(pattern) RETURN count(*) AS n").rows
            let rows = try s.run("MATCH \(pattern) RETURN *").rows
            #expect(counted == [[.int(rows.count)]], "\(pattern) \(when)")
        }
        try agree("at first")
        #expect(throws: QueryError.self) { try s.run("MATCH (b:Role {name: 'b'}) CREATE (b)-[:HAS]->(:Skill {name: 'z'}) WITH b RETURN 1 / 0") }
        try agree("after a failed write")
        _ = try s.run("MATCH (a:Role {name: 'a'}), (b:Role {name: 'b'}) CREATE (a)-[:HAS]->(b)")
        try agree("after a HAS edge ends at a Role")
        _ = try s.run("MATCH (y:Skill {name: 'y'}) REMOVE y:Skill")
        try agree("after a label is removed")
    }

    /// A count whose aggregation reads the last hop's variables enumerates instead (and agrees).
    @Test func countOfTheLastHopsVariableEnumerates() throws {
        var s = try PlanTests.countingGraph()
        let r = try s.run("MATCH (r:Role)-[:REQUIRES]->(s) RETURN r.name AS r, count(DISTINCT s) AS d, count(*) AS n ORDER BY r")
        #expect(r.rows == [[.string("a"), .int(3), .int(4)], [.string("b"), .int(1), .int(1)], [.string("c"), .int(2), .int(2)]])
    }

    /// The pattern inside an expression is planned once per statement and reused for every row.
    @Test(arguments: [
        "UNWIND range(1, 10000) AS i MATCH (r:Role {name: 'a'}) WHERE (r)-[:REQUIRES]->(:Skill) RETURN count(*)",
        "UNWIND range(1, 10000) AS i MATCH (r:Role {name: 'a'}) WHERE EXISTS { (r)-[:REQUIRES]->(s) WHERE s.name = 'y' } RETURN count(*)",
        "UNWIND range(1, 10000) AS i MATCH (r:Role {name: 'a'}) RETURN sum(size([(r)-[:REQUIRES]->(s) | s.name])) / 10000",
    ])
    func subqueriesArePlannedOnce(_ q: String) throws {
        var s = try PlanTests.countingGraph()
        let r = try s.run(q)
        #expect(r.rows.count == 1)
        let plan = try #require(s.lastPlan)
        // One plan for the MATCH, one for the pattern inside the expression: none per row.
        #expect(plan.built == 2, "\(q): \(plan.built) plans")
        #expect(r.rows[0][0] == .int(q.contains("size") ? 4 : 10000))
    }

    /// EXPLAIN prints the plan the statement runs; PROFILE prints the same operators with rows.
    @Test func explainAndProfileShowOnePlan() throws {
        var s = try PlanTests.countingGraph()
        let q = "MATCH (r:Role)-[:REQUIRES]->(s:Skill) WHERE (s)<-[:REQUIRES]-(:Lead) RETURN r.name, s.name"
        let explain = try s.run("EXPLAIN " + q).plan ?? ""
        let profile = try s.run("PROFILE " + q).plan ?? ""
        func operators(_ text: String) -> [String] {
            text.split(separator: "\n").map { line in
                String(line.replacing(/\s+\[rows=.*$/, with: "").replacing(/\s+rows=\d+/, with: ""))
            }
        }
        #expect(!explain.isEmpty)
        #expect(operators(explain) == operators(profile), "EXPLAIN:\n\(explain)\nPROFILE:\n\(profile)")
        #expect(profile.contains("rows="))
    }
}
