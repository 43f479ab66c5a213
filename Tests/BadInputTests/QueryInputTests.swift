import Foundation
import KGTestSupport
import Testing

/// A bad statement for `kgq query` and the error line it must produce.
struct BadQuery: CustomStringConvertible, Sendable {
    var query: String
    var expect: String
    var flags: [String] = []
    var name: String? = nil
    var description: String { name ?? query }
}

/// Every kind of syntax, semantic and runtime error, and hostile statements, through `kgq query`
/// on the default graph: exit code 2, the openCypher error type and detail, and the position.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct QueryInput {
    static let cases: [BadQuery] = [
        // Syntax.
        BadQuery(query: "MACTH (n) RETURN n", expect: "query:1:1: error: SyntaxError (UnexpectedSyntax)"),
        BadQuery(query: "RETURN 'abc", expect: "query:1:8: error: SyntaxError (UnexpectedSyntax): unterminated string literal"),
        BadQuery(query: "RETURN 1 /* never closed", expect: "query:1:10: error: SyntaxError (UnexpectedSyntax): unterminated comment"),
        BadQuery(query: "MATCH (n RETURN n", expect: "query:1:10: error: SyntaxError (UnexpectedSyntax): expected ')'"),
        BadQuery(query: "RETURN 1 +", expect: "query:1:11: error: SyntaxError (UnexpectedSyntax): expected an expression"),
        BadQuery(query: "RETURN 0x", expect: "query:1:8: error: SyntaxError (InvalidNumberLiteral)"),
        BadQuery(query: "RETURN 9223372036854775808", expect: "query:1:8: error: SyntaxError (IntegerOverflow)"),
        BadQuery(query: "RETURN '\\uZZZZ'", expect: "error: SyntaxError (InvalidUnicodeLiteral)"),
        BadQuery(query: "RETURN 1 \u{7}", expect: "query:1:10: error: SyntaxError (UnexpectedSyntax): unexpected control character U+0007"),
        BadQuery(query: "RETURN 1\u{669}", expect: "query:1:9: error: SyntaxError (UnexpectedSyntax): unexpected character"),
        BadQuery(query: "RETURN " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
                 expect: "error: SyntaxError (ExpressionTooDeep)", name: "5000 parentheses"),
        BadQuery(query: "RETURN " + String(repeating: "[", count: 5000) + "1" + String(repeating: "]", count: 5000),
                 expect: "error: SyntaxError (ExpressionTooDeep)", name: "5000 nested lists"),
        BadQuery(query: "RETURN 0" + String(repeating: " + 1", count: 50_000),
                 expect: "query:1:8: error: SyntaxError (ExpressionTooDeep)", name: "50000-term sum"),
        BadQuery(query: "RETURN " + String(repeating: "({k: ", count: 30) + "1" + String(repeating: "})", count: 30) + " + x",
                 expect: "error: SyntaxError (UndefinedVariable)", name: "30 levels of pattern-or-map"),
        BadQuery(query: "RETURN " + String(repeating: "x", count: 1_000_000), expect: "query:1:8: error: SyntaxError (UndefinedVariable)",
                 name: "a 1 MB name"),
        // Semantics.
        BadQuery(query: "MATCH (n) RETURN m", expect: "query:1:18: error: SyntaxError (UndefinedVariable): variable 'm' is not defined"),
        BadQuery(query: "RETURN toUpperr('a')", expect: "query:1:8: error: SyntaxError (UnknownFunction)"),
        BadQuery(query: "MATCH (n) WHERE count(n) > 1 RETURN n", expect: "query:1:17: error: SyntaxError (InvalidAggregation)"),
        BadQuery(query: "MATCH (n) RETURN n, n", expect: "query:1:21: error: SyntaxError (ColumnNameConflict)"),
        BadQuery(query: "MATCH (a)-[r]->(b) MATCH (r) RETURN r", expect: "query:1:26: error: SyntaxError (VariableTypeConflict)"),
        BadQuery(query: "CREATE (a)-[:A|B]->(b)", expect: "query:1:11: error: SyntaxError (NoSingleRelationshipType)"),
        BadQuery(query: "MATCH (n) RETURN n LIMIT -1", expect: "query:1:26: error: SyntaxError (NegativeIntegerArgument)"),
        BadQuery(query: "RETURN $missing", expect: "query:1:8: error: ParameterMissing (MissingParameter)"),
        // Found by make fuzz (Fuzz/regressions/query/shortestpath-of-one-node.cypher): an index trap.
        BadQuery(query: "MATCH p = shortestPath((a)) RETURN nodes(p)",
                 expect: "query:1:11: error: SyntaxError (InvalidShortestPath): shortestPath(…) takes a pattern with exactly one relationship"),
        BadQuery(query: "MATCH p = allShortestPaths((a)-->(b)-->(c)) RETURN p",
                 expect: "query:1:11: error: SyntaxError (InvalidShortestPath)"),
        // Runtime.
        BadQuery(query: "RETURN 1 / 0", expect: "query:1:8: error: TypeError (DivisionByZero)"),
        BadQuery(query: "RETURN 'a' - 1", expect: "query:1:8: error: TypeError (InvalidArgumentType)"),
        // Bounds (flags of kgq query; defaults protect memory).
        BadQuery(query: "UNWIND range(1, 10) AS x RETURN x", expect: "error: ResourceLimit (TooManyRows)", flags: ["--max-rows", "5"]),
        BadQuery(query: "UNWIND range(1, 2000) AS x UNWIND range(1, 2000) AS y RETURN count(*)",
                 expect: "error: ResourceLimit (TooManyRows): the statement produced more than 1000000 rows",
                 name: "4 million rows with the default bound"),
        BadQuery(query: "RETURN range(1, 9223372036854775807)", expect: "query:1:8: error: ResourceLimit (ValueTooLarge)"),
        BadQuery(query: "RETURN reduce(s = 'ab', x IN range(1, 40) | s + s)", expect: "error: ResourceLimit (ValueTooLarge)"),
        BadQuery(query: "MATCH p = (a)-[*]-(b) RETURN count(p)", expect: "error: ResourceLimit (TooManyExpansions)",
                 flags: ["--max-expansions", "1000"]),
        BadQuery(query: "MATCH (a), (b), (c), (d), (e) RETURN count(*)", expect: "error: ResourceLimit (Timeout)",
                 flags: ["--timeout", "0.2", "--max-rows", "100000000000"]),
        // Issue 16 items 1 and 18: the memory bound backs up the others (rows and value size
        // lifted here, so only --max-memory stops it); a 5,000 × 5,000 list is counted whole.
        BadQuery(query: "UNWIND range(1, 15000000) AS x WITH collect(x) AS l RETURN size(l)",
                 expect: "error: ResourceLimit (MemoryLimit): kgq holds ",
                 flags: ["--max-memory", "200M", "--max-rows", "1000000000", "--max-value-size", "1000000000"],
                 name: "15 million rows collected under --max-memory 200M"),
        BadQuery(query: "RETURN size([x IN range(1, 5000) | range(1, 5000)])",
                 expect: "query:1:13: error: ResourceLimit (ValueTooLarge)", name: "5000 × 5000 nested list, default bound"),
        BadQuery(query: "UNWIND range(1, 5000) AS i RETURN size(collect(range(1, 5000)))",
                 expect: "error: ResourceLimit (ValueTooLarge)", name: "5000 lists of 5000 collected, default bound"),
    ]

    @Test(arguments: cases)
    func badStatementIsAClearError(_ c: BadQuery) {
        // Long statements go through stdin: one argument may not exceed 128 KB on Linux.
        let long = c.query.utf8.count > 100_000
        let run = KGTestSupport.runKGQ(["query"] + c.flags + (long ? [] : [c.query]), stdin: long ? c.query : nil)
        #expect(run.status == 2, "exit \(run.status): \(run.stderr.prefix(500))")
        #expect(run.stderr.contains(c.expect), "stderr lacks \(c.expect):\n\(run.stderr.prefix(1000))")
        #expect(run.stderr.contains("help:") || !c.expect.contains("ResourceLimit"), "a bound names the flag that raises it")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrac"))
        #expect(run.stderr.utf8.count < 20_000)
    }

    @Test(arguments: [["--timeout", "-1"], ["--timeout", "abc"], ["--max-rows", "-3"], ["--max-path-length", "0"],
                      ["--max-memory", "5Q"], ["--max-memory", "-1G"], ["--max-memory", "1M"], ["--max-memory", "99999999999T"]])
    func badLimitFlagIsAUsageError(_ flags: [String]) {
        let run = KGTestSupport.runKGQ(["query"] + flags + ["RETURN 1"])
        #expect(run.status == 2, "exit \(run.status): \(run.stderr)")
        #expect(run.stderr.contains("Error:") || run.stderr.contains("error:"))
    }

    /// After a statement stopped by --max-memory the next one runs (its memory went back),
    /// and ordinary work runs under the default bound and under an explicit one.
    @Test func memoryBoundStopsOneStatementOnly() {
        let big = "UNWIND range(1, 15000000) AS x WITH collect(x) AS l RETURN size(l);\n"
        let run = KGTestSupport.runKGQ(["query", "--format", "csv", "--max-memory", "200M", "--max-rows", "1000000000",
                                        "--max-value-size", "1000000000"],
                                       stdin: big + "UNWIND range(1, 100000) AS x RETURN count(x) AS n;\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: ResourceLimit (MemoryLimit)"), "\(run.stderr.prefix(500))")
        #expect(run.stderr.contains("--max-memory SIZE"))
        #expect(run.stdout.split(whereSeparator: \.isNewline) == ["n", "100000"], "\(run.stdout.prefix(200))")
        for flags in [[], ["--max-memory", "2G"], ["--max-memory", "512MiB"]] {
            let ok = KGTestSupport.runKGQ(["query", "--format", "csv"] + flags
                                          + ["UNWIND range(1, 200000) AS x WITH collect(x) AS l RETURN size(l) AS n"])
            #expect(ok.status == 0, "\(flags): \(ok.stderr.prefix(300))")
            #expect(ok.stdout.split(whereSeparator: \.isNewline) == ["n", "200000"])
        }
    }

    /// A script stops at nothing: each bad statement is reported at its line, the others still run.
    @Test func scriptReportsEachBadStatementAtItsLine() {
        let run = KGTestSupport.runKGQ(["query", "--format", "csv"], stdin: "RETURN 1 AS a;\nRETURN 1 +;\nRETURN 2 AS b;\n")
        #expect(run.status == 2)
        #expect(run.stderr.contains("query:2:11: error: SyntaxError (UnexpectedSyntax): expected an expression"))
        #expect(run.stdout.contains("1") && run.stdout.contains("2"))
    }
}
