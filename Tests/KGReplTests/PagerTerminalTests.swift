import Foundation
import Testing

/// Issue 18 items 1 and 11: `PAGER=less kgq` in a real terminal. A result taller than the
/// terminal opens less by itself (`:pager auto`), `:last` opens it too, `q` comes back to a
/// working prompt (less ran in the terminal's foreground group, so it was never stopped), and
/// `:pager off` prints instead.
@Suite(.enabled(if: Terminal.ready && FileManager.default.isExecutableFile(atPath: "/usr/bin/less"),
                "needs tmux, less, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct PagerTerminalTests: TmuxScreen {
    let session = "kgq-pager-\(getpid())"

    /// The last line with text on the screen.
    func bottom(_ screen: String) -> String {
        screen.split(separator: "\n").last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
    }

    func prompts(_ screen: String) -> Int { screen.components(separatedBy: "kgq>").count - 1 }

    @Test func lessPagesAndGivesTheTerminalBack() throws {
        // The session's history is kept through the pager (it was lost when less hung kgq).
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-history-pager-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "100", "-y", "24",
                          "env NO_COLOR=1 PAGER=less LESS= KGQ_HISTORY='\(history)' '\(Terminal.binary)' --graph '\(Terminal.graph)'; echo kgq-ended-$?; sleep 30"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitForPrompt()

        // 40 rows do not fit in 24 lines: less shows the first screen and waits for a key.
        try type("UNWIND range(1, 100) AS i RETURN i;"); try key("Enter")
        let paged = try waitFor { bottom($0) == ":" }
        #expect(bottom(paged) == ":", "less waits at its prompt: \(paged)")
        #expect(paged.contains("│  1 │"), "\(paged)")
        try key("q")
        var back = try waitForPrompt()
        #expect(bottom(back) == "kgq>", "q gives the prompt back: \(back)")

        // :last pages all 100 rows; G goes to the end of them.
        try type(":last"); try key("Enter")
        _ = try waitFor { bottom($0) == ":" }
        try key("G")
        let end = try waitFor { $0.contains("(END)") }
        #expect(end.contains("│ 100 │"), "\(end)")
        #expect(end.contains("100 rows"))
        try key("q")
        back = try waitForPrompt()

        // The shell still answers, and :pager off prints a tall result without less.
        try type(":pager off"); try key("Enter")
        _ = try waitFor { $0.contains("kgq> :pager off\nkgq>") }
        try type("UNWIND range(1, 30) AS i RETURN i * 2 AS twice;"); try key("Enter")
        let printed = try waitFor { $0.contains("30 rows") && bottom($0) == "kgq>" }
        #expect(printed.contains("│    60 │"), "\(printed)")
        try type(":quit"); try key("Enter")
        #expect(try waitFor { $0.contains("kgq-ended-0") }.contains("kgq-ended-0"), "kgq ends normally")
        let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
        for entry in ["UNWIND range(1, 100) AS i RETURN i;", ":last", ":pager off", "UNWIND range(1, 30)"] {
            #expect(saved.contains(entry.replacingOccurrences(of: " ", with: "\\040")) || saved.contains(entry), "history keeps '\(entry)': \(saved)")
        }
    }
}

/// Issue 18 item 16: in a terminal, an error's `error:` and caret are red; under NO_COLOR the
/// same screen has no escape codes at all.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct ColourTerminalTests: TmuxScreen {
    let session = "kgq-colour-\(getpid())"

    /// The screen with its escape sequences (-e).
    var captureFlags: [String] { ["-p", "-e"] }

    func run(environment: String) throws -> String {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "100", "-y", "20",
                          "env -u NO_COLOR TERM=xterm-256color \(environment) '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor("kgq>")
        try Terminal.run(["send-keys", "-t", session, "-l", "RETURN nope\\;"])
        try Terminal.run(["send-keys", "-t", session, "Enter"])
        return try waitFor("is not defined")
    }

    @Test func errorsAreRedUnlessNoColor() throws {
        let coloured = try run(environment: "KGQ_CONFIG=/nonexistent")
        #expect(coloured.contains("\u{1B}[1m\u{1B}[31merror:") || coloured.contains("\u{1B}[1;31merror:") || coloured.contains("\u{1B}[31m\u{1B}[1merror:"),
                "\(coloured.debugDescription)")
        let plain = try run(environment: "NO_COLOR=1 KGQ_CONFIG=/nonexistent")
        #expect(plain.contains("error: SyntaxError"))
        #expect(!plain.contains("\u{1B}[1;31m") && !plain.contains("\u{1B}[31m"), "\(plain.debugDescription)")
    }
}

/// Issue 18 item 12: `:edit` opens the last statement in $EDITOR (here sed, changing 41 to 42),
/// runs what was saved, and the up arrow recalls the edited statement.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct EditTerminalTests: TmuxScreen {
    let session = "kgq-edit-\(getpid())"

    @Test func editRunsTheEditedStatement() throws {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                          "env NO_COLOR=1 PAGER= EDITOR='sed -i s/41/42/' '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor { $0.contains("kgq>") }
        try type("RETURN 41 AS answer;"); try key("Enter")
        _ = try waitFor { $0.contains("│     41 │") }
        try waitForPrompt()
        try type(":edit"); try key("Enter")
        let edited = try waitFor { $0.contains("│     42 │") }
        #expect(edited.contains("RETURN 42 AS answer;\n"), "the edited text is shown: \(edited)")
        #expect(edited.contains("│     42 │"), "and run: \(edited)")
        try waitForPrompt()
        try key("Up")
        let recalled = try waitFor { $0.hasSuffix("kgq> RETURN 42 AS answer;\n") || $0.contains("kgq> RETURN 42 AS answer;\n\n") }
        #expect(recalled.components(separatedBy: "kgq> RETURN 42 AS answer;").count == 2, "the up arrow recalls the edited statement: \(recalled)")
    }
}

/// Issue 18 item 15: a statement running over a second shows `running (Ctrl-C cancels)… N s`
/// on stderr, erased when it ends; `--no-progress` shows nothing.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct ProgressTerminalTests: TmuxScreen {
    let session = "kgq-progress-\(getpid())"

    func start(_ flags: String) throws {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "100", "-y", "30",
                          "env NO_COLOR=1 PAGER= KGQ_CONFIG=/nonexistent '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history \(flags)"])
        _ = try waitFor { $0.contains("kgq>") }
        try Terminal.run(["send-keys", "-t", session, "-l", "MATCH (a), (b), (c), (d) WHERE size(a.id + d.id) < 0 RETURN count(*)\\;"])
        try Terminal.run(["send-keys", "-t", session, "Enter"])
    }

    @Test func aLongStatementShowsProgressUntilItEnds() throws {
        try start("")
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        let running = try waitFor { $0.contains("running (Ctrl-C cancels)… ") }
        // The first time seen depends on how busy the machine is; it is never under a second.
        let shown = running.firstMatch(of: /running \(Ctrl-C cancels\)… (\d+)\.\d s/)
        let seconds = try #require(shown.flatMap { Int($0.1) }, "\(running)")
        #expect(seconds >= 1, "\(running)")
        try Terminal.run(["send-keys", "-t", session, "C-c"])
        let ended = try waitFor { $0.contains("Cancelled") && $0.components(separatedBy: "kgq>").count == 3 }
        #expect(ended.contains("error: Cancelled (Interrupted)"), "\(ended)")
        #expect(!ended.contains("running (Ctrl-C cancels)"), "the progress line is erased: \(ended)")
    }

    @Test func noProgressShowsNone() throws {
        try start("--no-progress")
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        let quiet = try waitFor({ $0.contains("running (Ctrl-C cancels)") }, tenths: 25)
        #expect(!quiet.contains("running (Ctrl-C cancels)"), "\(quiet)")
        try Terminal.run(["send-keys", "-t", session, "C-c"])
        _ = try waitFor { $0.contains("Cancelled") }
    }
}

/// Issue 18 item 15 outside the shell: loading a big graph (here 30,000 nodes and 250,000
/// relationships of `kgq generate`, several seconds in a debug build) and a long `kgq query`
/// statement show a progress line on stderr in a terminal, erased before the result;
/// `--no-progress` shows none.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct CommandProgressTerminalTests: TmuxScreen {
    let session = "kgq-cmdprogress-\(getpid())"

    /// Runs `kgq ARGUMENTS` in a terminal; every screen seen until it ends, and its exit status.
    func screens(_ arguments: String) throws -> (seen: [String], last: String, ended: Bool) {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "150", "-y", "30",
                          "env NO_COLOR=1 KGQ_CONFIG=/nonexistent '\(Terminal.binary)' \(arguments); echo kgq-ended-$?; sleep 30"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        var seen: [String] = []
        // Up to two minutes: a debug build on a loaded machine.
        let last = try waitFor({ screen in seen.append(screen); return screen.contains("kgq-ended-") }, tenths: 1200)
        return (seen, last, last.contains("kgq-ended-0"))
    }

    @Test func loadingAndLongQueriesShowProgress() throws {
        let big = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-progress-graph-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: big) }
        let generate = Process()
        generate.executableURL = URL(fileURLWithPath: Terminal.binary)
        generate.arguments = ["generate", "--nodes", "30000", "--edges", "250000", "-o", big]
        generate.standardOutput = FileHandle.nullDevice
        try generate.run()
        generate.waitUntilExit()
        try #require(generate.terminationStatus == 0)

        let load = try screens("query --graph '\(big)' --no-cache 'MATCH (r:Role) RETURN count(r) AS roles'")
        #expect(load.ended, "\(load.last)")
        #expect(load.seen.contains { $0.contains("loading \(big)… ") }, "a loading line was shown: \(load.seen.last ?? "")")
        #expect(load.last.contains("1 row") && !load.last.contains("loading "), "erased before the result: \(load.last)")

        let quiet = try screens("query --graph '\(big)' --no-cache --no-progress 'RETURN 1 AS one'")
        #expect(quiet.ended && quiet.last.contains("1 row"), "\(quiet.last)")
        #expect(!quiet.seen.contains { $0.contains("loading ") }, "--no-progress: none")

        let export = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-progress-\(getpid()).kg").path
        defer { try? FileManager.default.removeItem(atPath: export) }
        let exported = try screens("export --graph '\(big)' --no-cache -o '\(export)'")
        #expect(exported.ended && exported.last.contains("wrote \(export)"), "\(exported.last)")
        #expect(exported.seen.contains { $0.contains("exporting kg… ") }, "an exporting line: \(exported.seen.last ?? "")")
        #expect(!exported.last.contains("exporting kg…"), "erased: \(exported.last)")

        let long = try screens("query --graph '\(Terminal.graph)' 'MATCH (a), (b), (c:Sector) WHERE size(a.id + b.id + c.id) < 0 RETURN count(*) AS n'")
        #expect(long.ended, "\(long.last)")
        #expect(long.seen.contains { $0.range(of: #"running… \d+\.\d s"#, options: .regularExpression) != nil }, "a running line: \(long.seen.last ?? "")")
        #expect(long.last.contains("1 row") && !long.last.contains("running…"), "erased before the result: \(long.last)")
    }
}
