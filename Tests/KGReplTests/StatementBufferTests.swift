import KGQuery
import Testing
@testable import KGRepl

@Suite struct StatementBufferTests {
    /// The REPL's line-by-line assembly and the script splitter share one state machine, so a
    /// script fed line by line gives the statements `Script` splits it into. (One difference is
    /// meant: the REPL drops a line of comments alone, so a `:command` may follow it.)
    @Test(arguments: [
        "RETURN 1; RETURN 'a;b';\nMATCH (n) // c;\nRETURN n;",
        "RETURN /* a\n; */ 2; RETURN `x;y`;",
        "RETURN 'multi\nline;' ; ;; RETURN \"q\\\";\";",
        "RETURN 3 // a comment;\n+ 1;",
    ])
    func agreesWithScript(text: String) {
        var b = StatementBuffer()
        var got: [String] = []
        for line in Script.lines(text) { got += b.append(String(line)) }
        if let rest = b.flush() { got.append(rest) }
        #expect(got == Script.statements(text).map(\.text))
    }

    @Test func scannerEndsOnlyOutsideQuotesAndComments() {
        var s = StatementScanner()
        #expect(s.step(";", next: nil) == .end)
        #expect(s.step("'", next: ";") == .text(count: 1, code: true))
        #expect(s.step(";", next: "'") == .text(count: 1, code: true))
        #expect(s.isInsideQuoteOrComment)
        #expect(s.step("'", next: nil) == .text(count: 1, code: true))
        #expect(s.step("/", next: "*") == .text(count: 2, code: false))
        #expect(s.step(";", next: nil) == .text(count: 1, code: false))
        #expect(s.step("*", next: "/") == .text(count: 2, code: false))
        #expect(!s.isInsideQuoteOrComment)
        #expect(s.step(" ", next: nil) == .text(count: 1, code: false))
    }

    @Test(arguments: [
        (["RETURN 1;"], ["RETURN 1"], false),
        (["RETURN 1; RETURN 2;"], ["RETURN 1", "RETURN 2"], false),
        (["MATCH (n)", "RETURN n;"], ["MATCH (n)\nRETURN n"], false),
        (["RETURN 'a;b';"], ["RETURN 'a;b'"], false),
        (["RETURN \"x\\\";\";"], ["RETURN \"x\\\";\""], false),
        (["RETURN 1 // no; end here", ";"], ["RETURN 1 // no; end here"], false),
        (["RETURN /* ; */ 1;"], ["RETURN /* ; */ 1"], false),
        (["RETURN /* a", "; */ 2;"], ["RETURN /* a\n; */ 2"], false),
        (["RETURN 'multi", "line;'", ";"], ["RETURN 'multi\nline;'"], false),
        (["RETURN `a;b` ;"], ["RETURN `a;b`"], false),
        (["RETURN 1; RETURN"], ["RETURN 1"], true),
        ([";;", "   "], [], false),
    ] as [([String], [String], Bool)])
    func assembles(lines: [String], statements: [String], pending: Bool) {
        var b = StatementBuffer()
        var got: [String] = []
        for l in lines { got += b.append(l) }
        #expect(got == statements)
        #expect(b.isPending == pending)
    }

    @Test func flushReturnsTheUnfinishedStatement() {
        var b = StatementBuffer()
        _ = b.append("MATCH (n)")
        _ = b.append("RETURN n")
        #expect(b.flush() == "MATCH (n)\nRETURN n")
        #expect(!b.isPending)
        #expect(b.flush() == nil)
    }
}

@Suite struct StatementBufferCommentTests {
    @Test func aCommentLineAloneOpensNoStatement() {
        var b = StatementBuffer()
        _ = b.append("// just a note")
        #expect(!b.isPending)
        _ = b.append("/* open")
        #expect(b.isPending)
        _ = b.append("close */")
        #expect(!b.isPending)
    }
}
