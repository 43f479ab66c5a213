import ArgumentParser
import Foundation
import KGCore
import KGImport

/// `kgq generate`: writes a deterministic synthetic graph as a folder of CSV files.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic graph (the default graph's schema, skewed degrees) as Neo4j admin-import style CSV files.",
        discussion: """
        The same --nodes, --edges and --seed give byte-identical files. Every file is written \
        atomically. The folder loads with --graph DIR in every command, and in other engines' \
        CSV bulk loaders (see Benchmarks/compare_kuzu.py).

        Example: kgq generate --nodes 100000 --edges 1000000 --seed 42 -o /tmp/kg-100k
                 kgq query --graph /tmp/kg-100k 'MATCH (r:Role) RETURN count(r)'
        """)

    @Option(name: .long, parsing: .unconditional, help: "Number of nodes (at least 6: one per label).")
    var nodes: Int = 10_000

    @Option(name: .long, parsing: .unconditional, help: "Number of relationships.")
    var edges: Int = 100_000

    @Option(name: .long, parsing: .unconditional, help: "Seed of the pseudo-random generator.")
    var seed: UInt64 = 42

    @Option(name: .shortAndLong, help: ArgumentHelp("Folder to write the CSV files into (created when missing).", valueName: "DIR"))
    var output: String

    /// A billion nodes or relationships: more would not fit in memory, and counts stay far from overflow.
    static let maximumCount = 1_000_000_000

    func validate() throws {
        try NumericFlag.check("--nodes", nodes, in: GeneratorSchema.minimumNodes...Self.maximumCount)
        try NumericFlag.check("--edges", edges, in: 0...Self.maximumCount)
    }

    func run() throws {
        let summary = try CLI.reporting { () throws(Diagnostic) -> GraphGenerator.Summary in
            try GraphGenerator(nodes: nodes, edges: edges, seed: seed).write(to: output)
        }
        CLI.show("wrote \(nodes) nodes and \(edges) relationships in \(summary.files.count) files to \(output)\n")
    }
}
