import Foundation
import KGTestSupport
import Testing

/// Paths the plugin tests use, and small C plugins compiled on the fly for the refusal cases.
enum PluginFixture {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/kgq").path
    static let mermaid = root.appendingPathComponent(".build/debug/libKGMermaidPlugin.so").path
    static let graph = root.appendingPathComponent("Tests/Fixtures/export-graph").path
    static let header = root.appendingPathComponent("Sources/CKGPlugin/include").path
    static let golden = root.appendingPathComponent("Tests/Fixtures/golden/plugins")

    static var built: Bool {
        FileManager.default.isExecutableFile(atPath: binary) && FileManager.default.fileExists(atPath: mermaid)
    }

    /// Runs the built kgq with `arguments` (and extra environment; never the caller's KGQ_PLUGIN_PATH).
    static func kgq(_ arguments: [String], environment: [String: String] = [:]) throws -> KGQRun {
        var env: [String: String?] = ["KGQ_PLUGIN_PATH": nil]
        for (k, v) in environment { env[k] = v }
        return KGTestSupport.runKGQ(arguments, environment: env)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The C compiler: $CC, else the clang that ships with the Swift toolchain (next to swift).
    static var compiler: String? {
        if let cc = ProcessInfo.processInfo.environment["CC"], !cc.isEmpty { return cc }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/clang"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Compiles `source` (C, including kgq_plugin.h) into a shared library in `directory`.
    static func buildC(_ source: String, name: String, in directory: URL) throws -> String {
        let cc = try #require(compiler, "no C compiler: set CC or put the Swift toolchain's clang on PATH")
        let file = directory.appendingPathComponent("\(name).c")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let library = directory.appendingPathComponent("lib\(name).so").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: cc)
        process.arguments = ["-shared", "-fPIC", "-I", header, "-o", library, file.path]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "compiling \(name).c failed: \(message)")
        return library
    }
}
