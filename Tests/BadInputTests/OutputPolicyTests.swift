import Foundation
import KGTestSupport
import Testing

/// Outputs that would damage the graph being read, or each other (issue 16, item 11): a file
/// the graph folder reads is refused (a report or another format always, the folder's own
/// format without --force), and two outputs of one command to one file are refused; the
/// graph still loads afterwards.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct OutputPolicyTests {
    static let refused: [(args: [String], message: String)] = [
        (["export", "--format", "json", "-o", "GRAPH/roles.kg"], "refusing to write 'GRAPH/roles.kg': it is a file of the graph being read"),
        (["export", "--format", "json", "-o", "GRAPH/roles.kg", "--force"], "a json file there would not load"),
        (["export", "-o", "GRAPH/x.kg"], "add --force to write this kg file into the graph folder"),
        (["audit", "-o", "GRAPH/zz.kg"], "refusing to write 'GRAPH/zz.kg'"),
        (["audit", "--map", "GRAPH/map.kg.svg", "-o", "GRAPH/zz.kg"], "refusing to write 'GRAPH/zz.kg'"),
        (["export", "--format", "csv", "-o", "GRAPH"], "refusing to write 'nodes.csv' in GRAPH"),
        (["audit", "--map", "OUT/same.svg", "-o", "OUT/same.svg"], "-o and --map both write 'OUT/same.svg'; one would overwrite the other"),
        (["audit", "--map", "OUT/link.svg", "-o", "OUT/same.svg"], "are the same file"),
    ]

    @Test(arguments: refused.indices)
    func anOutputOverTheGraphOrAnotherOutputIsRefused(_ i: Int) throws {
        let graph = try KGTestSupport.copyFixture("audit/graph")
        let out = graph.deletingLastPathComponent().appendingPathComponent("out")
        defer { try? FileManager.default.removeItem(at: graph.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: out.appendingPathComponent("link.svg").path, withDestinationPath: "same.svg")
        let before = try Self.snapshot(graph)
        let fill = { (s: String) in s.replacingOccurrences(of: "GRAPH", with: graph.path).replacingOccurrences(of: "OUT", with: out.path) }
        let (args, message) = Self.refused[i]
        let run = KGTestSupport.runKGQ(args.map(fill) + ["--graph", graph.path])
        #expect(run.status == 2, "\(args): \(run.stderr)")
        #expect(run.stderr.contains(fill(message)), "\(args): \(run.stderr)")
        #expect(try Self.snapshot(graph) == before, "\(args) changed the graph folder")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("same.svg").path))
        #expect(KGTestSupport.runKGQ(["check", "--graph", graph.path]).status == 0)
    }

    @Test func theFolderFormatIsWrittenThereWithForceAndOtherFilesAsUsual() throws {
        let graph = try KGTestSupport.copyFixture("audit/graph")
        defer { try? FileManager.default.removeItem(at: graph.deletingLastPathComponent()) }
        let forced = KGTestSupport.runKGQ(["export", "--graph", graph.path, "--query", "MATCH (n) RETURN n LIMIT 0",
                                           "--format", "kg", "-o", graph.appendingPathComponent("extra.kg").path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: graph.appendingPathComponent("extra.kg").path))
        // A picture in a subfolder (graphs/NAME/rendered/) is not read by the loader.
        try FileManager.default.createDirectory(at: graph.appendingPathComponent("rendered"), withIntermediateDirectories: true)
        let picture = KGTestSupport.runKGQ(["export", "--graph", graph.path, "-o", graph.appendingPathComponent("rendered/all.dot").path])
        #expect(picture.status == 0, "\(picture.stderr)")
        let report = KGTestSupport.runKGQ(["audit", "--graph", graph.path, "--fail-on", "never",
                                           "-o", graph.appendingPathComponent("report.txt").path])
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test func theReplRefusesToo() throws {
        let graph = try KGTestSupport.copyFixture("audit/graph")
        defer { try? FileManager.default.removeItem(at: graph.deletingLastPathComponent()) }
        let before = try Self.snapshot(graph)
        let run = KGTestSupport.runKGQ(["repl", "--graph", graph.path],
                                       stdin: ":output \(graph.path)/out.kg\n:export graph json \(graph.path)/roles.kg\n")
        #expect(run.stderr.contains("refusing to write '\(graph.path)/out.kg'"), "\(run.stderr)")
        #expect(run.stderr.contains("refusing to write '\(graph.path)/roles.kg'"), "\(run.stderr)")
        #expect(try Self.snapshot(graph) == before)
    }

    /// Every file of the folder with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }
}
