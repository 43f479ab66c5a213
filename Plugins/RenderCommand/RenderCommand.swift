import Foundation
import PackagePlugin

/// `swift package --allow-writing-to-package-directory render [--graph NAME|PATH]… [--format png,svg]`
///
/// Renders every saved view (graphs/NAME/views/*.cypher) of every graph folder to
/// graphs/NAME/rendered/VIEW.png and .svg with the kgq tool, as `make render` does for one
/// graph. kgq writes each file atomically, so an interrupted run leaves the old pictures.
@main
struct RenderCommand: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let only = extractor.extractOption(named: "graph")
        let formats = extractor.extractOption(named: "format").flatMap { $0.split(separator: ",").map(String.init) }
        if !extractor.remainingArguments.isEmpty {
            throw PluginFailure("unexpected arguments \(extractor.remainingArguments); use --graph NAME and --format png,svg")
        }
        let kgq = try kgqExecutable(packageManager)
        let root = context.package.directoryURL
        let graphs = try GraphFolders.selected(Array(only), in: root) { graph in
            !GraphFolders.files(in: graph.appendingPathComponent("views"), extension: "cypher").isEmpty
        }
        var rendered = 0
        for graph in graphs {
            let views = GraphFolders.files(in: graph.appendingPathComponent("views"), extension: "cypher")
            let output = graph.appendingPathComponent("rendered")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            for view in views {
                let name = view.deletingPathExtension().lastPathComponent
                for format in formats.isEmpty ? ["png", "svg"] : formats {
                    let target = output.appendingPathComponent("\(name).\(format)")
                    let status = try Tool.run(kgq, ["export", "--graph", graph.path, "--query-file", view.path,
                                                    "-o", target.path], in: root)
                    guard status == 0 else {
                        throw PluginFailure("kgq export failed (exit \(status)) for \(relative(view, to: root))")
                    }
                    rendered += 1
                }
            }
        }
        say("render: \(rendered) file(s) written into " + graphs.map { relative($0, to: root) + "/rendered" }.joined(separator: ", "))
    }
}
