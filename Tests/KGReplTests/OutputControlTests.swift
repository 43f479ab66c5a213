import Foundation
import KGOutput
import Testing
@testable import KGRepl

/// Issue 18 item 11: `:maxrows`, `:output FILE`, `:once FILE`.
@Suite struct OutputControlTests {
    static func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kgq-\(name)-\(getpid())-\(UUID().uuidString)").path
    }

    @Test func maxRowsCutsTheScreenAndLastShowsAll() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table, maxRows: 3))
        _ = repl.feed("UNWIND range(1, 10) AS i RETURN i;")
        #expect(c.out.contains("│ 3 │"))
        #expect(!c.out.contains("│ 4 │"), "\(c.out)")
        #expect(c.out.hasSuffix("… 7 more rows (10 in all; :last shows them all, :maxrows N changes how many are shown)\n"), "\(c.out)")
        #expect(!c.out.contains("10 rows"))
        #expect(repl.last?.rows.count == 10, "the whole result is kept")
        _ = repl.feed(":last")
        #expect(c.paged.contains("│ 10 │") && c.paged.hasSuffix("10 rows\n"), "\(c.paged)")
    }

    @Test func fewRowsAndMachineModesAreNotCut() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table, maxRows: 3))
        _ = repl.feed("UNWIND range(1, 3) AS i RETURN i;")
        #expect(c.out.hasSuffix("3 rows\n"))
        _ = repl.feed(":mode csv")
        _ = repl.feed("UNWIND range(1, 10) AS i RETURN i;")
        #expect(c.out.hasSuffix("9\r\n10\r\n"), "csv is read by programs: never cut")
        _ = repl.feed(":mode line")
        _ = repl.feed("UNWIND range(1, 10) AS i RETURN i;")
        #expect(c.out.hasSuffix("i = 3\n… 7 more rows (10 in all; :last shows them all, :maxrows N changes how many are shown)\n"), "\(c.out)")
    }

    @Test func maxRowsCommand() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table, maxRows: 40))
        _ = repl.feed(":maxrows")
        #expect(c.out == "maxrows: 40\n")
        _ = repl.feed(":maxrows 2")
        #expect(repl.settings.maxRows == 2)
        _ = repl.feed(":maxrows 0")
        #expect(repl.settings.maxRows == nil)
        _ = repl.feed(":maxrows")
        #expect(c.out.hasSuffix("maxrows: 0 (all rows)\n"))
        _ = repl.feed(":maxrows -1")
        _ = repl.feed(":maxrows many")
        #expect(repl.failures == 2)
        #expect(c.err.contains("usage: :maxrows N"))
        _ = repl.feed("UNWIND range(1, 50) AS i RETURN i;")
        #expect(c.out.hasSuffix("50 rows\n"))
    }

    @Test func outputWritesLaterResultsWholeInTheCurrentMode() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table, width: 10, maxRows: 2))
        let path = Self.temporary("output")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "old contents\n".write(toFile: path, atomically: true, encoding: .utf8)
        _ = repl.feed(":output \(path)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "", "emptied at once")
        _ = repl.feed(":mode csv")
        _ = repl.feed("UNWIND range(1, 5) AS i RETURN i;")
        _ = repl.feed("RETURN 'a text longer than the terminal' AS t;")
        #expect(c.out.isEmpty, "nothing on the screen: \(c.out)")
        #expect(c.err.contains("5 rows written to \(path)"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "i\r\n1\r\n2\r\n3\r\n4\r\n5\r\nt\r\na text longer than the terminal\r\n",
                "every row, nothing cut to the width")
        _ = repl.feed(":output")
        _ = repl.feed("RETURN 1 AS back;")
        #expect(c.out == "back\r\n1\r\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("terminal\r\n"), "the file is left as it was")
    }

    @Test func onceWritesOnlyTheNextResult() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table))
        let path = Self.temporary("once")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed(":once \(path)")
        #expect(!FileManager.default.fileExists(atPath: path), "written by the statement, not by :once")
        _ = repl.feed("MATCH (r:Role) RETURN r.name AS name;")
        _ = repl.feed("RETURN 2 AS screen;")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("│ Agent │") && text.hasSuffix("1 row\n"), "\(text)")
        #expect(!text.contains("screen"))
        #expect(c.out.contains("│ screen │"))
        #expect(c.err.contains("1 row written to \(path)"))
    }

    /// `:once` inside `:output`: the one result goes to the `:once` file, later ones to `:output`'s.
    @Test func onceWithinOutput() throws {
        var (repl, _) = try Fixture.repl(ReplSettings(mode: .csv))
        let all = Self.temporary("all"), one = Self.temporary("one")
        defer { try? FileManager.default.removeItem(atPath: all); try? FileManager.default.removeItem(atPath: one) }
        _ = repl.feed(":output \(all)")
        _ = repl.feed("RETURN 1 AS a;")
        _ = repl.feed(":once \(one)")
        _ = repl.feed("RETURN 2 AS b;")
        _ = repl.feed("RETURN 3 AS c;")
        #expect(try String(contentsOfFile: all, encoding: .utf8) == "a\r\n1\r\nc\r\n3\r\n")
        #expect(try String(contentsOfFile: one, encoding: .utf8) == "b\r\n2\r\n")
    }

    @Test func unwritableFilesAreRefused() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":output /nonexistent-kgq-dir/out.txt")
        #expect(c.err.contains("the directory '/nonexistent-kgq-dir' does not exist"), "\(c.err)")
        _ = repl.feed(":once \(FileManager.default.temporaryDirectory.path)")
        #expect(c.err.contains("it is a directory"), "\(c.err)")
        _ = repl.feed(":once")
        #expect(c.err.contains("usage: :once FILE"))
        #expect(repl.failures == 3)
        _ = repl.feed("RETURN 1 AS still;")
        #expect(c.out == "still\r\n1\r\n", "results stay on the screen")
    }

    /// In json mode an error is a result too: it goes where results go.
    @Test func jsonErrorsFollowTheResults() throws {
        var (repl, _) = try Fixture.repl(ReplSettings(mode: .json))
        let path = Self.temporary("json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed(":once \(path)")
        _ = repl.feed("RETURN nope;")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{\"error\": {"))
    }
}

/// Issue 18 item 11: `:pager on|off|auto` — auto pages a result taller than the terminal and
/// `:last`; on pages every result; off none.
@Suite struct PagerModeTests {
    @Test func pagerModes() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table, height: 10))
        _ = repl.feed(":pager")
        #expect(c.out == "pager: auto\n")
        _ = repl.feed("UNWIND range(1, 3) AS i RETURN i;")
        #expect(c.paged.isEmpty, "7 lines fit in 10")
        _ = repl.feed("UNWIND range(1, 20) AS i RETURN i;")
        #expect(c.paged.contains("│ 20 │"), "taller than the terminal: paged")
        let pagedBefore = c.paged
        _ = repl.feed(":pager off")
        _ = repl.feed("UNWIND range(1, 30) AS i RETURN i;")
        _ = repl.feed(":last")
        #expect(c.paged == pagedBefore, "off: nothing paged")
        #expect(c.out.contains("│ 30 │"))
        _ = repl.feed(":pager on")
        _ = repl.feed("RETURN 1 AS one;")
        #expect(c.paged.hasSuffix("1 row\n") && c.paged.contains("│ one │"), "on: every result: \(c.paged)")
        _ = repl.feed(":pager sometimes")
        #expect(c.err.contains("usage: :pager on|off|auto"), "\(c.err)")
        #expect(repl.settings.pager == .on)
    }
}
