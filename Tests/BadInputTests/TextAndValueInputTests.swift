import Foundation
import KGTestSupport
import Testing

/// Issue 16, the input side, through the built binary: bounded values and JSON, statements'
/// positions in a script, text that is not UTF-8, files that cannot be read, comments kept by
/// `kgq fmt`, look-alike ids and huge nodes.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct TextAndValueInput {
    static let deepJSON = String(repeating: "[", count: 40_000) + String(repeating: "]", count: 40_000)

    static let queries: [BadQuery] = [
        BadQuery(query: "UNWIND [1,2,3] AS x RETURN percentileDisc(x, 0.0/0.0)",
                 expect: "query:1:28: error: ArgumentError (NumberOutOfRange): percentile must be between 0.0 and 1.0"),
        BadQuery(query: "UNWIND [1,2,3] AS x RETURN percentileCont(x, 0.0/0.0)", expect: "error: ArgumentError (NumberOutOfRange)"),
        BadQuery(query: "WITH reduce(l = [], x IN range(1, 60000) | [l]) AS d RETURN size(d)",
                 expect: "query:1:44: error: ResourceLimit (ValueTooDeep): a value nests lists or maps more than 1000 levels deep"),
        BadQuery(query: "RETURN size([x IN range(1, 5000) | range(1, 5000)])",
                 expect: "query:1:13: error: ResourceLimit (ValueTooLarge)", name: "5000 x 5000 nested list"),
        BadQuery(query: "UNWIND range(1, 3000) AS i RETURN size(collect(range(1, 5000)))",
                 expect: "error: ResourceLimit (ValueTooLarge): collect() gathered more than 10000000 elements"),
        BadQuery(query: "RETURN 1", expect: "--params is not valid JSON: line 1, column 12: expected ',' or ']'",
                 flags: ["--params", "{\"a\": [1, 2"], name: "broken --params"),
        BadQuery(query: "RETURN 1", expect: "--params is not valid JSON: line 1, column 1006: JSON nested more than 1000 levels deep",
                 flags: ["--params", "{\"a\": " + deepJSON + "}"], name: "deep --params"),
        BadQuery(query: "RETURN 1", expect: "--param a: line 1, column 1001: JSON nested more than 1000 levels deep",
                 flags: ["--param", "a=" + deepJSON], name: "deep --param"),
    ]

    @Test(arguments: queries)
    func badInputIsAClearError(_ c: BadQuery) {
        let run = KGTestSupport.runKGQ(["query"] + c.flags + [c.query])
        #expect(run.status == 2, "exit \(run.status): \(run.stderr.prefix(500))")
        #expect(run.stderr.contains(c.expect), "stderr lacks \(c.expect):\n\(run.stderr.prefix(1000))")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrac") && !run.stderr.contains("crashed"))
    }

    /// `:param` evaluates a Cypher expression: 40,000 brackets stop in the parser, not the stack.
    @Test func deepReplParameterIsAnError() {
        let run = KGTestSupport.runKGQ(["repl"], stdin: ":param a => " + Self.deepJSON + "\nRETURN 1 AS one;\n")
        #expect(run.stderr.contains("ExpressionTooDeep") || run.stderr.contains("nested"), "\(run.stderr.prefix(500))")
        #expect(!run.stderr.contains("Backtrac") && !run.stderr.contains("crashed"))
        #expect(run.stdout.contains("one"))
    }

    /// The second statement of a line is reported at its column in that line, with the whole line.
    @Test func secondStatementOnALineIsPlacedInTheLine() {
        let run = KGTestSupport.runKGQ(["query", "RETURN 1; RETURN x"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("query:1:18: error: SyntaxError (UndefinedVariable)"), "\(run.stderr)")
        #expect(run.stderr.contains(" 1 | RETURN 1; RETURN x\n   |                  ^"), "\(run.stderr)")
        let script = KGTestSupport.runKGQ(["query", "--format", "csv"], stdin: "/* first */\nRETURN 1 AS a;\r\n  RETURN 2 AS b;  RETURN y;\n")
        #expect(script.stderr.contains("query:3:26: error: SyntaxError (UndefinedVariable)"), "\(script.stderr)")
        #expect(script.stderr.contains(" 3 |   RETURN 2 AS b;  RETURN y;"), "\(script.stderr)")
    }

    /// U+2028 and NEL print as escapes, never raw (they would break the line or vanish).
    @Test func invisibleCharactersArePrintedEscaped() {
        let run = KGTestSupport.runKGQ(["query", "RETURN 1 +\u{2028}\u{85}"])
        #expect(run.status == 2)
        #expect(!run.stderr.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{85}" }, "\(run.stderr)")
        #expect(run.stderr.contains("\\u{2028}\\u{85}"), "\(run.stderr)")
    }

    /// A statement that is not UTF-8 is refused with the offset of the first bad byte.
    @Test func queryThatIsNotUTF8IsRefused() {
        let bytes = Array("RETURN '".utf8) + [0xFF, 0xFE] + Array("'".utf8)
        let stdin = KGTestSupport.runKGQ(["query"], stdinBytes: bytes)
        #expect(stdin.status == 2)
        #expect(stdin.stderr.contains("error: the statements on standard input are not valid UTF-8 (byte 0xFF at offset 8)"), "\(stdin.stderr)")
        // An argument of raw bytes needs a shell: Process takes arguments as Strings.
        let arg = KGTestSupport.runKGQ(["-c", "\"$KGQ\" query \"$(printf 'RETURN \\047\\377\\376\\047')\""],
                                       environment: ["KGQ": KGTestSupport.kgqBinary], executable: "/bin/sh")
        #expect(arg.status == 2)
        #expect(arg.stderr.contains("error: the query argument is not valid UTF-8 (byte 0xFF at offset 8)"), "\(arg.stderr)")
    }

    /// "cannot read file" says why.
    @Test func unreadableGraphFilesSayWhy() throws {
        let cases: [(String, (URL) throws -> Void)] = [
            ("it is a folder, not a file", { try FileManager.default.createDirectory(at: $0, withIntermediateDirectories: false) }),
            ("it is a FIFO (named pipe)", { #expect(mkfifo($0.path, 0o600) == 0) }),
            ("its symbolic links form a loop", { try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: $0.lastPathComponent) }),
            ("it is a symbolic link to 'nowhere.kg', which does not exist",
             { try FileManager.default.createSymbolicLink(atPath: $0.path, withDestinationPath: "nowhere.kg") }),
        ]
        for (reason, make) in cases {
            let folder = try KGTestSupport.temporaryFolder("kgq-unreadable")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("a.kg")
            try make(file)
            let run = KGTestSupport.runKGQ(["check", "--graph", folder.path])
            #expect(run.status == 2)
            #expect(run.stderr.contains("cannot read file '\(file.path)': \(reason)"), "\(run.stderr)")
        }
    }

    /// kgq fmt keeps every comment where it was written (a property's comments move with it).
    @Test func fmtKeepsCommentsInPlace() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-fmt-comments")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            # file header
            document doc:a {  # the document
              title: "T"
              file: "a.txt"  # where
              sha256: "00"
              language: "en"
              kind: "article"
              # end of block
            }  # after the block

            # before the node
            node role:b :Role {
              # why
              zeta: 1  # note
              name: "B",  # named
              alpha: [1, 2]
            }
            # before the cite
            cite doc:a line 1 "x"  # cite note
            cite doc:a line 2 "y"

            node role:c :Role  # blockless
            edge role:b -[:REL {
              # why the weight
              w: 1  # heavy
            }]-> role:c  # edge end
            # trailing comment

            """
        let file = folder.appendingPathComponent("a.kg")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = KGTestSupport.runKGQ(["fmt", "--graph", folder.path])
        #expect(run.status == 0, "\(run.stderr)")
        let formatted = try String(contentsOf: file, encoding: .utf8)
        for piece in ["# file header\ndocument doc:a {  # the document\n", "  file: \"a.txt\"  # where\n",
                      "  # end of block\n}  # after the block\n", "# before the node\nnode role:b :Role {\n",
                      "  name: \"B\"  # named\n", "  # why\n  zeta: 1  # note\n}\n# before the cite\ncite doc:a line 1 \"x\"  # cite note\n",
                      "node role:c :Role  # blockless\n", "edge role:b -[:REL {\n  # why the weight\n  w: 1  # heavy\n}]-> role:c  # edge end\n",
                      "# trailing comment\n"] {
            #expect(formatted.contains(piece), "lost \(piece):\n\(formatted)")
        }
        #expect(formatted.components(separatedBy: "#").count == text.components(separatedBy: "#").count)
        // Canonical now: a second run changes nothing.
        #expect(KGTestSupport.runKGQ(["fmt", "--check", "--graph", folder.path]).status == 0)
    }

    @Test func lookAlikeIdsAreWarnedAbout() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-look-alike")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "node role:agent :Role\nnode role:\u{430}gent :Role\nnode role:clerk :Role\n"
            .write(to: folder.appendingPathComponent("a.kg"), atomically: true, encoding: .utf8)
        let run = KGTestSupport.runKGQ(["check", "--graph", folder.path])
        #expect(run.status == 0)
        #expect(run.stderr.contains("a.kg:2:1: warning: ids 'role:\u{430}gent' and 'role:agent' differ only by look-alike characters: U+0430 (CYRILLIC SMALL LETTER A)"),
                "\(run.stderr)")
        #expect(!run.stderr.contains("clerk"))
    }

    /// 80,000 properties on one node took 70 s (a linear duplicate search per property).
    @Test func hugeNodeLoadsInLinearTime() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-huge-node")
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "node a:b :Thing {\n" + (0..<80_000).map { "  p\($0): \($0)\n" }.joined() + "}\n"
        try text.write(to: folder.appendingPathComponent("a.kg"), atomically: true, encoding: .utf8)
        let start = Date()
        let run = KGTestSupport.runKGQ(["check", "--graph", folder.path])
        #expect(run.status == 0, "\(run.stderr.prefix(300))")
        #expect(Date().timeIntervalSince(start) < 15)
    }
}
