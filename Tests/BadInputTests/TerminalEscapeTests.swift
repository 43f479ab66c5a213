import Foundation
import KGTestSupport
import Testing

/// Control characters from graph data, documents and names never reach a terminal raw (issue
/// 16, item 15): ESC, BEL and NUL in a node's name, a quote, a file or folder name are shown as
/// their control pictures (␛ ␇ ␀) in table, line and markdown output, the audit's text and
/// markdown reports, listings and messages; data formats (JSON, CSV) keep the exact text.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct TerminalEscapes {
    /// The raw control characters a hostile graph plants.
    static let raw: [UInt8] = [0x1B, 0x07, 0x00, 0x9B]

    /// A graph whose node name and citation quote hold ESC [31m, BEL, NUL and a C1 CSI, with a
    /// documents folder holding the cited text.
    static func hostileGraph() throws -> (graph: URL, documents: URL) {
        let folder = try KGTestSupport.temporaryFolder("kgq-escape")
        let graph = folder.appendingPathComponent("g"), documents = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        let text = Data("the first line of the text\n".utf8)
        try text.write(to: documents.appendingPathComponent("a.txt"))
        let kg = """
            document doc:a {
              file: "a.txt"
              sha256: "\(String(repeating: "0", count: 64))"
              language: "en"
              title: "A"
              kind: "report"
            }

            node thing:x :Thing {
              name: "red\\u{1B}[31mX\\u{7}\\u{0}\\u{9B}2J"
            }
            cite doc:a line 1 "not \\u{1B}]0;pwned\\u{7} there"

            """
        try kg.write(to: graph.appendingPathComponent("a.kg"), atomically: false, encoding: .utf8)
        return (graph, documents)
    }

    static func hasRawControls(_ data: Data) -> Bool {
        data.contains { $0 == 0x1B || $0 == 0x07 || $0 == 0x00 } || String(decoding: data, as: UTF8.self).unicodeScalars.contains { $0.value == 0x9B }
    }

    @Test(arguments: ["table", "line", "markdown"])
    func queryOutputForPeopleShowsControlCharacters(_ format: String) throws {
        let (graph, _) = try Self.hostileGraph()
        defer { try? FileManager.default.removeItem(at: graph.deletingLastPathComponent()) }
        let run = KGTestSupport.runKGQ(["query", "--graph", graph.path, "--format", format, "MATCH (n:Thing) RETURN n.name AS name"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!Self.hasRawControls(run.stdoutData), "raw control characters in \(format) output: \(run.stdout.debugDescription)")
        #expect(run.stdout.contains("red␛[31mX␇␀\\u{9B}2J"), "\(run.stdout)")
    }

    @Test func dataFormatsKeepTheExactText() throws {
        let (graph, _) = try Self.hostileGraph()
        defer { try? FileManager.default.removeItem(at: graph.deletingLastPathComponent()) }
        let json = KGTestSupport.runKGQ(["query", "--graph", graph.path, "--format", "json", "MATCH (n:Thing) RETURN n.name AS name"])
        #expect(json.stdout.contains("red\\u001b[31mX\\u0007\\u0000"), "\(json.stdout)")
    }

    @Test(arguments: ["text", "markdown"])
    func auditReportsForPeopleShowControlCharacters(_ format: String) throws {
        let (graph, documents) = try Self.hostileGraph()
        defer { try? FileManager.default.removeItem(at: graph.deletingLastPathComponent()) }
        let run = KGTestSupport.runKGQ(["audit", "--graph", graph.path, "--documents", documents.path,
                                        "--format", format, "--fail-on", "never", "--verbose"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!Self.hasRawControls(run.stdoutData), "raw control characters in the \(format) report: \(run.stdout.debugDescription)")
        #expect(run.stdout.contains("not ␛]0;pwned␇ there"), "\(run.stdout)")
    }

    @Test func namesInMessagesAndListingsShowControlCharacters() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-escape")
        defer { try? FileManager.default.removeItem(at: folder) }
        // A folder named with ESC: `check` prints it in its summary line, `export` in "wrote …".
        let graph = folder.appendingPathComponent("g\u{1B}[2Jx")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try "node a:b :T {\n  name: \"b\"\n}\n".write(to: graph.appendingPathComponent("a.kg"), atomically: false, encoding: .utf8)
        let check = KGTestSupport.runKGQ(["check", "--graph", graph.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(!Self.hasRawControls(check.stdoutData) && check.stdout.contains("g␛[2Jx"), "\(check.stdout.debugDescription)")

        let target = folder.appendingPathComponent("out\u{7}.json").path
        let export = KGTestSupport.runKGQ(["export", "--graph", graph.path, "-o", target])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stderr.contains("out␇.json") && !Self.hasRawControls(Data(export.stderr.utf8)), "\(export.stderr.debugDescription)")

        let missing = KGTestSupport.runKGQ(["check", "--graph", folder.appendingPathComponent("no\u{1B}[31m").path])
        #expect(missing.status == 2)
        #expect(!Self.hasRawControls(Data(missing.stderr.utf8)) && missing.stderr.contains("no␛[31m"), "\(missing.stderr.debugDescription)")
    }
}
