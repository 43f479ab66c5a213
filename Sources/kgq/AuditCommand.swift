import ArgumentParser
import Foundation
import KGAudit
import KGCore
import KGExport

/// `kgq audit`: runs the citation audit over a graph (and its documents) and writes a report.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit the graph's citations: uncited, misquoted, second-hand, conflicting, stale, uncaptured.",
        discussion: """
            Rules: \(BuiltinRules.all.map(\.id).joined(separator: ", ")).
            Rules that read documents (document-changed, quote-not-found, uncaptured-number) run only with --documents.
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

    @Option(name: .customLong("rule"), help: ArgumentHelp("Run only this rule (repeatable).", valueName: "id"))
    var rules: [String] = []

    @Option(name: .long, help: ArgumentHelp("A previous report (--format json or sarif); findings with a fingerprint in it are not reported again.", valueName: "file"))
    var baseline: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("stale-years"), parsing: .unconditional, help: "A figure whose period ended more than this many years ago is stale.")
    var staleYears: Int = 5

    @Option(name: .long, help: ArgumentHelp("The date staleness is measured from (YYYY, YYYY-MM or YYYY-MM-DD); default: today.", valueName: "date"))
    var today: String?

    @Option(name: .long, help: ArgumentHelp("Also draw the citation map (documents → original sources → figures and claims, coloured by finding) to this .dot, .svg, .png or .pdf file.", valueName: "file"))
    var map: String?

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
        let graph = try graphOptions.load(with: registry)
        try CLI.reporting { try audit(graph, rules: selected) }
    }

    private func audit(_ graph: Graph, rules selected: [any AuditRule]) throws {
        var settings = AuditSettings(staleYears: staleYears)
        if let today, let date = KGDate(today) { settings.today = date }
        let corpus = documents.map { DocumentCorpus.load(documentsOf: graph, from: $0) }
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
        let options = ReportOptions(root: AuditCommand.repositoryRoot(), toolVersion: KGQ.configuration.version)
        let text = format.render(report, options: options)
        if let output, output != "-" {
            try AtomicFile.write(Array(text.utf8), to: output)
            CLI.error("kgq audit: \(report.summaryLine); wrote \(output)")
        } else {
            CLI.out(text)
        }
        if let map { try drawMap(graph, report, to: map) }
        if report.fails(at: failOn.severity) { throw ExitCode(1) }
    }

    /// Draws the citation map through the exporters.
    private func drawMap(_ graph: Graph, _ report: AuditReport, to path: String) throws {
        let mapGraph = CitationMap.build(from: graph, findings: report.findings)
        guard let format = ExportCommand.format(forPath: path) else { return }
        let options = ExportOptions(maxNodes: max(mapGraph.nodeCount, 1),
                                    dot: DOTWriter.Options(title: "Citation map: documents → original sources → figures and claims"))
        let result = try GraphExporter().export(mapGraph, Subgraph(all: mapGraph), as: format, options: options)
        guard let file = result.files.first else { return }
        try AtomicFile.write(file.bytes, to: path)
        CLI.error("wrote \(path) (citation map: \(mapGraph.nodeCount) nodes, \(mapGraph.edgeCount) relationships)")
    }

    /// The directory .kg paths are made relative to in reports: the nearest ancestor of the
    /// working directory holding `.git` (a checkout or worktree), else the working directory.
    static func repositoryRoot() -> String {
        let fm = FileManager.default
        var dir = URL(fileURLWithPath: fm.currentDirectoryPath).standardizedFileURL
        while dir.path != "/" {
            if fm.fileExists(atPath: dir.appendingPathComponent(".git").path) { return dir.path }
            dir.deleteLastPathComponent()
        }
        return fm.currentDirectoryPath
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
