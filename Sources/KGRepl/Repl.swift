import Foundation
import KGAudit
import KGCore
import KGCuration
import KGPluginAPI
import KGPluginHost
import KGExport
import KGFormat
import KGOutput
import KGQuery

/// The REPL engine, independent of any terminal: feed it lines, it assembles statements, runs
/// them in one QuerySession, dispatches `:commands`, and writes through `output`.
///
///     var repl = Repl(session: QuerySession(graph: g), output: ReplOutput(out: { print($0, terminator: "") }, err: { … }))
///     _ = repl.feed("MATCH (r:Role)")
///     _ = repl.feed("RETURN r.name;")     // runs the statement
public struct Repl {
    public var session: QuerySession
    /// The folder the graph was loaded from (nil for a graph built in memory).
    public var graphFolder: String?
    /// The .kg folder as it was loaded, for `:save` (nil: not a .kg folder, or built in memory).
    public var savePoint: SavePoint?
    public var settings: ReplSettings
    public let output: ReplOutput
    /// The last successful result with columns, for `:why` and `:last`.
    public private(set) var last: ResultSet?
    /// The text of the statement that gave `last` (traced again by `:why` and `:export`).
    public private(set) var lastStatement: String?
    /// Statements and commands that failed so far.
    public private(set) var failures = 0
    /// Labels, types and properties of the current graph (refreshed after writes and `:graph`).
    public private(set) var schema: Schema
    /// Exporters and audit rules (built-in and from plugins) behind `:export` and `:audit`.
    public let registry: PluginRegistry
    /// `:audit OPTIONS`, given by the shell (which parses `kgq audit`'s options): the graph, its
    /// folder, the session's rules and the words after `:audit`. Nil: a text report, no options.
    public var runAudit: ((_ graph: Graph, _ folder: String?, _ rules: [any AuditRule], _ arguments: [String]) throws -> Void)?
    /// `:edit`, given by the shell: opens the text in the user's editor and returns it as
    /// saved; nil when the editor failed. Nil here: `:edit` is refused (no terminal).
    public var editText: ((String) -> String?)?
    /// Set by `:edit` so that ":edit" itself is not a history entry (the edited statement is).
    var skipEntry = false
    /// Called when the statement has run, before anything is written (the shell erases its
    /// progress line here).
    public var afterStatement: () -> Void = {}
    /// Called just before each statement runs (the shell clears a Ctrl-C pressed at the prompt).
    public var beforeStatement: () -> Void = {}
    /// Starts showing that long work runs (`:export`'s rendering, `:graph`'s loading), labelled
    /// e.g. "exporting png"; returns what ends it. The shell draws its progress line here.
    public var startProgress: (String) -> () -> Void = { _ in {} }
    private var buffer = StatementBuffer()
    private var sourceDepth = 0

    public init(session: QuerySession, registry: PluginRegistry, graphFolder: String? = nil,
                settings: ReplSettings = ReplSettings(), output: ReplOutput) {
        self.session = session
        self.registry = registry
        self.graphFolder = graphFolder
        self.settings = settings
        self.output = output
        self.schema = Schema(session.graph)
    }

    /// `kgq> ` or, inside an unfinished statement, the continuation prompt.
    public var prompt: String { buffer.isPending ? "   -> " : "kgq> " }

    /// The unfinished statement so far.
    public var pending: String { buffer.pending }

    public var completer: Completer {
        var c = Completer(schema: schema, keywords: QuerySession.keywords, functions: session.functionNames,
                  parameters: session.parameters.keys.sorted(), commands: ReplCommand.all)
        c.exportFormats = registry.formatNames
        return c
    }

    var renderOptions: RenderOptions {
        RenderOptions(width: settings.width, color: settings.color, nodeStyle: settings.nodeStyle,
                      language: session.displayLanguage)
    }

    /// Statements and commands entered so far, oldest first, each whole as typed (the lines of
    /// a multi-line statement joined by line breaks); the shell seeds it with the saved history.
    public var history: [String] = []
    /// Called with each new history entry (the shell hands it to the line editor).
    public var remember: (String) -> Void = { _ in }
    /// The lines of the entry being typed (the statement waiting for its `;`, or several).
    private var typed: [String] = []

    /// Feeds what was entered at one prompt: one line, or several (a multi-line statement
    /// recalled from history). Returns false when the REPL should stop (`:quit`, `exit`, …, or
    /// a failure under fail-fast). Once no statement is left waiting for its `;`, what was typed
    /// since the last such moment becomes one history entry.
    public mutating func feed(_ text: String) -> Bool {
        var goOn = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if sourceDepth == 0 { typed.append(String(line)) }
            goOn = feedLine(String(line))
            if !goOn { break }
        }
        if sourceDepth == 0 && (!buffer.isPending || !goOn) { recordTyped() }
        return goOn
    }

    /// Words that leave the shell when typed alone at the prompt, as in cypher-shell, psql and DuckDB.
    static let leavingWords: Set<String> = ["exit", "quit", "\\q", "exit;", "quit;"]

    private mutating func feedLine(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace
        if !buffer.isPending && Repl.leavingWords.contains(trimmed.lowercased()) { return false }
        // `:edit` alone on a line inside an unfinished statement opens that statement (psql's \e);
        // no statement has a line that is just `:edit`.
        if buffer.isPending && trimmed.lowercased() == ":edit" && !buffer.isInsideQuoteOrComment {
            return command(trimmed)
        }
        if !buffer.isPending && trimmed.hasPrefix(":") {
            return command(trimmed)
        }
        for statement in buffer.append(line) {
            execute(statement)
            if settings.failFast && failures > 0 { return false }
        }
        // `RETURN 1; :mode csv`: no statement starts with ':', so what follows the last ';' is a command.
        let rest = buffer.pending.trimmingWhitespace
        if rest.hasPrefix(":") && !rest.contains("\n") {
            buffer = StatementBuffer()
            return command(rest)
        }
        return true
    }

    /// Ends the entry being typed: a new history entry unless it is blank or repeats the last one.
    private mutating func recordTyped() {
        while let first = typed.first, first.allSatisfy(\.isWhitespace) { typed.removeFirst() }
        while let last = typed.last, last.allSatisfy(\.isWhitespace) { typed.removeLast() }
        let entry = typed.joined(separator: "\n")
        typed = []
        if skipEntry { skipEntry = false; return }
        guard !entry.isEmpty, entry != history.last else { return }
        history.append(entry)
        remember(entry)
    }

    /// `:history N`: the last `count` entries, numbered from the first of the session's history;
    /// the later lines of a multi-line entry indented under the first.
    func historyListing(last count: Int) -> String {
        guard !history.isEmpty else { return "(no history yet)\n" }
        let first = max(0, history.count - count)
        let width = String(history.count).count
        var out = ""
        for i in first..<history.count {
            let number = String(i + 1)
            let lines = history[i].split(separator: "\n", omittingEmptySubsequences: false)
            out += String(repeating: " ", count: width - number.count) + number + "  " + lines[0] + "\n"
            for more in lines.dropFirst() { out += String(repeating: " ", count: width + 2) + more + "\n" }
        }
        return out
    }

    /// `:edit`: the statement being typed (one waiting for its `;`), else the last statement
    /// entered, opened in the editor; what is saved runs as if typed (each statement ending in
    /// `;`; the rest waits for more) and becomes the history entry.
    mutating func edit() throws(Diagnostic) {
        guard let editText else {
            throw Diagnostic(.error, ":edit needs a terminal", help: "in a script, write the statement in the file itself")
        }
        let current = buffer.isPending ? buffer.pending.trimmingWhitespace : nil
        let last = current ?? history.last { !$0.hasPrefix(":") } ?? ""
        guard let edited = editText(last.hasSuffix("\n") ? last : last + "\n") else {
            throw Diagnostic(.error, "the editor did not finish normally; nothing was run"
                                + (current == nil ? "" : " (the statement being typed is kept)"),
                             help: "set $EDITOR (or $VISUAL) to an editor, e.g. EDITOR=nano")
        }
        if current != nil {
            // The edited text replaces the unfinished statement and the lines typed for it.
            buffer = StatementBuffer()
            typed = []
        }
        skipEntry = true
        var lines = edited.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let l = lines.last, l.allSatisfy(\.isWhitespace) { lines.removeLast() }
        guard !lines.isEmpty else { output.err("(empty: nothing to run)\n"); return }
        let entry = lines.joined(separator: "\n")
        if entry != history.last { history.append(entry); remember(entry) }
        output.out(entry + "\n")
        for line in lines {
            for statement in buffer.append(line) { execute(statement) }
        }
    }

    /// At end of input: runs a last statement that lacks its `;`.
    public mutating func finish() {
        if let rest = buffer.flush() { execute(rest) }
    }

    /// Drops an unfinished statement (Ctrl-C at the prompt).
    public mutating func discardPending() {
        buffer = StatementBuffer()
        typed = []
    }

    /// Runs a `:command` line.
    public mutating func command(_ line: String) -> Bool {
        let body = line.dropFirst()
        let words = body.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first else {
            output.err(Diagnostic(.error, "a ':' needs a command", help: "type :help for the list").rendered() + "\n")
            failures += 1
            return !settings.failFast
        }
        guard let cmd = ReplCommand.named(name) else {
            let near = Suggest.closest(to: name, among: ReplCommand.allNames)
            output.err(Diagnostic(.error, "unknown command ':\(name)'",
                                  help: near.map { "did you mean :\($0)? (:help lists all)" } ?? ":help lists the commands").rendered() + "\n")
            failures += 1
            return !settings.failFast
        }
        let rest = String(body.drop { $0.isWhitespace }.dropFirst(name.count))
        do {
            return try cmd.action(&self, Array(words.dropFirst()), rest)
        } catch {
            // Commands throw Diagnostics; anything else is described as it comes.
            output.err(((error as? Diagnostic)?.rendered() ?? "error: \(error)") + "\n")
            failures += 1
            return !settings.failFast
        }
    }

    /// Where results go instead of the screen: `:output FILE` (until `:output` alone) or
    /// `:once FILE` (the next statement only).
    struct ResultFile {
        var path: String
        var once: Bool
        /// Everything written to it so far: the file is rewritten atomically after each result,
        /// so it always holds whole results, never half of one.
        var text = ""
    }
    var outputFile: ResultFile?
    var onceFile: ResultFile?
    /// The file the next result goes to, if not the screen (`:once` before `:output`).
    var resultFile: ResultFile? { onceFile ?? outputFile }

    /// Runs one statement and writes its result: to the screen (at most `settings.maxRows` rows
    /// in the modes for people, with a footer saying how many more there are) or, whole, to the
    /// file of `:output` / `:once`.
    public mutating func execute(_ text: String) {
        let clock = ContinuousClock()
        beforeStatement()
        let start = clock.now
        let outcome = Result { () throws(QueryError) -> ResultSet in try session.run(text) }
        afterStatement()
        do {
            let r = try outcome.get()
            let elapsed = clock.now - start
            for w in r.warnings { output.err(w.rendered() + "\n") }
            if resultFile != nil {
                var o = renderOptions
                o.width = nil
                o.color = false
                emit(ResultRenderer.render(r, graph: session.graph, mode: settings.mode, options: o), rows: r.rows.count)
            } else {
                show(screenText(r, elapsed: settings.timer ? elapsed : nil))
            }
            if !r.columns.isEmpty { last = r; lastStatement = text }
            if !r.stats.isEmpty { schema = Schema(session.graph) }
        } catch {
            failures += 1
            // The terminal echoed "^C" where the cursor was; the message starts on a line of its own.
            if error.type == .cancelled { output.err("\n") }
            output.err(error.description + "\n")
            if settings.mode == .json || settings.mode == .jsonl {
                if resultFile != nil { emit(ResultJSON.encode(error) + "\n", rows: 0) } else { output.out(ResultJSON.encode(error) + "\n") }
            } else {
                onceFile = nil   // `:once` is used up by the next statement, whatever became of it
            }
        }
    }

    /// Writes a result to the screen, through the pager under `:pager on`, or under `:pager auto`
    /// when it has more lines than the terminal (the prompt's line kept).
    func show(_ text: String) {
        let lines = text.reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
        switch settings.pager {
        case .on: output.page(text)
        case .auto where settings.height.map({ lines >= $0 - 1 }) ?? false: output.page(text)
        default: output.out(text)
        }
    }

    /// A result as the screen shows it: cut to `settings.maxRows` rows (not in csv, json and
    /// jsonl, which programs read whole), the footer then saying how many were left out.
    func screenText(_ r: ResultSet, elapsed: Duration?) -> String {
        var o = renderOptions
        o.elapsed = elapsed
        guard let limit = settings.maxRows, limit > 0, r.rows.count > limit, !settings.mode.isMachineReadable else {
            return ResultRenderer.render(r, graph: session.graph, mode: settings.mode, options: o)
        }
        var shown = r
        shown.rows = Array(r.rows.prefix(limit))
        o.footer = false
        var footer = "… \(r.rows.count - limit) more rows (\(r.rows.count) in all"
        if let elapsed { footer += ", " + ResultRenderer.milliseconds(elapsed) }
        footer += "; :last shows them all, :maxrows N changes how many are shown)"
        if settings.color { footer = "\u{1B}[2m" + footer + "\u{1B}[0m" }
        return ResultRenderer.render(shown, graph: session.graph, mode: settings.mode, options: o) + footer + "\n"
    }

    /// Adds `text` to the file of `:output` / `:once` and rewrites it atomically. A file that
    /// cannot be written is an error, and results go to the screen again.
    private mutating func emit(_ text: String, rows: Int) {
        guard var file = resultFile else { return }
        if file.once { onceFile = nil }
        file.text += text
        do {
            try AtomicFile.write(file.text, to: file.path)
        } catch {
            output.err(error.rendered() + "\n")
            failures += 1
            if !file.once {
                output.err("results go to the screen again\n")
                outputFile = nil
            }
            return
        }
        output.err("\(rows) row\(rows == 1 ? "" : "s") written to \(file.path)\n")
        if !file.once { outputFile = file }
    }

    /// `:output FILE` / `:once FILE`: later results go to FILE (created now, emptied if it
    /// exists, for `:output`; written by the next statement for `:once`).
    mutating func sendResults(to path: String, once: Bool) throws(Diagnostic) {
        try AtomicFile.checkWritable(path)
        if let graphFolder {
            try OutputPolicy(graphFolder: graphFolder, registry: registry).check([.init(flag: once ? ":once" : ":output", path: path)], force: false)
        }
        if once {
            onceFile = ResultFile(path: path, once: true)
        } else {
            try AtomicFile.write("", to: path)
            outputFile = ResultFile(path: path, once: false)
        }
    }

    /// `:output` alone: results go to the screen again.
    mutating func sendResultsToScreen() { outputFile = nil }

    /// `:source FILE`: feeds the file's lines as if typed.
    mutating func source(_ path: String) throws(Diagnostic) {
        guard sourceDepth < 8 else { throw Diagnostic(.error, ":source nested too deeply (\(path))", help: "a file sources itself?") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic(.error, "cannot read '\(path)'", help: "check the path (relative to \(FileManager.default.currentDirectoryPath))")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw Diagnostic(.error, "'\(path)' is not UTF-8 text") }
        sourceDepth += 1
        defer { sourceDepth -= 1 }
        var outer = buffer
        buffer = StatementBuffer()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard feed(String(line)) else { break }
        }
        finish()
        swap(&outer, &buffer)
    }

    /// `:graph PATH`: loads another folder, with the importer `--graph` would use (the .kg
    /// loader, the CSV importer for a folder of CSV files, a plugin's); the session keeps its
    /// parameters and language.
    mutating func switchGraph(_ path: String) throws(Diagnostic) {
        let g: Graph
        let fingerprints = try? SavePoint.fingerprints(of: path)
        let stopProgress = startProgress("loading \(path)")
        defer { stopProgress() }
        do {
            if let importer = registry.importer(for: path) {
                g = try importer.load(folder: path)
            } else {
                g = try GraphLoader.load(folder: path)
            }
        } catch {
            // The first problem, with its position; `kgq check --graph PATH` lists them all.
            var first = error.diagnostics.first ?? Diagnostic(.error, "cannot load '\(path)'")
            if error.diagnostics.count > 1 { first.help = (first.help.map { $0 + "; " } ?? "") + "kgq check --graph \(path) lists all \(error.diagnostics.count) errors" }
            throw first
        }
        session.graph = g
        session.checkCitation = QuoteCheck(documentsFolder: path).verdict
        graphFolder = path
        savePoint = fingerprints.map { SavePoint(folder: path, graph: g, fingerprints: $0) }
        schema = Schema(g)
        last = nil
        lastStatement = nil
        output.err("loaded \(path): \(g.nodeCount) nodes, \(g.edgeCount) relationships\n")
    }

    /// `:save [--dry-run] [--force]`: writes the session's edits into the graph folder (see
    /// `GraphSave`) and says what changed; the session then goes on with the graph as saved
    /// (new nodes under their saved ids).
    mutating func save(_ words: [String]) throws(Diagnostic) {
        var dryRun = false, force = false
        for w in words {
            switch w.lowercased() {
            case "--dry-run": dryRun = true
            case "--force": force = true
            default: throw Diagnostic(.error, "unknown option '\(w)' of :save", help: "write :save, :save --dry-run or :save --force")
            }
        }
        guard let point = savePoint else {
            if let folder = graphFolder { _ = try SavePoint.fingerprints(of: folder) }   // says why (a CSV folder)
            throw Diagnostic(.error, "this session's graph was not loaded from a .kg graph folder, so there is nowhere to save it",
                             help: "keep it with :export graph kg FILE")
        }
        let plan: SavePlan
        do { plan = try GraphSave.plan(point, current: session.graph, force: force) } catch {
            for d in error.diagnostics.dropLast() { output.err(d.rendered() + "\n") }
            throw error.diagnostics.last ?? Diagnostic(.error, "cannot save into \(point.folder)")
        }
        if plan.isEmpty { output.err(plan.summary); return }
        if dryRun {
            output.err("would save into \(point.folder) (--dry-run: nothing written):\n" + plan.summary)
            return
        }
        try GraphSave.apply(plan)
        output.err("saved into \(point.folder):\n" + plan.summary)
        let fingerprints = try SavePoint.fingerprints(of: point.folder)
        do {
            let g = try GraphLoader.load(folder: point.folder)
            session.graph = g
            savePoint = SavePoint(folder: point.folder, graph: g, fingerprints: fingerprints)
            schema = Schema(g)
            last = nil
            lastStatement = nil
        } catch {
            throw error.diagnostics.first ?? Diagnostic(.error, "saved, but cannot load \(point.folder) again")
        }
    }

    /// The nodes and relationships behind rows of the last result: those in the rows' values
    /// and those their property values were read from (the statement traced again, see
    /// `Lineage`); `note` says why tracing was not possible. `rows` nil: every row.
    func sources(ofRow index: Int?) -> (nodes: [Int], edges: [Int], note: String?) {
        guard let last else { return ([], [], nil) }
        let rows = index.map { [last.rows[$0]] } ?? last.rows
        var nodes: [Int] = [], edges: [Int] = []
        for row in rows { for v in row { Lineage.collect(v, &nodes, &edges) } }
        var note: String? = nil
        if let text = lastStatement {
            do {
                let lineage = try Lineage(of: text)
                var traceSession = session
                traceSession.limits = .standard
                let traced = try traceSession.run(lineage.text)
                var matched = false
                for row in rows {
                    guard let s = lineage.sources(of: row, in: traced) else { continue }
                    matched = true
                    edges += s.edges
                    nodes += s.nodes
                }
                if !matched { note = "the graph changed since this result: its sources are no longer found" }
            } catch let refusal as Lineage.Refusal {
                note = "property values not traced: " + refusal.description
            } catch {
                note = "property values not traced: \(error)"
            }
        }
        var seenN = Set<Int>(), seenE = Set<Int>()
        return (nodes.filter { seenN.insert($0).inserted }, edges.filter { seenE.insert($0).inserted }, note)
    }

    /// `:export [graph] FORMAT FILE`: the last result's subgraph (its nodes and relationships,
    /// or those its values were read from), or with `graph` the whole session graph.
    mutating func export(_ exporter: any Exporter, to path: String, wholeGraph: Bool) throws(Diagnostic) {
        let sub: Subgraph
        // After CALL db.schema.visualization(), the picture is of the schema: labels and the types between them.
        if !wholeGraph, let text = lastStatement,
           text.trimmingWhitespace.lowercased().hasPrefix("call db.schema.visualization") {
            let schema = Procedures.schemaGraph(of: session.graph)
            let result = try exporter.export(schema, Subgraph(all: schema), settings: ExportSettings(language: session.displayLanguage))
            try write(result, of: exporter, to: path)
            output.err("wrote \(path): the schema, \(schema.nodeCount) labels, \(schema.edgeCount) relationship types between them\n")
            return
        }
        if wholeGraph {
            sub = Subgraph(all: session.graph)
        } else {
            guard last != nil else {
                throw Diagnostic(.error, "no result to export yet",
                                 help: "run a query first, or write the whole graph with :export graph \(exporter.format) \(path)")
            }
            let s = sources(ofRow: nil)
            sub = Subgraph(nodes: s.nodes, edges: s.edges).alive(in: session.graph)
            guard !sub.nodes.isEmpty || !sub.edges.isEmpty else {
                throw Diagnostic(.error, "the last result has no nodes or relationships to export"
                                    + (s.note.map { " (\($0))" } ?? ""),
                                 help: "return nodes or relationships (RETURN f, r), or write the whole graph with :export graph \(exporter.format) \(path)")
            }
        }
        let stopProgress = startProgress("exporting \(exporter.format)")
        let result: ExportOutput
        do {
            defer { stopProgress() }
            result = try exporter.export(session.graph, sub, settings: ExportSettings(language: session.displayLanguage))
            try write(result, of: exporter, to: path)
        }
        output.err("wrote \(path): \(sub.nodes.count) nodes, \(sub.edges.count) relationships" + (wholeGraph ? " (the whole graph)" : "") + "\n")
    }

    private func write(_ result: ExportOutput, of exporter: any Exporter, to path: String) throws(Diagnostic) {
        if exporter.writesDirectory {
            let files = result.files.map { (name: $0.name ?? "export.\(exporter.format)", bytes: $0.bytes) }
            if let graphFolder {
                try OutputPolicy(graphFolder: graphFolder, registry: registry)
                    .check([.init(flag: ":export", path: path, format: exporter.format, isFolder: true, fileNames: files.map(\.name))], force: false)
            }
            try AtomicFile.writeFolder(files, to: path)
        } else {
            if let graphFolder {
                try OutputPolicy(graphFolder: graphFolder, registry: registry)
                    .check([.init(flag: ":export", path: path, format: exporter.format)], force: false)
            }
            // A missing folder is created, as `kgq export -o` does.
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            if !FileManager.default.fileExists(atPath: folder) { try AtomicFile.makeDirectory(folder) }
            for f in result.files { try AtomicFile.write(f.bytes, to: path) }
        }
    }
}
