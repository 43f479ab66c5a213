import Foundation
import KGTestSupport
import Testing

/// Output that cannot be written (issue 16, item 7) and numeric flags out of range (item 8):
/// a clear error on stderr and exit code 2, never a trap or a silent exit 0.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct OutputAndFlags {
    /// Runs kgq with its standard output on /dev/full (every write fails with ENOSPC).
    static func runToFullDisk(_ args: [String], stdin: String) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KGTestSupport.kgqBinary)
        process.arguments = args
        process.currentDirectoryURL = KGTestSupport.packageRoot
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw CocoaError(.fileNoSuchFile) }
        let err = Pipe()
        process.standardOutput = full
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationReason == .uncaughtSignal ? -process.terminationStatus : process.terminationStatus,
                String(decoding: e, as: UTF8.self))
    }

    static let writers: [[String]] = [
        ["export", "--format", "json", "-o", "-"],
        ["export", "--format", "dot", "-o", "-"],
        ["export", "--format", "cypher", "-o", "-"],
        ["audit"],
        ["query", "MATCH (n) RETURN count(n)"],
        ["query", "--format", "json", "RETURN 1"],
        ["stats"],
        ["check"],
        ["plugins"],
        ["repl"],
        ["--help"],
        ["export", "--help"],
        ["--version"],
        ["help", "query"],
    ]

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/dev/full")), arguments: writers)
    func aFullStandardOutputIsAnError(_ args: [String]) throws {
        let run = try Self.runToFullDisk(args + (args.first == "audit" ? ["--fail-on", "never"] : []),
                                      stdin: "RETURN 1;\n")
        #expect(run.status == 2, "\(args): \(run.stderr)")
        #expect(run.stderr.contains("cannot write to standard output: No space left on device"), "\(args): \(run.stderr)")
    }

    static let badFlags: [(args: [String], message: String)] = [
        (["audit", "--stale-years", "768614336404564650"], "--stale-years takes a whole number from 0 to 9999, got 768614336404564650"),
        (["audit", "--stale-years", "-3"], "--stale-years takes a whole number from 0 to 9999, got -3"),
        (["generate", "--nodes", "9223372036854775807", "-o", "/tmp/kgq-never-written"],
         "--nodes takes a whole number from 6 to 1000000000, got 9223372036854775807"),
        (["generate", "--edges", "-1", "-o", "/tmp/kgq-never-written"], "--edges takes a whole number from 0 to 1000000000, got -1"),
        (["query", "--timeout", "1e10", "RETURN 1"], "--timeout takes seconds from 0.001 to 31536000, got 10000000000"),
        (["query", "--timeout", "-1", "RETURN 1"], "--timeout takes seconds from 0.001 to 31536000, got -1"),
        (["query", "--timeout", "nan", "RETURN 1"], "--timeout takes seconds from 0.001 to 31536000, got nan"),
        (["query", "--max-rows", "-5", "RETURN 1"], "--max-rows takes a whole number of 0 or more, got -5"),
        (["query", "--max-path-length", "0", "RETURN 1"], "--max-path-length takes a whole number of 1 or more, got 0"),
    ]

    @Test(arguments: badFlags.indices)
    func numericFlagsOutOfRangeAreRefused(_ i: Int) {
        let (args, message) = Self.badFlags[i]
        let run = KGTestSupport.runKGQ(args)
        #expect(run.status == 2, "\(args): \(run.stderr)")
        #expect(run.stderr.contains(message), "\(args): \(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kgq-never-written"))
    }
}
