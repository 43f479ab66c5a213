import Foundation
import KGCore
import KGQuery
import Testing
@testable import KGRepl

/// Issue 18 item 10: `:why` wraps its lines to the terminal width and shows at most ten of
/// the statements an aggregate rests on.
@Suite struct WhyReportTests {
    @Test func linesAreWrappedToTheWidth() throws {
        var (repl, c) = try Fixture.repl(ReplSettings(mode: .csv, width: 36))
        _ = repl.feed("MATCH (r:Role)-[:REQUIRES]->(s) RETURN r.name, s.name;")
        _ = repl.feed(":why 1")
        let why = try #require(c.out.range(of: "r.name = Agent\n"), "\(c.out)")
        let lines = c.out[why.lowerBound...].components(separatedBy: "\n").dropLast()
        #expect(lines.count > 10, "\(c.out)")
        for line in lines { #expect(line.count <= 36, "'\(line)' is wider than 36") }
        // At indent 6, "document: A guide (guide.txt), Example Press" breaks; the rest goes 2 further in.
        #expect(c.out.contains("      document: A guide (guide.txt),\n        Example Press\n"), "\(c.out)")
        #expect(c.out.contains("  (:Role\n    \"Agent\")-[:REQUIRES]->(:Skill\n    \"Empathy\")\n"), "the relationship first: \(c.out)")
        var (wide, w) = try Fixture.repl(ReplSettings(mode: .csv, width: 200))
        _ = wide.feed("MATCH (r:Role)-[:REQUIRES]->(s) RETURN r.name, s.name;")
        _ = wide.feed(":why 1")
        #expect(w.out.contains("      document: A guide (guide.txt), Example Press\n"))
    }

    @Test func anAggregateShowsTheFirstTenStatements() throws {
        var g = try Fixture.graph()
        for i in 1...14 { try g.addNode(Node(id: "skill:s\(i)", labels: ["Skill"], properties: ["name": .string("S\(i)")])) }
        let rows: [[QueryValue]] = [[.int(15)]]
        let skills = (0..<g.nodeCount).filter { g.nodes[$0].labels.contains("Skill") }
        #expect(skills.count == 15)
        let text = WhyReport.render(row: rows[0], columns: ["n"], graph: g, language: nil, sources: (skills, []))
        #expect(text.contains("rests on 0 relationships and 15 nodes:\n"), "\(text)")
        #expect(text.components(separatedBy: "(:Skill ").count - 1 == 10, "\(text)")
        #expect(text.hasSuffix("  … 5 more (the first 10 are shown; query the rows without aggregating to see them all)\n"), "\(text)")
        // Through the shell: count(s) over the 15 skills.
        var (repl, c) = try Fixture.repl()
        repl.session.graph = g
        _ = repl.feed("MATCH (s:Skill) RETURN count(s) AS n;")
        _ = repl.feed(":why 1")
        #expect(c.out.contains("n = 15\nrests on 0 relationships and 15 nodes:\n"), "\(c.out)")
        #expect(c.out.contains("… 5 more (the first 10 are shown"), "\(c.out)")
    }
}

/// Issue 18 item 15 in the shell: `:export` and `:graph` tell the shell that long work runs
/// (it draws its progress line), and always say when it ended, error or not.
@Suite struct ReplProgressTests {
    @Test func exportAndGraphShowProgress() throws {
        var (repl, c) = try Fixture.repl()
        nonisolated(unsafe) var events: [String] = []
        repl.startProgress = { label in events.append("start " + label); return { events.append("stop") } }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-progress-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = repl.feed("MATCH (r:Role) RETURN r;")
        #expect(events.isEmpty, "a statement's progress is the shell's (before/afterStatement)")
        _ = repl.feed(":export json \(path)")
        #expect(events == ["start exporting json", "stop"], "\(events) \(c.err)")
        #expect(c.err.contains("wrote \(path)"))
        _ = repl.feed(":graph /nonexistent/kgq-graph")
        #expect(events == ["start exporting json", "stop", "start loading /nonexistent/kgq-graph", "stop"], "\(events)")
        #expect(repl.failures == 1)
    }
}
