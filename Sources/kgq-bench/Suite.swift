import ArgumentParser
import Foundation
import KGCore
import KGFormat
import KGImport

/// The benchmark suite: every measure in turn, then a table and a JSON file.
struct Suite: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run the benchmark suite (the default).")

    @Option(help: "CSV graph folder; generated when it holds no .csv files.") var data = ".build/bench-data"
    @Option(help: "Nodes to generate.") var nodes = 100_000
    @Option(help: "Relationships to generate.") var edges = 1_000_000
    @Option(help: "Generator seed.") var seed: UInt64 = 42
    @Option(help: "Timed runs per query benchmark.") var runs = 20
    @Option(help: "Untimed warm-up runs per benchmark.") var warmup = 3
    @Option(help: "Timed runs of the full load (each takes a while).") var loadRuns = 5
    @Option(help: "The default graph folder, for the start-up benchmark.") var defaultGraph = "graphs/customer-service"
    @Option(help: "The kgq executable for the start-up benchmark (default: next to kgq-bench).") var kgq: String?
    @Option(help: "Where to write the results as JSON.") var json = ".build/bench.json"
    @Option(help: "Run only benchmarks whose name contains this text.") var only: String?

    func run() throws {
        try ensureData()
        var results: [Measurement] = []
        func want(_ name: String) -> Bool { only.map { name.localizedCaseInsensitiveContains($0) } ?? true }

        // Load: a child process per run, so each load starts cold in memory and its peak is its own.
        var peakBytes: Int?
        var graphSize = (nodes: 0, edges: 0)
        if want("load") {
            var samples: [Double] = []
            var cpu: [Double] = []
            var peaks: [Int] = []
            for k in 0..<(1 + loadRuns) {
                let r = try loadInChild()
                if k > 0 { samples.append(r.seconds); cpu.append(r.cpu); peaks.append(r.peak) }   // the first is warm-up (page cache)
                graphSize = (r.nodes, r.edges)
            }
            peakBytes = peaks.max()
            let cpuMedian = Measurement(name: "", samples: cpu).median
            results.append(Measurement(name: "load CSV (\(graphSize.nodes) nodes, \(graphSize.edges) rels)", samples: samples,
                                       note: "peak RSS \(Self.megabytes(peakBytes ?? 0)), CPU time median \(Self.milliseconds(cpuMedian))"))
        }

        if want("default") { results.append(loadDefaultGraph()) }
        if want("start-up") { results.append(startup()) }

        // In-process benchmarks share one loaded graph (loaded only when one of them is wanted).
        if BenchQueries.all.contains(where: { want($0.name) }) || want("render") {
            let graph = try CSVImporter().load(folder: data)
            graphSize = (graph.nodeCount, graph.edgeCount)
            results.append(contentsOf: QueryBenchmarks(graph: graph, warmup: warmup, runs: runs).run(filter: want))
        }

        printTable(results, peakBytes: peakBytes)
        try writeJSON(results, peakBytes: peakBytes, graphSize: graphSize)
    }

    // MARK: - Data

    private func ensureData() throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: data)) ?? []
        guard !names.contains(where: { $0.hasSuffix(".csv") }) else { return }
        FileHandle.standardError.write(Data("generating \(nodes) nodes, \(edges) relationships (seed \(seed)) into \(data) …\n".utf8))
        let start = Stopwatch.now()
        do { try GraphGenerator(nodes: nodes, edges: edges, seed: seed).write(to: data) } catch {
            FileHandle.standardError.write(Data((error.rendered() + "\n").utf8))
            throw ExitCode(2)
        }
        FileHandle.standardError.write(Data(String(format: "generated in %.2f s\n", Stopwatch.now() - start).utf8))
    }

    // MARK: - Child processes

    private struct LoadResult { var seconds: Double; var cpu: Double; var peak: Int; var nodes: Int; var edges: Int }

    private func loadInChild() throws -> LoadResult {
        let output = try runChild(executable: CommandLine.arguments[0], arguments: ["load-once", data])
        guard let object = try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
              let seconds = object["seconds"] as? Double, let cpu = object["cpu_seconds"] as? Double, let peak = object["peak_bytes"] as? Int,
              let n = object["nodes"] as? Int, let e = object["edges"] as? Int else {
            throw ValidationError("load-once printed no result: \(output)")
        }
        return LoadResult(seconds: seconds, cpu: cpu, peak: peak, nodes: n, edges: e)
    }

    /// The default graph's .kg files through KGFormat, in process.
    private func loadDefaultGraph() -> Measurement {
        let name = "load default graph (.kg)"
        do {
            var size = (0, 0)
            let samples = try Stopwatch.measure(warmup: warmup, runs: runs) { () throws(DiagnosticList) in
                let g = try GraphLoader.load(folder: defaultGraph)
                size = (g.nodeCount, g.edgeCount)
            }
            return Measurement(name: name, samples: samples, note: "\(size.0) nodes, \(size.1) rels")
        } catch {
            return Measurement(name: name, samples: [], note: "failed: \(String(describing: error).prefix(200))")
        }
    }

    /// REPL start-up: the kgq executable on the default graph with an empty script on stdin
    /// (start, load, read EOF, exit). Until the REPL is on main, `kgq` without a subcommand
    /// only prints help, so this falls back to `kgq query 'RETURN 1'`, which also loads the graph.
    private func startup() -> Measurement {
        let name = "REPL start-up (default graph)"
        let executable = kgq ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kgq").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            return Measurement(name: name, samples: [], note: "skipped: no kgq executable at \(executable)")
        }
        var arguments = ["--graph", defaultGraph]
        var note = "kgq --graph \(defaultGraph) < /dev/null"
        let probe = (try? runChild(executable: executable, arguments: arguments)) ?? "USAGE"
        if probe.contains("USAGE") {
            arguments = ["query", "--graph", defaultGraph, "RETURN 1"]
            note = "no REPL on main yet: kgq query --graph \(defaultGraph) 'RETURN 1'"
        }
        do {
            let samples = try Stopwatch.measure(warmup: 1, runs: max(5, runs / 2)) {
                _ = try runChild(executable: executable, arguments: arguments)
            }
            return Measurement(name: name, samples: samples, note: note)
        } catch {
            return Measurement(name: name, samples: [], note: "failed: \(error)")
        }
    }

    /// Runs a process with stdin from /dev/null; returns its stdout; throws when it fails.
    private func runChild(executable: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus): \(String(decoding: err.prefix(500), as: UTF8.self))")
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Output

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f MB", Double(bytes) / 1_000_000) }

    static func milliseconds(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "–" }
        let ms = seconds * 1000
        return ms >= 100 ? String(format: "%.0f ms", ms) : ms >= 1 ? String(format: "%.2f ms", ms) : String(format: "%.1f µs", ms * 1000)
    }

    private func printTable(_ results: [Measurement], peakBytes: Int?) {
        let header = ["benchmark", "median", "min", "p90", "runs", "rows", "note"]
        var rows = [header]
        for m in results {
            rows.append([m.name, Self.milliseconds(m.median), Self.milliseconds(m.minimum), Self.milliseconds(m.p90),
                         String(m.samples.count), m.rows.map(String.init) ?? "", m.note])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for (k, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, text in
                c == 0 || c == row.count - 1 ? text.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - text.count) + text
            }
            print(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
            if k == 0 { print(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
        }
    }

    private func writeJSON(_ results: [Measurement], peakBytes: Int?, graphSize: (Int, Int)) throws {
        func number(_ d: Double) -> Any { d.isFinite ? d * 1000 : NSNull() }
        let object: [String: Any] = [
            "machine": Machine.describe(),
            "graph": ["folder": data, "nodes": graphSize.0, "relationships": graphSize.1, "seed": seed],
            "warmup": warmup,
            "peak_load_memory_bytes": peakBytes.map { $0 as Any } ?? NSNull(),
            "results": results.map { m -> [String: Any] in
                var r: [String: Any] = ["name": m.name, "median_ms": number(m.median), "min_ms": number(m.minimum),
                                        "p90_ms": number(m.p90), "runs": m.samples.count, "note": m.note]
                if let rows = m.rows { r["rows"] = rows }
                return r
            },
        ]
        let bytes = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        let folder = (json as NSString).deletingLastPathComponent
        if !folder.isEmpty { try AtomicFile.makeDirectory(folder) }
        try AtomicFile.write([UInt8](bytes), to: json)
        FileHandle.standardError.write(Data("wrote \(json)\n".utf8))
    }
}
