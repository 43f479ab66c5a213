import Foundation
import PackagePlugin

/// `swift package audit [--graph NAME|PATH]… [kgq audit options…]`
///
/// Runs `kgq audit` on every graph folder (graphs/NAME/ holding .kg or .csv files) and fails
/// when any audit does: exit 1 from kgq (a finding at or above --fail-on, `error` unless
/// given) or 2 (the graph does not load). Other options go to `kgq audit` unchanged, e.g.
/// `swift package audit --fail-on warning` or `swift package audit --documents ../shared/seeds`.
@main
struct AuditCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let only = extractor.extractOption(named: "graph")
        let passed = extractor.remainingArguments
        let kgq = try kgqExecutable(packageManager)
        let root = context.package.directoryURL
        let graphs = try GraphFolders.selected(Array(only), in: root) { graph in
            !GraphFolders.files(in: graph, extension: "kg").isEmpty || !GraphFolders.files(in: graph, extension: "csv").isEmpty
        }
        var failed: [String] = []
        for graph in graphs {
            say("== kgq audit --graph \(relative(graph, to: root))")
            let status = try Tool.run(kgq, ["audit", "--graph", graph.path] + passed, in: root)
            if status != 0 { failed.append("\(relative(graph, to: root)) (exit \(status))") }
        }
        guard failed.isEmpty else {
            throw PluginFailure("audit failed for \(failed.joined(separator: ", "))")
        }
        say("audit: \(graphs.count) graph folder(s) passed")
    }
}
