import ArgumentParser
import Foundation
import KGCore
import KGCuration
import KGOutput
import KGRepl
import KGQuery
import KGSpark

/// `kgq query`: runs openCypher statements one-shot, or a `;`-separated script from stdin.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run openCypher statements against a graph.",
        discussion: """
        With no QUERY and stdin not a terminal, reads ';'-separated statements from stdin and runs \
        them in one session (edits persist until the process ends). Exit code 2 if any statement failed.
        """)

    @Argument(help: "The statement(s) to run, ';'-separated.")
    var query: String?

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: "Output format: table, json, csv, markdown, line or jsonl (one JSON object per row).")
    var format: OutputMode = .table

    @Option(name: .customLong("param"), help: ArgumentHelp("A parameter: 'name => expression' (a Cypher expression, as cypher-shell) or name=value (JSON when it parses, else a string). Repeatable.", valueName: "PARAM"))
    var param: [String] = []

    @Option(name: [.customShort("f"), .customLong("file")], help: ArgumentHelp("Run the ';'-separated statements of FILE (as cypher-shell -f).", valueName: "FILE"))
    var file: String?

    @Option(name: .long, help: "Parameters as one JSON object, e.g. '{\"name\": \"agent\"}'.")
    var params: String?

    @Option(name: .long, help: "Display language for name(x): en, nl, sv, …")
    var language: String?

    @OptionGroup(title: "Limits") var limits: QueryLimitOptions

    @Flag(name: .long, help: "Save the statements' edits into the graph folder's .kg files (all files or none; only edited statements change); a summary goes to stderr.")
    var write = false

    @Flag(name: .long, help: "Show what --write would change in the graph folder, and write nothing.")
    var dryRun = false

    @Option(name: .long, help: ArgumentHelp("Run on a Spark cluster through Spark Connect (sc://HOST:PORT) instead of in memory, on the tables of kgq push; docs/spark.md lists what translates.", valueName: "URL"))
    var engine: String?

    @Option(name: .long, help: ArgumentHelp("With --engine: the prefix the graph was pushed under.", valueName: "P"))
    var tablePrefix: String?

    @Flag(name: .long, help: "With --write: save even though the folder's .kg files changed on disk since they were loaded.")
    var force = false


    func run() throws {
        var parameters: [String: QueryValue] = [:]
        if let params {
            let value: QueryValue
            do { value = try ResultJSON.read(params) } catch {
                throw ValidationError("--params is not valid JSON: \(error)\n  help: give one JSON object, e.g. '{\"n\": 1}'")
            }
            guard case .map(let m) = value else {
                throw ValidationError("--params must be a JSON object, e.g. '{\"n\": 1}'")
            }
            parameters = m
        }
        let text: String
        if query != nil && file != nil {
            throw ValidationError("give a QUERY or -f FILE, not both")
        }
        if let query {
            if let bad = Self.invalidArgument(decodingTo: query) {
                try CLI.reporting {
                    throw Diagnostic(.error, "the query argument is not valid UTF-8 (\(bad))",
                                     help: "pass the statement as UTF-8 text")
                }
            }
            text = query
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                CLI.error(Diagnostic(.error, "cannot read '\(file)'", help: "check the path (relative to \(FileManager.default.currentDirectoryPath))").rendered())
                throw ExitCode(2)
            }
            if let bad = UTF8Validation.describeFirstInvalidByte([UInt8](data)) {
                try CLI.reporting {
                    throw Diagnostic(.error, "'\(file)' is not valid UTF-8 (\(bad))", help: "save the script as UTF-8")
                }
            }
            text = String(decoding: data, as: UTF8.self)
        } else if isatty(0) == 0 {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            if let bad = UTF8Validation.describeFirstInvalidByte(bytes) {
                try CLI.reporting {
                    throw Diagnostic(.error, "the statements on standard input are not valid UTF-8 (\(bad))",
                                     help: "save the script as UTF-8")
                }
            }
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            throw ValidationError("give a QUERY, or pipe statements on stdin")
        }
        if let engine {
            try runOnSpark(text, engine: engine, parameterCount: parameters.count + param.count)
            return
        }
        if tablePrefix != nil { throw ValidationError("--table-prefix goes with --engine (the Spark tables to query)") }
        if force && !(write || dryRun) { throw ValidationError("--force goes with --write (it saves over a folder changed on disk)") }
        let registry = try options.registry()
        // Fingerprinted before loading, so that a change made while loading is noticed too.
        let fingerprints = write || dryRun ? try CLI.reporting { try SavePoint.fingerprints(of: options.folder) } : [:]
        let loaded = try options.load(with: registry)
        var session = QuerySession(graph: loaded, parameters: parameters, displayLanguage: language,
                                   functions: registry.functions)
        session.limits = limits.limits
        session.checkCitation = QuoteCheck(documentsFolder: options.folder).verdict
        for p in param { try CLI.reporting { try session.setParameter(flag: p) } }
        var failed = false
        let lines = Script.lines(text)
        // A statement running over a second shows `running… 2.4 s` on stderr (a terminal only),
        // erased before its result or error is written.
        let progress = ProgressTicker.enabled && !options.noProgress
        for st in Script.statements(text) {
            do {
                let ticker = ProgressTicker.start("running", enabled: progress)
                let outcome = Result { () throws(QueryError) -> ResultSet in try session.run(st.text) }
                ticker?.stop()
                let r = try outcome.get()
                for w in r.warnings {
                    CLI.error(st.placing(w, scriptLines: lines).rendered())
                }
                emit(r, session.graph)
            } catch {
                failed = true
                let e = st.placing(error, scriptLines: lines)
                CLI.error(e.description)
                if format == .json { CLI.out(ResultJSON.encode(e) + "\n") }
            }
        }
        if write || dryRun {
            guard !failed else {
                CLI.error("not saved: a statement failed, so none of the edits were written to \(options.folder)")
                throw ExitCode(2)
            }
            let point = SavePoint(folder: options.folder, graph: loaded, fingerprints: fingerprints)
            let plan = try CLI.reporting { try GraphSave.plan(point, current: session.graph, force: force) }
            if !plan.isEmpty && !dryRun { try CLI.reporting { try GraphSave.apply(plan) } }
            CLI.error((plan.isEmpty ? "" : dryRun ? "would save into \(options.folder) (--dry-run: nothing written):\n"
                                                  : "saved into \(options.folder):\n") + plan.summary)
        }
        if failed { throw ExitCode(2) }
    }

    /// The first bad byte of the command-line argument that reads as `text` once its bad bytes
    /// are replaced (Swift's `CommandLine.arguments` repairs them silently), or nil.
    static func invalidArgument(decodingTo text: String) -> String? {
        for k in 1..<Int(CommandLine.argc) {
            guard let p = CommandLine.unsafeArgv[k] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: strlen(p)))
            if let bad = UTF8Validation.describeFirstInvalidByte(bytes), String(decoding: bytes, as: UTF8.self) == text { return bad }
        }
        return nil
    }

    /// The statements of `text` compiled to Spark SQL and run on the cluster at `engine`.
    private func runOnSpark(_ text: String, engine url: String, parameterCount: Int) throws {
        if write || dryRun { throw ValidationError("--write and --dry-run need the graph in memory; the Spark tables are read-only to kgq") }
        if parameterCount > 0 { throw ValidationError("parameters are not translated to Spark SQL yet; write the values into the statement") }
        guard let prefix = tablePrefix else {
            throw ValidationError("--engine needs --table-prefix, the prefix the graph was pushed under (kgq push --table-prefix P)")
        }
        try SparkRun.reporting {
            try SparkConnection.validate(url: url)
            try SparkEngine.validate(prefix: prefix)
        }
        let engine = try SparkRun.reporting { try SparkEngine(connection: try SparkConnection(url: url), prefix: prefix) }
        var failed = false
        let lines = Script.lines(text)
        for st in Script.statements(text) {
            do {
                emit(try engine.run(st.text), Graph())
            } catch let error as QueryError {
                failed = true
                let e = st.placing(error, scriptLines: lines)
                CLI.error(e.description)
                if format == .json { CLI.out(ResultJSON.encode(e) + "\n") }
            } catch let error as SparkError {
                failed = true
                CLI.error(error.diagnostic.rendered())
            }
        }
        if failed { throw ExitCode(2) }
    }

    private func emit(_ r: ResultSet, _ g: Graph) {
        if format == .json {
            CLI.out(ResultJSON.encode(r, graph: g) + "\n")   // the documented one-object-per-statement shape
        } else {
            let width = TerminalInfo.outputIsTerminal ? TerminalInfo.width(environment: ProcessInfo.processInfo.environment) : nil
            CLI.out(ResultRenderer.render(r, graph: g, mode: format, width: width, color: false))
        }
    }
}

