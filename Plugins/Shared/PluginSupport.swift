// Shared by the command plugins (each plugin folder links this file; plugins cannot share a
// library target).
import Foundation
import PackagePlugin

/// An error the plugin reports to `swift package` (which prints it and exits non-zero).
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The graph folders of the package: graphs/NAME/ directories, sorted by name.
enum GraphFolders {
    /// The folders `--graph` names (a name under graphs/, or a path relative to the package),
    /// else every folder under graphs/ that `keep` accepts.
    static func selected(_ names: [String], in root: URL, keep: (URL) -> Bool) throws -> [URL] {
        if names.isEmpty { return try list(in: root).filter(keep) }
        return try names.map { name in
            let url = name.contains("/") ? URL(fileURLWithPath: name, relativeTo: root).standardizedFileURL
                                         : root.appendingPathComponent("graphs").appendingPathComponent(name)
            guard keep(url) else { throw PluginFailure("'\(name)' is not a graph folder here (\(url.path))") }
            return url
        }
    }

    static func list(in root: URL) throws -> [URL] {
        let graphs = root.appendingPathComponent("graphs")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: graphs.path)) ?? []
        return names.sorted().map { graphs.appendingPathComponent($0) }.filter { url in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    static func files(in folder: URL, extension ext: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".\(ext)") }.sorted().map { folder.appendingPathComponent($0) }
    }
}

/// Runs the kgq tool with the plugin's standard output and error, and waits for it.
enum Tool {
    static func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// `graphs/customer-service` rather than the absolute path, for messages.
func relative(_ url: URL, to root: URL) -> String {
    let path = url.standardizedFileURL.path, base = root.standardizedFileURL.path + "/"
    return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
}

/// Writes a line to standard output unbuffered, so it comes before the tool's own output.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

/// The kgq executable of the package's ordinary debug build (built now if stale).
///
/// Built through the package manager rather than declared as the plugin's tool dependency:
/// a tool dependency makes every `swift build` compile kgq and its modules a second time,
/// for the host, even when no plugin runs.
func kgqExecutable(_ packageManager: PackageManager) throws -> URL {
    let result = try packageManager.build(.product("kgq"), parameters: .init(configuration: .debug, logging: .concise, echoLogs: true))
    guard result.succeeded else { throw PluginFailure("building kgq failed:\n\(result.logText)") }
    guard let kgq = result.builtArtifacts.first(where: { $0.kind == .executable && $0.url.lastPathComponent == "kgq" }) else {
        throw PluginFailure("the build did not produce the kgq executable")
    }
    return kgq.url
}
