import Testing
@testable import KGRepl

@Suite struct StatementBufferTests {
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
