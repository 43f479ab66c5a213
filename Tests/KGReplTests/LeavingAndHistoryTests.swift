import Foundation
import KGOutput
import Testing
@testable import KGRepl

/// Issue 18 item 12: the words that leave, `:history`, `:clear`.
@Suite struct LeavingAndHistoryTests {
    @Test(arguments: ["exit", "quit", ":exit", ":q", "\\q", ":quit", "  EXIT  ", "quit;", ":Q"])
    func leaves(_ line: String) throws {
        var (repl, c) = try Fixture.repl()
        let r1 = repl.feed("RETURN 1 AS one;")
        #expect(r1)
        let r2 = repl.feed(line)
        #expect(!r2, "'\(line)' leaves")
        #expect(c.err.isEmpty, "\(c.err)")
    }

    /// Inside an unfinished statement the words are part of it, not a way out.
    @Test func wordsInsideAStatementDoNotLeave() throws {
        var (repl, c) = try Fixture.repl()
        let r3 = repl.feed("RETURN 'a' AS")
        #expect(r3)
        let r4 = repl.feed("quit;")
        #expect(r4, "a column named quit")
        #expect(c.out.contains("quit\r\na\r\n"), "\(c.out) \(c.err)")
    }

    @Test func historyListsWholeStatementsNumbered() throws {
        var (empty, e) = try Fixture.repl()
        #expect(empty.historyListing(last: 20) == "(no history yet)\n")
        _ = empty.feed(":history")
        #expect(e.out == "(no history yet)\n", "the command itself is entered after it ran")
        var (repl, c) = try Fixture.repl()
        var remembered: [String] = []
        _ = repl.feed("MATCH (r:Role)")
        _ = repl.feed("RETURN r.name AS name;")
        _ = repl.feed("")
        _ = repl.feed(":mode line")
        _ = repl.feed(":mode line")   // a repeat is one entry
        _ = repl.feed("RETURN 1 AS a; RETURN 2 AS b;")
        #expect(repl.history == ["MATCH (r:Role)\nRETURN r.name AS name;", ":mode line", "RETURN 1 AS a; RETURN 2 AS b;"])
        repl.remember = { remembered.append($0) }
        _ = repl.feed(":history")
        #expect(c.out.hasSuffix("1  MATCH (r:Role)\n   RETURN r.name AS name;\n2  :mode line\n3  RETURN 1 AS a; RETURN 2 AS b;\n"), "\(c.out)")
        #expect(remembered == [":history"])
        _ = repl.feed(":history 2")
        #expect(c.out.hasSuffix("3  RETURN 1 AS a; RETURN 2 AS b;\n4  :history\n"), "\(c.out)")
        _ = repl.feed(":history many")
        #expect(c.err.contains("usage: :history [N]"))
    }

    /// Ctrl-C drops the half-typed statement from the history too; `:source` adds only its own line.
    @Test func discardedAndSourcedLinesAreNotEntries() throws {
        var (repl, _) = try Fixture.repl()
        _ = repl.feed("MATCH (n)")
        repl.discardPending()
        _ = repl.feed("RETURN 3 AS c;")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-hist-\(getpid()).cypher").path
        try "RETURN 4 AS d;\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed(":source \(path)")
        #expect(repl.history == ["RETURN 3 AS c;", ":source \(path)"])
    }

    @Test func clearWritesEscapesOnlyToATerminal() throws {
        var (plain, c) = try Fixture.repl()
        let r5 = plain.feed(":clear")
        #expect(r5)
        #expect(c.out.isEmpty && c.err.isEmpty)
        var (screen, t) = try Fixture.repl(ReplSettings(mode: .table, terminal: true))
        let r6 = screen.feed(":clear")
        #expect(r6)
        #expect(t.out == "\u{1B}[H\u{1B}[2J")
    }

    @Test func helpNamesTheAliases() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":help")
        #expect(c.out.contains("(also :exit, :q)"))
        #expect(c.out.contains(":history [N]"))
        #expect(c.out.contains(":clear"))
    }
}

/// Issue 18 item 12: `:edit` opens the statement being typed when it stands on a line of its own
/// before the `;`, else the last statement; what is saved runs and is the history entry.
@Suite struct EditCommandTests {
    @Test func editOpensTheUnfinishedStatement() throws {
        var (repl, c) = try Fixture.repl()
        nonisolated(unsafe) var opened: [String] = []
        repl.editText = { text in opened.append(text); return text.replacingOccurrences(of: "LIMIT", with: "RETURN r.name AS n LIMIT") + "  ;\n" }
        _ = repl.feed("MATCH (r:Role)")
        _ = repl.feed("WITH r LIMIT 1")
        #expect(repl.prompt == "   -> ")
        _ = repl.feed(":edit")
        #expect(opened == ["MATCH (r:Role)\nWITH r LIMIT 1\n"], "the statement so far, not the last one: \(opened)")
        #expect(c.out.contains("n\r\nAgent\r\n"), "the edited statement ran: \(c.out) \(c.err)")
        #expect(repl.prompt == "kgq> ")
        #expect(repl.history == ["MATCH (r:Role)\nWITH r RETURN r.name AS n LIMIT 1\n  ;"], "one entry, the edited text: \(repl.history)")
        // No statement waiting: the last statement is opened.
        _ = repl.feed(":edit")
        #expect(opened.count == 2 && opened[1].hasPrefix("MATCH (r:Role)\nWITH r RETURN r.name"), "\(opened)")
    }

    @Test func editInsideAStringIsText() throws {
        var (repl, c) = try Fixture.repl()
        nonisolated(unsafe) var opened = 0
        repl.editText = { _ in opened += 1; return nil }
        _ = repl.feed("RETURN 'two")
        _ = repl.feed(":edit")
        _ = repl.feed("lines' AS s;")
        #expect(opened == 0)
        #expect(c.out.contains("two\n:edit\nlines"), "\(c.out.debugDescription) \(c.err)")
    }

    @Test func aFailedEditorKeepsTheStatement() throws {
        var (repl, c) = try Fixture.repl()
        repl.editText = { _ in nil }
        _ = repl.feed("RETURN 5")
        _ = repl.feed(":edit")
        #expect(c.err.contains("the editor did not finish normally; nothing was run (the statement being typed is kept)"), "\(c.err)")
        _ = repl.feed("AS five;")
        #expect(c.out.contains("five\r\n5\r\n"), "\(c.out) \(c.err)")
    }
}
