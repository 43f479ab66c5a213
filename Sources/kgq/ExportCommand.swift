import ArgumentParser
import Foundation
import KGCore
import KGExport
import KGPluginAPI
import KGPluginHost
import KGQuery

/// `kgq export`: the whole graph, or the subgraph of a query's result, as a picture (DOT, PNG,
/// SVG, PDF, rendered in-process by Graphviz) or as data for other tools (JSON, GraphML, CSV
/// for neo4j-admin import, a Cypher script).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the graph, or a query's result, as a picture or a data file.",
        discussion: """
        Without --query the whole graph is exported; with one, every node, relationship and path \
        in its result (inside lists and maps too), plus the end nodes of its relationships.
        The format comes from --format, else from the extension of -o (x.svg, x.graphml, …).
        Pictures stop at --max-nodes (500 unless given); csv writes nodes.csv and \
        relationships.csv into the directory -o names (created when missing).
        Plugins add formats: --plugin PATH loads one (kgq plugins lists every format).

        Examples:
          kgq export -o graph.svg
          kgq export -o graph.html
          kgq export -Gsize=10,10 -Nshape=box -Epenwidth=2 -o boxes.png
          kgq export --query 'MATCH p = (r:Role)-[:REQUIRES]->() RETURN p' -o skills.png
          kgq export --query-file graphs/customer-service/views/citation-map.cypher -o map.pdf
          kgq export --format json -o - | jq '.nodes | length'
          kgq export --format csv -o neo4j-import/
          kgq export --plugin .build/debug/libKGMermaidPlugin.so --format mermaid -o -
        """)

    @OptionGroup var graphOptions: GraphOptions

    @Option(name: .long, help: "dot, png, svg, pdf, jpg, webp, html, json, graphml, csv, cypher, kg or a plugin's format (default: from the -o extension).",
            completion: .list(ExportFormat.allCases.map(\.rawValue) + ["kg"]))
    var format: String?

    @Option(name: .long, help: "An openCypher query; its nodes, relationships and paths are exported.")
    var query: String?

    @Option(name: .long, help: "Read the query from a file (a saved view); its first // comment becomes the title.")
    var queryFile: String?

    @OptionGroup(title: "Limits (on the query)") var limits: QueryLimitOptions

    @Option(name: .long, help: "Graphviz layout: dot (layered), neato, fdp, sfdp (large graphs) or circo; by default dot, or sfdp when dot would shrink the names too small to read.")
    var layout: LayoutEngine?

    @Option(name: .long, parsing: .unconditional, help: "Refuse subgraphs with more nodes than this (default 500 for pictures, none for data).")
    var maxNodes: Int?

    @Option(name: .long, help: "Group the nodes of a picture into one box per label: 'label'.")
    var clusterBy: ClusterBy?

    @Option(name: .long, help: "Show names in this language where a node has one: en, nl, sv, …")
    var language: String?

    @Option(name: .long, help: "A title drawn above the picture.")
    var title: String?

    @Flag(name: .long, help: "Leave the legend out of the picture.")
    var noLegend = false

    @Flag(name: .long, help: "Draw every neighbour of a hub on its own (by default more than \(DOTWriter.groupThreshold) leaves of one label and relationship type become one list node).")
    var expand = false

    @Flag(name: .long, help: "Draw each statement's citations: the documents (dashed arrows labelled by line) and the original sources they name (dotted). A saved view with a '// draw: citations' line turns it on.")
    var citations = false

    @Option(name: .long, parsing: .unconditional, help: "Pixels per inch of png and jpg pictures (default 96, 36 to 600).")
    var dpi: Int?

    @Option(name: .long, help: "The largest picture in inches, as Graphviz's size: 'W,H' or 'W' (default \(DOTWriter.Options.defaultSize), 4000 px at 96 dpi); end with '!' to scale small pictures up too.")
    var size: String?

    @Option(name: .customShort("G"), help: ArgumentHelp("A Graphviz graph attribute, as dot's -G: -Gsize=10,10, -Granksep=1 (repeatable; wins over kgq's own).", valueName: "name=value"))
    var graphAttributes: [String] = []

    @Option(name: .customShort("N"), help: ArgumentHelp("A Graphviz attribute for every node, as dot's -N: -Nshape=box, -Nfontsize=14 (repeatable; wins over kgq's styles).", valueName: "name=value"))
    var nodeAttributes: [String] = []

    @Option(name: .customShort("E"), help: ArgumentHelp("A Graphviz attribute for every edge, as dot's -E: -Epenwidth=2, -Ecolor=gray (repeatable).", valueName: "name=value"))
    var edgeAttributes: [String] = []

    @Option(name: [.customShort("o"), .customLong("output")], help: "The file to write, '-' for stdout, or a directory for csv.")
    var output: String

    @Flag(name: .long, help: "Allow writing a file the graph folder reads (e.g. --format kg -o GRAPH/extra.kg); other formats are refused there always.")
    var force = false

    enum ClusterBy: String, ExpressibleByArgument, CaseIterable { case label }

    func run() throws {
        try CLI.reporting { try export() }
    }

    /// The folder `path` would be written into when it does not exist yet (nil for '-' or when it does).
    static func missingFolder(of path: String) -> String? {
        guard path != "-" else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return FileManager.default.fileExists(atPath: folder) ? nil : folder
    }

    /// A folder that can be created: its nearest existing ancestor is a folder, not a file.
    static func checkCreatable(_ folder: String) throws(Diagnostic) {
        var dir = URL(fileURLWithPath: folder)
        var isDirectory: ObjCBool = false
        while !FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDirectory) { dir.deleteLastPathComponent() }
        guard isDirectory.boolValue else {
            throw Diagnostic(.error, "cannot create the folder '\(folder)': '\(dir.path)' is a file",
                             help: "write somewhere else with -o")
        }
    }

    /// The built-in format `-o`'s extension names, for options that take only built-in
    /// pictures (`kgq audit --map`); the registry's exporters answer the same for export.
    static func format(forPath path: String) -> ExportFormat? {
        guard let builtins = try? PluginRegistry.builtins() else { return nil }
        return (exporter(forPath: path, in: builtins) as? BuiltinExporter)?.exportFormat
    }

    /// The exporter `-o`'s extension names (x.svg, x.gv, x.mmd, …); a path ending in `/`, or
    /// an existing directory, means the exporter that writes a directory (csv).
    static func exporter(forPath path: String, in registry: PluginRegistry) -> (any Exporter)? {
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            return registry.exporters.first { $0.value.writesDirectory }?.value
        }
        return registry.exporter(fileExtension: (path as NSString).pathExtension)
    }

    /// Checks the flags together. Problems are Diagnostics (exit code 2), like every input error.
    private func checkedExporter(_ registry: PluginRegistry) throws(Diagnostic) -> any Exporter {
        let names = registry.formatNames.joined(separator: ", ")
        if let maxNodes, maxNodes < 1 {
            throw Diagnostic(.error, "--max-nodes must be at least 1, got \(maxNodes)")
        }
        if let dpi, !(36...600).contains(dpi) {
            throw Diagnostic(.error, "--dpi takes a whole number from 36 to 600, got \(dpi)", help: "e.g. --dpi 150")
        }
        if let size, !ExportCommand.isGraphvizSize(size) {
            throw Diagnostic(.error, "--size takes inches as 'W,H' or 'W' (positive numbers, optionally ending in '!'), got '\(size)'",
                             help: "e.g. --size 8,11 for a page, --size 20 for at most 20 inches either way")
        }
        for (flag, values) in [("-G", graphAttributes), ("-N", nodeAttributes), ("-E", edgeAttributes)] {
            for value in values { _ = try GraphvizAttribute(parsing: value, flag: flag) }
        }
        if query != nil && queryFile != nil {
            throw Diagnostic(.error, "give --query or --query-file, not both")
        }
        if let format {
            guard let exporter = registry.exporter(format: format) else {
                throw Diagnostic(.error, "unknown export format '\(format)'",
                                 help: "use one of \(names) (plugins add more: --plugin PATH; kgq plugins lists them)")
            }
            return exporter
        }
        if output == "-" {
            throw Diagnostic(.error, "--format is needed when writing to stdout (-o -)",
                             help: "add --format with one of \(names)")
        }
        guard let inferred = ExportCommand.exporter(forPath: output, in: registry) else {
            throw Diagnostic(.error, "cannot tell the format from '\(output)'",
                             help: "add --format with one of \(names), or end -o with one of their extensions")
        }
        return inferred
    }

    private func export() throws {
        let registry = try graphOptions.registry()
        let format = try checkedExporter(registry)
        if output == "-" && format.writesDirectory {
            throw Diagnostic(.error, "csv export writes two files (nodes.csv and relationships.csv) and cannot go to stdout",
                             help: "give a directory with -o, e.g. -o neo4j-import/")
        }
        if output == "-" && format.isBinary && isatty(1) != 0 {
            throw Diagnostic(.error, "refusing to write binary \(format.format) data to a terminal",
                             help: "write to a file with -o FILE.\(format.fileExtensions.first ?? format.format), or pipe the output")
        }

        // Where the file goes is known now: refuse a missing folder that cannot be created, or a
        // file of the graph itself, before loading and exporting. A missing folder is created when
        // the file is written (as CSV export creates its directory).
        let policy = OutputPolicy(graphFolder: graphOptions.folder, registry: registry)
        if output != "-" && !format.writesDirectory {
            if let missing = ExportCommand.missingFolder(of: output) {
                try ExportCommand.checkCreatable(missing)
            } else {
                try AtomicFile.checkWritable(output)
            }
            try policy.check([.init(flag: "-o", path: output, format: format.format)], force: force)
        }

        var queryText = query
        var pictureTitle = title
        var drawCitations = citations
        if let queryFile {
            guard let text = try? String(contentsOfFile: queryFile, encoding: .utf8) else {
                throw Diagnostic(.error, "cannot read the query file '\(queryFile)'", help: "check the path")
            }
            queryText = text
            if pictureTitle == nil { pictureTitle = ExportCommand.leadingComment(text) }
            if ExportCommand.asksForCitations(text) { drawCitations = true }
        }

        var graph = try graphOptions.load(with: registry)
        var subgraph = Subgraph(all: graph)
        if let queryText {
            (graph, subgraph) = try ExportCommand.run(query: queryText, on: graph, language: language,
                                                      functions: registry.functions, limits: limits.limits)
            if subgraph.nodes.isEmpty && subgraph.edges.isEmpty {
                CLI.error(Diagnostic(.warning, "the query returned no nodes, relationships or paths; the export is empty",
                                     help: "return graph elements (RETURN n, r, p), not only their properties").rendered())
            }
        }

        var settings = ExportSettings(title: pictureTitle, language: language, maxNodes: maxNodes, layout: layout?.rawValue ?? "auto",
                                      clusterByLabel: clusterBy == .label, legend: !noLegend, expand: expand,
                                      dpi: dpi, size: size, citations: drawCitations)
        settings.graphAttributes = graphAttributes
        settings.nodeAttributes = nodeAttributes
        settings.edgeAttributes = edgeAttributes
        if ["dot", "png", "svg", "pdf", "jpg", "webp", "html", "graphml"].contains(format.format) {
            let unwritable = UnwritableText.count(in: graph, subgraph.closed(in: graph))
            if unwritable > 0 {
                CLI.error(Diagnostic(.warning, "\(unwritable) control or non-character code point\(unwritable == 1 ? "" : "s") (C0 controls, U+FFFE, U+FFFF) in the exported strings became U+FFFD '\u{FFFD}': \(format.format) cannot hold them",
                                     help: "--format json keeps them as they are").rendered())
            }
        }
        let ticker = ProgressTicker.start("exporting \(format.format)", enabled: ProgressTicker.enabled && !graphOptions.noProgress)
        let exported = Result { try format.export(graph, subgraph, settings: settings) }
        ticker?.stop()
        let result = try exported.get()
        if output != "-" && format.writesDirectory {
            try policy.check([.init(flag: "-o", path: output, format: format.format, isFolder: true,
                                    fileNames: result.files.map { $0.name ?? "export" })], force: force)
        }
        try write(result, format: format)
    }

    /// Runs the query's statements in one session; the subgraph is every graph element in
    /// their results, taken from the session's graph (so in-session edits are exported).
    static func run(query: String, on graph: Graph, language: String?,
                    functions: FunctionRegistry = .builtins, limits: QueryLimits = .standard) throws -> (Graph, Subgraph) {
        var session = QuerySession(graph: graph, displayLanguage: language, functions: functions)
        session.limits = limits
        var nodes: [Int] = [], edges: [Int] = []
        for statement in Script.statements(query) {
            do {
                let result = try session.run(statement.text)
                let sub = Subgraph(result: result)
                nodes += sub.nodes
                edges += sub.edges
            } catch {
                var e = error
                if let l = e.line { e.line = l + statement.line - 1 }
                throw e
            }
        }
        return (session.graph, Subgraph(nodes: nodes, edges: edges))
    }

    private func write(_ result: ExportOutput, format: any Exporter) throws {
        if output == "-" {
            for file in result.files { CLI.out(file.bytes) }
            return
        }
        var written: [String] = []
        if format.writesDirectory {
            // All or nothing: the files of one export belong together (nodes.csv names the ids
            // relationships.csv refers to), so the folder is replaced whole.
            let files = result.files.map { (name: $0.name ?? "export", bytes: $0.bytes) }
            try AtomicFile.writeFolder(files, to: output)
            written = files.map { (output as NSString).appendingPathComponent($0.name) }
        } else if let file = result.files.first {
            if let missing = ExportCommand.missingFolder(of: output) { try AtomicFile.makeDirectory(missing) }
            try AtomicFile.write(file.bytes, to: output)
            written.append(output)
        }
        let bytes = result.files.reduce(0) { $0 + $1.bytes.count }
        CLI.error("wrote \(written.joined(separator: ", ")) (\(bytes) bytes)")
    }

    /// `kgq export -Gsize=10,10` as `dot` spells it becomes `-G size=10,10` for the argument
    /// parser (which reads `-Gsize=10,10` as an option named `-Gsize`). Only after `export`,
    /// and not after `--`.
    static func splittingGraphvizFlags(_ arguments: [String]) -> [String] {
        guard arguments.first == "export" else { return arguments }
        var out: [String] = []
        var rest = false
        for argument in arguments {
            if argument == "--" { rest = true }
            if !rest, argument.count > 2, let flag = ["-G", "-N", "-E"].first(where: argument.hasPrefix) {
                out += [flag, String(argument.dropFirst(2))]
            } else {
                out.append(argument)
            }
        }
        return out
    }

    /// True when a saved view has a `// draw: citations` comment line.
    static func asksForCitations(_ text: String) -> Bool {
        text.split(separator: "\n").contains { line in
            let words = line.trimmingCharacters(in: .whitespaces)
            guard words.hasPrefix("//") else { return false }
            return words.dropFirst(2).trimmingCharacters(in: .whitespaces).lowercased() == "draw: citations"
        }
    }

    /// True for a Graphviz size: one or two positive numbers of inches, comma-separated, and an
    /// optional `!`.
    static func isGraphvizSize(_ text: String) -> Bool {
        let body = text.hasSuffix("!") ? String(text.dropLast()) : text
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let value = Double(part), value.isFinite else { return false }
            return value > 0 && value <= 1000
        }
    }

    /// The text of the first `//` comment line of a saved view, for its title.
    static func leadingComment(_ text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("//") {
                let comment = trimmed.dropFirst(2).trimmingCharacters(in: .whitespaces)
                if !comment.isEmpty { return comment }
            } else if !trimmed.isEmpty {
                return nil
            }
        }
        return nil
    }
}

extension LayoutEngine: ExpressibleByArgument {}
