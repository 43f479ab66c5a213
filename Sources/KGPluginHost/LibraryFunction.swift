import CKGPlugin
import KGCore
import KGQuery

/// A query function a plugin registered through `register_function`: arguments go to the
/// plugin as a JSON array, its JSON answer comes back as a `QueryValue`.
struct LibraryFunction: @unchecked Sendable {
    // @unchecked: see LibraryExporter; calls are serialized per library.
    let name: String
    let arity: ClosedRange<Int>
    let callback: kgq_function_fn
    let pluginData: UnsafeMutableRawPointer?
    let library: PluginLibrary

    /// The function as the query engine's value type.
    var queryFunction: QueryFunction {
        QueryFunction(name: name, arity: arity) { arguments, context in
            try self.call(arguments, graph: context.graph)
        }
    }

    func call(_ arguments: [QueryValue], graph: Graph) throws(QueryError) -> QueryValue {
        let json = "[" + arguments.map { ResultJSON.value($0, graph: graph) }.joined(separator: ", ") + "]"
        let call = PluginCall()
        let status = library.serialized {
            call.run { result in
                json.withCString { text in callback(pluginData, text, json.utf8.count, result) }
            }
        }
        if status != 0 || call.error != nil {
            throw QueryError(type: .argumentError, detail: .pluginFunctionFailed, phase: .runtime,
                             message: "\(name)(): \(call.error ?? "the plugin returned \(status) without a message")",
                             help: "\(name) comes from \(library.origin)")
        }
        let text = String(decoding: call.output, as: UTF8.self)
        do {
            return try ResultJSON.read(text)
        } catch {
            throw QueryError(type: .argumentError, detail: .pluginFunctionFailed, phase: .runtime,
                             message: "\(name)(): the plugin returned something that is not a JSON value (\(error)): \(text.prefix(80))",
                             help: "\(name) comes from \(library.origin)")
        }
    }
}
