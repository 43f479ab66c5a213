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

    /// Runs tmux and waits with waitpid. Foundation's Process is not used here: its
    /// waitUntilExit hung on tmux's forking client under the test runner. Output goes through
    /// a temporary file rather than a pipe, since the tmux server would inherit a pipe.
    @discardableResult
    static func run(_ arguments: [String]) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-tmux-\(getpid())-\(UUID().uuidString)").path
        defer { unlink(out) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([tmux ?? "/usr/bin/tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0]!, &actions, nil, argv, environ) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
    }
}

@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct TerminalTests {
    let session = "kgq-test-\(getpid())"

    func screen() throws -> String { try Terminal.run(["capture-pane", "-p", "-t", session]) }

    /// Polls the screen until `text` appears (tmux and the REPL run on their own time).
    func waitFor(_ text: String) throws -> String {
        var last = ""
        for _ in 0..<300 {   // up to 30 s: a debug build loading the graph on a busy machine
            last = try screen()
            if last.contains(text) { return last }
            usleep(100_000)
        }
        return last
    }

    func type(_ literal: String) throws {
        // tmux reads a trailing ';' as its own command separator; escape it.
        try Terminal.run(["send-keys", "-t", session, "-l", literal.replacingOccurrences(of: ";", with: "\\;")])
    }

    func key(_ name: String) throws { try Terminal.run(["send-keys", "-t", session, name]) }

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

        try key("Up")
        let recalled = try waitFor("kgq> MATCH (r:Role) RETURN r.name AS who ORDER BY who LIMIT 2;\n")
        let prompts = recalled.components(separatedBy: "kgq> MATCH (r:Role) RETURN r.name AS who").count - 1
        #expect(prompts == 2, "the up arrow recalls the statement at the new prompt")

        try key("C-u"); try type(":quit"); try key("Enter")
        var saved = ""
        for _ in 0..<50 where saved.isEmpty {
            saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
            usleep(100_000)
        }
        #expect(saved.contains("MATCH"), "history saved to KGQ_HISTORY")
    }
}
