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
        _ = repl.feed(":zzzzzzzz")
        #expect(c.err.contains("unknown command ':zzzzzzzz'\n  help: :help lists the commands\n"), "nothing is close: \(c.err)")
        _ = repl.feed(":qit")
        #expect(c.err.contains("did you mean :quit?"))
        _ = repl.feed(":whi 1")
        #expect(c.err.contains("did you mean :why?"))
    }

    @Test func paramsModeTimerAndLang() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":param who \"Agent\"")
        _ = repl.feed(":param n 2")
        _ = repl.feed(":params")
        #expect(c.out.contains("{\"n\": 2, \"who\": \"Agent\"}\n"))
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
        #expect(c.out.contains("s.name = Empathy\n"))
        #expect(c.out.contains("(:Skill \"Empathy\") skill:empathy\n    uncited"), "s.name is traced to s")
        #expect(c.out.contains("rests on 1 relationship and 2 nodes:"), "q counted once, though also named in the pattern")
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

    /// A row of properties only: `:why` finds the nodes and the (anonymous) relationship they
    /// were read from, the relationship first; `:export` draws them.
    @Test func whyTracesPropertiesToWhereTheyWereRead() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed("MATCH (r:Role)-[:REQUIRES]->(s) RETURN r.name, s.name ORDER BY r.name LIMIT 1;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("r.name = Agent\ns.name = Empathy\nrests on 1 relationship and 2 nodes:\n"
                               + "  (:Role \"Agent\")-[:REQUIRES]->(:Skill \"Empathy\")\n    \"empathy matters most\" — line 7\n"), "\(c.out)")
        #expect(c.out.contains("  (:Role \"Agent\") role:agent\n    \"agents answer calls\" — line 3\n"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-why-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed(":export json \(path)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("role:agent") && text.contains("skill:empathy") && text.contains("\"e1\""))
        #expect(c.err.contains("wrote \(path): 2 nodes, 1 relationships"))
    }

    /// An aggregate rests on what it counted; a computed value on nothing; a write is not re-run.
    @Test func whyOfAggregatesLiteralsAndWrites() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed("MATCH (n) WHERE n:Role OR n:Skill RETURN count(n) AS n;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("rests on 0 relationships and 2 nodes:"), "\(c.out)")
        _ = repl.feed("RETURN 1 + 1 AS two;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("no statement of the graph stands behind this row"))
        _ = repl.feed(":export json x.json")
        #expect(c.err.contains("the last result has no nodes or relationships to export"))
        #expect(c.err.contains(":export graph json x.json"))
        #expect(!FileManager.default.fileExists(atPath: "x.json"))
        let before = repl.session.graph.nodeCount
        _ = repl.feed("CREATE (s:Skill {name: 'Patience'}) RETURN s.name;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("a statement that writes is not run again"))
        #expect(repl.session.graph.nodeCount == before + 1, "tracing did not create a second node")
    }

    /// Values projected through WITH keep their lineage: `WITH r.name AS n, s.name AS k RETURN n, k`
    /// is traced to r, s and the relationship between them, and a count over a WITH to what it counted.
    @Test func whyTracesThroughWith() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed("MATCH (r:Role)-[:REQUIRES]->(s) WITH r.name AS n, s.name AS k RETURN n, k;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("n = Agent\nk = Empathy\nrests on 1 relationship and 2 nodes:\n"
                               + "  (:Role \"Agent\")-[:REQUIRES]->(:Skill \"Empathy\")\n    \"empathy matters most\" — line 7\n"), "\(c.out)")
        _ = repl.feed("MATCH (r:Role)-[:REQUIRES]->(s) WITH r, count(s) AS skills WHERE skills > 0 RETURN r.name, skills;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("r.name = Agent\nskills = 1\nrests on 1 relationship and 2 nodes:\n"), "\(c.out)")
        _ = repl.feed("MATCH (r:Role) WITH DISTINCT r.level AS level RETURN level;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("level = 2\nrests on 0 relationships and 1 node:\n  (:Role \"Agent\") role:agent\n"), "\(c.out)")
    }

    /// Issue 18 item 3: `:graph DIR` reads a folder of CSV files with the CSV importer, as `--graph` does.
    @Test func graphCommandLoadsACSVFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-csv-graph-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id:ID,:LABEL,name\nr1,Role,Agent\ns1,Skill,Calm\ns2,Skill,Tact\n".write(toFile: dir + "/nodes.csv", atomically: true, encoding: .utf8)
        try ":START_ID,:END_ID,:TYPE\nr1,s1,REQUIRES\nr1,s2,REQUIRES\n".write(toFile: dir + "/edges.csv", atomically: true, encoding: .utf8)
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":graph \(dir)")
        #expect(c.err.contains("loaded \(dir): 3 nodes, 2 relationships"), "\(c.err)")
        _ = repl.feed("MATCH (:Role)-[:REQUIRES]->(s) RETURN s.name ORDER BY s.name;")
        #expect(c.out.replacingOccurrences(of: "\r\n", with: "\n").contains("s.name\nCalm\nTact\n"), "\(c.out)")
    }

    @Test func lineageRewritesTheReturn() throws {
        let l = try Lineage(of: "MATCH (f:Figure)-->(r:Role) WITH f, r MATCH (f)-[:FROM]-(d) RETURN DISTINCT f.value AS v, d.name ORDER BY v LIMIT 3")
        #expect(l.text == "MATCH (f:Figure)-[__why_rel1]->(r:Role) WITH `__why_rel1` AS __why_w1_1, `f` AS __why_w1_2, `r` AS __why_w1_3, f, r "
                + "MATCH (f)-[__why_rel2:FROM]-(d) "
                + "RETURN f.value AS `v`, d.name, `__why_w1_1` AS __why_1, `__why_w1_2` AS __why_2, `__why_w1_3` AS __why_3, "
                + "`__why_rel2` AS __why_4, `f` AS __why_5, `d` AS __why_6")
        #expect(l.columns == 2 && !l.aggregated)
        // A grouping or DISTINCT WITH carries lists of its sources; DISTINCT becomes grouping (same rows).
        let g = try Lineage(of: "MATCH (r)-[:REQUIRES]->(s) WITH DISTINCT r.name AS n WHERE n <> '' RETURN n")
        #expect(g.text == "MATCH (r)-[__why_rel1:REQUIRES]->(s) WITH collect(DISTINCT `__why_rel1`) AS __why_w1_1, "
                + "collect(DISTINCT `r`) AS __why_w1_2, r.name AS n WHERE n <> '' RETURN n, `__why_w1_1` AS __why_1, "
                + "`__why_w1_2` AS __why_2, `n` AS __why_3")
        #expect(throws: Lineage.Refusal.self) { try Lineage(of: "MATCH (n) WITH DISTINCT * RETURN n.name") }
        #expect(throws: Lineage.Refusal.self) { try Lineage(of: "RETURN 1 UNION RETURN 2") }
    }

    @Test func exportNeedsAResultOrGraph() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":export kg nothing.kg")
        #expect(c.err.contains("no result to export yet"))
        #expect(c.err.contains(":export graph kg nothing.kg"))
    }

    /// `:export graph kg FILE` keeps the whole graph, session edits included, as a
    /// .kg file that loads back.
    @Test func exportKGKeepsSessionEdits() throws {
        var (repl, c) = try Fixture.repl()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-edits-\(getpid()).kg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let before = repl.session.graph.nodeCount
        _ = repl.feed("CREATE (:Skill {name: 'patience', noted: date('2020-05'), at: localtime('10:35')});")
        _ = repl.feed("MATCH (s:Skill) RETURN count(s);")
        _ = repl.feed(":export graph kg \(path)")
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
