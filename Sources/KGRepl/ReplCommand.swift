import Foundation
import KGAudit
import KGCore
import KGPluginAPI
import KGExport
import KGOutput
import KGQuery

/// One `:command` of the REPL. The table `ReplCommand.all` both dispatches and generates `:help`.
public struct ReplCommand: Sendable {
    /// The name typed after `:`.
    public var name: String
    /// Other names that run the same command (`:q` and `:exit` for `:quit`).
    public var aliases: [String]
    /// The arguments, for `:help` (`NAME VALUE`).
    public var arguments: String
    public var summary: String
    /// Words that may stand at argument `index` (0-based); nil when it is a file name.
    let choices: @Sendable (_ index: Int, _ completer: Completer) -> [String]?
    /// Runs the command with its words and the raw text after the name; false ends the REPL.
    /// Errors it throws are Diagnostics.
    let action: @Sendable (_ repl: inout Repl, _ words: [String], _ rest: String) throws -> Bool

    init(_ name: String, _ arguments: String = "", _ summary: String, aliases: [String] = [],
         choices: @escaping @Sendable (Int, Completer) -> [String]? = { _, _ in [] },
         action: @escaping @Sendable (inout Repl, [String], String) throws -> Bool) {
        self.name = name
        self.aliases = aliases
        self.arguments = arguments
        self.summary = summary
        self.choices = choices
        self.action = action
    }

    func argumentChoices(_ index: Int, _ c: Completer) -> [String]? { choices(index, c) }

    /// The text of `:help`, generated from the table.
    public static func help(_ commands: [ReplCommand] = all) -> String {
        let usages = commands.map { ":" + $0.name + ($0.arguments.isEmpty ? "" : " " + $0.arguments) }
        let summaries = commands.map { $0.summary + ($0.aliases.isEmpty ? "" : " (also " + $0.aliases.map { ":" + $0 }.joined(separator: ", ") + ")") }
        let width = usages.map(\.count).max() ?? 0
        var out = "Statements end with ';' (several per line, or one over many lines). Tab completes.\n"
        for (u, s) in zip(usages, summaries) { out += "  " + u.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + s + "\n" }
        return out
    }

    /// `:help NAME`: usage, what it does, other names, and examples that run as written.
    var explained: String {
        var out = ":" + name + (arguments.isEmpty ? "" : " " + arguments) + "\n  " + summary + "\n"
        if !aliases.isEmpty { out += "  also: " + aliases.map { ":" + $0 }.joined(separator: ", ") + "\n" }
        for e in ReplCommand.examples[name] ?? [] { out += "  e.g. " + e + "\n" }
        return out
    }

    static let examples: [String: [String]] = [
        "help": [":help why", ":help functions"],
        "schema": [":schema"],
        "param": [":param limit => 5", ":param {who: 'agent', since: date('2020-01-01')}", ":param limit"],
        "params": [":params"],
        "source": [":source graphs/customer-service/views/wage-figures.cypher"],
        "mode": [":mode csv", ":mode line", ":mode"],
        "graph": [":graph graphs/customer-service", ":graph"],
        "why": ["MATCH (f:Figure)-[:MEASURES]->(r:Role) RETURN f.value, r.name; then :why 1"],
        "last": [":last"],
        "pager": [":pager off", ":pager auto"],
        "maxrows": [":maxrows 10", ":maxrows 0"],
        "output": [":output results.csv", ":output"],
        "once": [":once roles.json"],
        "timer": [":timer on"],
        "lang": [":lang nl", ":lang"],
        "export": [":export png growth.png", ":export html view.html", ":export graph kg whole.kg", ":export json roles.json"],
        "audit": [":audit", ":audit --rule uncited-statement --format markdown"],
        "save": [":save --dry-run", ":save", ":save --force"],
        "history": [":history 5"],
        "edit": [":edit", "EDITOR=nano kgq, then :edit"],
        "clear": [":clear"],
        "quit": [":quit", "exit"],
    ]

    /// `:help functions`: every function of the session with its signature, one line and an
    /// example (plugins' functions with their summary), then the aggregates.
    static func functionHelp(_ registry: PluginRegistry, names: [String]) -> String {
        var rows: [(String, String)] = []
        let aggregates = Set(FunctionHelp.aggregates.map { $0.lowercased() })
        for n in names where !aggregates.contains(n.lowercased()) {
            if let h = FunctionHelp.of(n), registry.queryFunctions.first(where: { $0.value.name == n })?.origin ?? .builtin == .builtin {
                rows.append((h.signature, h.summary + "; e.g. " + h.example))
            } else if let f = registry.queryFunctions.first(where: { $0.value.name.lowercased() == n.lowercased() }) {
                rows.append((f.value.name + "(…)", (f.summary ?? "(no description)") + " [\(f.origin)]"))
            }
        }
        var aggregateRows: [(String, String)] = []
        for n in FunctionHelp.aggregates { if let h = FunctionHelp.of(n) { aggregateRows.append((h.signature, h.summary + "; e.g. " + h.example)) } }
        let width = (rows + aggregateRows).map(\.0.count).max() ?? 0
        func lines(_ r: [(String, String)]) -> String {
            r.map { "  " + $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 + "\n" }.joined()
        }
        return "Functions (\(rows.count)):\n" + lines(rows) + "Aggregate functions (\(aggregateRows.count)):\n" + lines(aggregateRows)
    }

    static func usage(_ c: String) -> Diagnostic {
        let cmd = all.first { $0.name == c }
        return Diagnostic(.error, "usage: :\(c) \(cmd?.arguments ?? "")", help: cmd?.summary)
    }

    static func on(_ word: String?) -> Bool? {
        switch word?.lowercased() { case "on", "true", "1": return true; case "off", "false", "0": return false; default: return nil }
    }

    /// The command called `name` (or one of its aliases), case-insensitively.
    public static func named(_ name: String) -> ReplCommand? {
        let n = name.lowercased()
        return all.first { $0.name == n || $0.aliases.contains(n) }
    }

    /// Every name a command answers to, for completion and "did you mean".
    public static var allNames: [String] { all.flatMap { [$0.name] + $0.aliases } }

    /// Every command, in the order `:help` lists them.
    public static let all: [ReplCommand] = [
        ReplCommand("help", "[COMMAND | functions]", "this list; :help COMMAND explains one; :help functions lists the functions",
                    choices: { i, _ in i == 0 ? ["functions"] + all.map(\.name) : [] }) { repl, words, _ in
            guard let w = words.first else { repl.output.out(help()); return true }
            if w.lowercased() == "functions" {
                repl.output.out(functionHelp(repl.registry, names: repl.session.functionNames))
                return true
            }
            let name = w.hasPrefix(":") ? String(w.dropFirst()) : w
            guard let cmd = named(name) else {
                if let f = FunctionHelp.of(name) ?? FunctionHelp.of(name.replacingOccurrences(of: "()", with: "")) {
                    repl.output.out("\(f.signature)  \(f.summary)\n  e.g. \(f.example)\n")
                    return true
                }
                let near = Suggest.closest(to: name, among: allNames)
                throw Diagnostic(.error, "no command ':\(name)'", help: near.map { "did you mean :help \($0)?" } ?? ":help lists the commands")
            }
            repl.output.out(cmd.explained)
            return true
        },
        ReplCommand("schema", "", "labels, relationship types and their properties, with counts") { repl, _, _ in
            repl.output.out(TerminalText.visible(repl.schema.description, keepingLayout: true)); return true
        },
        ReplCommand("param", "NAME => EXPR | {NAME: EXPR, …}",
                    "set parameters to the values of Cypher expressions (:param n => 3, :param {a: 1, b: 'x'}); :param NAME removes one",
                    choices: { i, c in i == 0 ? c.parameters : [] }) { repl, _, rest in
            try ParameterCommand(rest: rest).run(on: &repl.session)
            return true
        },
        ReplCommand("params", "", "the parameters set, as a JSON object") { repl, _, _ in
            let p = repl.session.parameters
            repl.output.out("{" + p.keys.sorted().map { ResultJSON.string($0) + ": " + ResultJSON.value(p[$0] ?? .null, graph: repl.session.graph) }
                .joined(separator: ", ") + "}\n")
            return true
        },
        ReplCommand("source", "FILE", "run the statements and :commands of FILE", choices: { _, _ in nil }) { repl, words, rest in
            guard !words.isEmpty else { throw usage("source") }
            try repl.source(rest.trimmingWhitespace)
            return true
        },
        ReplCommand("mode", OutputMode.allCases.map(\.rawValue).joined(separator: "|"), "how results are written",
                    choices: { i, _ in i == 0 ? OutputMode.allCases.map(\.rawValue) : [] }) { repl, words, _ in
            guard let w = words.first, let m = OutputMode(rawValue: w.lowercased()) else {
                repl.output.out("mode: \(repl.settings.mode.rawValue)\n")
                if words.isEmpty { return true }
                throw usage("mode")
            }
            repl.settings.mode = m
            return true
        },
        ReplCommand("graph", "PATH", "load another graph folder (parameters stay)", choices: { _, _ in nil }) { repl, words, rest in
            guard !words.isEmpty else { repl.output.out(TerminalText.visible("graph: \(repl.graphFolder ?? "(in memory)")\n", keepingLayout: true)); return true }
            try repl.switchGraph(rest.trimmingWhitespace)
            return true
        },
        ReplCommand("why", "N", "provenance of row N of the last result: quote → document → original source") { repl, words, _ in
            guard let w = words.first, let n = Int(w) else { throw usage("why") }
            guard let last = repl.last else { throw Diagnostic(.error, "no result yet", help: "run a statement first") }
            guard n >= 1 && n <= last.rows.count else {
                throw Diagnostic(.error, "row \(n) is not in the last result (it has \(last.rows.count) row\(last.rows.count == 1 ? "" : "s"))",
                                 help: last.rows.isEmpty ? nil : "give a row number from 1 to \(last.rows.count)")
            }
            let s = repl.sources(ofRow: n - 1)
            repl.output.out(TerminalText.visible(WhyReport.render(row: last.rows[n - 1], columns: last.columns, graph: repl.session.graph,
                                             language: repl.session.displayLanguage, sources: (s.nodes, s.edges),
                                             note: s.note, width: repl.settings.width), keepingLayout: true))
            return true
        },
        ReplCommand("last", "", "the last result again, in full (through the pager unless :pager off)") { repl, _, _ in
            guard let last = repl.last else { throw Diagnostic(.error, "no result yet", help: "run a statement first") }
            var o = repl.renderOptions
            o.width = nil
            o.elapsed = nil
            let text = ResultRenderer.render(last, graph: repl.session.graph, mode: repl.settings.mode, options: o)
            if repl.settings.pager == .off { repl.output.out(text) } else { repl.output.page(text) }
            return true
        },
        ReplCommand("pager", "on|off|auto", "results through the pager ($KGQ_PAGER, $PAGER or less): on (all), off, "
                        + "auto (those taller than the terminal, and :last; the default)",
                    choices: { i, _ in i == 0 ? PagerMode.allCases.map(\.rawValue) : [] }) { repl, words, _ in
            guard let w = words.first else { repl.output.out("pager: \(repl.settings.pager.rawValue)\n"); return true }
            guard words.count == 1, let m = PagerMode(rawValue: w.lowercased()) else { throw usage("pager") }
            repl.settings.pager = m
            return true
        },
        ReplCommand("maxrows", "N", "show at most N rows of a result on the screen (table, line, markdown; 0: all); :last shows all") { repl, words, _ in
            guard let w = words.first else {
                repl.output.out("maxrows: \(repl.settings.maxRows.map(String.init) ?? "0 (all rows)")\n")
                return true
            }
            guard words.count == 1, let n = Int(w), n >= 0 else { throw usage("maxrows") }
            repl.settings.maxRows = n == 0 ? nil : n
            return true
        },
        ReplCommand("output", "[FILE]", "write the results of later statements to FILE, in the current mode and in full; no FILE: to the screen again",
                    choices: { _, _ in nil }) { repl, words, rest in
            let path = rest.trimmingWhitespace
            if words.isEmpty {
                if let file = repl.outputFile { repl.output.err("results go to the screen again (not \(file.path))\n") }
                repl.sendResultsToScreen()
                return true
            }
            try repl.sendResults(to: path, once: false)
            repl.output.err("results go to \(path) (:output alone: to the screen again)\n")
            return true
        },
        ReplCommand("once", "FILE", "write the result of the next statement only to FILE", choices: { _, _ in nil }) { repl, words, rest in
            guard !words.isEmpty else { throw usage("once") }
            try repl.sendResults(to: rest.trimmingWhitespace, once: true)
            return true
        },
        ReplCommand("timer", "on|off", "show how long each statement took", choices: { i, _ in i == 0 ? ["on", "off"] : [] }) { repl, words, _ in
            guard let v = on(words.first) else { throw usage("timer") }
            repl.settings.timer = v
            return true
        },
        ReplCommand("lang", "CODE", "display language of names (en, nl, sv, …); no CODE: each node's preferred name") { repl, words, _ in
            repl.session.displayLanguage = words.first
            return true
        },
        ReplCommand("export", "[graph] FORMAT FILE", "export the last result's nodes and relationships (those its values were "
                        + "read from, for properties); `graph`: the whole session graph. FORMAT is any exporter of "
                        + "`kgq plugins` (dot, png, svg, json, kg, …)",
                    choices: { i, completer in i == 0 ? ["graph"] + completer.exportFormats : nil }) { repl, words, _ in
            let whole = words.first?.lowercased() == "graph" && words.count == 3
            let args = whole ? Array(words.dropFirst()) : words
            guard args.count == 2 else { throw usage("export") }
            guard let exporter = repl.registry.exporter(format: args[0].lowercased()) else {
                throw Diagnostic(.error, "unknown export format '\(args[0])'",
                                 help: "one of " + repl.registry.formatNames.joined(separator: ", "))
            }
            try repl.export(exporter, to: args[1], wholeGraph: whole)
            return true
        },
        ReplCommand("audit", "[OPTIONS]", "audit the session graph's citations; the options of kgq audit (--documents DIR, "
                        + "--rule ID, --format text|json|sarif|markdown, -o FILE, --verbose, …; --fail-on means nothing here)",
                    choices: { _, _ in nil }) { repl, words, _ in
            if let runAudit = repl.runAudit {
                try runAudit(repl.session.graph, repl.graphFolder, repl.registry.rules, words)
                return true
            }
            guard words.isEmpty else {
                throw Diagnostic(.error, ":audit takes no options in this shell", help: "run kgq audit with them")
            }
            let report = Audit(rules: repl.registry.rules).run(AuditContext(graph: repl.session.graph))
            repl.output.out(AuditReportFormat.text.render(report))
            return true
        },
        ReplCommand("save", "[--dry-run] [--force]", "write the session's edits into the graph folder's .kg files (all or none; "
                        + "only edited statements change; new ones in the file of their label, else new.kg) and show what changed; "
                        + "--dry-run only shows it; --force saves over a folder changed on disk since it was loaded",
                    choices: { _, _ in ["--dry-run", "--force"] }) { repl, words, _ in
            try repl.save(words)
            return true
        },
        ReplCommand("edit", "", "open the statement being typed, else the last one, in $VISUAL or $EDITOR (else vi); what you save runs, and is remembered") { repl, _, _ in
            try repl.edit()
            return true
        },
        ReplCommand("history", "[N]", "the last N statements and commands entered (default 20), numbered") { repl, words, _ in
            var count = 20
            if let w = words.first {
                guard words.count == 1, let n = Int(w), n > 0 else { throw usage("history") }
                count = n
            }
            repl.output.out(TerminalText.visible(repl.historyListing(last: count), keepingLayout: true))
            return true
        },
        ReplCommand("clear", "", "clear the screen") { repl, _, _ in
            // Cursor home, erase the screen; only a terminal understands it, a file or pipe gets nothing.
            if repl.settings.terminal { repl.output.out("\u{1B}[H\u{1B}[2J") }
            return true
        },
        ReplCommand("quit", "", "leave; so do exit, quit or \\q typed alone, and Ctrl-D", aliases: ["exit", "q"]) { _, _, _ in false },
    ]
}
