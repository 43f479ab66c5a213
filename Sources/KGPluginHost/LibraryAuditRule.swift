import CKGPlugin
import KGAudit
import KGCore
import KGExport
import KGQuery

/// An audit rule a plugin registered through `register_audit_rule`: the graph goes to the
/// plugin as graph-export JSON, its findings come back as a JSON array.
///
/// `AuditRule.check` cannot throw, so a plugin that fails, or answers with something that is
/// not a list of findings, yields one finding saying so (at the rule's severity): an audit
/// must not pass because a rule broke.
struct LibraryAuditRule: AuditRule, @unchecked Sendable {
    // @unchecked: see LibraryExporter; calls are serialized per library.
    let id: String
    let defaultSeverity: AuditSeverity
    let summary: String
    let description: String
    let callback: kgq_audit_fn
    let pluginData: UnsafeMutableRawPointer?
    let library: PluginLibrary

    func check(_ context: AuditContext) -> [AuditFinding] {
        let graph = context.graph
        let json = JSONGraphExporter().write(graph, Subgraph(all: graph))
        let call = PluginCall()
        let status = library.serialized {
            call.run { result in json.withCString { callback(pluginData, $0, json.utf8.count, result) } }
        }
        if status != 0 || call.error != nil {
            return [broken("failed: \(call.error ?? "it returned \(status) without a message")")]
        }
        let text = String(decoding: call.output, as: UTF8.self)
        let answer: QueryValue
        do { answer = try ResultJSON.read(text) } catch {
            return [broken("answered with something that is not JSON (\(error)): \(text.prefix(80))")]
        }
        guard case .list(let items) = answer else {
            return [broken("answered with something that is not a JSON array of findings: \(text.prefix(80))")]
        }
        var findings: [AuditFinding] = []
        for item in items {
            guard case .map(let m) = item, case .string(let focusID)? = m["focus"], case .string(let message)? = m["message"] else {
                return [broken("answered with a finding without \"focus\" and \"message\" strings")]
            }
            var fix = ""
            if case .string(let f)? = m["fix"] { fix = f }
            var property: String?
            if case .string(let p)? = m["property"] { property = p }
            let (focus, location) = Self.focus(focusID, property: property, in: graph)
            findings.append(AuditFinding(rule: id, severity: defaultSeverity, focus: focus, location: location,
                                         message: message, fix: fix, essentials: [message]))
        }
        return findings
    }

    /// A node, else a relationship, else a document with this id (an unknown id stays a node focus).
    static func focus(_ id: String, property: String?, in graph: Graph) -> (AuditFocus, SourceLocation?) {
        if let n = graph.node(id: id) { return (AuditFocus(.node, id, property: property), graph.nodes[n].location) }
        if let e = graph.edge(id: id) {
            return (AuditFocus(.edge, id, property: property), graph.edges[e].location)
        }
        if graph.document(id: id) != nil { return (AuditFocus(.document, id, property: property), nil) }
        return (AuditFocus(.node, id, property: property), nil)
    }

    private func broken(_ what: String) -> AuditFinding {
        AuditFinding(rule: id, severity: defaultSeverity, focus: AuditFocus(.document, library.path), location: nil,
                     message: "the audit rule \(id) of \(library.origin) \(what)",
                     fix: "fix or leave out the plugin", essentials: [what])
    }
}
