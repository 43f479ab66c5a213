import Foundation

/// What one run of the kgq binary gave: exit status, stdout (as bytes for binary formats, and
/// as text) and stderr.
public struct KGQRun: Sendable {
    public var status: Int32
    public var stdoutData: Data
    public var stderr: String
    public var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
}

/// Shared helpers for kgq's test targets: where the package and its fixtures are, and a way
/// to run the built `kgq` binary end to end.
public enum KGTestSupport {
    /// The package root (the folder holding Package.swift), found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The five seed documents: `shared/seeds` next to the package root or further up (a git
    /// worktree sits one level deeper than the checkout), recognised by one of its files; nil
    /// when absent (the suites that read them are skipped). The seeds never enter the repository.
    public static let seedsFolder: URL? = {
        var dir = packageRoot
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("shared/seeds")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("004_e27fcd4771a3fa61.txt").path) {
                return candidate
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// Tests/Fixtures.
    public static let fixtures: URL = packageRoot.appendingPathComponent("Tests/Fixtures")

    /// The built kgq binary: next to the running test bundle when it is there (the products
    /// folder of whichever configuration is being tested), else .build/debug/kgq.
    public static let kgqBinary: String = {
        var candidates: [String] = []
        // The test runner (xctest / swiftpm-testing-helper) lives in the products folder or
        // is given the bundle path as an argument; both lead to the products folder.
        for arg in CommandLine.arguments.prefix(4) {
            var url = URL(fileURLWithPath: arg)
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                candidates.append(url.appendingPathComponent("kgq").path)
            }
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("kgq").path)
        candidates.append(packageRoot.appendingPathComponent(".build/debug/kgq").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !isDirectory($0) }
            ?? packageRoot.appendingPathComponent(".build/debug/kgq").path
    }()

    /// Whether the kgq binary has been built (suites that need it are skipped with a reason otherwise).
    public static var kgqBuilt: Bool { FileManager.default.isExecutableFile(atPath: kgqBinary) }

    private static func isDirectory(_ path: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &d) && d.boolValue
    }

    /// The cache folder kgq gets in tests ($XDG_CACHE_HOME), one per test process, so no test
    /// writes into the real ~/.cache; a test that needs a cold cache gives its own folder.
    public static let testCacheFolder = NSTemporaryDirectory() + "kgq-test-cache-\(ProcessInfo.processInfo.processIdentifier)"

    /// Runs kgq with `args`, feeding `stdin` when given; `environment` entries are added to
    /// (or, with nil values, removed from) the current environment. The working directory is
    /// the package root unless `directory` says otherwise.
    public static func runKGQ(_ args: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil,
                              environment: [String: String?] = [:],
                              directory: URL? = nil, executable: String? = nil) -> KGQRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? kgqBinary)
        process.arguments = args
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        // Snapshots go to a folder of this test run, never to the real ~/.cache.
        env["XDG_CACHE_HOME"] = testCacheFolder
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        do { try process.run() } catch {
            return KGQRun(status: 127, stdoutData: Data(), stderr: "cannot run \(kgqBinary): \(error)")
        }
        // Read both pipes while the child runs, so a large output cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var o = Data(), e = Data()
        group.enter()
        DispatchQueue.global().async { o = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { e = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        if let stdinBytes { input.fileHandleForWriting.write(Data(stdinBytes)) }
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return KGQRun(status: process.terminationStatus, stdoutData: o, stderr: String(decoding: e, as: UTF8.self))
    }

    /// A new empty temporary folder.
    public static func temporaryFolder(_ prefix: String = "kgq-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies a fixture folder (relative to Tests/Fixtures) into a fresh temporary folder.
    public static func copyFixture(_ name: String) throws -> URL {
        let dest = try temporaryFolder(name.replacingOccurrences(of: "/", with: "-"))
            .appendingPathComponent("graph")
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: dest)
        return dest
    }
}
