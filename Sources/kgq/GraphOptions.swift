import ArgumentParser
import Foundation
import KGCore
import KGPluginAPI
import KGPluginHost

/// `--graph PATH` (and the plugin options), shared by every subcommand that reads a graph.
struct GraphOptions: ParsableArguments {
    static let defaultFolder = "graphs/customer-service"

    @Option(name: .long, help: ArgumentHelp("Graph folder of .kg files, or of Neo4j admin-import style CSV files (default: $KGQ_GRAPH or graphs/customer-service).", valueName: "PATH"))
    var graph: String?

    @OptionGroup var pluginOptions: PluginOptions

    /// The folder to load: --graph, else $KGQ_GRAPH, else the default graph.
    var folder: String {
        graph ?? ProcessInfo.processInfo.environment["KGQ_GRAPH"].flatMap { $0.isEmpty ? nil : $0 } ?? GraphOptions.defaultFolder
    }

    /// The registry of built-ins and the plugins asked for (see PluginOptions).
    func registry() throws -> PluginRegistry { try pluginOptions.registry() }

    /// Loads the graph with the first importer of `registry` that can read the folder — the
    /// .kg loader for .kg files, the CSV importer for a folder of CSV files and no .kg files,
    /// then plugins' importers; the .kg loader when none claims it, so its messages explain
    /// what is missing. Errors are reported on stderr and become exit code 2.
    func load(with registry: PluginRegistry) throws -> Graph {
        let importer = registry.importer(for: folder) ?? KGFileImporter()
        return try CLI.reporting { try importer.load(folder: folder) }
    }

    /// Builds the registry and loads the graph, for commands that need nothing else from it.
    func load() throws -> Graph {
        try load(with: registry())
    }
}
