import Foundation
import Testing

/// Issue 18 item 16 in a real terminal: with colour allowed, kgq's own line editor colours the
/// statement as it is typed (capture-pane -e shows the escapes) and keeps the editing keys,
/// history and completion the libedit path has; NO_COLOR and --no-highlight leave it plain.
@Suite(.enabled(if: Terminal.ready, "needs tmux, graphs/customer-service and a built kgq (swift build)"), .serialized)
struct HighlightTerminalTests: TmuxScreen {
    let session = "kgq-highlight-\(getpid())"
    let captureFlags = ["-p", "-e"]

    func start(_ flags: String = "", environment: String = "", history: String? = nil) throws {
        let h = history.map { "KGQ_HISTORY='\($0)'" } ?? ""
        let tail = history == nil ? " --no-history" : ""
        try Terminal.run(["new-session", "-d", "-s", session, "-x", "100", "-y", "40",
                          "env -u NO_COLOR TERM=xterm-256color PAGER= \(h) \(environment) '\(Terminal.binary)' --graph '\(Terminal.graph)'\(tail) \(flags); echo kgq-ended-$?; sleep 30"])
    }

    /// The screen without colours.
    func plain(_ s: String) -> String { s.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression) }

    /// The prompt line holding `text` (uncoloured), with its escapes.
    func promptLine(_ screen: String, containing text: String) -> String? {
        screen.split(separator: "\n").map(String.init).last { plain($0).contains(text) }
    }

    @Test func colorsTheStatementAsItIsTyped() throws {
        try start()
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor { plain($0).contains("kgq>") }
        try type("MATCH (r:Role) WHERE r.name <> 'x' RETURN count(r) + 1 AS n")
        let screen = try waitFor { plain($0).contains("AS n") }
        let line = try #require(promptLine(screen, containing: "MATCH (r:Role)"), "\(screen)")
        #expect(plain(line).hasPrefix("kgq> MATCH (r:Role) WHERE r.name <> 'x' RETURN count(r) + 1 AS n"), "\(line)")
        // tmux writes each attribute as its own SGR: bold and blue for keywords, yellow labels,
        // green strings, cyan numbers.
        #expect(line.range(of: "\u{1B}\\[1m\u{1B}\\[34mMATCH|\u{1B}\\[1;34mMATCH", options: .regularExpression) != nil, "keyword: \(line.debugDescription)")
        #expect(line.range(of: "\u{1B}\\[33mRole", options: .regularExpression) != nil, "label: \(line.debugDescription)")
        #expect(line.range(of: "\u{1B}\\[32m'x'", options: .regularExpression) != nil, "string: \(line.debugDescription)")
        #expect(line.range(of: "\u{1B}\\[36m1", options: .regularExpression) != nil, "number: \(line.debugDescription)")
        #expect(!line.contains("\u{1B}[1m\u{1B}[34mname") && !line.contains("\u{1B}[1;34mname"), "a property is not a keyword")
        try type(";"); try key("Enter")
        let ran = try waitFor { plain($0).contains("1 row") }
        #expect(plain(ran).contains("7"), "the statement runs as typed:\n\(plain(ran))")
    }

    @Test func editingKeysWork() throws {
        try start()
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor { plain($0).contains("kgq>") }
        // Home, Right, insert; End; Left, Backspace, Delete; Ctrl-W; Ctrl-A / Ctrl-E.
        try type("RETRN 40 AS y;")
        try key("Home"); try key("Right"); try key("Right"); try key("Right"); try type("U")
        try key("End"); try key("Left"); try key("BSpace"); try type("x")
        try key("C-a"); try key("Delete"); try type("R")
        try key("C-e"); try type(" // note")
        try key("C-w"); try key("C-w")
        try key("Enter")
        let first = plain(try waitFor { plain($0).contains("1 row") })
        #expect(first.contains("│ x  │") || first.contains("│ x │"), "RETURN 40 AS x ran:\n\(first)")
        #expect(first.contains("40"), "\(first)")
        try waitForPrompt(plain)
        // Ctrl-U and Ctrl-K drop text; Ctrl-C drops the line; Ctrl-L clears the screen.
        try type("RETURN 1 AS gone"); try key("C-u"); try type("RETURN 2 AS kept;  junk"); try key("Left"); try key("Left")
        try key("Left"); try key("Left"); try key("Left"); try key("C-k"); try key("Enter")
        let second = plain(try waitFor { plain($0).components(separatedBy: "1 row").count == 3 })
        #expect(second.contains("│ kept │") && !second.contains("│ gone") && !second.contains("error"), "\(second)")
        try waitForPrompt(plain)
        try type("RETURN 'never run'"); try key("C-c")
        _ = try waitFor { plain($0).contains("^C") }
        try waitForPrompt(plain)
        try key("C-l")
        let cleared = plain(try waitFor { !plain($0).contains("kept") })
        #expect(cleared.trimmingCharacters(in: .whitespacesAndNewlines) == "kgq>", "Ctrl-L leaves only the prompt:\n\(cleared)")
        // Ctrl-D on an empty line leaves.
        try key("C-d")
        #expect(plain(try waitFor { plain($0).contains("kgq-ended-0") }).contains("kgq-ended-0"))
    }

    @Test func historyCompletionSearchAndLettersBeyondASCII() throws {
        let history = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-history-hl-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: history) }
        try start(history: history)
        defer { _ = try? Terminal.run(["kill-session", "-t", session]) }
        _ = try waitFor { plain($0).contains("kgq>") }
        // A two-line statement with Tab completion of a label and a property.
        try type("MATCH (r:Ro"); try key("Tab")
        _ = try waitFor { plain($0).contains("(r:Role") }
        try type(")"); try key("Enter")
        _ = try waitFor { plain($0).contains("->") }
        try type("RETURN r.na"); try key("Tab")
        _ = try waitFor { plain($0).contains("r.name") }
        try type(" AS who ORDER BY who LIMIT 1;"); try key("Enter")
        _ = try waitFor { plain($0).contains("1 row") }
        try waitForPrompt(plain)
        try type("RETURN 'kundtjänst één 😀' AS s;"); try key("Enter")
        let letters = plain(try waitFor { plain($0).components(separatedBy: "1 row").count == 3 })
        #expect(letters.contains("│ kundtjänst één 😀 │"), "\(letters)")
        try waitForPrompt(plain)
        // Up twice: the two-line statement, whole, shown with its continuation prompt; Enter runs it.
        try key("Up"); try key("Up")
        let recalled = plain(try waitFor { plain($0).contains("   -> RETURN r.name AS who ORDER BY who LIMIT 1;\n") && plain($0).components(separatedBy: "kgq> MATCH (r:Role)").count == 3 })
        #expect(recalled.contains("kgq> MATCH (r:Role)\n   -> RETURN r.name AS who ORDER BY who LIMIT 1;"), "\(recalled)")
        try key("Enter")
        _ = try waitFor { plain($0).components(separatedBy: "1 row").count == 4 }
        try waitForPrompt(plain)
        // Ctrl-R finds the Swedish statement by a word of it; Enter runs it.
        try key("C-r"); try type("kundt")
        let search = plain(try waitFor { plain($0).contains("(reverse-i-search)'kundt': RETURN 'kundtjänst") })
        #expect(search.contains("(reverse-i-search)'kundt': RETURN 'kundtjänst één 😀' AS s;"), "\(search)")
        try key("Enter")
        _ = try waitFor { plain($0).components(separatedBy: "1 row").count == 5 }
        try waitForPrompt(plain)
        try type(":quit"); try key("Enter")
        _ = try waitFor { plain($0).contains("kgq-ended-0") }
        let saved = (try? String(contentsOfFile: history, encoding: .utf8)) ?? ""
        #expect(saved.contains("kundtj"), "the history file holds the statements:\n\(saved)")
    }

    @Test func noColorAndTheFlagLeaveTheLinePlain() throws {
        for (flags, environment) in [("--no-highlight", ""), ("", "NO_COLOR=1")] {
            try start(flags, environment: environment)
            _ = try waitFor { plain($0).contains("kgq>") }
            try type("MATCH (r:Role) RETURN 'x'")
            let screen = try waitFor { plain($0).contains("RETURN 'x'") }
            let line = try #require(promptLine(screen, containing: "MATCH (r:Role)"))
            #expect(!line.contains("\u{1B}["), "\(flags) \(environment): no colour in \(line.debugDescription)")
            _ = try? Terminal.run(["kill-session", "-t", session])
        }
    }
}
