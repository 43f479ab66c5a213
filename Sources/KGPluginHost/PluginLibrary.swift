import Foundation
import KGPluginAPI

/// A loaded plugin library: where it came from and the lock that keeps its callbacks from
/// running two at once (the promise kgq_plugin.h makes to plugin authors).
///
/// Never unloaded: a library may hold on to callbacks, strings or (for a Swift plugin) type
/// metadata that the process still refers to, so dlclose could leave dangling pointers.
final class PluginLibrary: @unchecked Sendable {
    let path: String
    let name: String
    let version: String
    private let lock = NSLock()

    init(path: String, name: String, version: String) {
        self.path = path
        self.name = name
        self.version = version
    }

    var origin: PluginOrigin { .library(path: path, name: name, version: version) }

    /// Runs one callback of the plugin, never two at once.
    func serialized<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
