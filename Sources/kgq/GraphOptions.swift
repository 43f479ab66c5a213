import ArgumentParser
import Foundation
import KGCore
import KGPluginAPI
import KGPluginHost

/// `--graph PATH` (and the plugin options), shared by every subcommand that reads a graph.
struct GraphOptions: ParsableArguments {
    static let defaultFolder = "graphs/customer-service"

    @Option(name: .long, help: ArgumentHelp("Graph folder of .kg files or of Neo4j admin-import style CSV files, or a graph file: kgq JSON export (.json), GraphML (.graphml), Neo4j apoc.export.json (.jsonl), cypher-shell --format plain output (.txt) (default: $KGQ_GRAPH, the config file's graph, else graphs/customer-service here, beside the binary or in its repository; kgq config says which).", valueName: "PATH"),
            completion: .directory)
    var graph: String?

    @Option(name: .long, help: ArgumentHelp("Read --graph FILE as this format (json, graphml, neo4j-json, cypher-shell, or a plugin importer's name) instead of by its extension; kgq plugins lists them.", valueName: "NAME"))
    var graphFormat: String?

    @OptionGroup var pluginOptions: PluginOptions

    @Flag(name: .long, help: "Show no progress line on stderr for long work (loading, rendering, long statements); also KGQ_PROGRESS=0 or progress = false in the config file.")
    var noProgress = false

    @Flag(name: .long, help: "Load the graph from its files, neither reading nor saving a snapshot in the cache folder (kgq cache info says where it is).")
    var noCache = false

    @Flag(name: .long, help: "Say more on stderr: whether the graph came from a snapshot and why one was not used; for kgq audit, every info finding.")
    var verbose = false

    /// The folder to load: --graph, else as `DefaultGraph` finds it ($KGQ_GRAPH, the config
    /// file, the working folder, beside the binary, the binary's repository).
    var folder: String { resolved.folder }

    /// The folder and why it was chosen (`--graph`, `$KGQ_GRAPH`, …), as the REPL and `kgq config` say.
    var resolved: (folder: String, origin: String) {
        if let graph { return (graph, "--graph") }
        return DefaultGraph.resolve(environment: ProcessInfo.processInfo.environment, config: try? KGQConfig.load())
    }

    /// The folder for a command that edits its files: --graph, else `DefaultGraph.writable`.
    func writableFolder(command: String) throws -> String {
        if let graph { return graph }
        return try CLI.reporting {
            try DefaultGraph.writable(environment: ProcessInfo.processInfo.environment, config: try KGQConfig.load(), command: command)
        }
    }

    /// The registry of built-ins and the plugins asked for (see PluginOptions).
    func registry() throws -> PluginRegistry { try pluginOptions.registry() }

    /// Loads the graph with the first importer of `registry` that can read the folder — the
    /// .kg loader for .kg files, the CSV importer for a folder of CSV files and no .kg files,
    /// then plugins' importers; the .kg loader when none claims it, so its messages explain
    /// what is missing. Errors are reported on stderr and become exit code 2.
    func load(with registry: PluginRegistry) throws -> Graph {
        _ = try CLI.reporting { try KGQConfig.load() }   // a broken config file is said, not skipped
        let folder = self.folder
        let importer = try CLI.reporting { try Self.importer(for: folder, format: graphFormat, registry: registry) }
        let env = ProcessInfo.processInfo.environment
        let snapshot = noCache ? nil : GraphSnapshotPolicy(importer: importer, folder: folder, environment: env)
        let note: (String) -> Void = { [verbose] in if verbose { CLI.error("note: " + $0) } }
        if let snapshot, let graph = snapshot.open(note: note) { return graph }
        let before = snapshot?.stamps()
        let ticker = ProgressTicker.start("loading \(folder)", enabled: ProgressTicker.enabled && !noProgress)
        var graph = try CLI.reporting { try importer.load(folder: folder) }
        ticker?.stop()
        // Each node's edges into two flat arrays per direction (and the per-node lists freed).
        graph.compactAdjacency()
        if let snapshot, let before { snapshot.save(graph, before: before, note: note) }
        return graph
    }

    /// The importer for a folder or file: the one named by `format`, else the first that claims
    /// the path; a file no importer claims is an error naming the formats, a folder falls back
    /// to the .kg loader (whose messages explain what is missing).
    static func importer(for path: String, format: String?, registry: PluginRegistry) throws(Diagnostic) -> any Importer {
        let names = registry.importers.map(\.value.name).joined(separator: ", ")
        if let format {
            guard let importer = registry.importer(named: format) else {
                throw Diagnostic(.error, "unknown graph format '\(format)'",
                                 help: (Suggest.closest(to: format, among: registry.importers.map(\.value.name)).map { "did you mean '\($0)'? " } ?? "")
                                    + "the formats are \(names)")
            }
            return importer
        }
        if let importer = registry.importer(for: path) { return importer }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            let files = registry.importers.filter { !$0.value.fileExtensions.isEmpty }
                .map { "\($0.value.name) (.\($0.value.fileExtensions.joined(separator: ", .")))" }.joined(separator: ", ")
            throw Diagnostic(.error, "no importer reads '\(path)' (by its extension)",
                             help: "a graph file is one of \(files); name its format with --graph-format NAME, or give a graph folder")
        }
        return KGFileImporter()
    }

    /// Builds the registry and loads the graph, for commands that need nothing else from it.
    func load() throws -> Graph {
        try load(with: registry())
    }
}
