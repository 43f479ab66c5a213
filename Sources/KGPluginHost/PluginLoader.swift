#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CKGPlugin
import Foundation
import KGCore
import KGPluginAPI

/// Loads dynamic-library plugins into a registry.
///
/// Each library is opened with dlopen (RTLD_NOW, so a missing dependency fails here and not
/// halfway through an export; RTLD_LOCAL, so plugins cannot see each other's symbols), its
/// `kgq_plugin_register` is called once, and the API version it declares is checked. Every
/// failure is a Diagnostic naming the file; nothing a plugin registered before failing is kept.
/// Libraries are never closed (see PluginLibrary).
public enum PluginLoader {
    /// The plugin API version this kgq implements (`KGQ_PLUGIN_API_VERSION` in kgq_plugin.h).
    public static let apiVersion = Int(KGQ_PLUGIN_API_VERSION)

    private typealias EntryPoint = @convention(c) (UnsafePointer<kgq_host>?) -> Int32

    /// Loads the plugin at `path` and registers its contributions in `registry`.
    public static func load(_ path: String, into registry: inout PluginRegistry) throws(Diagnostic) {
        let absolute = absolutePath(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw Diagnostic(.error, "plugin '\(path)' not found",
                             help: "give the path of a plugin library (e.g. .build/debug/libKGMermaidPlugin.so)")
        }
        guard !isDirectory.boolValue else {
            throw Diagnostic(.error, "plugin '\(path)' is a directory, not a library",
                             help: "use --plugin-dir for a folder of plugins")
        }
        // dlopen searches the library path for a name without '/'; an absolute path loads this file.
        guard let handle = dlopen(absolute, RTLD_NOW | RTLD_LOCAL) else {
            let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
            throw Diagnostic(.error, "cannot load plugin '\(path)': \(reason)",
                             help: "a plugin is a shared library built against kgq_plugin.h; see docs/plugins.md")
        }
        // Not closed on failure either: dlclose runs the library's destructors and may unmap
        // code that something still refers to; a refused plugin costs only its mapping.
        guard let symbol = dlsym(handle, KGQ_PLUGIN_ENTRY_POINT) else {
            throw Diagnostic(.error, "'\(path)' is not a kgq plugin: it does not export \(KGQ_PLUGIN_ENTRY_POINT)",
                             help: "define `int kgq_plugin_register(const struct kgq_host *host)` with C linkage (in Swift: @c(kgq_plugin_register))")
        }
        let entry = unsafeBitCast(symbol, to: EntryPoint.self)

        let registration = PluginRegistration()
        let status = registration.withHost { entry($0) }

        guard let declared = registration.declaredAPIVersion else {
            throw Diagnostic(.error, "plugin '\(path)' did not declare its API version",
                             help: "call kgq_declare(host, name, version) first in kgq_plugin_register")
        }
        let label = "'\(path)'" + (registration.name.map { " (\($0) \(registration.version ?? ""))" } ?? "")
        guard declared == KGQ_PLUGIN_API_VERSION else {
            throw Diagnostic(.error, "plugin \(label) was built for plugin API version \(declared); this kgq implements version \(apiVersion)",
                             help: "rebuild the plugin against the kgq_plugin.h of this kgq")
        }
        if status != 0 || registration.error != nil {
            throw Diagnostic(.error, "plugin \(label) failed to register: \(registration.error ?? "kgq_plugin_register returned \(status)")")
        }

        let library = PluginLibrary(path: absolute, name: registration.name ?? (path as NSString).lastPathComponent,
                                    version: registration.version ?? "")
        // Into a copy first: a refused contribution (a name clash) leaves the registry as it was.
        var updated = registry
        for e in registration.exporters {
            let exporter = LibraryExporter(
                format: e.name.lowercased(), fileExtensions: e.fileExtension.isEmpty ? [] : [e.fileExtension.lowercased()],
                summary: e.description, isBinary: e.binary, callback: e.callback, pluginData: e.pluginData, library: library)
            try updated.register(exporter: exporter, origin: library.origin)
        }
        for f in registration.functions {
            let function = LibraryFunction(name: f.name, arity: f.minArity...f.maxArity, callback: f.callback,
                                           pluginData: f.pluginData, library: library)
            try updated.register(function: function.queryFunction, origin: library.origin, summary: f.description)
        }
        for r in registration.auditRules {
            let rule = LibraryAuditRule(id: r.id, defaultSeverity: r.severity, summary: r.summary, description: r.description,
                                        callback: r.callback, pluginData: r.pluginData, library: library)
            try updated.register(auditRule: rule, origin: library.origin)
        }
        registry = updated
    }

    /// Loads several plugins in order; stops at the first that fails.
    public static func load(_ paths: [String], into registry: inout PluginRegistry) throws(Diagnostic) {
        for path in paths { try load(path, into: &registry) }
    }

    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            .standardizedFileURL.path
    }
}
