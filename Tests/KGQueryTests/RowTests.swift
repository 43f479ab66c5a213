import KGCore
import Testing
@testable import KGQuery

/// Rows are small arrays of (name, value) found by a linear scan, and grouping finds a
/// group by its key variable's handle in an array: the cases where names are rebound,
/// removed, shadowed or null, and where handles are many, sparse or relationships.
@Suite struct RowTests {
    @Test func rowBehavesLikeTheDictionaryItReplaces() {
        var r: Row = ["a": .int(1), "b": .int(2)]
        #expect(r["a"] == .int(1) && r["b"] == .int(2) && r["c"] == nil)
        r["a"] = .int(3)
        #expect(r["a"] == .int(3) && r.count == 2 && r.keys == ["a", "b"])
        r["a"] = nil
        #expect(r["a"] == nil && r.keys == ["b"])
        r["a"] = .null
        // A bound null is still bound (OPTIONAL MATCH relies on it), unlike a removed name.
        #expect(r["a"] == .null && r.count == 2)
        var copy = r
        copy["b"] = .int(9)
        #expect(r["b"] == .int(2) && copy["b"] == .int(9), "rows are values: a copy changes alone")
        let pairs = Dictionary(uniqueKeysWithValues: r.map { ($0.key, $0.value) })
        #expect(pairs == ["b": .int(2), "a": .null])
        let long = "a_variable_name_longer_than_fifteen_bytes"
        r[long] = .string("x")
        #expect(r[String(long.dropLast()) + "s"] == .string("x"))
        let empty: Row = [:]
        #expect(empty.count == 0 && empty["a"] == nil)
    }

    static func graph() throws -> QuerySession {
        var s = QuerySession(graph: Graph())
        _ = try s.run("""
            CREATE (a:P {name: 'a'})-[:K {w: 1}]->(b:P {name: 'b'}), (a)-[:K {w: 2}]->(c:P {name: 'c'}),
                   (b)-[:K {w: 3}]->(c), (c)-[:L]->(:Q {name: 'q'})
            """)
        return s
    }

    @Test(arguments: [
        // WITH shadows and rebinds names: the old binding must not leak.
        ("MATCH (n:P) WITH n.name AS n RETURN n ORDER BY n", ["a", "b", "c"]),
        ("MATCH (n:P) WITH n AS m, n.name AS n RETURN n + m.name AS x ORDER BY x", ["aa", "bb", "cc"]),
        ("WITH 1 AS x UNWIND [2, 3] AS y WITH y AS x RETURN x", ["2", "3"]),
        // OPTIONAL MATCH binds the variables it introduces to null when nothing matches.
        ("MATCH (n:P) OPTIONAL MATCH (n)-[r:L]->(q) RETURN n.name + ':' + coalesce(q.name, 'null') + ':' + toString(r IS NULL) AS x ORDER BY x",
         ["a:null:true", "b:null:true", "c:q:false"]),
        ("MATCH (n:P) OPTIONAL MATCH (n)-[:K]->(m) RETURN n.name AS n, count(m) AS c ORDER BY n", ["a 2", "b 1", "c 0"]),
        // UNION: each part's rows, columns by name.
        ("MATCH (n:P) RETURN n.name AS x UNION MATCH (n:Q) RETURN n.name AS x UNION RETURN 'a' AS x", ["a", "b", "c", "q"]),
        ("RETURN 1 AS x UNION ALL RETURN 1 AS x", ["1", "1"]),
        // Pattern comprehensions, EXISTS and pattern predicates bind their own names over the row's.
        ("MATCH (n:P) RETURN n.name AS n, [(n)-[k:K]->(m) | m.name + k.w] AS ms ORDER BY n", ["a [b1, c2]", "b [c3]", "c []"]),
        ("MATCH (n:P) WHERE EXISTS { MATCH (n)-[:K]->(m) WHERE m.name = 'c' } RETURN n.name AS n ORDER BY n", ["a", "b"]),
        ("MATCH (n:P) WHERE (n)-[:L]->() RETURN n.name AS n", ["c"]),
        ("MATCH (n:P) RETURN n.name AS n, [x IN [1, 2] WHERE x > 1 | x + size([(n)-->(m) | m])] AS l ORDER BY n", ["a [4]", "b [3]", "c [3]"]),
        ("MATCH (n:P) WITH n.name AS v RETURN v, [v IN [1, 2] | v * 10] AS l, v AS w ORDER BY v", ["a [10, 20] a", "b [10, 20] b", "c [10, 20] c"]),
        ("RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x) AS s, all(x IN [1, 2] WHERE x > 0) AS t", ["6 true"]),
        // A variable bound twice in one pattern must match the same entity.
        ("MATCH (a)-[:K]->(b)-[:K]->(a) RETURN count(*) AS c", ["0"]),
        ("MATCH (a)-[:K]->(b), (b)-[:K]->(c) RETURN a.name + b.name + c.name AS x", ["abc"]),
        // Grouping by a relationship, by a node and by a map of the node.
        ("MATCH ()-[k:K]->() RETURN k.w AS w, count(*) AS c ORDER BY w", ["1 1", "2 1", "3 1"]),
        ("MATCH (n)-[:K]->(m) RETURN m, count(*) AS c ORDER BY c DESC, m.name", ["(node) 2", "(node) 1"]),
        ("MATCH (n)-[:K]->(m) RETURN m.name AS m, collect(n.name) AS ns ORDER BY m", ["b [a]", "c [a, b]"]),
    ])
    func bindingsAcrossClauses(_ q: String, _ expected: [String]) throws {
        var s = try RowTests.graph()
        let r = try s.run(q)
        let shown = r.rows.map { row in row.map { RowTests.show($0) }.joined(separator: " ") }
        #expect(shown == expected, "\(q)")
    }

    static func show(_ v: QueryValue) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .string(let s): return s
        case .list(let l): return "[" + l.map(show).joined(separator: ", ") + "]"
        case .node: return "(node)"
        default: return "\(v)"
        }
    }

    @Test func groupingByNodeHandleReturnsTheNode() throws {
        var s = try RowTests.graph()
        let r = try s.run("MATCH (n)-[:K]->(m) RETURN m.name AS name, m AS node, count(*) AS c ORDER BY name")
        #expect(r.rows.count == 2)
        #expect(r.rows.map { $0[0] } == [.string("b"), .string("c")])
        #expect(r.rows.map { $0[2] } == [.int(1), .int(2)])
    }

    /// Writes bind new names on the rows that flow on (CREATE, MERGE), and later clauses read them.
    @Test func writesExtendRows() throws {
        var s = try RowTests.graph()
        let r = try s.run("MATCH (n:P {name: 'a'}) CREATE (n)-[e:NEW]->(x:X {v: 1}) SET x.v = x.v + 1 RETURN x.v AS v, type(e) AS t")
        #expect(r.rows == [[.int(2), .string("NEW")]])
        let m = try s.run("MERGE (y:X {v: 2}) ON MATCH SET y.seen = true MERGE (z:Z) ON CREATE SET z.made = true RETURN y.seen, z.made")
        #expect(m.rows == [[.bool(true), .bool(true)]])
        let d = try s.run("MATCH (x:X) DETACH DELETE x RETURN count(*) AS c")
        #expect(d.rows == [[.int(1)]])
        let unwound = try s.run("UNWIND [1, 2] AS i CREATE (w:W {i: i}) RETURN w.i AS i ORDER BY i")
        #expect(unwound.rows == [[.int(1)], [.int(2)]])
    }

    /// Many groups keyed by node handles far apart (the handle table grows on demand), and
    /// nodes created after others were deleted.
    @Test func manySparseGroups() throws {
        var s = QuerySession(graph: Graph())
        _ = try s.run("UNWIND range(1, 3000) AS i CREATE (:G {i: i})")
        _ = try s.run("MATCH (g:G) WHERE g.i % 7 <> 0 DELETE g")
        _ = try s.run("MATCH (g:G) UNWIND range(1, g.i % 5 + 1) AS k CREATE (g)-[:H]->(:T {k: k})")
        let r = try s.run("MATCH (g:G)-[:H]->(t) RETURN g.i AS i, count(*) AS c ORDER BY i")
        #expect(r.rows.count == 3000 / 7)
        #expect(r.rows.allSatisfy { row in
            guard case .int(let i) = row[0], case .int(let c) = row[1] else { return false }
            return c == i % 5 + 1
        })
        let byEdge = try s.run("MATCH (g:G)-[h:H]->(t) RETURN h, count(*) AS c")
        #expect(byEdge.rows.count == (1...3000).filter { $0 % 7 == 0 }.map { $0 % 5 + 1 }.reduce(0, +))
    }

    /// Operators are resolved to an enum by the parser; every one still evaluates, and the
    /// messages name the operator as written.
    @Test func operatorsEvaluateAndKeepTheirWrittenText() throws {
        var s = QuerySession(graph: Graph())
        let r = try s.run("""
            RETURN true AND false, true OR false, true XOR true, 'abc' STARTS WITH 'ab', 'abc' ENDS WITH 'bc',
                   'abc' CONTAINS 'd', 2 IN [1, 2], 'abc' =~ 'a.c', 7 + 2, 7 - 2, 7 * 2, 7 / 2, 7 % 2, 2 ^ 3,
                   null AND false, null OR true, [1] + 2
            """)
        #expect(r.rows == [[.bool(false), .bool(true), .bool(false), .bool(true), .bool(true), .bool(false), .bool(true),
                            .bool(true), .int(9), .int(5), .int(14), .int(3), .int(1), .float(8), .bool(false), .bool(true),
                            .list([.int(1), .int(2)])]])
        #expect(throws: QueryError.self) { try s.run("RETURN 1 XOR true") }
        do { _ = try s.run("RETURN 1 XOR true") } catch { #expect(error.message.contains("XOR expects booleans")) }
        do { _ = try s.run("WITH 'a' AS x RETURN x - 1") } catch { #expect(error.message.contains("cannot apply - to")) }
    }
}
