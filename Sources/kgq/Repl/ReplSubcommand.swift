import ArgumentParser
import Foundation
import KGCore
import KGCuration
import KGOutput
import KGQuery
import KGRepl

extension OutputMode: ExpressibleByArgument {}
extension NodeStyle: ExpressibleByArgument {}

/// `kgq` with no subcommand, or `kgq repl`: the interactive shell; with stdin not a terminal,
/// a script runner (no prompts, no escape codes, no history).
struct ReplSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The interactive shell (the default when kgq is run without a subcommand).",
        discussion: """
        Statements end with ';'. Type :help for the commands. With stdin not a terminal, reads statements \
        (and :commands) until end of input and prints results without prompts; errors go to stderr and \
        the exit code is 2 if any statement failed. History: one file per graph under \
        $XDG_STATE_HOME/kgq (or ~/.local/state/kgq), or --history FILE, or $KGQ_HISTORY.
        """)

    @OptionGroup var options: GraphOptions

    @OptionGroup(title: "Limits") var limits: QueryLimitOptions

    @Option(name: .long, help: "Output mode: \(OutputMode.allCases.map(\.rawValue).joined(separator: ", ")) (default: the config file's mode, else table).")
    var format: OutputMode?

    @Option(name: .long, help: ArgumentHelp("History file (default: one per graph under $XDG_STATE_HOME/kgq; or $KGQ_HISTORY).", valueName: "FILE"))
    var history: String?

    @Flag(name: .long, help: "Keep no history.")
    var noHistory = false

    @Flag(name: .long, help: "Do not colour the statement being typed (use libedit's line editor; also highlight = false in the config file).")
    var noHighlight = false

    @Flag(name: .long, help: "Stop at the first statement that fails (scripts).")
    var failFast = false

    @Flag(name: .long, help: "Show how long each statement took (also :timer on).")
    var timer = false

    @Option(name: .long, help: "Display language of names: en, nl, sv, … (also :lang).")
    var language: String?

    @Option(name: .long, help: "How nodes are shown in tables: full (labels and properties) or short (labels and name).")
    var nodes: NodeStyle = .full

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter: 'name => expression' (a Cypher expression, as cypher-shell) or name=value (JSON when it parses, else a string). Repeatable.", valueName: "PARAM"))
    var param: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("Run the statements and :commands of FILE, then exit (as cypher-shell -f); exit code 2 if one failed.", valueName: "FILE"))
    var file: String?

    func run() throws {
        let registry = try options.registry()
        // Fingerprinted before loading, for :save (nil for a folder it cannot save into).
        let fingerprints = try? SavePoint.fingerprints(of: options.folder)
        let graph = try options.load(with: registry)
        let env = ProcessInfo.processInfo.environment
        let config = try CLI.reporting { try KGQConfig.load(environment: env) }
        let (folder, origin) = options.resolved
        let interactive = TerminalInfo.inputIsTerminal && file == nil
        let toTerminal = TerminalInfo.outputIsTerminal
        let settings = ReplSettings(
            mode: format ?? config.string("mode").flatMap(OutputMode.init(rawValue:)) ?? .table,
            timer: timer, width: toTerminal ? TerminalInfo.width(environment: env) : nil,
            color: TerminalInfo.colorAllowed(environment: env, outputIsTerminal: toTerminal) && config.boolean("color") != false,
            nodeStyle: nodes, failFast: failFast, terminal: toTerminal,
            maxRows: toTerminal ? config.integer("maxrows").map { $0 == 0 ? nil : $0 } ?? 40 : nil,
            pager: config.string("pager").flatMap(PagerMode.init(rawValue:)) ?? .auto,
            height: toTerminal ? TerminalInfo.height(environment: env) : nil)
        let pager = interactive && toTerminal ? Pager.command(environment: env, configured: config.string("pager_command")) : nil
        let output = ReplOutput(
            out: { CLI.out($0) },
            err: { let t = TerminalText.visible($0, keepingLayout: true); FileHandle.standardError.write(Data((CLI.colorErrors ? MessageColor.paint(t) : t).utf8)) },
            page: { text in Pager.show(text, command: pager) })
        var session = QuerySession(graph: graph, displayLanguage: language ?? config.string("language"),
                                   functions: registry.functions)
        session.limits = limits.limits
        session.checkCitation = QuoteCheck(documentsFolder: folder).verdict
        for p in param { try CLI.reporting { try session.setParameter(flag: p) } }
        if limits.timeout == nil, let seconds = config.integer("timeout"), seconds > 0 { session.limits.timeout = .seconds(seconds) }
        var repl = Repl(session: session,
                        registry: registry, graphFolder: folder, settings: settings, output: output)
        repl.savePoint = fingerprints.map { SavePoint(folder: folder, graph: graph, fingerprints: $0) }
        repl.runAudit = { graph, folder, rules, arguments in
            try AuditCommand.inSession(arguments, graph: graph, folder: folder, rules: rules)
        }
        if interactive {
            let configured = env["KGQ_HISTORY"].map { $0.isEmpty } ?? true ? config.string("history") : nil
            let path = HistoryLocation.path(graphFolder: folder, explicit: history ?? configured, disabled: noHistory, environment: env)
            let editor = LineEditor(historyPath: path)
            // Colouring what is typed needs kgq's own line editor; without colour (NO_COLOR, not
            // a terminal, TERM=dumb, color = false) or with --no-highlight, libedit reads the line.
            if settings.color, !noHighlight, config.boolean("highlight") != false {
                editor.highlighter = SyntaxHighlighter(keywords: QuerySession.keywords)
            }
            // History holds whole statements (the shell records one when its `;` comes), so the
            // up arrow brings back a multi-line statement at once.
            repl.history = editor.entries
            repl.editText = { text in
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-edit-\(getpid()).cypher").path
                defer { try? FileManager.default.removeItem(atPath: path) }
                guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)),
                      Pager.edit(path, environment: env),
                      let data = FileManager.default.contents(atPath: path) else { return nil }
                return String(decoding: data, as: UTF8.self)
            }
            repl.remember = { editor.remember($0) }
            CLI.out("kgq — \(graph.nodeCount) nodes, \(graph.edgeCount) relationships from \(folder)\(origin == "--graph" ? "" : " (" + origin + ")"). "
                  + "Statements end with ';'. :help for commands, :quit (exit, \\q) or Ctrl-D to leave.\n")
            // Ctrl-C is caught for the whole session: at the prompt it drops the line being typed,
            // while a statement runs it cancels the statement; it never ends the shell.
            let interrupts = InterruptScope(watching: repl.session.cancellation)
            defer { interrupts.end() }
            // A statement running over a second shows `running… 2.4 s` on stderr until it ends.
            let progress = ProgressTicker.enabled && !options.noProgress
            nonisolated(unsafe) var ticker: ProgressTicker?
            repl.beforeStatement = {
                _ = interrupts.takeInterrupt()
                ticker = ProgressTicker.start("running (Ctrl-C cancels)", enabled: progress)
            }
            repl.afterStatement = { ticker?.stop(); ticker = nil }
            repl.startProgress = { label in
                let t = ProgressTicker.start(label, enabled: progress)
                return { t?.stop() }
            }
            editor.interruptPending = { interrupts.isInterrupted }
            loop: while true {
                let completer = repl.completer, pending = repl.pending
                editor.complete = { completer.complete(pending + $0) }
                editor.context = pending
                _ = interrupts.takeInterrupt()   // a press that came after the statement ended
                switch editor.readLine(prompt: repl.prompt) {
                case .interrupted:
                    _ = interrupts.takeInterrupt()
                    repl.discardPending()
                case .end:
                    break loop
                case .line(let line):
                    guard repl.feed(line) else { break loop }
                }
            }
            repl.finish()
            if let problem = editor.save() { CLI.error("warning: \(problem)") }
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                CLI.error(Diagnostic(.error, "cannot read '\(file)'", help: "check the path (relative to \(FileManager.default.currentDirectoryPath))").rendered())
                throw ExitCode(2)
            }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                guard repl.feed(String(line)) else { break }
            }
            if !(failFast && repl.failures > 0) { repl.finish() }
            if repl.failures > 0 { throw ExitCode(2) }
        } else {
            while let line = readLine(strippingNewline: true) {
                guard repl.feed(line) else { break }
            }
            if !(failFast && repl.failures > 0) { repl.finish() }
            if repl.failures > 0 { throw ExitCode(2) }
        }
    }
}
