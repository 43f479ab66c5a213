import KGCore
import Testing
@testable import KGQuery

/// The fast paths of issue 9 (index for `WHERE n.name = x`, streamed aggregation grouped by
/// handle, byte-wise CONTAINS, type and label codes) give the same answers as the general ones.
@Suite struct PerformancePathTests {
    /// ORDER BY … LIMIT k selects the first k without sorting everything: the same rows, in
    /// the same order, as a full sort (ties in input order), for every k and data with many ties.
    @Test func orderByWithLimitSelectsWhatAFullSortKeeps() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let values = (0..<200).map { _ in Int.random(in: 0..<15, using: &rng) }
            let k = Int.random(in: 0...12, using: &rng)
            let less = { (a: Int, b: Int) in values[a] != values[b] ? values[a] > values[b] : a < b }
            #expect(RowOrder.first(k, of: Array(values.indices), by: less) == Array(values.indices.sorted(by: less).prefix(k)))
        }
        var session = QuerySession(graph: Graph())
        let r = try session.run("UNWIND range(1, 100) AS x RETURN x ORDER BY x % 3, x % 5 DESC SKIP 2 LIMIT 4")
        let expected = (1...100).sorted { a, b in a % 3 != b % 3 ? a % 3 < b % 3 : a % 5 != b % 5 ? a % 5 > b % 5 : a < b }
        #expect(r.rows == expected.dropFirst(2).prefix(4).map { [.int($0)] })
    }

    /// ORDER BY on strings compares byte keys when every string is ASCII: the same order as
    /// Swift's `<` for strings that share long prefixes, differ only in length, hold NUL or
    /// control bytes, and for a column with one non-ASCII string (compared as strings).
    @Test func orderByStringsAgreesWithStringOrder() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["active ", "active listening", "a", "", "\u{0}", "b", "Z", "~", "active listening!", "\n"]
        for withNonASCII in [false, true] {
            var strings = (0..<300).map { _ in (0..<Int.random(in: 0...3, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined() }
            if withNonASCII { strings.append("äctive") }
            let column = SortColumn(strings.map(QueryValue.string))
            #expect(column.kind == (withNonASCII ? .strings : .bytes))
            for _ in 0..<2000 {
                let a = Int.random(in: 0..<strings.count, using: &rng), b = Int.random(in: 0..<strings.count, using: &rng)
                let expected = strings[a] == strings[b] ? 0 : (strings[a] < strings[b] ? -1 : 1)
                #expect(column.order(a, b) == expected, "\(strings[a].debugDescription) vs \(strings[b].debugDescription)")
            }
        }
        var session = QuerySession(graph: Graph())
        let r = try session.run("UNWIND ['active b', 'active', 'active listening', 'active a', 'B', 'a'] AS s RETURN s ORDER BY s DESC")
        #expect(r.rows == ["active listening", "active b", "active a", "active", "a", "B"].map { [.string($0)] })
    }

    /// ORDER BY … LIMIT computes the columns that are not sort keys only for the rows kept:
    /// the same rows as sorting everything and cutting, whichever column is the key.
    @Test func sortedRowsComputeTheOtherColumnsForTheRowsKept() throws {
        var session = QuerySession(graph: Graph())
        _ = try session.run("UNWIND range(1, 200) AS i CREATE (:P {k: i % 7, name: 'n' + toString(i), w: i * 2})")
        for (order, cut) in [("p.k, p.w DESC", "SKIP 3 LIMIT 20"), ("p.name", "LIMIT 5"), ("k DESC", "SKIP 190 LIMIT 50")] {
            let all = try session.run("MATCH (p:P) RETURN p.k AS k, p.name AS name, p.w + 1 AS w1 ORDER BY \(order)").rows
            let part = try session.run("MATCH (p:P) RETURN p.k AS k, p.name AS name, p.w + 1 AS w1 ORDER BY \(order) \(cut)").rows
            let skip = cut.hasPrefix("SKIP") ? Int(cut.split(separator: " ")[1])! : 0
            let limit = Int(cut.split(separator: " ").last!)!
            #expect(part == Array(all.dropFirst(skip).prefix(limit)), "ORDER BY \(order) \(cut)")
        }
    }

    /// The radix sort of one key column gives what sorting by the column's comparison gives, ties
    /// by position: integers of either sign and the extremes, floats with -0.0, 0.0 and the
    /// infinities, byte keys that share their first eight bytes; ascending and descending.
    @Test func radixSortOfAKeyAgreesWithItsComparison() throws {
        var rng = SystemRandomNumberGenerator()
        let ints: [QueryValue] = (0..<500).map { _ in .int([Int.min, Int.max, 0, -1, 1, Int.random(in: -1000...1000, using: &rng),
                                                            Int.random(in: Int.min...Int.max, using: &rng)].randomElement(using: &rng)!) }
        let floats: [QueryValue] = (0..<500).map { _ in .float([-0.0, 0.0, .infinity, -.infinity, 1.5, -1.5,
                                                                Double.random(in: -1e6...1e6, using: &rng)].randomElement(using: &rng)!) }
        let strings: [QueryValue] = (0..<500).map { _ in .string(["customer service", "customer service agent", "customer", "", "cust",
                                                                  "customer servicf", "b"].randomElement(using: &rng)!
                                                                  + String(repeating: "x", count: Int.random(in: 0...2, using: &rng))) }
        for (values, kind) in [(ints, SortColumn.Kind.ints), (floats, .floats), (strings, .bytes), (Array(ints.prefix(40)), .ints)] {
            let column = SortColumn(values)
            #expect(column.kind == kind)
            let positions = Array(values.indices).filter { $0 % 7 != 3 }
            for descending in [false, true] {
                let expected = positions.sorted { a, b in
                    let c = column.order(a, b)
                    return c != 0 ? (descending ? c > 0 : c < 0) : a < b
                }
                #expect(column.sorted(positions, descending: descending) == expected, "\(kind) descending: \(descending)")
            }
        }
    }

    /// ORDER BY a property with LIMIT reads the sort keys from the property column's bytes and
    /// makes the values only for the rows kept; names that are not all ASCII strings (other
    /// letters, a number, a missing one) fall back to the values, in either case in openCypher's order.
    @Test func sortKeysReadFromPropertyBytesAgreeWithTheValues() throws {
        let cases: [(String, [String])] = [
            ("ascii", ["'pear'", "'apple'", "'apple pie with cream'", "'apple pie with cheese'", "''", "'Zebra'"]),
            ("letters", ["'äpple'", "'apple'", "'zebra'", "'Ångström'", "'banana'", "'ö'"]),
            ("mixed", ["'pear'", "3", "'apple'", "null", "2.5", "'fig'"]),
        ]
        for (name, values) in cases {
            var session = QuerySession(graph: Graph())
            for (i, v) in values.enumerated() {
                _ = try session.run("CREATE (a:P {name: \(v), i: \(i)})-[:T {name: \(v), i: \(i)}]->(:Q)")
            }
            for query in ["MATCH (p:P) RETURN p.name AS name, p.i AS i ORDER BY name",
                          "MATCH (p:P) RETURN p.name, p.i ORDER BY p.name DESC",
                          "MATCH (:P)-[t:T]->(:Q) RETURN t.name, t.i ORDER BY t.name"] {
                let all = try session.run(query).rows
                #expect(all.count == values.count)
                for limit in [1, 4] {
                    let part = try session.run(query + " LIMIT \(limit)").rows
                    #expect(part == Array(all.prefix(limit)), "\(name): \(query) LIMIT \(limit)")
                }
            }
        }
    }

    @Test func whereNameEqualsUsesTheIndexButStaysExact() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let plan = try session.run("EXPLAIN MATCH (r) WHERE r.name = 'team lead' RETURN r").plan ?? ""
        #expect(plan.contains("NodeByNameSeek"))
        #expect(try session.run("MATCH (r) WHERE r.name = 'TEAM LEAD' RETURN r").rows.isEmpty)
        #expect(try session.run("MATCH (r) WHERE r.name = 'team lead' RETURN r").rows.count == 1)
        #expect(try session.run("MATCH (r) WHERE 'team lead' = r.name RETURN r").rows.count == 1)
        _ = try session.run("CREATE (:Num {name: 5})")
        #expect(try session.run("MATCH (r) WHERE r.name = 5 RETURN r").rows.count == 1)
        #expect(try session.run("MATCH (r) WHERE r.name = null RETURN r").rows.isEmpty)
        let param = try session.run("MATCH (r) WHERE r.name = $n RETURN count(*)", parameters: ["n": .string("team lead")])
        #expect(param.rows == [[.int(1)]])
    }

    /// Grouping by `s.name` through the node handle matches grouping by value: two nodes with
    /// the same name fall in one group.
    @Test func groupingByPropertyMergesEqualValuesOfDifferentNodes() throws {
        var session = QuerySession(graph: Graph())
        _ = try session.run("CREATE (a:R)-[:T]->(:S {name: 'x'}), (a)-[:T]->(:S {name: 'x'}), (a)-[:T]->(:S {name: 'y'}), (a)-[:T]->(:S)")
        let r = try session.run("MATCH (:R)-[:T]->(s:S) RETURN s.name AS n, count(*) AS c ORDER BY c DESC, n")
        #expect(r.rows == [[.string("x"), .int(2)], [.string("y"), .int(1)], [.null, .int(1)]])
        let none = try session.run("MATCH (:Nope)-[:T]->(s) RETURN count(*) AS c")
        #expect(none.rows == [[.int(0)]])
        let grouped = try session.run("MATCH (:Nope)-[:T]->(s) RETURN s.name, count(*) AS c")
        #expect(grouped.rows.isEmpty)
    }

    @Test(arguments: [
        ("billing agent", "agent", true), ("billing agent", "Agent", false), ("abc", "abcd", false),
        ("a\r\nb", "\n", false), ("café au lait", "é au", true), ("x", "", true),
    ])
    func containsMatchesCharacterSemantics(_ s: String, _ t: String, _ expected: Bool) throws {
        var session = QuerySession(graph: Graph())
        let r = try session.run("RETURN $s CONTAINS $t AS c", parameters: ["s": .string(s), "t": .string(t)])
        #expect(r.rows == [[.bool(expected)]])
    }

    @Test func typedExpansionAndLabelsAfterEdits() throws {
        var session = QuerySession(graph: Graph())
        _ = try session.run("CREATE (a:A)-[:X]->(b:B), (a)-[:Y]->(b), (b)-[:X]->(a), (a)-[:X]->(a)")
        #expect(try session.run("MATCH (:A)-[:X]->(n) RETURN count(*)").rows == [[.int(2)]])
        #expect(try session.run("MATCH (:A)-[:X]-(n) RETURN count(*)").rows == [[.int(3)]])
        #expect(try session.run("MATCH (:A)-[:Z]->(n) RETURN count(*)").rows == [[.int(0)]])
        _ = try session.run("MATCH (b:B) SET b:A REMOVE b:B")
        #expect(try session.run("MATCH (n:A) RETURN count(*)").rows == [[.int(2)]])
        #expect(try session.run("MATCH (n:B) RETURN count(*)").rows == [[.int(0)]])
    }
}
