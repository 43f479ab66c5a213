import Foundation
import KGTestSupport
import Testing

/// docs/tutorial.md, run as written: every ```sh block in order in one shell (so `cd` carries
/// over), in a fresh folder holding only the tutorial's texts (as a fresh clone has them) and a
/// fresh HOME; each ```text block after a ```sh block lists lines that block must print, in
/// order. A ```sh setup block (building kgq) is not run: the built kgq is put first on PATH.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct TutorialTests {
    struct Block {
        var commands: String
        var expected: [String] = []
        var line: Int
    }

    /// The runnable blocks of a Markdown text with their expected output.
    static func blocks(of markdown: String) -> [Block] {
        var blocks: [Block] = []
        var fence: String?
        var body: [String] = []
        var start = 0
        var lastWasCommands = false
        for (n, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let open = fence {
                if line == "```" {
                    if open == "sh" {
                        blocks.append(Block(commands: body.joined(separator: "\n"), line: start))
                        lastWasCommands = true
                    } else {
                        if open == "text", lastWasCommands { blocks[blocks.count - 1].expected = body }
                        lastWasCommands = false
                    }
                    fence = nil
                } else {
                    body.append(String(line))
                }
            } else if line.hasPrefix("```") {
                fence = String(line.dropFirst(3))
                body = []
                start = n + 1
            }
        }
        return blocks
    }

    /// True when every line of `expected` is a line of `actual`, in the same order.
    static func contains(_ actual: [String], inOrder expected: [String]) -> Bool {
        var i = actual.startIndex
        for line in expected {
            guard let found = actual[i...].firstIndex(of: line) else { return false }
            i = found + 1
        }
        return true
    }

    @Test func theTutorialRunsAsWritten() throws {
        let markdown = try String(contentsOf: KGTestSupport.packageRoot.appendingPathComponent("docs/tutorial.md"), encoding: .utf8)
        let blocks = Self.blocks(of: markdown)
        #expect(blocks.count >= 10, "found \(blocks.count) sh blocks")
        #expect(blocks.allSatisfy { $0.commands.contains("kgq") || $0.commands.contains("echo") }, "every block runs something")

        // A fresh clone's worth of what the tutorial reads: the three texts, at their paths.
        let root = try KGTestSupport.temporaryFolder("kgq-tutorial")
        let clone = root.appendingPathComponent("kgq")
        let home = root.appendingPathComponent("home")
        try FileManager.default.createDirectory(at: clone.appendingPathComponent("Tests/Fixtures"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: KGTestSupport.fixtures.appendingPathComponent("tutorial"),
                                        to: clone.appendingPathComponent("Tests/Fixtures/tutorial"))

        let marker = "@@kgq-tutorial-block"
        var script = "set -euo pipefail\n"
        for (i, b) in blocks.enumerated() { script += "printf '\\n\(marker) \(i)@@\\n'\n" + b.commands + "\n" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = clone
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = home.path
        env["PATH"] = URL(fileURLWithPath: KGTestSupport.kgqBinary).deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        env["KGQ_GRAPH"] = nil
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
        let stdout = String(decoding: outData, as: UTF8.self)
        let stderr = String(decoding: errData, as: UTF8.self)
        #expect(process.terminationStatus == 0, "the tutorial's commands failed:\n\(stdout)\n\(stderr)")

        // Each block's output: the lines between its marker and the next.
        var outputs: [Int: [String]] = [:]
        var current: Int?
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(marker + " "), line.hasSuffix("@@"), let n = Int(line.dropFirst(marker.count + 1).dropLast(2)) {
                current = n
                outputs[n] = []
            } else if let c = current {
                outputs[c]?.append(String(line))
            }
        }
        for (i, b) in blocks.enumerated() where !b.expected.isEmpty {
            let got = outputs[i] ?? []
            #expect(Self.contains(got, inOrder: b.expected.filter { !$0.isEmpty }),
                    "docs/tutorial.md:\(b.line): the block's output differs from the text block after it.\nexpected:\n\(b.expected.joined(separator: "\n"))\ngot:\n\(got.joined(separator: "\n"))\nstderr:\n\(stderr)")
        }
        let svg = home.appendingPathComponent("kgq-tutorial/bikes.svg")
        let picture = try String(contentsOf: svg, encoding: .utf8)
        #expect(picture.contains("<svg") && picture.contains("Riverton bike share"))
    }

    @Test func theBlockReaderPairsCommandsWithTheirOutput() {
        let md = "x\n```sh setup\nswift build\n```\n```sh\nkgq a\n```\nprose\n```text\nA\n```\n```sh\nkgq b\n```\n```kg\nnode\n```\n```text\nC\n```\n"
        let b = Self.blocks(of: md)
        #expect(b.map(\.commands) == ["kgq a", "kgq b"])
        #expect(b.map(\.expected) == [["A"], []])
        #expect(Self.contains(["a", "b", "c"], inOrder: ["a", "c"]))
        #expect(!Self.contains(["a", "b", "c"], inOrder: ["c", "a"]))
    }
}
