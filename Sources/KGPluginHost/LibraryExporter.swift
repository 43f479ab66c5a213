import CKGPlugin
import KGCore
import KGExport
import KGPluginAPI
import KGQuery

/// An exporter a plugin registered through `register_exporter`: the subgraph goes to the
/// plugin as graph-export JSON, its bytes come back as the output.
struct LibraryExporter: Exporter, @unchecked Sendable {
    // @unchecked: the callback pointer and the plugin's data pointer are the plugin's; calls
    // go through `library.serialized`, so they never run concurrently.
    let format: String
    let fileExtensions: [String]
    let summary: String
    let isBinary: Bool
    let callback: kgq_export_fn
    let pluginData: UnsafeMutableRawPointer?
    let library: PluginLibrary

    func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput {
        let sub = subgraph.alive(in: graph).closed(in: graph)
        if let cap = settings.maxNodes, sub.nodes.count > cap {
            throw Diagnostic(.error, "the subgraph to export has \(sub.nodes.count) nodes, more than --max-nodes \(cap)",
                             help: "narrow the query, or raise the cap with --max-nodes \(sub.nodes.count)")
        }
        let json = JSONGraphExporter().write(graph, sub)
        let settingsJSON = "{\"title\": " + (settings.title.map(ResultJSON.string) ?? "null")
            + ", \"language\": " + (settings.language.map(ResultJSON.string) ?? "null") + "}"
        let call = PluginCall()
        let status = library.serialized {
            call.run { result in
                json.withCString { graphText in
                    settingsJSON.withCString { settingsText in
                        callback(pluginData, graphText, json.utf8.count, settingsText, result)
                    }
                }
            }
        }
        if status != 0 || call.error != nil {
            throw Diagnostic(.error, "the \(format) exporter of \(library.origin) failed: \(call.error ?? "it returned \(status) without a message")")
        }
        return ExportOutput(files: [ExportOutput.File(bytes: call.output)])
    }
}
