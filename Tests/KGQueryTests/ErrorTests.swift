import KGCore
import Testing
@testable import KGQuery

struct ErrorCase: CustomStringConvertible, Sendable {
    var query: String
    var detail: QueryErrorDetail
    var line: Int?
    var column: Int?
    var help: String? = nil
    var description: String { query }
}

let errorCases: [ErrorCase] = [
    ErrorCase(query: "MATCH (n) RETURN m", detail: .undefinedVariable, line: 1, column: 18, help: "did you mean 'n'?"),
    ErrorCase(query: "MACTH (n) RETURN n", detail: .unexpectedSyntax, line: 1, column: 1, help: "did you mean 'MATCH'?"),
    ErrorCase(query: "MATCH (n)\nRETRUN n", detail: .unexpectedSyntax, line: 2, column: 1, help: "did you mean 'RETURN'?"),
    ErrorCase(query: "RETURN toUpperr('a')", detail: .unknownFunction, line: 1, column: 8, help: "did you mean 'toUpper'?"),
    ErrorCase(query: "MATCH (n) WHERE count(n) > 1 RETURN n", detail: .invalidAggregation, line: 1, column: 17),
    ErrorCase(query: "MATCH (n) RETURN n, n", detail: .columnNameConflict, line: 1, column: 21),
    ErrorCase(query: "RETURN *", detail: .noVariablesInScope, line: 1, column: 1),
    ErrorCase(query: "MATCH (a)-[r]->(b) CREATE (a)-[r:X]->(b)", detail: .variableAlreadyBound, line: 1, column: 30),
    ErrorCase(query: "MATCH (a)-[r]->(b) MATCH (r) RETURN r", detail: .variableTypeConflict, line: 1, column: 26),
    ErrorCase(query: "MATCH (n) RETURN n.x, count(*) + n.y", detail: .ambiguousAggregationExpression, line: 1, column: 34),
    ErrorCase(query: "CREATE (a)-[:A|B]->(b)", detail: .noSingleRelationshipType, line: 1, column: 11),
    ErrorCase(query: "CREATE (a)-[:A]-(b)", detail: .requiresDirectedRelationship, line: 1, column: 11),
    ErrorCase(query: "RETURN 9223372036854775808", detail: .integerOverflow, line: 1, column: 8),
    ErrorCase(query: "MATCH (n) RETURN n LIMIT -1", detail: .negativeIntegerArgument, line: 1, column: 26),
    ErrorCase(query: "RETURN 1 / 0", detail: .divisionByZero, line: 1, column: 8),
    ErrorCase(query: "RETURN 'a' - 1", detail: .invalidArgumentType, line: 1, column: 8),
    ErrorCase(query: "RETURN $missing", detail: .missingParameter, line: 1, column: 8),
    ErrorCase(query: "MATCH (n WHERE n.x RETURN n", detail: .unexpectedSyntax, line: 1, column: 10),
    ErrorCase(query: "RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a", detail: .invalidClauseComposition, line: 1, column: 1),
    ErrorCase(query: "RETURN 1 AS a UNION RETURN 2 AS b", detail: .differentColumnsInUnion, line: 1, column: 1),
    ErrorCase(query: "MATCH (n)\nRETURN n.name AS x ORDER BY count(*)", detail: .invalidAggregation, line: 2, column: 29),
]

@Suite struct Errors {
    @Test(arguments: errorCases)
    func error(_ c: ErrorCase) throws {
        var session = QuerySession(graph: try Fixture.graph())
        do {
            _ = try session.run(c.query)
            Issue.record("expected \(c.detail)")
        } catch {
            #expect(error.detail == c.detail)
            #expect(error.line == c.line)
            #expect(error.column == c.column)
            if let help = c.help { #expect(error.help == help) }
            #expect(error.description.contains("^"))
        }
    }

    @Test func jsonErrorShape() {
        let e = QueryError(type: .syntaxError, detail: .undefinedVariable, phase: .compileTime, message: "variable 'm' is not defined",
                           line: 1, column: 8)
        #expect(ResultJSON.encode(e) == #"{"error": {"type": "SyntaxError", "detail": "UndefinedVariable", "phase": "compile time", "message": "variable 'm' is not defined", "line": 1, "column": 8}}"#)
    }
}

@Suite struct Output {
    @Test func jsonValues() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let r = try session.run("MATCH p = (s:Sector)<-[e:WORKS_IN]-(r {name: 'call centre agent'}) RETURN 1.0, 2, {b: 1, a: [true, null]}, s, e, p")
        let line = ResultJSON.encode(r, graph: session.graph)
        #expect(line.hasPrefix(#"{"columns": ["1.0", "2", "{b: 1, a: [true, null]}", "s", "e", "p"], "rows": [[1.0, 2, {"a": [true, null], "b": 1}, {"$node": {"id": "sector:retail", "labels": ["Sector"], "properties": {"name": "retail"}}}, {"$edge": {"id": "e5", "type": "WORKS_IN", "from": "role:agent", "to": "sector:retail", "properties": {}}}, {"$path": [{"$node": {"id": "sector:retail""#))
        #expect(!line.contains("stats"))
    }

    @Test func scriptSplitting() {
        let s = Script.statements("CREATE (:A {s: 'x;y'}); // c;\nMATCH (n) /* ; */ RETURN n;\n\n;RETURN `a;b`")
        #expect(s.map(\.text) == ["CREATE (:A {s: 'x;y'})", "// c;\nMATCH (n) /* ; */ RETURN n", "RETURN `a;b`"].map { $0 })
        // A statement starts where its text starts, a leading comment included (the comment on
        // line 1 is the text's line 1, so its line 2 is the script's line 2).
        #expect(s.map(\.line) == [1, 1, 4])
        #expect(s.map(\.column) == [1, 25, 2])
    }

    /// An error in a statement is placed in the whole script: the line counted from the script's
    /// start, the column on the statement's first line counted from the start of that line.
    @Test func scriptPlacesErrorsInTheScript() {
        let text = "RETURN 1;  RETURN x;\nRETURN\n  y"
        let lines = Script.lines(text)
        let st = Script.statements(text)
        var e = QueryError(type: .syntaxError, detail: .undefinedVariable, phase: .compileTime, message: "m", line: 1, column: 8,
                           lineText: "RETURN x")
        e = st[1].placing(e, scriptLines: lines)
        #expect(e.line == 1 && e.column == 19 && e.lineText == "RETURN 1;  RETURN x;")
        var f = QueryError(type: .syntaxError, detail: .undefinedVariable, phase: .compileTime, message: "m", line: 2, column: 3)
        f = st[2].placing(f, scriptLines: lines)
        #expect(f.line == 3 && f.column == 3 && f.lineText == "  y")
    }
}

@Suite struct Planning {
    @Test func explainShowsIndexes() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let byID = try session.run("EXPLAIN MATCH (r) WHERE id(r) = 'role:csr' RETURN r")
        #expect(byID.plan?.contains("NodeByIdSeek") == true)
        #expect(byID.rows.isEmpty)
        let byIDs = try session.run("PROFILE MATCH (r) WHERE id(r) IN ['role:csr', 'role:agent', 'nope'] RETURN id(r)")
        #expect(byIDs.plan?.contains("NodeByIdSeek") == true)
        #expect(Set(byIDs.rows) == [[.string("role:csr")], [.string("role:agent")]])
        let byName = try session.run("EXPLAIN MATCH (r) WHERE named(r, 'kundtjänstmedarbetare') RETURN r")
        #expect(byName.plan?.contains("NodeByNameSeek") == true)
        let byLabel = try session.run("EXPLAIN MATCH (r:Sector)<--(x) RETURN r")
        #expect(byLabel.plan?.contains("NodeByLabelScan (r:Sector)") == true)
        #expect(byLabel.plan?.contains("Expand") == true)
    }

    /// `cout(r)` is as close to `cot` as to `count`; the longer shared beginning decides.
    @Test func misspeltFunctionSuggestsTheLikelyOne() throws {
        var session = QuerySession(graph: try Fixture.graph())
        #expect(throws: QueryError.self) { try session.run("MATCH (r:Role) RETURN cout(r)") }
        do {
            _ = try session.run("MATCH (r:Role) RETURN cout(r)")
        } catch {
            #expect(error.message == "unknown function 'cout'")
            #expect(error.help == "did you mean 'count'?")
        }
        do {
            _ = try session.run("RETURN zzzzzzzz(1)")
        } catch {
            #expect(error.help == nil, "nothing close: \(String(describing: error.help))")
        }
    }

    @Test func misspeltNamesGiveWarningsWithSuggestions() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let r = try session.run("MATCH (r:Rol)-[:REQIURES]->(s) RETURN r.nmae")
        #expect(r.rows.isEmpty)
        let helps = r.warnings.compactMap(\.help)
        #expect(helps.contains("did you mean ':Role'?"))
        #expect(helps.contains("did you mean ':REQUIRES'?"))
        #expect(helps.contains("did you mean 'name'?"))
        let fine = try session.run("MATCH (r:Role) RETURN r.name")
        #expect(fine.warnings.isEmpty)
        // Rows, but a column NULL in every one: a misspelt key is still named.
        let nulls = try session.run("MATCH (r:Role) RETURN r.nmae, r.name")
        #expect(!nulls.rows.isEmpty)
        #expect(nulls.warnings.map(\.message) == ["the graph has no property 'nmae'"])
        #expect(nulls.warnings.first?.help == "did you mean 'name'?")
        #expect(nulls.warnings.first?.location?.column == 23)
        // NULL because nothing matched, not because of the key: no warning.
        #expect(try session.run("OPTIONAL MATCH (r:Role {name: 'nobody'}) RETURN r.name").warnings.isEmpty)
    }

    @Test func nameMapNarrowsThroughTheIndexButKeepsExactSemantics() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let plan = try session.run("EXPLAIN MATCH (r {name: 'team lead'}) RETURN r").plan ?? ""
        #expect(plan.contains("NodeByNameSeek"))
        // Exact, case-sensitive equality as openCypher defines it; named() is the case-insensitive lookup.
        #expect(try session.run("MATCH (r {name: 'TEAM LEAD'}) RETURN r").rows.isEmpty)
        #expect(try session.run("MATCH (r {name: 'team lead'}) RETURN r").rows.count == 1)
        _ = try session.run("CREATE (:Num {name: 5})")
        #expect(try session.run("MATCH (r {name: 5}) RETURN r").rows.count == 1)
    }

    /// A 2-hop pattern from one start node touches only its neighbourhood, however large the graph.
    @Test func twoHopTouchesOnlyTheNeighbourhood() throws {
        var g = try Fixture.graph()
        for i in 0..<2000 {
            let a = try g.addNode(Node(id: "filler:\(i)", labels: ["Role"]))
            let b = try g.addNode(Node(id: "filler-b:\(i)", labels: ["Skill"]))
            try g.addEdge(Edge(id: "fe\(i)", type: "REQUIRES", from: a, to: b))
        }
        var session = QuerySession(graph: g)
        let r = try session.run("PROFILE MATCH (a)-[:REQUIRES]->(s)<-[:REQUIRES]-(b) WHERE id(a) = 'role:csr' RETURN DISTINCT b")
        // csr itself is not a match: that would bind the same REQUIRES relationship twice.
        #expect(Fixture.rows(r, session.graph) == ["(role:agent)"])
        let plan = r.plan ?? ""
        let hits = plan.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "db hits=") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }.reduce(0, +)
        #expect(hits > 0)
        #expect(hits < 50)
        let named = try session.run("PROFILE MATCH (a)-->(b) WHERE named(a, 'Klantenservicemedewerker') RETURN count(b)")
        #expect(Fixture.rows(named, session.graph) == ["4"])
    }
}

/// Hostile input gives an error, never a crash or a hang.
@Suite struct Robustness {
    static let inputs: [String] = [
        "RETURN " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        "RETURN 1" + String(repeating: " + 1", count: 20000),
        "RETURN " + String(repeating: "-", count: 5000) + "1",
        "RETURN " + String(repeating: "[x IN ", count: 300) + "[1]" + String(repeating: " | x]", count: 300),
        "RETURN " + String(repeating: "{a:", count: 3000) + "1" + String(repeating: "}", count: 3000),
        "MATCH " + String(repeating: "()-->", count: 3000) + "() RETURN 1",
        "RETURN 'unterminated",
        "RETURN /* unterminated",
        "RETURN \u{0}",
        "MATCH (n RETURN n",
        "RETURN 0x",
        "RETURN '\\uZZZZ'",
        "",
    ]

    @Test(arguments: inputs)
    func hostileInputIsAnError(_ text: String) throws {
        var session = QuerySession(graph: try Fixture.graph())
        #expect(throws: QueryError.self) { try session.run(text) }
    }

    @Test func longChainsDoNotExhaustTheStack() throws {
        var session = QuerySession(graph: Graph())
        _ = try session.run("""
            UNWIND range(1, 5000) AS i CREATE (n:C {i: i}) WITH collect(n) AS ns
            UNWIND range(0, size(ns) - 2) AS i WITH ns[i] AS a, ns[i + 1] AS b CREATE (a)-[:N]->(b)
            """)
        let r = try session.run("MATCH (a:C {i: 1})-[*]->(b) RETURN count(*), max(b.i)")
        #expect(r.rows == [[.int(4999), .int(5000)]])
    }
}

/// Statements can be bounded in time, rows and path length.
@Suite struct Limits {
    /// A complete graph on 9 nodes: enumerating its paths takes far longer than any test should.
    static func clique() throws -> QuerySession {
        var s = QuerySession(graph: Graph())
        _ = try s.run("UNWIND range(1, 9) AS i CREATE (:K {i: i})")
        _ = try s.run("MATCH (a:K), (b:K) WHERE a.i <> b.i CREATE (a)-[:E]->(b)")
        return s
    }

    @Test func timeoutStopsARunawayStatement() throws {
        var s = try Self.clique()
        s.limits = QueryLimits(timeout: .milliseconds(200))
        do {
            _ = try s.run("MATCH p = (a:K)-[*]->(b) RETURN count(p)")
            Issue.record("expected a timeout")
        } catch {
            #expect(error.detail == .timeout)
            #expect(error.type == .resourceLimit)
        }
    }

    @Test func maxRowsAndMaxPathLength() throws {
        var s = try Self.clique()
        s.limits = QueryLimits(maxRows: 50)
        #expect(throws: QueryError.self) { try s.run("MATCH (a:K)-->(b) RETURN a, b") }
        s.limits = QueryLimits(maxRows: 100)
        #expect(try s.run("MATCH (a:K)-->(b) RETURN count(*)").rows == [[.int(72)]])
        s.limits = QueryLimits(maxPathLength: 1)
        #expect(try s.run("MATCH (a:K {i: 1})-[*]->(b) RETURN count(*)").rows == [[.int(8)]])
    }
}
