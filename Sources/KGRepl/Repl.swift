import Foundation
import KGCore
import KGPluginAPI
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
    public var settings: ReplSettings
    public let output: ReplOutput
    /// The last successful result with columns, for `:why` and `:last`.
    public private(set) var last: ResultSet?
    /// Statements and commands that failed so far.
    public private(set) var failures = 0
    /// Labels, types and properties of the current graph (refreshed after writes and `:graph`).
    public private(set) var schema: Schema
    /// Exporters and audit rules (built-in and from plugins) behind `:export` and `:audit`.
    public let registry: PluginRegistry
    /// Called just before each statement runs (the shell clears a Ctrl-C pressed at the prompt).
    public var beforeStatement: () -> Void = {}
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

    /// Feeds one line. Returns false when the REPL should stop (`:quit`, or a failure under fail-fast).
    public mutating func feed(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace
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

    /// At end of input: runs a last statement that lacks its `;`.
    public mutating func finish() {
        if let rest = buffer.flush() { execute(rest) }
    }

    /// Drops an unfinished statement (Ctrl-C at the prompt).
    public mutating func discardPending() { buffer = StatementBuffer() }

    /// Runs a `:command` line.
    public mutating func command(_ line: String) -> Bool {
        let body = line.dropFirst()
        let words = body.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first else {
            output.err(Diagnostic(.error, "a ':' needs a command", help: "type :help for the list").rendered() + "\n")
            failures += 1
            return !settings.failFast
        }
        guard let cmd = ReplCommand.all.first(where: { $0.name == name.lowercased() }) else {
            let names = ReplCommand.all.map(\.name)
            let near = names.min { distance($0, name) < distance($1, name) }
            output.err(Diagnostic(.error, "unknown command ':\(name)'",
                                  help: near.map { "did you mean :\($0)? (:help lists all)" }).rendered() + "\n")
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

    /// Runs one statement and writes its result.
    public mutating func execute(_ text: String) {
        let clock = ContinuousClock()
        beforeStatement()
        let start = clock.now
        do {
            let r = try session.run(text)
            let elapsed = clock.now - start
            for w in r.warnings { output.err(w.rendered() + "\n") }
            var o = renderOptions
            if settings.timer { o.elapsed = elapsed }
            output.out(ResultRenderer.render(r, graph: session.graph, mode: settings.mode, options: o))
            if !r.columns.isEmpty { last = r }
            if !r.stats.isEmpty { schema = Schema(session.graph) }
        } catch {
            failures += 1
            // The terminal echoed "^C" where the cursor was; the message starts on a line of its own.
            if error.type == "Cancelled" { output.err("\n") }
            output.err(error.description + "\n")
            if settings.mode == .json || settings.mode == .jsonl { output.out(ResultJSON.encode(error) + "\n") }
        }
    }

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

    /// `:graph PATH`: loads another folder; the session keeps its parameters and language.
    mutating func switchGraph(_ path: String) throws(Diagnostic) {
        let g: Graph
        do {
            g = try GraphLoader.load(folder: path)
        } catch {
            // The first problem, with its position; `kgq check --graph PATH` lists them all.
            var first = error.diagnostics.first ?? Diagnostic(.error, "cannot load '\(path)'")
            if error.diagnostics.count > 1 { first.help = (first.help.map { $0 + "; " } ?? "") + "kgq check --graph \(path) lists all \(error.diagnostics.count) errors" }
            throw first
        }
        session.graph = g
        graphFolder = path
        schema = Schema(g)
        last = nil
        output.err("loaded \(path): \(g.nodeCount) nodes, \(g.edgeCount) relationships\n")
    }

    /// `:export FORMAT FILE`: the last result's subgraph, or the whole graph before any result.
    mutating func export(_ exporter: any Exporter, to path: String) throws(Diagnostic) {
        let sub = last.map { Subgraph(result: $0) } ?? Subgraph(all: session.graph)
        let result = try exporter.export(session.graph, sub, settings: ExportSettings(language: session.displayLanguage))
        if exporter.writesDirectory {
            try AtomicFile.makeDirectory(path)
            for f in result.files { try AtomicFile.write(f.bytes, to: path + "/" + (f.name ?? "export.\(exporter.format)")) }
        } else {
            for f in result.files { try AtomicFile.write(f.bytes, to: path) }
        }
        output.err("wrote \(path)\n")
    }
}

/// Edit distance, for "did you mean" on command names.
func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.lowercased()), b = Array(b.lowercased())
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
        var prev = row[0]
        row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1))
            prev = cur
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
