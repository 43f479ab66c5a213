import ArgumentParser
import Foundation
import KGCore
import KGSpark

/// `kgq push`: writes a graph as Parquet tables in a Spark cluster's warehouse.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "Write a graph as Spark tables (Parquet), for kgq query --engine.",
        discussion: """
        Tables PREFIX_nodes, PREFIX_relationships, PREFIX_names, PREFIX_citations, PREFIX_documents and \
        PREFIX_schema replace any of the same name. The graph is staged as JSON lines in --staging, which \
        the Spark workers must be able to read (docs/spark.md).
        """)

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: ArgumentHelp("Spark Connect address of the cluster, e.g. sc://127.0.0.1:15002.", valueName: "URL"))
    var engine: String

    @Option(name: .long, help: ArgumentHelp("Prefix of the table names (letters, digits, '_').", valueName: "P"))
    var tablePrefix: String

    @Option(name: .long, help: ArgumentHelp("Folder for the staged JSON lines (default: a new folder under the system's temporary folder, removed afterwards).", valueName: "DIR"))
    var staging: String?

    func run() throws {
        try SparkRun.reporting {
            try SparkConnection.validate(url: engine)
            try SparkEngine.validate(prefix: tablePrefix)
        }
        let graph = try options.load(with: try options.registry())
        let folder = staging ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("kgq-push-\(ProcessInfo.processInfo.processIdentifier)")
        defer { if staging == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let tables = try SparkRun.reporting {
            let engine = try SparkEngine(connection: try SparkConnection(url: engine), prefix: tablePrefix)
            return try engine.push(graph, staging: folder)
        }
        for t in tables { CLI.out("\(t.name): \(t.rows) rows\n") }
    }
}

/// Errors of the Spark engine, reported as every kgq error is (exit code 2).
enum SparkRun {
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do { return try CLI.reporting(body) } catch let e as SparkError {
            CLI.error(e.diagnostic.rendered())
            throw ExitCode(2)
        }
    }
}
