import Foundation
import KGCore

/// Which plugin files to load: `--plugin PATH` (repeatable), then every library in each
/// `--plugin-dir DIR` and each entry of `KGQ_PLUGIN_PATH` (':'-separated folders or files).
/// The current directory is never searched unless named.
public enum PluginSearchPath {
    /// File name endings of loadable libraries.
    public static let libraryExtensions = ["so", "dylib"]

    /// The files to load, in order, each once (by resolved path).
    public static func files(plugins: [String], directories: [String], environment: String?) throws(Diagnostic) -> [String] {
        var result: [String] = []
        var seen = Set<String>()
        func add(_ path: String) {
            let key = URL(fileURLWithPath: PluginLoader.absolutePath(path)).resolvingSymlinksInPath().path
            if seen.insert(key).inserted { result.append(path) }
        }
        plugins.forEach(add)
        for directory in directories {
            for file in try libraries(in: directory, from: "--plugin-dir") { add(file) }
        }
        for entry in (environment ?? "").split(separator: ":").map(String.init) where !entry.isEmpty {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: entry, isDirectory: &isDirectory), !isDirectory.boolValue {
                add(entry)
            } else {
                for file in try libraries(in: entry, from: "KGQ_PLUGIN_PATH") { add(file) }
            }
        }
        return result
    }

    /// The libraries in a folder, sorted by name so the load order is stable.
    static func libraries(in directory: String, from source: String) throws(Diagnostic) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic(.error, "plugin folder '\(directory)' (from \(source)) is not a directory",
                             help: "give a folder holding plugin libraries (.so / .dylib)")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { libraryExtensions.contains(($0 as NSString).pathExtension) }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }
}
