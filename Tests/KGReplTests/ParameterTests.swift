import Foundation
import KGCore
import KGQuery
import Testing
@testable import KGRepl

/// Issue 18 item 5: `:param` in cypher-shell's forms, values as Cypher expressions; `:params` as JSON.
@Suite struct ParameterTests {
    @Test func arrowFormEvaluatesACypherExpression() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":param n => 3")
        _ = repl.feed(":param who => 'Agent'")
        _ = repl.feed(":param twice => $n * 2")
        _ = repl.feed(":param when => date('2020-05-01')")
        _ = repl.feed(":param squares => [x IN range(1, 3) | x * x]")
        _ = repl.feed(":param `odd name` => toUpper('x') // a comment")
        #expect(c.err.isEmpty, "\(c.err)")
        let p = repl.session.parameters
        #expect(p["n"] == .int(3))
        #expect(p["who"] == .string("Agent"))
        #expect(p["twice"] == .int(6))
        #expect(p["squares"] == .list([.int(1), .int(4), .int(9)]))
        #expect(p["odd name"] == .string("X"))
        if case .date = p["when"] {} else { Issue.record("date(…) gives a date, got \(String(describing: p["when"]))") }
        _ = repl.feed("MATCH (r:Role) WHERE r.name = $who RETURN r.level + $n AS x;")
        #expect(c.out.hasSuffix("x\r\n5\r\n"))
    }

    @Test func mapFormSetsSeveral() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":param {m: 4, s: 'four', l: [1, 2.5], nested: {k: true}}")
        #expect(c.err.isEmpty, "\(c.err)")
        #expect(repl.session.parameters.keys.sorted() == ["l", "m", "nested", "s"], "no parameter named '{m:'")
        _ = repl.feed(":params")
        #expect(c.out == "{\"l\": [1, 2.5], \"m\": 4, \"nested\": {\"k\": true}, \"s\": \"four\"}\n")
    }

    @Test func paramsOfNoneIsAnEmptyObject() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":params")
        #expect(c.out == "{}\n")
        let json = try JSONSerialization.jsonObject(with: Data(c.out.utf8))
        #expect((json as? [String: Any])?.isEmpty == true)
    }

    @Test func shortFormsAndRemoval() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":param a 1")
        _ = repl.feed(":param b: 'x'")
        #expect(repl.session.parameters["a"] == .int(1) && repl.session.parameters["b"] == .string("x"), "\(c.err)")
        _ = repl.feed(":param a")
        #expect(repl.session.parameters["a"] == nil)
    }

    /// What does not parse is refused, with a caret in the command line, and nothing is set.
    @Test(arguments: [
        (":param n => 3 +", "expected an expression but found the end of the command", 16),
        (":param n => ", "no value after the name", 12),
        (":param who Agent", "UndefinedVariable", 12),
        (":param {m: 4", "not a value: SyntaxError", 13),
        (":param {m: 4} + 1", "not a value", 8),
        (":param {m: 4}.m", "{…} must be a map", 8),
        (":param 1x => 2", "'1x' is not a parameter name", 8),
        (":param n => 1, 2", "not a value: SyntaxError", 14),
        (":param n => 1 AS x", "not a value: SyntaxError", 15),
        (":param n => nope(1)", "not a value", 13),
        (":param", "usage: :param", 0),
    ])
    func refusesWhatDoesNotParse(_ line: String, _ message: String, _ column: Int) throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(line)
        #expect(repl.failures == 1)
        #expect(repl.session.parameters.isEmpty, "nothing set by \(line)")
        #expect(c.err.contains(message), "\(c.err)")
        if column > 0 {
            #expect(c.err.contains("command:1:\(column): error"), "\(c.err)")
            #expect(c.err.contains(" | \(line.trimmingCharacters(in: .whitespaces))"), "the command shown under the message: \(c.err)")
        }
    }

    @Test func undefinedNameSaysStringsNeedQuotes() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":param who Agent")
        #expect(c.err.contains("a string needs quotes (:param who => 'agent')"), "\(c.err)")
    }
}
