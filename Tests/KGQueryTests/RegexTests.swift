import Foundation
import KGCore
import Testing
@testable import KGQuery

/// kgq's own regular expressions (`=~`): the same answers as a backtracking engine
/// (Foundation's NSRegularExpression, ICU) on whole-string matches, linear time on the patterns
/// that make backtracking engines run for ever, and clear errors for what they cannot do.
@Suite struct RegexTests {
    /// Whole-string match by ICU: `\A(?:pattern)\z`.
    static func icuMatches(_ pattern: String, _ input: String) -> Bool? {
        guard let re = try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z") else { return nil }
        let range = NSRange(input.startIndex..., in: input)
        return re.firstMatch(in: input, options: [], range: range) != nil
    }

    static func kgqMatches(_ pattern: String, _ input: String) throws -> Bool {
        try RegularExpression(pattern).wholeMatch(input, checkpoint: {})
    }

    static let patterns: [String] = [
        "", "a", "abc", "a|b", "ab|cd|", "a*", "a+", "a?", "a*?", "a+?", "a??", "a{2}", "a{2,}", "a{2,3}", "a{0,1}", "a{0}",
        "a{2,3}?", "(ab)*", "(a|b)*abb", "(?:a|b)+c?", "((a)|b)+", "(a*)*", "(a*)+b", "(a|aa)*", "(a?){3}a{3}",
        ".", ".*", ".+", "a.c", "[abc]", "[^abc]", "[a-c]+", "[^a-c]*", "[a-]", "[-a]", "[]a]", "[^]a]", "[a\\]b]+",
        "[a-z&&[^aeiou]]+", "[a[bc]]+", "[\\d\\s]+", "[\\w.-]+@[\\w.-]+", "\\d+", "\\D+", "\\w+", "\\W+", "\\s*", "\\S+",
        "\\d{3}-\\d{4}", "\\.", "a\\.b", "\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\", "\\t\\n", "\\x41\\u0042\\x{43}", "\\0101",
        "\\Qa.b*\\E", "\\cA",
        "^abc$", "^a", "a$", "a$\\n", "^$", "a\\Z", "a\\z", "\\Aab", "(?m)^a$", "(?m)a$\\nb", "(?m)^b", "(?m)a\\n^b$",
        "\\bab\\b", "a\\Bb", "\\b", "\\ba\\b.\\bc",
        "(?i)abc", "(?i)a[b-d]e", "(?i)[^a]", "a(?i)b", "a(?i:b)c", "(?i)ÅÄÖ", "(?i)é", "(?-i)a", "(?i)a(?-i)b",
        "(?s).+", "(?s)a.b", ".\\n", "(?x) a b # comment\n c", "(?x)[a b]+", "(?ms)^a.b$",
        "(?<name>a)b", "kund.*", ".*tjänst", "[åäö]+", "\\p{L}+", "\\p{Lu}\\p{Ll}*", "\\P{L}+", "\\p{IsAlphabetic}+",
        "\\p{Nd}", "\\p{L}\\p{N}", "\\p{Punct}+", "\\p{Sc}", "[\\p{L}&&[^a-z]]+", "\\p{Alpha}+", "\\p{Upper}", "\\p{Lower}+",
        "(x+x+)+y", "(a+)+$", "(.*)*b", "(a|b|ab)*c", "((ab)|a)(b?)",
    ]

    static let inputs: [String] = [
        "", "a", "b", "c", "ab", "abc", "abb", "aabb", "ababb", "cd", "aa", "aaa", "aaaa", "aaaaaa", "a.c", "a.b", "abd",
        "a-", "-", "]", "]a", "a]b", "a\nb", "a\n", "\na", "a\r\n", "a\rb", "b\n", "\n", "ABC", "aBc", "Abe", "ADE",
        "123", "123-4567", "12a", "x y", " \t", "foo@example.com", "a b", "a.b*", "a.b", "\u{1}", "AB", "ABC", "A",
        "ÅÄÖ", "åäö", "STRASSE", "straße", "STRAßE", "É", "é", "Kundtjänst", "kundtjänst", "tjänst", "Hello", "hello",
        "Ωmega", "٣", "$", "€", "!?", "xxxxy", "xxxx", "aaaaaaaaaaaaaaaa!", "abab", "aabbaab", "abababc", "*+?()[]{}|^$\\",
        "\t\n", "ABC", "ab c", "a b c", "xyz",
    ]

    /// Hand-picked patterns × inputs, then random patterns over a small alphabet.
    @Test func agreesWithNSRegularExpression() throws {
        var disagreements: [String] = []
        var compared = 0
        for p in Self.patterns {
            for s in Self.inputs {
                guard let expected = Self.icuMatches(p, s) else { Issue.record("ICU rejects \(p)"); break }
                let got = try Self.kgqMatches(p, s)
                compared += 1
                if got != expected { disagreements.append("\(p.debugDescription) on \(s.debugDescription): kgq \(got), ICU \(expected)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(compared):\n\(disagreements.prefix(40).joined(separator: "\n"))")
        #expect(compared > 8_000)
    }

    /// Deterministic random patterns (groups, alternation, every quantifier, classes, anchors)
    /// over {a, b, newline}, each against random inputs.
    @Test func agreesWithNSRegularExpressionOnRandomPatterns() throws {
        var rng = SplitMix(seed: 16)
        var disagreements: [String] = []
        for _ in 0..<200 {
            let p = Self.randomPattern(&rng, depth: 0)
            for _ in 0..<15 {
                let s = String((0..<rng.next(7)).map { _ in ["a", "b", "a", "b", "\n", "c"][rng.next(6)] as Character })
                // (?m)^ on the empty input: Java says no, ICU yes (see javaSemanticsWhereICUDiffers).
                if s.isEmpty && p.hasPrefix("(?m)") { continue }
                guard let expected = Self.icuMatches(p, s) else { continue }
                let got = try Self.kgqMatches(p, s)
                if got != expected { disagreements.append("\(p.debugDescription) on \(s.debugDescription): kgq \(got), ICU \(expected)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count):\n\(disagreements.prefix(40).joined(separator: "\n"))")
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    static func randomPattern(_ rng: inout SplitMix, depth: Int) -> String {
        // No empty group: ICU stops a loop whose body matched nothing without trying the other
        // ways through it, and answers false where a match exists.
        let atoms = ["a", "b", ".", "[ab]", "[^a]", "\\n", "\\w", "\\s", "^", "$", "\\b", "c"]
        let quantifiers = ["", "", "", "*", "+", "?", "{2}", "{1,2}", "{0,}", "*?", "+?", "{2,}"]
        let groupQuantifiers = ["", "", "?", "{2}", "??"]
        var parts: [String] = []
        for _ in 0..<(1 + rng.next(4)) {
            var atom: String
            // Two levels of groups at most: ICU backtracks, and deeper nests of quantifiers take it minutes.
            if depth < 2 && rng.next(4) == 0 {
                let branches = (0..<(1 + rng.next(3))).map { _ in randomPattern(&rng, depth: depth + 1) }
                atom = (rng.next(2) == 0 ? "(" : "(?:") + branches.joined(separator: "|") + ")"
            } else {
                atom = atoms[rng.next(atoms.count)]
            }
            // Quantified anchors are legal but pointless; keep the quantifiers on consuming atoms.
            if atom.hasPrefix("(") {
                atom += groupQuantifiers[rng.next(groupQuantifiers.count)]
            } else if !["^", "$", "\\b"].contains(atom) {
                atom += quantifiers[rng.next(quantifiers.count)]
            }
            parts.append(atom)
        }
        let flags = depth == 0 ? ["", "", "(?m)", "(?s)", "(?i)"][rng.next(5)] : ""
        return flags + parts.joined()
    }

    /// Where Java and ICU differ, kgq answers as Java does: `(?i)` compares one character with
    /// one (ICU's full case folding matches "ß" with "SS"), and `(?m)^` never matches at the very
    /// end of the input.
    @Test func javaSemanticsWhereICUDiffers() throws {
        #expect(try !Self.kgqMatches("(?i)straße", "STRASSE"))
        #expect(try Self.kgqMatches("(?i)straße", "STRAßE"))
        #expect(try Self.kgqMatches("(?i)\\u212A", "k"), "the Kelvin sign is an upper-case k")
        #expect(try Self.kgqMatches("\\pL\\pN", "a1"), "one-letter property names")
        #expect(try Self.kgqMatches("\\Qa.b", "a.b"), "\\Q without \\E quotes to the end")
        #expect(try Self.kgqMatches("\\s", "\u{0B}"), "vertical tab is white space")
        #expect(try !Self.kgqMatches("(?m)^", ""), "Java's multiline ^ never matches at the end of the input")
    }

    /// The patterns that make backtracking engines take exponential time finish at once.
    @Test func pathologicalPatternsFinishQuickly() throws {
        let cases: [(String, String, Bool)] = [
            ("(a+)+$", String(repeating: "a", count: 40) + "!", false),
            ("(a|aa)*b", String(repeating: "a", count: 5000), false),
            ("(x+x+)+y", String(repeating: "x", count: 5000), false),
            ("(a*)*(b*)*c", String(repeating: "ab", count: 5000), false),
            ("(.*)*b", String(repeating: "a", count: 1 << 18), false),
            ("(.*)*b", String(repeating: "a", count: 1 << 18) + "b", true),
            ("(a?){30}a{30}", String(repeating: "a", count: 30), true),
        ]
        for (p, s, expected) in cases {
            let start = ContinuousClock.now
            #expect(try Self.kgqMatches(p, s) == expected, "\(p)")
            #expect(ContinuousClock.now - start < .seconds(10), "\(p) on \(s.unicodeScalars.count) characters")
        }
    }

    /// The checkpoint is called while a long match runs, and what it throws ends the match.
    @Test func checkpointStopsALongMatch() throws {
        struct Stop: Error {}
        let re = try RegularExpression("(.*)*b")
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try re.wholeMatch(String(repeating: "a", count: 1 << 20)) { () throws(Stop) in
                calls += 1
                if calls == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
    }

    @Test(arguments: [
        ("(a)\\1", "a backreference (\\1)"), ("(?<n>a)\\k<n>", "a named backreference"), ("a(?=b)", "lookahead (?=…)"),
        ("a(?!b)", "negative lookahead (?!…)"), ("(?<=a)b", "lookbehind (?<=…)"), ("(?<!a)b", "negative lookbehind (?<!…)"),
        ("(?>a+)b", "an atomic group (?>…)"), ("a*+", "a possessive quantifier (*+)"), ("a{2}+", "a possessive quantifier ({2}+)"),
    ])
    func backtrackingConstructsAreRefused(_ pattern: String, _ construct: String) {
        #expect {
            _ = try RegularExpression(pattern)
        } throws: { error in
            guard let e = error as? RegexSyntaxError else { return false }
            return e.message.hasPrefix(construct) && e.message.contains("not supported") && e.message.contains("linear")
        }
    }

    @Test(arguments: [
        ("(a", "unclosed group", 0), ("a)", "unmatched ')'", 1), ("[ab", "unclosed class", 0), ("a{2,1}", "maximum below its minimum", 1),
        ("*a", "nothing to repeat", 0), ("a**", "cannot follow another quantifier", 2), ("\\q", "unknown escape '\\q'", 0),
        ("a{1001}", "at most 1000", 1), ("[z-a]", "backwards", 1), ("\\p{Nope}", "unknown character property 'Nope'", 0),
        ("(?q)", "unknown flag 'q'", 2), ("a\\", "lone backslash", 1), ("a{", "repetition such as", 1),
        ("(a{1000}){1000}", "too large", 0), (String(repeating: "(", count: 300) + String(repeating: ")", count: 300), "nested", 250),
    ])
    func syntaxErrorsSayWhatAndWhere(_ pattern: String, _ message: String, _ offset: Int) {
        #expect {
            _ = try RegularExpression(pattern)
        } throws: { error in
            guard let e = error as? RegexSyntaxError else { return false }
            return e.message.contains(message) && e.offset == offset
        }
    }

    /// Through a session: the error is positioned at the pattern, and the session's time limit
    /// stops a match that runs long.
    @Test func theOperatorUsesIt() throws {
        var session = QuerySession(graph: Graph())
        #expect(try session.run("RETURN 'Kundtjänst' =~ '(?i)KUND.*' AS a, 'ab' =~ 'a' AS b, null =~ 'a' AS c").rows
                == [[.bool(true), .bool(false), .null]])
        #expect {
            _ = try session.run("RETURN 'aa' =~ '(a)\\\\1'")
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.type == .argumentError && e.column == 16 && e.message.contains("a backreference (\\1) is not supported")
        }
        session.limits = QueryLimits(timeout: .milliseconds(100))
        let start = ContinuousClock.now
        #expect {
            _ = try session.run("WITH reduce(s = 'a', x IN range(1, 24) | s + s) AS s RETURN s =~ '(.*)*(.*)*(.*)*b'")
        } throws: { ($0 as? QueryError)?.detail == .timeout }
        // Without the timeout the match runs for minutes; the bound is loose for busy machines.
        #expect(ContinuousClock.now - start < .seconds(40))
    }
}

@Suite(.enabled(if: QueryCLI.binaryExists, "build kgq first (swift build)"))
struct RegexCLITests {
    /// The issue's reproductions through the binary: an answer at once, or the time limit.
    @Test func timeoutStopsARegex() throws {
        let g = try QueryCLI.emptyGraph()
        defer { try? FileManager.default.removeItem(atPath: g) }
        var start = Date()
        let quick = try QueryCLI.kgq(["query", "--graph", g, "--timeout", "2", "--format", "csv",
                                      "RETURN '" + String(repeating: "a", count: 40) + "!' =~ '(a+)+$' AS m"])
        #expect(quick.status == 0, "\(quick.stderr)")
        #expect(quick.stdout.split(whereSeparator: \.isNewline) == ["m", "false"])
        #expect(Date().timeIntervalSince(start) < 10)
        start = Date()
        let long = try QueryCLI.kgq(["query", "--graph", g, "--timeout", "2",
                                     "WITH reduce(s = 'a', x IN range(1, 23) | s + s) AS s RETURN s =~ '(.*)*(.*)*(.*)*(.*)*b' AS m"])
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 15)
        if long.status != 0 {
            #expect(long.status == 2)
            #expect(long.stderr.contains("ResourceLimit (Timeout)"), "\(long.stderr)")
        }
        let refused = try QueryCLI.kgq(["query", "--graph", g, "RETURN 'aa' =~ '(a)\\\\1'"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("a backreference (\\1) is not supported"), "\(refused.stderr)")
    }
}
