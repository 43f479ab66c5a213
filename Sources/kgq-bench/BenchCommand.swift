import ArgumentParser
import Foundation
import KGCore
import KGImport

/// `kgq-bench`: the benchmark suite behind `make bench`.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kgq-bench",
        abstract: "Benchmarks kgq on a generated graph: load time, peak memory, queries, start-up, rendering.",
        discussion: """
        Generates the graph into --data when that folder has no CSV files, then measures each \
        benchmark: warm-up runs first, then timed runs; prints median, min and p90 per benchmark \
        and writes them as JSON.

        Example: kgq-bench --data .build/bench-data --runs 20 --json .build/bench.json
        """,
        subcommands: [Suite.self, LoadOnce.self],
        defaultSubcommand: Suite.self
    )
}

extension BenchCommand {
    /// Loads a CSV folder once and prints seconds and peak memory as JSON; the suite runs this
    /// in a child process so the peak is the load's alone.
    struct LoadOnce: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-once", abstract: "Load a CSV folder once; print {\"seconds\", \"cpu_seconds\", \"peak_bytes\", \"nodes\", \"edges\"}.")

        @Argument(help: "A CSV graph folder.") var folder: String

        func run() throws {
            let start = Stopwatch.now()
            let cpuStart = Stopwatch.cpuTime()
            let graph: Graph
            do { graph = try CSVImporter().load(folder: folder) } catch {
                FileHandle.standardError.write(Data((error.description + "\n").utf8))
                throw ExitCode(2)
            }
            let seconds = Stopwatch.now() - start
            let cpu = Stopwatch.cpuTime() - cpuStart
            print("{\"seconds\": \(seconds), \"cpu_seconds\": \(cpu), \"peak_bytes\": \(Stopwatch.peakMemory()), \"nodes\": \(graph.nodeCount), \"edges\": \(graph.edgeCount)}")
        }
    }
}
