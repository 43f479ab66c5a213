import ArgumentParser
import Foundation
import KGCore
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

    @Option(name: .long, help: "Output mode: \(OutputMode.allCases.map(\.rawValue).joined(separator: ", ")) (default: table).")
    var format: OutputMode = .table

    @Option(name: .long, help: ArgumentHelp("History file (default: one per graph under $XDG_STATE_HOME/kgq; or $KGQ_HISTORY).", valueName: "FILE"))
    var history: String?

    @Flag(name: .long, help: "Keep no history.")
    var noHistory = false

    @Flag(name: .long, help: "Stop at the first statement that fails (scripts).")
    var failFast = false

    @Flag(name: .long, help: "Show how long each statement took (also :timer on).")
    var timer = false

    @Option(name: .long, help: "Display language of names: en, nl, sv, … (also :lang).")
    var language: String?

    @Option(name: .long, help: "How nodes are shown in tables: full (labels and properties) or short (labels and name).")
    var nodes: NodeStyle = .full

    @Option(name: .customLong("param"), help: "A parameter as name=value (value read as JSON when it parses, else as a string). Repeatable.")
    var param: [String] = []

    func run() throws {
        var parameters: [String: QueryValue] = [:]
        for p in param {
            guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param expects name=value, got '\(p)'") }
            let name = String(p[..<eq]), raw = String(p[p.index(after: eq)...])
            parameters[name] = try QueryCommand.parameterValue(raw, option: "--param \(name)")
        }
        let registry = try options.registry()
        let graph = try options.load(with: registry)
        let env = ProcessInfo.processInfo.environment
        let interactive = TerminalInfo.inputIsTerminal
        let toTerminal = TerminalInfo.outputIsTerminal
        let settings = ReplSettings(
            mode: format, timer: timer, width: toTerminal ? TerminalInfo.width(environment: env) : nil,
            color: TerminalInfo.colorAllowed(environment: env, outputIsTerminal: toTerminal),
            nodeStyle: nodes, failFast: failFast, terminal: toTerminal,
            maxRows: toTerminal ? 40 : nil)
        let pager = interactive && toTerminal ? env["PAGER"].flatMap { $0.isEmpty ? nil : $0 } : nil
        let output = ReplOutput(
            out: { CLI.out($0) },
            err: { FileHandle.standardError.write(Data($0.utf8)) },
            page: { text in Pager.show(text, command: pager) })
        var session = QuerySession(graph: graph, parameters: parameters, displayLanguage: language,
                                   functions: registry.functions)
        session.limits = limits.limits
        var repl = Repl(session: session,
                        registry: registry, graphFolder: options.folder, settings: settings, output: output)
        if interactive {
            let path = HistoryLocation.path(graphFolder: options.folder, explicit: history, disabled: noHistory, environment: env)
            let editor = LineEditor(historyPath: path)
            // History holds whole statements (the shell records one when its `;` comes), so the
            // up arrow brings back a multi-line statement at once.
            repl.history = editor.entries
            repl.remember = { editor.remember($0) }
            CLI.out("kgq — \(graph.nodeCount) nodes, \(graph.edgeCount) relationships from \(options.folder). "
                  + "Statements end with ';'. :help for commands, :quit (exit, \\q) or Ctrl-D to leave.\n")
            // Ctrl-C is caught for the whole session: at the prompt it drops the line being typed,
            // while a statement runs it cancels the statement; it never ends the shell.
            let interrupts = InterruptScope(watching: repl.session.cancellation)
            defer { interrupts.end() }
            repl.beforeStatement = { _ = interrupts.takeInterrupt() }
            editor.interruptPending = { interrupts.isInterrupted }
            loop: while true {
                let completer = repl.completer, pending = repl.pending
                editor.complete = { completer.complete(pending + $0) }
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
        } else {
            while let line = readLine(strippingNewline: true) {
                guard repl.feed(line) else { break }
            }
            if !(failFast && repl.failures > 0) { repl.finish() }
            if repl.failures > 0 { throw ExitCode(2) }
        }
    }
}
