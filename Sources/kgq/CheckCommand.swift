import ArgumentParser
import KGCore

/// `kgq check`: loads a graph folder and reports every error, or the counts when it is valid.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load a graph folder and report errors (exit 2) or its counts.",
        discussion: "Also warns (on stderr, exit 0) about node ids that differ only by look-alike characters.")

    @OptionGroup var options: GraphOptions

    func run() throws {
        let graph = try options.load()
        // Ids that read the same but differ (a Cyrillic а for a Latin a) are spoofable.
        for w in LookAlike.warnings(graph) { CLI.error(w.rendered()) }
        let citations = graph.nodeHandles.reduce(0) { $0 + graph.nodes[$1].citations.count }
            + graph.edgeHandles.reduce(0) { $0 + graph.edges[$1].citations.count }
        CLI.show("ok: \(options.folder): \(graph.nodeCount) nodes, \(graph.edgeCount) relationships, "
                + "\(graph.documents.count) documents, \(citations) citations\n")
    }
}
