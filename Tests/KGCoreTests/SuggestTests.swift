import KGCore
import Testing

/// The one "did you mean" of kgq (issue 18 item 9): a threshold, and the right candidate on ties.
@Suite struct SuggestTests {
    static let functions = ["abs", "cos", "cot", "collect", "count", "coalesce", "toUpper"]
    static let commands = ["help", "schema", "param", "params", "why", "history", "clear", "quit", "exit", "q"]
    static let subcommands = ["repl", "query", "check", "stats", "fmt", "export", "audit", "generate", "plugins"]

    @Test(arguments: [
        ("cout", functions, "count"),          // as close as 'cot', but shares a longer beginning
        ("COUNT", functions, "count"),         // case differences are free
        ("colect", functions, "collect"),
        ("touper", functions, "toUpper"),
        ("qurey", subcommands, "query"),       // a transposition is one edit
        ("exprot", subcommands, "export"),
        ("shema", commands, "schema"),
        ("qit", commands, "quit"),
    ] as [(String, [String], String)])
    func suggests(_ word: String, _ candidates: [String], _ expected: String) {
        #expect(Suggest.closest(to: word, among: candidates) == expected)
    }

    @Test(arguments: [
        ("zzzzzzzz", commands),                // nothing is close: no guess
        ("q", ["why"]),                        // a one-letter word is not three edits from anything
        ("no-such-rule", ["uncited-statement", "unknown-reference", "single-source", "stale-figure"]),
        ("count", ["count"]),                  // never the word itself
        ("x", [String]()),
    ] as [(String, [String])])
    func suggestsNothingFar(_ word: String, _ candidates: [String]) {
        #expect(Suggest.closest(to: word, among: candidates) == nil)
    }

    @Test func distances() {
        #expect(Suggest.distance("MACTH", "MATCH") == 1)
        #expect(Suggest.distance(Array("MACTH"), Array("MATCH"), transpositions: false) == 2)
        #expect(Suggest.distance("", "abc") == 3)
        #expect(Suggest.distance("kitten", "sitting") == 3)
        #expect(Suggest.distance("kundtjänst", "kundtjanst") == 1)
        #expect(Suggest.distance([1, 2, 3], [1, 3, 2]) == 1)
    }

    @Test func thresholdGrowsWithTheShorterWord() {
        #expect(Suggest.threshold(2, 10) == 1)
        #expect(Suggest.threshold(8, 7) == 2)
        #expect(Suggest.threshold(12, 30) == 4)
        #expect(Suggest.closest(to: "identifer", among: ["identifier"], maxDistance: 0) == nil)
        #expect(Suggest.closest(to: "role:agnt", among: ["role:agent"], maxDistance: 2) == "role:agent")
    }

    /// A huge word costs no quadratic table against short candidates.
    @Test func hugeWordsAreCheap() {
        let huge = String(repeating: "a", count: 1_000_000)
        #expect(Suggest.closest(to: huge, among: Self.functions) == nil)
    }
}
