import ArgumentParser
import Foundation
import KGAudit
import KGCore
import KGExport
import KGPluginHost

/// `kgq audit`: runs the citation audit over a graph (and its documents) and writes a report.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit the graph's citations: uncited, misquoted, second-hand, conflicting, stale, uncaptured.",
        discussion: """
            Rules: \(BuiltinRules.all.map(\.id).joined(separator: ", ")).
            Rules that read documents (document-changed, quote-not-found, missing-attribution, uncaptured-number) run only with --documents.
            The text report starts with what each rule checked (or why it was skipped); info findings are one line per rule unless --verbose.
            Exit status: 0 when no finding is at or above --fail-on, 1 when one is, 2 on usage or input errors.
            See docs/audit.md for the rules, the JSON shape and the SARIF layout.
            """)

    @OptionGroup var graphOptions: GraphOptions

    @Option(name: .long, help: ArgumentHelp("Folder holding the registered documents (by their `file` name); enables the rules that read them.", valueName: "dir"))
    var documents: String?

    @Option(name: .long, help: "Report format: text, json, sarif or markdown.")
    var format: AuditReportFormat = .text

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding is at or above this severity: error, warning, info or never.")
    var failOn: FailThreshold = .error

    @Option(name: .customLong("rule"), help: ArgumentHelp("Run only this rule (repeatable).", valueName: "id"),
            completion: .list(BuiltinRules.all.map(\.id)))
    var rules: [String] = []

    @Option(name: .long, help: ArgumentHelp("A previous report (--format json or sarif); findings with a fingerprint in it are not reported again.", valueName: "file"))
    var baseline: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("stale-years"), parsing: .unconditional, help: "A figure, claim or relationship whose date (its own, else its documents') is more than this many years old is stale.")
    var staleYears: Int = 5

    @Option(name: .long, help: ArgumentHelp("The date staleness is measured from (YYYY, YYYY-MM or YYYY-MM-DD); default: today.", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Also draw the citation map (documents → original sources → figures and claims, coloured by finding) to this .dot, .svg, .png or .pdf file.", valueName: "file"))
    var map: String?

    @Option(name: .long, help: ArgumentHelp("Base folder report paths are relative to (SARIF's %SRCROOT%); default: the graph folder's repository root. Files outside it are written as absolute paths.", valueName: "dir"))
    var base: String?

    @Flag(name: .long, help: "Apply the mechanical fixes first (a quote re-anchored to the line it moved to; the new SHA-256 of a changed document whose quotes all still stand), atomically, printing the diff on standard error; then audit the fixed graph.")
    var fix = false

    func validate() throws {
        // --rule ids are checked in run(), against the registry's rules (built-in and plugins').
        if let today, KGDate(today) == nil {
            throw ValidationError("--today '\(today)' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        }
        // Years count back from a date of the calendar kgq knows (years 1 to 9999).
        try NumericFlag.check("--stale-years", staleYears, in: 0...9_999)
        if let map {
            guard let f = ExportCommand.format(forPath: map), f.isPicture || f == .dot else {
                throw ValidationError("--map '\(map)' must end in .dot, .svg, .png or .pdf")
            }
        }
        if let base {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: base, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--base '\(base)' is not a folder; give the folder report paths should be relative to (e.g. --base .)")
            }
        }
        if let documents {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: documents, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ValidationError("--documents '\(documents)' is not a folder")
            }
        }
    }

    func run() throws {
        let registry = try graphOptions.registry()
        let available = registry.rules
        for id in rules where !available.contains(where: { $0.id == id }) {
            let known = available.map(\.id)
            let guess = Suggest.closest(to: id, among: known)
            CLI.error(Diagnostic(.error, "unknown rule '\(id)'", help: (guess.map { "did you mean '\($0)'? " } ?? "")
                                 + "rules: \(known.joined(separator: ", "))").rendered())
            throw ExitCode(2)
        }
        let selected = rules.isEmpty ? available : rules.compactMap { id in available.first { $0.id == id } }
        // The report and the map must not overwrite the graph (neither is a graph file, so no
        // --force allows it), nor each other.
        try CLI.reporting {
            var outputs: [OutputPolicy.Output] = []
            if let output, output != "-" { try AtomicFile.checkWritable(output); outputs.append(.init(flag: "-o", path: output)) }
            if let map { try AtomicFile.checkWritable(map); outputs.append(.init(flag: "--map", path: map)) }
            try OutputPolicy(graphFolder: graphOptions.folder, registry: registry).check(outputs, force: false)
        }
        var graph = try graphOptions.load(with: registry)
        if fix {
            _ = try graphOptions.writableFolder(command: "kgq audit --fix")
            // Apply the mechanical fixes, then audit the graph as it now is.
            if try CLI.reporting({ try applyFixes(graph, rules: selected) }) {
                graph = try graphOptions.load(with: registry)
            }
        }
        try CLI.reporting { try audit(graph, rules: selected) }
    }

    /// The settings the flags give.
    private var settings: AuditSettings {
        var settings = AuditSettings(staleYears: staleYears)
        if let today, let date = KGDate(today) { settings.today = date }
        return settings
    }

    private var reportOptions: ReportOptions {
        let root = base.map(AuditCommand.absolute) ?? AuditCommand.repositoryRoot(of: graphOptions.folder)
        return ReportOptions(root: root, toolVersion: KGQ.configuration.version, verbose: graphOptions.verbose)
    }

    /// `--fix`: applies every mechanical fix of the findings (re-anchored quotes, the new
    /// SHA-256 of a document whose quotes all still stand) to the .kg files, each written
    /// atomically, and prints the diff on standard error. True when some file changed.
    private func applyFixes(_ graph: Graph, rules selected: [any AuditRule]) throws -> Bool {
        let corpus = try documents.map { try DocumentCorpus.load(documentsOf: graph, from: $0) }
        let report = Audit(rules: selected).run(AuditContext(graph: graph, documents: corpus, settings: settings))
        let fixes = report.findings.compactMap(\.mechanicalFix)
        guard !fixes.isEmpty else {
            CLI.error("kgq audit --fix: no finding has a mechanical fix" + (documents == nil ? " (the rules that have them need --documents)" : ""))
            return false
        }
        var texts: [String: String] = [:]
        for path in Set(fixes.map(\.file)) {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Diagnostic(.error, "cannot read \(path) to fix it", help: "run kgq audit --fix from the folder the graph was loaded from")
            }
            texts[path] = String(decoding: data, as: UTF8.self)
        }
        let result = FixApplier.apply(fixes, to: texts)
        for (fix, reason) in result.skipped { CLI.error("kgq audit --fix: not applied: \(fix.description): \(reason)") }
        guard !result.changes.isEmpty else { return false }
        CLI.error(FixApplier.diff(result.changes, relativeTo: reportOptions))
        for (path, text) in result.texts.sorted(by: { $0.key < $1.key }) { try AtomicFile.write(text, to: path) }
        CLI.error("kgq audit --fix: applied \(result.changes.count) fix(es) in \(result.texts.count) file(s); the report below is of the fixed graph")
        return true
    }

    func audit(_ graph: Graph, rules selected: [any AuditRule]) throws {
        let settings = self.settings
        let corpus = try documents.map { try DocumentCorpus.load(documentsOf: graph, from: $0) }
        var fingerprints = Set<String>()
        if let baseline {
            guard let data = FileManager.default.contents(atPath: baseline) else {
                throw Diagnostic(.error, "cannot read the baseline '\(baseline)'",
                                 help: "pass a report written by `kgq audit --format json` or `--format sarif`")
            }
            fingerprints = try Baseline.fingerprints(fromReport: data, file: baseline)
        }
        let report = Audit(rules: selected).run(AuditContext(graph: graph, documents: corpus, settings: settings),
                                                baseline: fingerprints)
        let text = format.render(report, options: reportOptions)
        if let output, output != "-" {
            try AtomicFile.write(Array(text.utf8), to: output)
            CLI.error("kgq audit: \(report.summaryLine); wrote \(output)")
        } else {
            CLI.out(text)
        }
        if let map { try drawMap(graph, report, to: map) }
        if report.fails(at: failOn.severity) { throw ExitCode(1) }
    }

    /// Draws the citation map, coloured by the report's findings (rendered through the exporters' Graphviz).
    private func drawMap(_ graph: Graph, _ report: AuditReport, to path: String) throws {
        guard let format = ExportCommand.format(forPath: path) else { return }
        let map = CitationMap.build(from: graph, findings: report.findings)
        try AtomicFile.write(try CitationMapPicture(map: map).bytes(as: format), to: path)
        let coloured = AuditSeverity.allCases.reversed().map { s in "\(map.count(s).items) \(s.rawValue)" }.joined(separator: ", ")
        CLI.error("wrote \(path) (citation map: \(map.items.count) nodes — \(coloured), \(map.count(nil).items) without finding — and \(map.links.count) links)")
    }

    /// The directory .kg paths are made relative to in reports: the nearest ancestor of the
    /// graph folder holding `.git` (a checkout or worktree), else the working directory when
    /// the graph lies inside it, else the graph folder itself.
    static func repositoryRoot(of folder: String) -> String {
        let fm = FileManager.default
        let graph = URL(fileURLWithPath: absolute(folder)).standardizedFileURL
        var dir = graph
        while dir.path != "/" {
            if fm.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir.path }
            dir.deleteLastPathComponent()
        }
        let cwd = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL.path
        return graph.path.hasPrefix(cwd.hasSuffix("/") ? cwd : cwd + "/") ? cwd : graph.path
    }

    /// A path made absolute against the working directory.
    static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(path).standardizedFileURL.path
    }
}

/// `--fail-on`: a severity, or never.
enum FailThreshold: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, never

    var severity: AuditSeverity? {
        switch self {
        case .error: return .error
        case .warning: return .warning
        case .info: return .info
        case .never: return nil
        }
    }
}

extension AuditReportFormat: ExpressibleByArgument {}
