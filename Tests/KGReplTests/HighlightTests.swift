import Foundation
import KGQuery
import Testing
@testable import KGRepl

/// Issue 18 item 16: the colours of the statement being typed.
struct HighlightTests {
    let highlighter = SyntaxHighlighter(keywords: QuerySession.keywords)

    /// The words of `text` each span covers, with its kind.
    func colored(_ text: String) -> [String] {
        let c = Array(text)
        return highlighter.spans(text).map { "\($0.kind.rawValue):\(String(c[$0.start..<$0.end]))" }
    }

    @Test func keywordsLabelsStringsNumbersParameters() {
        #expect(colored("MATCH (r:Role)-[:REQUIRES|HAS]->(s) WHERE r.name = 'agent' AND s.level > 2.5 RETURN $limit;")
                == ["keyword:MATCH", "label:Role", "label:REQUIRES", "label:HAS", "keyword:WHERE", "string:'agent'",
                    "keyword:AND", "number:2.5", "keyword:RETURN", "parameter:$limit"])
    }

    @Test func keywordsInAnyCaseButNotPropertyKeysOrMapKeys() {
        #expect(colored("match (n) return n.count, {limit: 1} as m") == ["keyword:match", "keyword:return", "number:1", "keyword:as"])
    }

    @Test func commentsAndCommands() {
        #expect(colored("RETURN 1 // what 'this' is\n/* MATCH */ RETURN 2") == ["keyword:RETURN", "number:1", "comment:// what 'this' is",
                                                                             "comment:/* MATCH */", "keyword:RETURN", "number:2"])
        #expect(colored(":export png 'x y'.png") == ["command::export png 'x y'.png"])
    }

    @Test func unfinishedStringsAndVariableLengthRanges() {
        #expect(colored("RETURN 'kundtjänst") == ["keyword:RETURN", "string:'kundtjänst"])
        #expect(colored("MATCH (a)-[*1..3]->(b)") == ["keyword:MATCH", "number:1", "number:3"])
        #expect(colored("RETURN \"a \\\" b\" + 1e-3") == ["keyword:RETURN", "string:\"a \\\" b\"", "number:1e-3"])
    }

    @Test func paintWrapsSpansInColourAndKeepsTheText() {
        let painted = highlighter.paint("MATCH (r:Role) RETURN 'å';")
        #expect(painted == "\u{1B}[1;34mMATCH\u{1B}[0m (r:\u{1B}[33mRole\u{1B}[0m) \u{1B}[1;34mRETURN\u{1B}[0m \u{1B}[32m'å'\u{1B}[0m;")
        let plain = painted.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(plain == "MATCH (r:Role) RETURN 'å';")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(DisplayWidth.of("a") == 1)
        #expect(DisplayWidth.of("ä") == 1)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("字") == 2)
        #expect(DisplayWidth.of("😀") == 2)
    }

    @Test func fileNamesComplete() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("views"), withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("vars.cypher").path, contents: Data())
        defer { try? FileManager.default.removeItem(at: dir) }
        let got = HighlightingEditor.fileCandidates(":source \(dir.path)/v")
        #expect(got.word == "\(dir.path)/v")
        #expect(got.candidates == ["\(dir.path)/vars.cypher", "\(dir.path)/views/"])
    }
}
