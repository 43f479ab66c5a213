import Foundation
import KGCore
import KGFormat
import KGOutput
import KGQuery
import Testing
@testable import KGRepl

@Suite struct ReplTests {
    @Test func runsMultiLineStatementsInOneSession() throws {
        var (repl, c) = try Fixture.repl()
        #expect(repl.prompt == "kgq> ")
        let continued = repl.feed("MATCH (r:Role)")
        #expect(continued)
        #expect(repl.prompt == "   -> ")
        let ran = repl.feed("RETURN r.name AS name; RETURN 1 AS one;")
        #expect(ran)
        #expect(c.out == "name\r\nAgent\r\none\r\n1\r\n")
        #expect(repl.prompt == "kgq> ")
        _ = repl.feed("CREATE (:Skill {name: 'Patience'});")
        _ = repl.feed("MATCH (s:Skill) RETURN count(s) AS n;")
        #expect(c.out.hasSuffix("n\r\n2\r\n"))
        #expect(repl.failures == 0)
    }

    @Test func errorsGoToStderrAndCount() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed("RETURN nope;")
        #expect(repl.failures == 1)
        #expect(c.out.isEmpty)
        #expect(c.err.contains("nope"))
    }

    @Test func failFastStops() throws {
        var (repl, _) = try Fixture.repl(ReplSettings(mode: .csv, failFast: true))
        let goOn = repl.feed("RETURN nope; RETURN 1;")
        #expect(!goOn)
    }

    @Test func helpIsGeneratedFromTheTable() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":help")
        for cmd in ReplCommand.all {
            #expect(c.out.contains(":" + cmd.name), "\(cmd.name) missing from :help")
            #expect(c.out.contains(cmd.summary))
        }
        #expect(c.out.split(separator: "\n").count == ReplCommand.all.count + 1)
    }

    @Test func unknownCommandSuggestsTheNearest() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":shema")
        #expect(c.err.contains("did you mean :schema?"))
        #expect(repl.failures == 1)
    }

    @Test func paramsModeTimerAndLang() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":param who \"Agent\"")
        _ = repl.feed(":param n 2")
        _ = repl.feed(":params")
        #expect(c.out.contains("$n = 2\n$who = \"Agent\"\n"))
        _ = repl.feed("MATCH (r:Role) WHERE r.name = $who RETURN r.level + $n AS x;")
        #expect(c.out.hasSuffix("x\r\n4\r\n"))
        _ = repl.feed(":mode markdown")
        #expect(repl.settings.mode == .markdown)
        _ = repl.feed(":mode bogus")
        #expect(repl.failures == 1)
        _ = repl.feed(":timer on")
        #expect(repl.settings.timer)
        _ = repl.feed(":lang nl")
        #expect(repl.session.displayLanguage == "nl")
        _ = repl.feed(":param n")
        #expect(repl.session.parameters["n"] == nil)
    }

    @Test func schemaListsLabelsTypesAndProperties() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":schema")
        #expect(c.out.contains("  :Role (1)\n      level (1), name (1)\n"))
        #expect(c.out.contains("  [:REQUIRES] (1)\n      weight (1)\n"))
    }

    @Test func whyFollowsCitationsToDocumentAndSource() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed("MATCH (r:Role)-[q:REQUIRES]->(s) RETURN r, q, s.name;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("\"agents answer calls\" — line 3\n      document: A guide (guide.txt), Example Press\n      via: BLS (source:bls)\n"))
        #expect(c.out.contains("(:Role \"Agent\")-[:REQUIRES]->(:Skill \"Empathy\")\n    \"empathy matters most\" — line 7"))
        #expect(c.out.contains("(:Skill \"Empathy\") skill:empathy") == false)
        #expect(c.out.contains("s.name: Empathy — a value"))
        _ = repl.feed(":why 5")
        #expect(c.err.contains("row 5 is not in the last result (it has 1 row)"))
    }

    @Test func lastGoesThroughThePager() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .table, width: 20))
        _ = repl.feed(":last")
        #expect(c.err.contains("no result yet"))
        _ = repl.feed("RETURN 'a rather long text that will not fit' AS t;")
        #expect(c.out.contains("…"))
        _ = repl.feed(":last")
        #expect(c.paged.contains("a rather long text that will not fit"))
    }

    @Test func sourceRunsAFile() throws {
        var (repl, c) = try Fixture.repl()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-source-\(getpid()).cypher").path
        try "// a script\n:param k 5\nRETURN $k\n  AS k;\nRETURN 'two' AS t".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed(":source \(path)")
        #expect(c.out == "k\r\n5\r\nt\r\ntwo\r\n")
        _ = repl.feed(":source /nonexistent/file")
        #expect(c.err.contains("cannot read '/nonexistent/file'"))
    }

    @Test func exportWritesTheLastResult() throws {
        var (repl, c) = try Fixture.repl()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-export-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed("MATCH (r:Role) RETURN r;")
        _ = repl.feed(":export json \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("role:agent"))
        #expect(!text.contains("skill:empathy"))
        _ = repl.feed(":export bmp x")
        #expect(c.err.contains("unknown export format 'bmp'"))
    }

    /// `:export kg FILE` before any result keeps the whole graph, session edits included, as a
    /// .kg file that loads back.
    @Test func exportKGKeepsSessionEdits() throws {
        var (repl, c) = try Fixture.repl()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-edits-\(getpid()).kg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = repl.session.graph.nodeCount
        _ = repl.feed("CREATE (:Skill {name: 'patience', noted: date('2020-05'), at: localtime('10:35')});")
        _ = repl.feed(":export kg \(path)")
        #expect(c.err.contains("wrote \(path)"), "\(c.err)")
        let back = try GraphLoader.load(files: [(name: "edits.kg", text: try String(contentsOfFile: path, encoding: .utf8))])
        #expect(back.nodeCount == before + 1)
        let patience = try #require(back.nodes(named: "patience").first)
        #expect(back.nodes[patience].properties["noted"] == .date(KGDate("2020-05")!))
        let original = try #require(repl.session.graph.nodes(named: "patience").first)
        #expect(back.nodes[patience].properties["at"] == repl.session.graph.nodes[original].properties["at"])
    }

    @Test func jsonModeWritesErrorsOnStdoutToo() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .json))
        _ = repl.feed("RETURN nope;")
        #expect(c.out.hasPrefix("{\"error\": {"))
    }
}

@Suite struct ReplLineTests {
    @Test func aCommandMayFollowStatementsOnTheSameLine() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed("RETURN 1 AS a; :mode line")
        #expect(repl.settings.mode == .line)
        #expect(!repl.prompt.contains("->"))
        _ = repl.feed("RETURN 2 AS b;")
        #expect(c.out.hasSuffix("b = 2\n1 row\n"))
    }
}
