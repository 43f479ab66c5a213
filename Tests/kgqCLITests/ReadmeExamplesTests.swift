import Foundation
import KGTestSupport
import Testing

/// Every example of README.md, run as written with the built kgq first on PATH, in a temporary
/// copy of the repository (nothing in the repository is written) with a fresh HOME. The
/// conventions the README's "Testing" paragraph documents:
///
/// - each line of a ```sh block is a command (a line ending in `\` continues on the next;
///   blank lines and lines starting with `#` are skipped); all of them run in order in one shell;
/// - a command must exit 0, unless its comment says `exit N`; a command that ends with
///   `echo $?` or `echo "exit $?"` prints its status, so its last output line must show N;
/// - a comment `# → TEXT` is output the command must print (stdout or stderr; `…` stands for
///   anything);
/// - lines calling `make`, `swift` or `python3` (build, test and benchmark targets) are not run;
/// - a ```text block of `kgq>` lines is a REPL session: its statements (with `   ->` continuation
///   lines) go to `kgq` on stdin, and every other line after the first prompt must be printed, in
///   order (`…` stands for anything; the banner before the first prompt shows only on a terminal);
/// - `<!-- not run: WHY -->` before a block skips it;
/// - `/tmp/` in a command means a private temporary folder of the run.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct ReadmeExamplesTests {
    struct Example: Equatable {
        enum Kind: Equatable {
            case shell(String)
            /// Arguments of `kgq` (after `$ kgq`) and the lines typed at its prompts.
            case repl(arguments: String, input: [String])
        }
        var kind: Kind
        /// The README's line (1-based) where the example starts.
        var line: Int
        var status: Int32 = 0
        /// The status is printed by the command itself (`; echo $?`), on its last output line.
        var statusEchoed = false
        /// Lines the output must hold, in order; `…` in one stands for anything.
        var output: [String] = []
    }

    struct Parsed {
        var examples: [Example] = []
        /// Blocks marked `<!-- not run: … -->`: their line and reason.
        var skipped: [(line: Int, reason: String)] = []
    }

    /// The examples of a Markdown text, by the conventions above.
    static func examples(of markdown: String) -> Parsed {
        var parsed = Parsed()
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        var notRun: String?
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("<!-- not run"), line.hasSuffix("-->") {
                let inner = line.dropFirst("<!-- not run".count).dropLast(3)
                notRun = inner.drop { $0 == ":" || $0 == " " }.trimmingCharacters(in: .whitespaces)
                i += 1
                continue
            }
            guard line.hasPrefix("```") else {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { notRun = nil }
                i += 1
                continue
            }
            let language = String(line.dropFirst(3)).trimmingCharacters(in: .whitespaces)
            let start = i + 1
            var body: [String] = []
            i += 1
            while i < lines.count, lines[i] != "```" { body.append(lines[i]); i += 1 }
            i += 1
            if let reason = notRun {
                parsed.skipped.append((start, reason))
                notRun = nil
                continue
            }
            if language == "sh" {
                parsed.examples += shellExamples(body, firstLine: start + 1)
            } else if language == "text", let repl = replExample(body, firstLine: start + 1) {
                parsed.examples.append(repl)
            }
        }
        return parsed
    }

    static func shellExamples(_ body: [String], firstLine: Int) -> [Example] {
        var examples: [Example] = []
        var j = 0
        while j < body.count {
            let n = firstLine + j
            var command = body[j]
            while command.hasSuffix("\\"), j + 1 < body.count {
                j += 1
                command += "\n" + body[j]
            }
            j += 1
            let trimmed = command.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let first = trimmed.prefix { !$0.isWhitespace }
            if ["make", "swift", "python3"].contains(first) { continue }
            var example = Example(kind: .shell(command), line: n)
            let (code, comment) = split(command)
            if let comment {
                if comment.hasPrefix("→") {
                    example.output = [comment.dropFirst().trimmingCharacters(in: .whitespaces)]
                }
                if let status = statedStatus(comment) { example.status = status }
            }
            let tail = code.trimmingCharacters(in: .whitespaces)
            if tail.hasSuffix("echo $?") || tail.hasSuffix("echo \"exit $?\"") {
                example.statusEchoed = true
            }
            examples.append(example)
        }
        return examples
    }

    /// A REPL session: `$ kgq ARGS` (optional), then `kgq>` and `   ->` lines and their output.
    static func replExample(_ body: [String], firstLine: Int) -> Example? {
        guard let firstPrompt = body.firstIndex(where: { $0.hasPrefix("kgq> ") }) else { return nil }
        var arguments = ""
        if let shell = body.first, shell.hasPrefix("$ kgq") { arguments = String(shell.dropFirst("$ kgq".count)) }
        var input: [String] = []
        var output: [String] = []
        for line in body[firstPrompt...] {
            if line.hasPrefix("kgq> ") { input.append(String(line.dropFirst(5))) }
            else if line.hasPrefix("   -> ") { input.append(String(line.dropFirst(6))) }
            else if !line.trimmingCharacters(in: .whitespaces).isEmpty { output.append(line) }
        }
        return Example(kind: .repl(arguments: arguments.trimmingCharacters(in: .whitespaces), input: input),
                       line: firstLine + firstPrompt, output: output)
    }

    /// The command and its `#` comment (a `#` after a space, outside quotes).
    static func split(_ command: String) -> (String, String?) {
        var quote: Character?
        var previous: Character = " "
        for index in command.indices {
            let c = command[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "#", previous.isWhitespace {
                return (String(command[..<index]), command[command.index(after: index)...].trimmingCharacters(in: .whitespaces))
            }
            previous = c
        }
        return (command, nil)
    }

    /// `exit N` in a comment, as a word of its own: "exit 2", "(exit 2)", "…, exit 2: …"; not "exit 1 if any".
    static func statedStatus(_ comment: String) -> Int32? {
        let words = comment.split(separator: " ", omittingEmptySubsequences: true)
        for (k, word) in words.enumerated() where word.hasSuffix("exit") && k + 1 < words.count {
            guard word == "exit" || word == "(exit" else { continue }
            let next = words[k + 1]
            let digits = next.prefix { $0.isNumber }
            let rest = next.dropFirst(digits.count)
            guard !digits.isEmpty, rest.allSatisfy({ ")],:;.".contains($0) }) else { continue }
            if rest.isEmpty, k + 2 < words.count, words[k + 2] == "if" { continue }   // "exit 1 if any": a condition
            return Int32(digits)
        }
        return nil
    }

    /// True when every pattern matches a line of `actual`, in order; `…` in a pattern stands for anything.
    static func contains(_ actual: [String], inOrder patterns: [String]) -> Bool {
        var i = actual.startIndex
        for pattern in patterns {
            guard let found = actual[i...].firstIndex(where: { matches($0, pattern) }) else { return false }
            i = found + 1
        }
        return true
    }

    static func matches(_ line: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "…")
        guard parts.count > 1 else { return line == pattern }
        var rest = Substring(line)
        for (k, part) in parts.enumerated() where !part.isEmpty {
            if k == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if k == parts.count - 1 {
                return rest.hasSuffix(part)
            } else {
                guard let r = rest.range(of: part) else { return false }
                rest = rest[r.upperBound...]
            }
        }
        return true
    }

    /// A copy of the repository without its build folders, with ../shared (the seeds) beside it
    /// and the example plugin under .build/debug, as after `swift build`.
    static func copyOfRepository(in root: URL) throws -> URL {
        let fm = FileManager.default
        let clone = root.appendingPathComponent("kgq")
        try fm.createDirectory(at: clone, withIntermediateDirectories: true)
        for entry in try fm.contentsOfDirectory(atPath: KGTestSupport.packageRoot.path)
        where ![".build", ".build-fuzz", ".git", ".swiftpm"].contains(entry) {
            try fm.copyItem(at: KGTestSupport.packageRoot.appendingPathComponent(entry), to: clone.appendingPathComponent(entry))
        }
        let products = URL(fileURLWithPath: KGTestSupport.kgqBinary).deletingLastPathComponent()
        let debug = clone.appendingPathComponent(".build/debug")
        try fm.createDirectory(at: debug, withIntermediateDirectories: true)
        for library in try fm.contentsOfDirectory(atPath: products.path) where library.hasPrefix("libKGMermaidPlugin.") {
            try fm.createSymbolicLink(at: debug.appendingPathComponent(library), withDestinationURL: products.appendingPathComponent(library))
        }
        if let seeds = KGTestSupport.seedsFolder {
            try fm.createSymbolicLink(at: root.appendingPathComponent("shared"), withDestinationURL: seeds.deletingLastPathComponent())
        }
        return clone
    }

    @Test func everyReadmeExampleRunsAsWritten() throws {
        let markdown = try String(contentsOf: KGTestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let parsed = Self.examples(of: markdown)
        #expect(parsed.examples.count >= 60, "found \(parsed.examples.count) examples")
        #expect(parsed.skipped.count <= 6, "keep the list of examples that are not run short: \(parsed.skipped.map(\.line))")
        for s in parsed.skipped { #expect(!s.reason.isEmpty, "README.md:\(s.line): say why the block is not run") }

        let root = try KGTestSupport.temporaryFolder("kgq-readme")
        defer { try? FileManager.default.removeItem(at: root) }
        let clone = try Self.copyOfRepository(in: root)
        let results = root.appendingPathComponent("results")
        let tmp = root.appendingPathComponent("tmp")
        let home = root.appendingPathComponent("home")
        for d in [results, tmp, home] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }

        let privateTmp = tmp.path + "/"
        var script = ""
        var run: [Int] = []
        for (k, example) in parsed.examples.enumerated() {
            let r = results.path + "/\(k)"
            switch example.kind {
            case .shell(let command):
                if command.contains("../shared/seeds"), KGTestSupport.seedsFolder == nil { continue }
                script += "{ \(command.replacingOccurrences(of: "/tmp/", with: privateTmp))\n} </dev/null >'\(r).out' 2>'\(r).err'; echo $? >'\(r).status'\n"
            case .repl(let arguments, let input):
                try (input.joined(separator: "\n") + "\n").write(toFile: r + ".in", atomically: true, encoding: .utf8)
                script += "kgq \(arguments) <'\(r).in' >'\(r).out' 2>'\(r).err'; echo $? >'\(r).status'\n"
            }
            run.append(k)
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = clone
        var env = ProcessInfo.processInfo.environment
        for key in ["KGQ_GRAPH", "KGQ_CONFIG", "KGQ_HISTORY", "KGQ_PLUGIN_PATH", "KGQ_PAGER", "PAGER", "XDG_CONFIG_HOME", "XDG_STATE_HOME"] {
            env[key] = nil
        }
        env["HOME"] = home.path
        env["NO_COLOR"] = "1"
        env["PATH"] = URL(fileURLWithPath: KGTestSupport.kgqBinary).deletingLastPathComponent().path + ":" + (env["PATH"] ?? "/usr/bin:/bin")
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        // A hung example must not hang the suite: give up after five minutes.
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            let last = run.last { FileManager.default.fileExists(atPath: results.path + "/\($0).out") }
            Issue.record("the README's examples took over 5 minutes; the last one started is at README.md:\(last.map { parsed.examples[$0].line } ?? 0)")
            return
        }
        print("README examples: \(run.count) run, \(parsed.skipped.count) blocks not run, \(String(format: "%.0f", Date().timeIntervalSince(started))) s")

        for k in run {
            let example = parsed.examples[k]
            let r = results.path + "/\(k)"
            func read(_ suffix: String) -> String { (try? String(contentsOfFile: r + suffix, encoding: .utf8)) ?? "" }
            let status = Int32(read(".status").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            let out = read(".out"), err = read(".err")
            let what: String
            switch example.kind {
            case .shell(let command): what = command
            case .repl(let arguments, let input): what = "kgq \(arguments) with input:\n" + input.joined(separator: "\n")
            }
            let context = "README.md:\(example.line): \(what)\nstdout:\n\(out.prefix(2000))\nstderr:\n\(err.prefix(2000))"
            let lastLine = out.split(separator: "\n").last.map(String.init) ?? ""
            let statusOK = example.statusEchoed ? (lastLine == "\(example.status)" || lastLine == "exit \(example.status)") : status == example.status
            // Also on stdout: a long issue message is not always shown by the test runner.
            if !statusOK { print("FAILED README example (status \(status), README says \(example.status)):\n\(context)") }
            if example.statusEchoed {
                let last = out.split(separator: "\n").last.map(String.init) ?? ""
                #expect(last == "\(example.status)" || last == "exit \(example.status)",
                        "README.md:\(example.line): printed status '\(last)', the README says exit \(example.status)\n\(context)")
            } else {
                #expect(status == example.status, "README.md:\(example.line): exit status \(status), the README says \(example.status)\n\(context)")
            }
            if !example.output.isEmpty {
                let lines = (out + "\n" + err).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                let expected = example.output.map { $0.replacingOccurrences(of: "/tmp/", with: privateTmp) }
                if !Self.contains(lines, inOrder: expected) { print("FAILED README example (output differs):\n\(context)") }
                #expect(Self.contains(lines, inOrder: expected),
                        "README.md:\(example.line): the output differs from the README's.\nexpected, in order:\n\(example.output.joined(separator: "\n"))\n\(context)")
            }
        }
    }

    @Test func theReaderFollowsTheConventions() {
        let md = """
        ```sh
        make test
        kgq a   # exit 2: refused
        kgq b \\
            --long   # → ok: … nodes
        # a comment line
        kgq c > /dev/full; echo "exit $?"   # exit 2
        kgq d   # exit 1 if any
        ```
        <!-- not run: needs a browser -->
        ```sh
        open x.svg
        ```
        ```text
        $ kgq --nodes short
        kgq — banner
        kgq> MATCH (n)
           -> RETURN n;
        │ … │
        2 rows
        ```
        """
        let p = Self.examples(of: md)
        #expect(p.skipped.count == 1 && p.skipped.first?.reason == "needs a browser")
        #expect(p.examples.map(\.line) == [3, 4, 7, 8, 17])
        #expect(p.examples.map(\.status) == [2, 0, 2, 0, 0])
        #expect(p.examples.map(\.statusEchoed) == [false, false, true, false, false])
        #expect(p.examples[1].kind == .shell("kgq b \\\n    --long   # → ok: … nodes"))
        #expect(p.examples[1].output == ["ok: … nodes"])
        #expect(p.examples[4].kind == .repl(arguments: "--nodes short", input: ["MATCH (n)", "RETURN n;"]))
        #expect(p.examples[4].output == ["│ … │", "2 rows"])
        #expect(Self.matches("ok: x: 7 nodes", "ok: … nodes"))
        #expect(!Self.matches("ok: x: 7 edges", "ok: … nodes"))
        #expect(Self.contains(["a", "│ x │ y │", "2 rows"], inOrder: ["│ … │", "2 rows"]))
        #expect(!Self.contains(["2 rows", "│ x │"], inOrder: ["│ … │", "2 rows"]))
        #expect(Self.split("kgq query 'a # b' # c").1 == "c")
    }
}
