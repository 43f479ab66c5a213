import Foundation
import Testing

/// The real binary in a real terminal: tmux runs `kgq`, the test types a query with Tab
/// completion, runs it, recalls it with the up arrow, and reads the screen with capture-pane.
enum Terminal {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/kgq").path
    static let graph = root.appendingPathComponent("graphs/customer-service").path
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var ready: Bool { tmux != nil && FileManager.default.isExecutableFile(atPath: binary) && FileManager.default.fileExists(atPath: graph) }

    /// This test process's own tmux server (`-L`): other test runs on the machine, and the
    /// user's tmux, never share it.
    static let socket = "kgq-tests-\(getpid())"

    /// Runs tmux and waits with waitpid. Foundation's Process is not used here: its
    /// waitUntilExit hung on tmux's forking client under the test runner. Output goes through
    /// a temporary file rather than a pipe, since the tmux server would inherit a pipe.
    /// tmux starts with no signal blocked and default actions: a test runner's thread blocks
    /// SIGINT, and a server spawned from it would hand that mask to kgq (Ctrl-C never arrives).
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        _ = server
        return spawn(arguments)
    }

    /// The test process's tmux server, started once (Swift runs a static's initialiser once,
    /// whichever thread gets there first) and kept alive by a placeholder session: suites run in
    /// parallel, and two `new-session`s racing to start a server lose one of the sessions.
    private static let server: Void = {
        _ = spawn(["new-session", "-d", "-s", "kgq-keepalive", "sleep 1800"])
    }()

    private static func spawn(_ arguments: [String]) -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-tmux-\(getpid())-\(UUID().uuidString)").path
        defer { unlink(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for s in [SIGINT, SIGHUP, SIGQUIT, SIGTERM, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([tmux ?? "/usr/bin/tmux", "-f", "/dev/null", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0]!, &actions, &attributes, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
}

/// What every tmux suite does with its session: read the screen, wait for it, type and press
/// keys. A suite gives its session's name (and, to see colours, `captureFlags`).
protocol TmuxScreen {
    var session: String { get }
    var captureFlags: [String] { get }
}

extension TmuxScreen {
    var captureFlags: [String] { ["-p"] }

    func screen() throws -> String { try Terminal.run(["capture-pane"] + captureFlags + ["-t", session]) }

    /// Polls the screen until `done` holds, for up to `tenths` tenths of a second (30 s by
    /// default: a debug build loading the graph on a busy machine); the last screen either way.
    func waitFor(_ done: (String) -> Bool, tenths: Int = 300) throws -> String {
        var last = ""
        for _ in 0..<tenths {
            last = try screen()
            if done(last) { return last }
            usleep(100_000)
        }
        return last
    }

    /// Polls the screen until `text` appears (tmux and the REPL run on their own time).
    func waitFor(_ text: String) throws -> String { try waitFor { $0.contains(text) } }

    /// Types `literal` without pressing Enter. tmux reads a ';' that ends an argument as its own
    /// command separator, so that one is escaped; a ';' elsewhere is typed as it is (escaped, it
    /// would be typed as "\;").
    func type(_ literal: String) throws {
        let text = literal.hasSuffix(";") ? String(literal.dropLast()) + "\\;" : literal
        try Terminal.run(["send-keys", "-t", session, "-l", text])
    }

    func key(_ name: String) throws { try Terminal.run(["send-keys", "-t", session, name]) }

    /// Waits until a fresh prompt (`kgq>` with nothing typed after it) is the last line with
    /// text: the shell has finished what came before and its line editor reads keys. A key sent
    /// earlier reaches a terminal still in cooked mode, which echoes it or takes it itself
    /// (Ctrl-U, Enter), so on a loaded machine a test must wait for this before typing.
    /// `plain` strips what the capture adds (colours).
    @discardableResult
    func waitForPrompt(_ plain: (String) -> String = { $0 }, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        func fresh(_ screen: String) -> Bool {
            plain(screen).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.last { !$0.isEmpty } == "kgq>"
        }
        let screen = try waitFor(fresh)
        if !fresh(screen) { Issue.record("no fresh prompt came:\n\(plain(screen))", sourceLocation: sourceLocation) }
        return screen
    }
}

@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct TerminalTests: TmuxScreen {
    let session = "kgq-test-\(getpid())"

    /// Swedish and Dutch letters and an emoji typed at the prompt reach the statement intact
    /// (libedit drops what the C library's locale does not call printable; kgq sets a UTF-8 one).
    @Test func typesLettersBeyondASCII() throws {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                          "env NO_COLOR=1 LANG= LC_ALL= LC_CTYPE= '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor("kgq>")
        try type("RETURN 'kundtjänst één 😀' AS s;"); try key("Enter")
        let screen = try waitFor("1 row")
        #expect(screen.contains("kgq> RETURN 'kundtjänst één 😀' AS s;"), "echoed as typed")
        #expect(screen.contains("│ kundtjänst één 😀 │"), "and run as typed")
    }

    @Test func typesCompletesRunsAndRecallsAQuery() throws {
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-history-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                          "env NO_COLOR=1 KGQ_HISTORY='\(history)' '\(Terminal.binary)' --graph '\(Terminal.graph)'; sleep 30"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        #expect(try waitFor("kgq>").contains("kgq>"), "the prompt (capture-pane trims its trailing space)")

        try type("MATCH (r:Ro"); try key("Tab")
        #expect(try waitFor("(r:Role").contains("MATCH (r:Role"), "Tab completes the label")
        try type(") RETURN r.na"); try key("Tab")
        #expect(try waitFor("r.name").contains("RETURN r.name"), "Tab completes the property of r's label")
        try type(" AS who ORDER BY who LIMIT 2;"); try key("Enter")
        let result = try waitFor("2 rows")
        #expect(result.contains("│ who"))
        #expect(result.contains("2 rows"))
        #expect(!result.contains("\u{1B}["), "NO_COLOR: no escape codes")

        try waitForPrompt()
        try key("Up")
        let recalled = try waitFor("kgq> MATCH (r:Role) RETURN r.name AS who ORDER BY who LIMIT 2;\n")
        let prompts = recalled.components(separatedBy: "kgq> MATCH (r:Role) RETURN r.name AS who").count - 1
        #expect(prompts == 2, "the up arrow recalls the statement at the new prompt")

        try key("C-u"); try type(":quit"); try key("Enter")
        var saved = ""
        for _ in 0..<300 where saved.isEmpty {
            saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
            usleep(100_000)
        }
        #expect(saved.contains("MATCH"), "history saved to KGQ_HISTORY")
    }
}

extension TerminalTests {
    /// Issue 18 items 4 and 12: a statement typed over two lines is one history entry — the up
    /// arrow brings back both lines and Enter runs them again; `:history` lists it; `exit`
    /// leaves; the next session reads it back from the history file.
    @Test func recallsAMultiLineStatementWhole() throws {
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-history2-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        let command = "env NO_COLOR=1 KGQ_HISTORY='\(history)' '\(Terminal.binary)' --graph '\(Terminal.graph)'; echo kgq-ended-$?; sleep 30"
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor("kgq>")
        try type("MATCH (r:Role)"); try key("Enter")
        _ = try waitFor("->")
        try type("RETURN count(r) AS roles;"); try key("Enter")
        _ = try waitFor("1 row")
        try waitForPrompt()
        try key("Up")
        let recalled = try waitFor("kgq> MATCH (r:Role)\nRETURN count(r) AS roles;")
        #expect(recalled.contains("kgq> MATCH (r:Role)\nRETURN count(r) AS roles;"), "both lines at the new prompt:\n\(recalled)")
        try key("Enter")
        var again = ""
        for _ in 0..<300 {
            again = try screen()
            if again.components(separatedBy: "1 row").count - 1 == 2 { break }
            usleep(100_000)
        }
        #expect(again.components(separatedBy: "1 row").count - 1 == 2, "the recalled statement ran again:\n\(again)")
        try waitForPrompt()
        try type(":history"); try key("Enter")
        let listed = try waitFor("1  MATCH (r:Role)")
        #expect(listed.contains("1  MATCH (r:Role)\n   RETURN count(r) AS roles;\n"), "one entry, though run twice:\n\(listed)")
        try waitForPrompt()
        try type("exit"); try key("Enter")
        #expect(try waitFor("kgq-ended-0").contains("kgq-ended-0"), "exit leaves with status 0")
        _ = try? Terminal.run(["kill-session", "-t", session])

        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40", command])
        _ = try waitFor("kgq>")
        try type(":history"); try key("Enter")
        let restored = try waitFor("3  exit")
        #expect(restored.contains("1  MATCH (r:Role)\n   RETURN count(r) AS roles;\n2  :history\n3  exit"), "read back from the file:\n\(restored)")
        try waitForPrompt()
        try type("\\q"); try key("Enter")
        #expect(try waitFor("kgq-ended-0").contains("kgq-ended-0"), "\\q leaves")
    }

    /// Issue 18 item 11: in a terminal a result shows 40 rows and says how many more there are;
    /// the same statement piped shows all.
    @Test func aTerminalShowsFortyRows() throws {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                          "env NO_COLOR=1 PAGER= '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor("kgq>")
        try type("UNWIND range(1, 100) AS i RETURN i;"); try key("Enter")
        let cut = try waitFor("more rows")
        #expect(cut.contains("│  40 │") || cut.contains("│ 40 │"), "\(cut)")
        #expect(!cut.contains("│ 41 │"), "\(cut)")
        #expect(cut.contains("… 60 more rows (100 in all; :last shows them all, :maxrows N changes how many are shown)"), "\(cut)")
    }

    /// `:clear` empties the screen of a real terminal.
    @Test func clearEmptiesTheScreen() throws {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                          "env NO_COLOR=1 '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history"])
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor("kgq>")
        try type("RETURN 'before the clear' AS s;"); try key("Enter")
        _ = try waitFor("1 row")
        try waitForPrompt()
        try type(":clear"); try key("Enter")
        var now = ""
        for _ in 0..<300 {
            now = try screen()
            if !now.contains("before the clear") && now.contains("kgq>") { break }
            usleep(100_000)
        }
        #expect(!now.contains("before the clear"), "\(now)")
        #expect(now.trimmingCharacters(in: .whitespacesAndNewlines) == "kgq>", "only the new prompt:\n\(now)")
    }
}

/// Ctrl-C in the shell: at the prompt it drops the line, while a statement runs it cancels the
/// statement, and neither ends kgq; pressed three times while something ignores it, it does.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct CtrlCTests: TmuxScreen {
    let session = "kgq-ctrlc-\(getpid())"

    /// "0" while kgq runs, "1 2" once it died of SIGINT (the pane stays, remain-on-exit).
    func paneState() throws -> String {
        try Terminal.run(["list-panes", "-t", session, "-F", "#{pane_dead} #{pane_dead_signal}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func start(environment: String = "") throws {
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                          "env NO_COLOR=1 \(environment) '\(Terminal.binary)' --graph '\(Terminal.graph)' --no-history"])
        try Terminal.run(["set-option", "-t", session, "remain-on-exit", "on"])
    }

    func prompts(_ screen: String) -> Int { screen.components(separatedBy: "kgq>").count - 1 }

    @Test func cancelsTheStatementNotTheShell() throws {
        // The progress line (no config file to turn it off) says when the statement runs.
        try start(environment: "KGQ_CONFIG=/nonexistent KGQ_PROGRESS=1")
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        #expect(prompts(try waitFor { prompts($0) == 1 }) == 1)

        // At the prompt: the half-typed line is dropped and a new prompt comes.
        try type("MATCH (n) RETURN"); try key("C-c")
        #expect(prompts(try waitFor { prompts($0) == 2 }) == 2)
        #expect(try paneState() == "0", "Ctrl-C at the prompt leaves kgq running")

        // A statement of minutes (153^4 rows, none kept) stops at Ctrl-C with a Cancelled error.
        try waitForPrompt()
        try type("MATCH (a), (b), (c), (d) WHERE size(a.id + d.id) < 0 RETURN count(*);"); try key("Enter")
        // Pressed once the statement runs (its progress line shows after a second), not while
        // a loaded machine is still reading the line.
        let running = try waitFor { $0.contains("running (Ctrl-C cancels)") }
        #expect(running.contains("running (Ctrl-C cancels)"), "the statement runs: \(running)")
        try key("C-c")
        let cancelled = try waitFor { $0.contains("Cancelled") && prompts($0) == 3 }
        #expect(cancelled.contains("\nerror: Cancelled (Interrupted)"), "the error starts its own line after the echoed ^C")
        #expect(try paneState() == "0", "Ctrl-C during a statement leaves kgq running")

        // The Ctrl-C is used up: the next statement runs to its end.
        try waitForPrompt()
        try type("RETURN 40 + 2 AS answer;"); try key("Enter")
        let answered = try waitFor { $0.contains("1 row") }
        #expect(answered.contains("42"))
    }

    @Test func thirdCtrlCEndsWhatIgnoresIt() throws {
        // A pager that ignores SIGINT and never ends stands for work that never checks for cancellation.
        // The pager says when its trap is set: a press before that would end the pager, not test kgq.
        let ready = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-pager-ready-\(getpid())").path
        try? FileManager.default.removeItem(atPath: ready)
        defer { try? FileManager.default.removeItem(atPath: ready) }
        try start(environment: "PAGER=\"trap '' INT; touch \(ready); sleep 60\"")
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor { prompts($0) == 1 }
        try type("RETURN 1;"); try key("Enter")
        _ = try waitFor { $0.contains("1 row") }
        try type(":last"); try key("Enter")
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: ready) { usleep(100_000) }
        #expect(FileManager.default.fileExists(atPath: ready), "the pager started")
        usleep(200_000)
        try key("C-c"); usleep(200_000)
        try key("C-c"); usleep(200_000)
        #expect(try paneState() == "0", "two presses are taken as cancellation")
        try key("C-c")
        var state = ""
        for _ in 0..<200 where state != "1 2" {
            state = try paneState()
            usleep(100_000)
        }
        #expect(state == "1 2", "the third press ends kgq by SIGINT")
    }
}
