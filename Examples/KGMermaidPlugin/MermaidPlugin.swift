// The example kgq plugin: a `mermaid` exporter and a `slug(text [, separator])` query function.
//
// It depends on nothing but kgq_plugin.h (the CKGPlugin target) and Foundation: everything it
// gets from kgq is JSON text, everything it gives back is bytes, so no Swift type crosses the
// library boundary. Build it with `swift build --product KGMermaidPlugin` and load it with
// `kgq export --plugin .build/debug/libKGMermaidPlugin.so --format mermaid -o -`.
import CKGPlugin
import Foundation

/// The one symbol kgq looks up. Declares the API version first (kgq refuses a mismatch),
/// then registers the exporter and the function.
@c(kgq_plugin_register)
public func kgqPluginRegister(_ host: UnsafePointer<kgq_host>?) -> Int32 {
    guard let host else { return 1 }
    guard kgq_declare(host, "mermaid", "1.0.0") == 0 else { return 1 }

    var exporter = kgq_exporter()
    exporter.binary = 0
    exporter.export_graph = { _, json, length, settings, result in
        guard let json, let result else { return 1 }
        let graphData = Data(bytes: json, count: length)
        let settingsData = settings.map { Data(bytes: $0, count: strlen($0)) } ?? Data("{}".utf8)
        switch MermaidFlowchart.render(graphJSON: graphData, settingsJSON: settingsData) {
        case .success(let text):
            text.withCString { kgq_result_set_output(result, $0, text.utf8.count) }
            return 0
        case .failure(let error):
            kgq_result_set_error(result, error.message)
            return 1
        }
    }
    var function = kgq_function()
    function.min_arity = 1
    function.max_arity = 2
    function.call = { _, arguments, length, result in
        guard let arguments, let result else { return 1 }
        switch Slug.call(argumentsJSON: Data(bytes: arguments, count: length)) {
        case .success(let json):
            json.withCString { kgq_result_set_output(result, $0, json.utf8.count) }
            return 0
        case .failure(let error):
            kgq_result_set_error(result, error.message)
            return 1
        }
    }
    // The strings must outlive the call only until kgq has copied them (during the call).
    let status: Int32 = "mermaid".withCString { name in
        "mmd".withCString { ext in
            "Mermaid flowchart of the subgraph (paste into Markdown on GitHub, GitLab, Obsidian).".withCString { about in
                exporter.name = name
                exporter.extension = ext
                exporter.description = about
                return host.pointee.register_exporter(host, &exporter)
            }
        }
    }
    guard status == 0 else { return status }
    return "slug".withCString { name in
        "slug(text [, separator]): lower-case ASCII words joined by '-' (or separator), accents removed.".withCString { about in
            function.name = name
            function.description = about
            return host.pointee.register_function(host, &function)
        }
    }
}

/// An error message for kgq (it shows it, naming the plugin).
struct PluginError: Error {
    var message: String
}
