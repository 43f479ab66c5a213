import Foundation
import Testing

/// The README's opening example, typed into the real binary in a terminal: `:why 1` after a
/// query of properties shows the figure's relationship, its citations and sources; `:export png`
/// draws the nodes and relationships those values came from.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct OpeningExampleTests: TmuxScreen {
    let session = "kgq-opening-\(getpid())"

    /// Long lines joined, and the last 200 lines of scroll-back.
    var captureFlags: [String] { ["-p", "-J", "-S", "-200"] }

    /// Types `literal` and presses Enter.
    func typeLine(_ literal: String) throws {
        try type(literal)
        try key("Enter")
    }

    @Test func whyAndExportAfterAPropertyQuery() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-opening-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "50", "-c", dir,
                          "env NO_COLOR=1 '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history; sleep 30"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor("kgq>")
        try typeLine("MATCH (f:Figure)-[:MEASURES]->(r:Role) WHERE f.unit = 'percent' RETURN f.value, f.measure, r.name;")
        _ = try waitFor("4 rows")
        try waitForPrompt()
        try typeLine(":why 1")
        let why = try waitFor("rests on")
        #expect(why.contains("f.value = 16"), "\(why)")
        #expect(why.contains("rests on 1 relationship and 2 nodes:"))
        #expect(why.contains("(:Figure \"fig:careerbliss-growth-2011\")-[:MEASURES]->(:Role \"customer service representative\")"))
        #expect(why.contains("via: CareerBliss (source:careerbliss)"))
        #expect(!why.contains("a value, not a statement"))
        try waitForPrompt()
        try typeLine(":export png growth.png")
        _ = try waitFor("wrote growth.png")
        let png = try #require(FileManager.default.contents(atPath: dir + "/growth.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // Width and height (big-endian, bytes 16–23): a drawing, not the blank 58×58 of an empty graph.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 200, "width \(width)")
    }
}
