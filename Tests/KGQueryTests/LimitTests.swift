import Foundation
import KGCore
import Testing
@testable import KGQuery

/// QueryLimits, QueryCancellation and the parser's depth bounds: a runaway or hostile statement
/// ends in a positioned error naming the bound, and the graph is left as it was.
@Suite struct ResourceLimits {
    struct Case: CustomStringConvertible, Sendable {
        var query: String
        var limits: QueryLimits
        var detail: QueryErrorDetail
        var flag: String
        var description: String { query }
    }

    static let cases: [Case] = [
        Case(query: "UNWIND range(1, 100) AS x RETURN x", limits: QueryLimits(maxRows: 10),
             detail: .tooManyRows, flag: "--max-rows"),
        Case(query: "UNWIND range(1, 100) AS x UNWIND range(1, 100) AS y RETURN count(*)",
             limits: QueryLimits(maxRows: 500), detail: .tooManyRows, flag: "--max-rows"),
        // Matches streamed into an aggregation count toward --max-rows (the cross product of
        // four scans on the default graph is ~10^8 matches: hours, before this bound).
        Case(query: "MATCH (a), (b), (c), (d) RETURN count(a)", limits: QueryLimits(maxRows: 1000),
             detail: .tooManyRows, flag: "--max-rows"),
        Case(query: "MATCH (a), (b) RETURN a.name, count(*)", limits: QueryLimits(maxRows: 20),
             detail: .tooManyRows, flag: "--max-rows"),
        Case(query: "MATCH p = ()-[*]-() RETURN count(p)", limits: QueryLimits(maxRows: 5),
             detail: .tooManyRows, flag: "--max-rows"),
        Case(query: "MATCH p = (a)-[*]-(b) RETURN count(p)", limits: QueryLimits(maxExpansions: 5),
             detail: .tooManyExpansions, flag: "--max-expansions"),
        Case(query: "MATCH p = allShortestPaths((a:Role)-[*]-(b:Skill)) RETURN count(p)", limits: QueryLimits(maxExpansions: 1),
             detail: .tooManyExpansions, flag: "--max-expansions"),
        Case(query: "RETURN range(1, 9223372036854775807)", limits: .none, detail: .valueTooLarge, flag: "--max-value-size"),
        Case(query: "RETURN range(0, -9223372036854775807, -9223372036854775807 - 1)", limits: QueryLimits(maxValueSize: 0),
             detail: .valueTooLarge, flag: "--max-value-size"),
        Case(query: "RETURN reduce(s = 'ab', x IN range(1, 30) | s + s)", limits: QueryLimits(maxValueSize: 1000),
             detail: .valueTooLarge, flag: "--max-value-size"),
        Case(query: "RETURN reduce(l = [1], x IN range(1, 30) | l + l)", limits: QueryLimits(maxValueSize: 1000),
             detail: .valueTooLarge, flag: "--max-value-size"),
        Case(query: "RETURN [x IN range(1, 10) | range(1, 50)]", limits: QueryLimits(maxValueSize: 20),
             detail: .valueTooLarge, flag: "--max-value-size"),
        Case(query: "MATCH (a), (b), (c), (d), (e), (f), (g), (h) RETURN count(*)",
             limits: QueryLimits(timeout: .milliseconds(50)), detail: .timeout, flag: "--timeout"),
    ]

    /// A pattern of thousands of comma-separated parts overflowed the matcher's stack; past
    /// `Binder.maxPatternNodes` it is refused before it runs, and EXPLAIN of a large one prints
    /// its astronomic estimate instead of trapping on the conversion to an integer.
    @Test func aHugePatternIsRefusedAndALargeOneExplained() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let parts = { (n: Int) in (0..<n).map { "(n\($0))" }.joined(separator: ", ") }
        #expect {
            _ = try session.run("MATCH \(parts(2000)) RETURN 1")
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.type == .resourceLimit && e.detail == .patternTooLarge && e.column == 7 && e.message.contains("2000 nodes")
        }
        let plan = try session.run("EXPLAIN MATCH \(parts(Binder.maxPatternNodes)) RETURN 1").plan ?? ""
        #expect(plan.contains("e+"), "an estimate past Int.max in scientific notation")
        #expect(try session.run("MATCH \(parts(Binder.maxPatternNodes - 1)), (x:NoSuchLabel) RETURN count(*)").rows == [[.int(0)]])
    }

    @Test(arguments: cases)
    func limitEndsTheStatement(_ c: Case) throws {
        var session = QuerySession(graph: try Fixture.graph())
        session.limits = c.limits
        #expect {
            _ = try session.run(c.query)
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.type == .resourceLimit && e.detail == c.detail && e.phase == .runtime
                && (e.help ?? "").contains(c.flag)
        }
    }

    @Test func withinTheLimitsTheResultIsUnchanged() throws {
        var session = QuerySession(graph: try Fixture.graph())
        session.limits = QueryLimits(maxRows: 3, maxPathLength: 2, maxExpansions: 1000, maxValueSize: 3)
        let r = try session.run("UNWIND range(1, 3) AS x RETURN x")
        #expect(r.rows == [[.int(1)], [.int(2)], [.int(3)]])
    }

    /// A plain projection with LIMIT takes only its first SKIP + LIMIT rows, so the clause
    /// before it stops there: within a 20-row bound, and with the rows it would have given.
    @Test func limitStopsTheClauseBeforeIt() throws {
        var unbounded = QuerySession(graph: try Fixture.graph())
        _ = try unbounded.run("UNWIND range(1, 60) AS i CREATE (:N {i: i})")
        var session = QuerySession(graph: unbounded.graph)
        session.limits = QueryLimits(maxRows: 20)
        #expect(try session.run("UNWIND range(1000000, 2000000) AS i WITH i LIMIT 3 RETURN sum(i)").rows == [[.int(3_000_003)]])
        for q in ["MATCH (n) RETURN n SKIP 2 LIMIT 3", "MATCH (n) WITH n LIMIT 4 WHERE n:Role RETURN n", "MATCH (n:N) RETURN n.i LIMIT 10",
                  "MATCH (r:Role) OPTIONAL MATCH (r)-[:REQUIRES]->(s) RETURN r, s LIMIT 5",
                  "UNWIND [1, 2, 3] AS x UNWIND range(1, 100) AS y RETURN x, y LIMIT 7"] {
            #expect(try session.run(q).rows == unbounded.run(q).rows, "\(q)")
        }
        // ORDER BY and DISTINCT need every row: no early stop, the bound holds.
        for q in ["MATCH (n) RETURN n ORDER BY n.name LIMIT 1", "MATCH (n) RETURN DISTINCT labels(n) LIMIT 1"] {
            #expect(throws: QueryError.self, "\(q)") { _ = try session.run(q) }
        }
        #expect(try unbounded.run("UNWIND range(1, 5) AS x WITH x ORDER BY x DESC LIMIT 1 RETURN x").rows == [[.int(5)]])
    }

    @Test func aFailedWriteLeavesTheGraphUnchanged() throws {
        let graph = try Fixture.graph()
        var session = QuerySession(graph: graph)
        session.limits = QueryLimits(maxRows: 50)
        #expect(throws: QueryError.self) { _ = try session.run("UNWIND range(1, 100) AS x CREATE (:Tmp {x: x})") }
        #expect(session.graph.nodes.count == graph.nodes.count)
    }

    @Test func cancellationStopsTheRunningStatement() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let flag = session.cancellation
        // 7^9 combinations, none kept: minutes of work unless the flag, set from another thread, stops it.
        Thread { usleep(50_000); flag.cancel() }.start()
        #expect {
            _ = try session.run("MATCH (a), (b), (c), (d), (e), (f), (g), (h), (i) WHERE size(a.id + i.id) < 0 RETURN count(*)")
        } throws: { ($0 as? QueryError)?.type == .cancelled }
        // The next statement starts with the flag cleared.
        #expect(try session.run("RETURN 1").rows == [[.int(1)]])
    }
}

/// Ctrl-C during a statement cancels the statement, not the process.
@Suite(.serialized) struct Interrupts {
    @Test func sigintInsideTheScopeCancels() throws {
        let flag = QueryCancellation()
        let bystander = QueryCancellation()   // another session in the same process
        let scope = InterruptScope(watching: flag)
        defer { scope.end() }
        kill(getpid(), SIGINT)  // to the process, as Ctrl-C is (test threads may block signals)
        let deadline = Date().addingTimeInterval(5)
        while !flag.isCancelled && Date() < deadline { usleep(1000) }
        #expect(flag.isCancelled)
        #expect(!bystander.isCancelled, "Ctrl-C reaches only the session whose scope is open")
    }

    /// A shell keeps one scope for its session: a Ctrl-C it takes (at the prompt, or before the
    /// next statement) no longer cancels anything.
    @Test func takeInterruptUsesUpTheCtrlC() throws {
        let flag = QueryCancellation()
        let scope = InterruptScope(watching: flag)
        defer { scope.end() }
        #expect(!scope.takeInterrupt(), "nothing pressed yet")
        kill(getpid(), SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while !flag.isCancelled && Date() < deadline { usleep(1000) }
        #expect(flag.isCancelled)
        #expect(scope.takeInterrupt())
        #expect(!flag.isCancelled, "taken: the next statement runs")
        #expect(!scope.takeInterrupt())
    }
}

/// Hostile nesting is a SyntaxError at parse time, not a stack overflow; backtracking stays linear.
@Suite struct ParserBounds {
    /// A hostile query, named for the test list (the text itself is megabytes of brackets).
    struct Deep: CustomStringConvertible, Sendable {
        var name: String
        var query: String
        var description: String { name }
    }

    static let deep: [Deep] = [
        Deep(name: "parentheses", query: "RETURN " + String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)),
        Deep(name: "lists", query: "RETURN " + String(repeating: "[", count: 10_000) + "1" + String(repeating: "]", count: 10_000)),
        Deep(name: "NOT", query: "RETURN " + String(repeating: "NOT ", count: 10_000) + "true"),
        Deep(name: "minus", query: "RETURN " + String(repeating: "- ", count: 10_000) + "1"),
        Deep(name: "plus chain", query: "RETURN 0" + String(repeating: " + 1", count: 10_000)),
        Deep(name: "OR chain", query: "RETURN true" + String(repeating: " OR true", count: 10_000)),
        Deep(name: "property chain", query: "WITH {a: 1} AS m RETURN m" + String(repeating: ".a", count: 10_000)),
        Deep(name: "subscripts", query: "RETURN [1]" + String(repeating: "[0]", count: 10_000)),
        Deep(name: "maps", query: "RETURN " + String(repeating: "{a: ", count: 10_000) + "1" + String(repeating: "}", count: 10_000)),
        Deep(name: "calls", query: "RETURN " + String(repeating: "f(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)),
    ]

    @Test(arguments: deep)
    func deepNestingIsASyntaxError(_ c: Deep) throws {
        var session = QuerySession(graph: try Fixture.graph())
        #expect {
            _ = try session.run(c.query)
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.type == .syntaxError && e.detail == .expressionTooDeep && e.line == 1 && e.column != nil
        }
    }

    @Test func nestingWithinTheBoundsRuns() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let n = 50
        let r = try session.run("RETURN " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
                                + String(repeating: " + 1", count: 90))
        #expect(r.rows == [[.int(91)]])
    }

    /// Each level of `({k: (…)})` may be a node pattern or a map in parentheses; without memoised
    /// attempts this took 2^depth parses (a minute at 20 levels).
    @Test func backtrackingIsNotExponential() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let n = 40
        let q = "RETURN " + String(repeating: "({k: ", count: n) + "1" + String(repeating: "})", count: n) + " AS m"
        let r = try session.run(q)
        #expect(r.rows.count == 1)
        let lc = "RETURN size(" + String(repeating: "[x IN ", count: n) + "[1]" + String(repeating: ", 1]", count: n) + ")"
        #expect(throws: QueryError.self) { _ = try session.run(lc) }
    }
}
