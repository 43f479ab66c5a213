import ArgumentParser
import Foundation
import KGCore
import KGFormat
import KGImport

/// `--graph PATH`, shared by every subcommand that reads a graph.
struct GraphOptions: ParsableArguments {
    static let defaultFolder = "graphs/customer-service"

    @Option(name: .long, help: ArgumentHelp("Graph folder of .kg files, or of Neo4j admin-import style CSV files (default: $KGQ_GRAPH or graphs/customer-service).", valueName: "PATH"))
    var graph: String?

    /// The folder to load: --graph, else $KGQ_GRAPH, else the default graph.
    var folder: String {
        graph ?? ProcessInfo.processInfo.environment["KGQ_GRAPH"].flatMap { $0.isEmpty ? nil : $0 } ?? GraphOptions.defaultFolder
    }

    /// Loads the graph; errors are reported on stderr and become exit code 2.
    ///
    /// The one place that decides how a folder is read: a folder with `.csv` files and no
    /// `.kg` files goes to the CSV importer (KGImport), anything else to the .kg loader.
    func load() throws -> Graph {
        try CLI.reporting {
            let csv = CSVImporter()
            if csv.canImport(folder: folder) { return try csv.load(folder: folder) }
            return try GraphLoader.load(folder: folder)
        }
    }
}
