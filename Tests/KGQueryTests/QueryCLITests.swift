import Foundation
import Testing

/// `kgq query` end to end: runs the built binary (skipped with a reason when it is not built).
enum QueryCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/kgq").path
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func kgq(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                   stderr: String(decoding: e, as: UTF8.self))
    }

    static func emptyGraph() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-query-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

@Suite(.enabled(if: QueryCLI.binaryExists, "build kgq first (swift build)"))
struct QueryCLITests {
    @Test func scriptOnStdinRunsInOneSession() throws {
        let g = try QueryCLI.emptyGraph()
        defer { try? FileManager.default.removeItem(atPath: g) }
        let run = try QueryCLI.kgq(["query", "--graph", g, "--format", "json", "--params", #"{"n": 2}"#], stdin: """
            CREATE (:A {v: 1.0, s: 'x;y'});
            // a comment; not a statement
            MATCH (a:A) RETURN a.v, a.s, $n AS n;
            """)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0] == #"{"columns": [], "rows": [], "stats": {"+labels": 1, "+nodes": 1, "+properties": 2}}"#)
        #expect(lines[1] == #"{"columns": ["a.v", "a.s", "n"], "rows": [[1.0, "x;y", 2]]}"#)
    }

    @Test func failedStatementGivesJSONErrorStderrTextAndExit2() throws {
        let g = try QueryCLI.emptyGraph()
        defer { try? FileManager.default.removeItem(atPath: g) }
        let run = try QueryCLI.kgq(["query", "--graph", g, "--format", "json"], stdin: "RETURN 1 AS x;\nMATCH (n) RETRUN n;\n")
        #expect(run.status == 2)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix(#"{"error": {"type": "SyntaxError", "detail": "UnexpectedSyntax", "phase": "compile time""#))
        #expect(lines[1].hasSuffix(#""line": 2, "column": 11}}"#))
        #expect(run.stderr.contains("did you mean 'RETURN'?"))
        #expect(run.stderr.contains("^"))
    }

    @Test func oneShotWithParamAndTable() throws {
        let g = try QueryCLI.emptyGraph()
        defer { try? FileManager.default.removeItem(atPath: g) }
        let run = try QueryCLI.kgq(["query", "--graph", g, "--param", "who=Ann", "RETURN $who AS who, 1 + 1 AS two"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Ann"))
        #expect(run.stdout.contains("│ who │ two │") && run.stdout.contains("1 row"))
    }
}
