import CKGPlugin
import KGAudit

/// What one plugin's `kgq_plugin_register` call declares and registers, collected before
/// anything reaches the registry (so a plugin that fails half-way contributes nothing).
final class PluginRegistration {
    struct ExporterSpec {
        var name, fileExtension, description: String
        var binary: Bool
        var callback: kgq_export_fn
        var pluginData: UnsafeMutableRawPointer?
    }

    struct FunctionSpec {
        var name, description: String
        var minArity, maxArity: Int
        var callback: kgq_function_fn
        var pluginData: UnsafeMutableRawPointer?
    }

    struct AuditRuleSpec {
        var id, summary, description: String
        var severity: AuditSeverity
        var callback: kgq_audit_fn
        var pluginData: UnsafeMutableRawPointer?
    }

    /// The version, name and version string the plugin declared, once it has.
    private(set) var declaredAPIVersion: UInt32?
    private(set) var name: String?
    private(set) var version: String?
    private(set) var exporters: [ExporterSpec] = []
    private(set) var functions: [FunctionSpec] = []
    private(set) var auditRules: [AuditRuleSpec] = []
    /// The first problem: the plugin's own message, or kgq's about a bad call.
    private(set) var error: String?

    /// Builds the host table the plugin sees and calls `body` with it.
    func withHost<T>(_ body: (UnsafePointer<kgq_host>) -> T) -> T {
        var host = kgq_host(
            api_version: UInt32(KGQ_PLUGIN_API_VERSION),
            context: Unmanaged.passUnretained(self).toOpaque(),
            declare: { host, apiVersion, name, version in
                guard let session = PluginRegistration.from(host) else { return 1 }
                return session.declare(apiVersion: apiVersion, name: name, version: version)
            },
            register_exporter: { host, exporter in
                guard let session = PluginRegistration.from(host) else { return 1 }
                return session.registerExporter(exporter)
            },
            register_function: { host, function in
                guard let session = PluginRegistration.from(host) else { return 1 }
                return session.registerFunction(function)
            },
            set_error: { host, message in
                PluginRegistration.from(host)?.fail(message.map { String(cString: $0) } ?? "an error without a message")
            },
            register_audit_rule: { host, rule in
                guard let session = PluginRegistration.from(host) else { return 1 }
                return session.registerAuditRule(rule)
            })
        return withExtendedLifetime(self) { withUnsafePointer(to: &host) { body($0) } }
    }

    private static func from(_ host: UnsafePointer<kgq_host>?) -> PluginRegistration? {
        guard let context = host?.pointee.context else { return nil }
        return Unmanaged<PluginRegistration>.fromOpaque(context).takeUnretainedValue()
    }

    private func fail(_ message: String) {
        if error == nil { error = message }
    }

    private func declare(apiVersion: UInt32, name: UnsafePointer<CChar>?, version: UnsafePointer<CChar>?) -> Int32 {
        declaredAPIVersion = apiVersion
        self.name = name.map { String(cString: $0) }
        self.version = version.map { String(cString: $0) }
        // The loader turns a mismatch into the message; the plugin just stops.
        return apiVersion == UInt32(KGQ_PLUGIN_API_VERSION) ? 0 : 1
    }

    /// Refuses registrations before a successful declare: the plugin's structs may have
    /// another layout than ours.
    private var declaredOK: Bool {
        if declaredAPIVersion == UInt32(KGQ_PLUGIN_API_VERSION) { return true }
        if declaredAPIVersion == nil { fail("it registered something before calling kgq_declare") }
        return false
    }

    private func registerExporter(_ pointer: UnsafePointer<kgq_exporter>?) -> Int32 {
        guard declaredOK else { return 1 }
        guard let e = pointer?.pointee else { fail("register_exporter was called with NULL"); return 1 }
        guard let name = e.name.map({ String(cString: $0) }), !name.isEmpty else {
            fail("an exporter has no name"); return 1
        }
        guard let callback = e.export_graph else { fail("the exporter '\(name)' has no export_graph callback"); return 1 }
        exporters.append(ExporterSpec(
            name: name, fileExtension: e.extension.map { String(cString: $0) } ?? "",
            description: e.description.map { String(cString: $0) } ?? "",
            binary: e.binary != 0, callback: callback, pluginData: e.plugin_data))
        return 0
    }

    private func registerFunction(_ pointer: UnsafePointer<kgq_function>?) -> Int32 {
        guard declaredOK else { return 1 }
        guard let f = pointer?.pointee else { fail("register_function was called with NULL"); return 1 }
        guard let name = f.name.map({ String(cString: $0) }), !name.isEmpty else {
            fail("a query function has no name"); return 1
        }
        guard let callback = f.call else { fail("the query function '\(name)' has no call callback"); return 1 }
        guard f.min_arity >= 0, f.max_arity >= f.min_arity else {
            fail("the query function '\(name)' has arity \(f.min_arity)...\(f.max_arity); need 0 <= min_arity <= max_arity")
            return 1
        }
        functions.append(FunctionSpec(
            name: name, description: f.description.map { String(cString: $0) } ?? "",
            minArity: Int(f.min_arity), maxArity: Int(f.max_arity), callback: callback, pluginData: f.plugin_data))
        return 0
    }

    private func registerAuditRule(_ pointer: UnsafePointer<kgq_audit_rule>?) -> Int32 {
        guard declaredOK else { return 1 }
        guard let r = pointer?.pointee else { fail("register_audit_rule was called with NULL"); return 1 }
        guard let id = r.id.map({ String(cString: $0) }), !id.isEmpty else { fail("an audit rule has no id"); return 1 }
        guard let callback = r.check else { fail("the audit rule '\(id)' has no check callback"); return 1 }
        let severityText = r.severity.map { String(cString: $0) } ?? ""
        guard let severity = AuditSeverity(rawValue: severityText) else {
            fail("the audit rule '\(id)' has severity '\(severityText)'; use error, warning or info")
            return 1
        }
        auditRules.append(AuditRuleSpec(
            id: id, summary: r.summary.map { String(cString: $0) } ?? "",
            description: r.description.map { String(cString: $0) } ?? "",
            severity: severity, callback: callback, pluginData: r.plugin_data))
        return 0
    }
}
