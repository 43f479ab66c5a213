import Foundation
import KGCore
import Testing
@testable import KGQuery

/// Issue 16 items 4 and 18: values are bounded in depth (always) and in size (every nested list
/// and map counted), where they are built, so no walk over a value can overflow the stack; and
/// `reduce(l = [], x IN … | l + e)` appends in place.
@Suite struct ValueBounds {
    struct Case: CustomStringConvertible, Sendable {
        var query: String
        var limits: QueryLimits
        var detail: QueryErrorDetail
        var description: String { query }
    }

    static let deep = "reduce(l = [], x IN range(1, 60000) | [l])"

    static let cases: [Case] = [
        // Depth, under every set of limits (QueryLimits.none too).
        Case(query: "WITH \(deep) AS d RETURN size(d)", limits: .none, detail: .valueTooDeep),
        Case(query: "WITH \(deep) AS d RETURN size(d)", limits: .standard, detail: .valueTooDeep),
        Case(query: "RETURN reduce(m = {}, x IN range(1, 2000) | {a: m}) IS NULL", limits: .none, detail: .valueTooDeep),
        Case(query: "RETURN reduce(m = {}, x IN range(1, 2000) | m{a: m}) IS NULL", limits: .none, detail: .valueTooDeep),
        Case(query: "RETURN reduce(l = [], x IN range(1, 2000) | [y IN [1] | l]) IS NULL", limits: .none, detail: .valueTooDeep),
        Case(query: "RETURN reduce(l = [], x IN range(1, 2000) | [] + [l]) IS NULL", limits: .none, detail: .valueTooDeep),
        Case(query: "WITH reduce(m = {}, x IN range(1, 999) | {a: m}) AS d RETURN size([] + d)", limits: .none, detail: .valueTooDeep),
        Case(query: "WITH reduce(l = [], x IN range(1, 999) | [l]) AS d UNWIND [1, 2] AS i RETURN size(collect(d))",
             limits: .none, detail: .valueTooDeep),
        // Size: the whole value, not one list at a time.
        Case(query: "RETURN size([x IN range(1, 100) | range(1, 100)])", limits: QueryLimits(maxValueSize: 5000),
             detail: .valueTooLarge),
        Case(query: "UNWIND range(1, 100) AS i RETURN size(collect(range(1, 100)))", limits: QueryLimits(maxValueSize: 5000),
             detail: .valueTooLarge),
        Case(query: "RETURN size([[range(1, 100), range(1, 100)], range(1, 100)])", limits: QueryLimits(maxValueSize: 250),
             detail: .valueTooLarge),
        Case(query: "RETURN size({a: range(1, 100), b: range(1, 100)})", limits: QueryLimits(maxValueSize: 150),
             detail: .valueTooLarge),
        Case(query: "RETURN size(reduce(l = [], x IN range(1, 100) | l + [x]))", limits: QueryLimits(maxValueSize: 50),
             detail: .valueTooLarge),
        Case(query: "RETURN size(reduce(l = [], x IN range(1, 100) | l + [range(1, 10)]))", limits: QueryLimits(maxValueSize: 500),
             detail: .valueTooLarge),
    ]

    @Test(arguments: cases)
    func boundEndsTheStatement(_ c: Case) throws {
        var session = QuerySession(graph: try Fixture.graph())
        session.limits = c.limits
        #expect {
            _ = try session.run(c.query)
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.type == .resourceLimit && e.detail == c.detail && e.line == 1 && e.help != nil
        }
    }

    /// Values just inside the depth bound are compared, sorted, made distinct, hashed, printed
    /// and freed without trouble.
    @Test func deepValuesWithinTheBoundWork() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let d = "reduce(l = [], x IN range(1, 990) | [l])"
        let r = try session.run("""
            WITH \(d) AS d UNWIND [d, d, [d], [[1]]] AS e WITH e ORDER BY e
            RETURN count(DISTINCT e) AS n, min(e) = max(e) AS same, size(collect(e)) AS all
            """)
        #expect(r.rows == [[.int(3), .bool(false), .int(4)]])
        let shown = try session.run("RETURN \(d) AS d")
        let json = ResultJSON.encode(shown, graph: session.graph)
        #expect(json.contains(String(repeating: "[", count: 991)))
        #expect(ValueMeasure(shown.rows[0][0]).depth == 991)
    }

    /// The in-place append gives what the general path gives, for lists, elements and null.
    @Test func appendingReduceMatchesTheGeneralPath() throws {
        var session = QuerySession(graph: try Fixture.graph())
        for body in ["l + [x]", "l + x", "l + [x, [x]]", "l + null", "l + []", "l + [{k: x}]"] {
            // `+ []` at the end keeps the general path (the body is no longer `l + e`).
            let fast = try session.run("RETURN reduce(l = [0], x IN range(1, 5) | \(body)) AS v").rows
            let slow = try session.run("RETURN reduce(l = [0], x IN range(1, 5) | (\(body)) + []) AS v").rows
            #expect(fast == slow, "\(body)")
        }
        #expect(try session.run("RETURN reduce(l = [], x IN range(1, 3) | l + [x]) AS v").rows == [[.list([.int(1), .int(2), .int(3)])]])
        // Not a list to start with: the general path, whatever it gives.
        #expect(try session.run("RETURN reduce(l = null, x IN range(1, 3) | l + [x]) AS v").rows
                == session.run("RETURN reduce(l = null, x IN range(1, 3) | (l + [x]) + []) AS v").rows)
    }

    /// 300,000 appends were quadratic (over 30 s); in place they take well under a second.
    @Test func appendingReduceIsNotQuadratic() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let clock = ContinuousClock()
        let start = clock.now
        let r = try session.run("RETURN size(reduce(l = [], x IN range(1, 300000) | l + [x])) AS n")
        #expect(r.rows == [[.int(300_000)]])
        #expect(clock.now - start < .seconds(10))
    }

    @Test func measureCountsEveryLevel() {
        let v: QueryValue = .list([.list([.int(1), .int(2)]), .map(["a": .list([.int(3)])]), .string("x")])
        #expect(ValueMeasure(v) == ValueMeasure(size: 7, depth: 3))
        // Shared storage counts once per use, walked once.
        var l: QueryValue = .list([.int(1)])
        for _ in 0..<40 { if case .list(let items) = l { l = .list(items + [l]) } }
        #expect(ValueMeasure(l, maxSize: .max, maxDepth: 100).size > 1 << 40)
        #expect(ValueMeasure(.int(1)) == ValueMeasure(size: 0, depth: 0))
    }
}

/// Issue 16 item 5: the JSON reader behind --params, --param and plugin answers bounds its
/// nesting and says where a text goes wrong.
@Suite struct JSONReading {
    @Test func deepNestingIsAnErrorWithAPosition() {
        let text = String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)
        #expect(throws: JSONError(message: "JSON nested more than 1000 levels deep", line: 1, column: 1001, tooDeep: true)) {
            _ = try ResultJSON.read(text)
        }
        #expect(throws: JSONError.self) { _ = try ResultJSON.read("{\"a\": " + text + "}") }
        #expect(ResultJSON.parse(text) == nil)
        let ok = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(ResultJSON.parse(ok) != nil)
    }

    @Test(arguments: [
        ("{\"a\": [1, 2", 1, 12, "expected ',' or ']'"),
        ("{\"a\": 1,\n \"b\" 2}", 2, 6, "expected ':' after the key"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "key \"a\" is given twice"),
        ("[1, 2] x", 1, 8, "unexpected text after the JSON value"),
        ("{\"a\": \"open", 1, 7, "unterminated string"),
        ("[tru]", 1, 2, "expected a JSON value"),
    ])
    func brokenJSONSaysWhere(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        do {
            _ = try ResultJSON.read(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
        }
    }

    @Test func wellFormedJSONReads() throws {
        #expect(try ResultJSON.read(" {\"n\": [1, 2.5, \"x\\u00e5\", true, null, {}]} ")
                == .map(["n": .list([.int(1), .float(2.5), .string("xå"), .bool(true), .null, .map([:])])]))
    }
}
