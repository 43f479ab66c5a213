import ArgumentParser
import Foundation
import KGCore
import KGPluginAPI
import KGPluginHost

/// `kgq convert IN OUT`: a graph from any importer to any exporter, whole.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert a graph between formats: any importer (--graph) to any exporter (export --format).",
        discussion: """
        IN is a graph folder (.kg or CSV files) or a graph file (kgq JSON .json, GraphML .graphml, \
        Neo4j apoc.export.json .jsonl, cypher-shell --format plain output .txt); OUT is a file, or a directory for csv. The formats come from \
        the paths, or from --from and --to. OUT is written atomically, and never over IN.

        Examples:
          kgq convert graphs/customer-service /tmp/graph.graphml
          kgq convert /tmp/graph.graphml /tmp/graph.json
          kgq convert /tmp/graph.json /tmp/kg-csv/ --to csv
          kgq convert /tmp/graph.json /tmp/graph.kg
        """)

    @Argument(help: ArgumentHelp("The graph to read: a folder or a file.", valueName: "IN"), completion: .file())
    var input: String

    @Argument(help: ArgumentHelp("Where to write: a file, '-' for stdout, or a directory for csv.", valueName: "OUT"), completion: .file())
    var output: String

    @Option(name: .long, help: ArgumentHelp("The format of IN: kg, csv, json, graphml, neo4j-json, cypher-shell or a plugin importer's (default: from IN).", valueName: "FORMAT"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("The format of OUT: json, graphml, neo4j-json, cypher, csv, kg, dot, svg, … (default: from OUT's extension).", valueName: "FORMAT"))
    var to: String?

    @OptionGroup var pluginOptions: PluginOptions

    func run() throws {
        try CLI.reporting { try convert() }
    }

    private func convert() throws {
        let registry = try pluginOptions.registry()
        guard FileManager.default.fileExists(atPath: input) else {
            throw Diagnostic(.error, "no such graph folder or file '\(input)'", help: "give a .kg or CSV folder, or a .json, .graphml, .jsonl or cypher-shell .txt file")
        }
        let importer = try GraphOptions.importer(for: input, format: from, registry: registry)
        let exporter = try self.exporter(registry)
        if output == "-" && exporter.writesDirectory {
            throw Diagnostic(.error, "\(exporter.format) writes several files and cannot go to stdout", help: "give a directory as OUT, e.g. /tmp/out/")
        }
        if output == "-" && exporter.isBinary && isatty(1) != 0 {
            throw Diagnostic(.error, "refusing to write binary \(exporter.format) data to a terminal", help: "give a file as OUT")
        }
        let policy = OutputPolicy(graphFolder: input, registry: registry)
        if output != "-" {
            let destination = try AtomicFile.destination(of: output)
            if let source = policy.canonicalPath(input), destination == source {
                throw Diagnostic(.error, "refusing to write '\(output)': it is the input being converted", help: "write to another path")
            }
            if exporter.writesDirectory, let source = policy.canonicalPath(input), (try? AtomicFile.destination(of: output + "/x")).map({ ($0 as NSString).deletingLastPathComponent == source }) == true {
                throw Diagnostic(.error, "refusing to write into '\(output)': it is the input folder being converted", help: "write to another folder")
            }
            if !exporter.writesDirectory {
                if let missing = ExportCommand.missingFolder(of: output) { try ExportCommand.checkCreatable(missing) } else { try AtomicFile.checkWritable(output) }
                try policy.check([.init(flag: "OUT", path: output, format: exporter.format)], force: false)
            }
        }
        let graph = try importer.load(folder: input)
        let result = try exporter.export(graph, Subgraph(all: graph), settings: ExportSettings())
        if output == "-" {
            for file in result.files { CLI.out(file.bytes) }
            return
        }
        if exporter.writesDirectory {
            let files = result.files.map { (name: $0.name ?? "export", bytes: $0.bytes) }
            try policy.check([.init(flag: "OUT", path: output, format: exporter.format, isFolder: true, fileNames: files.map(\.name))], force: false)
            try AtomicFile.writeFolder(files, to: output)
        } else if let file = result.files.first {
            if let missing = ExportCommand.missingFolder(of: output) { try AtomicFile.makeDirectory(missing) }
            try AtomicFile.write(file.bytes, to: output)
        }
        CLI.error("converted \(input) (\(importer.name)) to \(output) (\(exporter.format)): \(graph.nodeCount) nodes, \(graph.edgeCount) relationships")
    }

    private func exporter(_ registry: PluginRegistry) throws(Diagnostic) -> any Exporter {
        let names = registry.formatNames.joined(separator: ", ")
        if let to {
            guard let exporter = registry.exporter(format: to) else {
                throw Diagnostic(.error, "unknown output format '\(to)'",
                                 help: (Suggest.closest(to: to, among: registry.formatNames).map { "did you mean '\($0)'? " } ?? "") + "the formats are \(names)")
            }
            return exporter
        }
        guard output != "-" else { throw Diagnostic(.error, "--to is needed when writing to stdout (-)", help: "add --to with one of \(names)") }
        guard let exporter = ExportCommand.exporter(forPath: output, in: registry) else {
            throw Diagnostic(.error, "cannot tell the output format from '\(output)'",
                             help: "add --to with one of \(names), or end OUT with one of their extensions")
        }
        return exporter
    }
}
