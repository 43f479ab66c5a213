import Foundation
import KGTestSupport
import Testing

/// Every file kgq writes goes through KGCore.AtomicFile: the bytes go to a temporary dot-file
/// next to the target (`.NAME.kgq-XXXXXX`), are fsynced, and renamed over the target. These tests
/// kill kgq (SIGKILL) at moments spread over a run and check that the target is always either
/// the old file or the complete new one, and that nothing but hidden temporaries is left over.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"), .serialized)
struct AtomicWrites {
    /// A graph big enough that writing its export takes a noticeable share of the run.
    static func bigGraph(in folder: URL, nodes: Int) throws {
        var text = "document doc:big {\n  file: \"big.txt\"\n  sha256: \"" + String(repeating: "0", count: 64)
            + "\"\n  language: \"en\"\n  title: \"Big\"\n  kind: \"report\"\n}\n\n"
        for i in 0..<nodes {
            text += "node thing:n\(i) :Thing {\n  name: \"thing number \(i) with a longer name\"\n  rank: \(i)\n}\n"
            text += "cite doc:big line \(i % 500 + 1) \"a short quote \(i)\"\n\n"
            if i > 0 { text += "edge thing:n\(i - 1) -[:NEXT]-> thing:n\(i)\n\n" }
        }
        try text.write(to: folder.appendingPathComponent("big.kg"), atomically: false, encoding: .utf8)
    }

    /// Starts kgq and kills it after `delay` seconds when still running. Returns whether it was
    /// killed, and how long it ran.
    static func run(_ arguments: [String], killAfter delay: Double) throws -> (killed: Bool, seconds: Double) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: KGTestSupport.kgqBinary)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let start = Date()
        try process.run()
        while process.isRunning && Date().timeIntervalSince(start) < delay { Thread.sleep(forTimeInterval: 0.002) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (killed && process.terminationReason == .uncaughtSignal, Date().timeIntervalSince(start))
    }

    /// Kill moments spread over a run, adapting to how long runs take on a busy machine: a run
    /// that finishes before its kill shortens the runs the next moments are taken from.
    static func killRepeatedly(_ arguments: [String], duration: Double, tries: Int,
                               _ check: (Double) throws -> Void) throws -> Int {
        var duration = duration, killed = 0
        for n in 0..<tries {
            let fraction = 0.3 + 0.69 * Double(n) / Double(max(1, tries - 1))
            let result = try run(arguments, killAfter: duration * fraction)
            if result.killed { killed += 1 } else { duration = min(duration, result.seconds) }
            try check(fraction)
        }
        return killed
    }

    /// Files of `folder` other than `expected`: visible strays are failures, hidden temporaries
    /// (`.NAME.kgq-XXXXXX`) are what a kill during a write leaves, and are removed here.
    static func strays(in folder: URL, expected: Set<String>) throws -> (visible: [String], temporaries: Int) {
        var visible: [String] = [], temporaries = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !expected.contains(name) {
            if name.hasPrefix("."), name.contains(".kgq-") {
                temporaries += 1
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            } else {
                visible.append(name)
            }
        }
        return (visible, temporaries)
    }

    @Test func killedExportLeavesTheOldFileOrTheNewOne() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let graph = folder.appendingPathComponent("graph")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try Self.bigGraph(in: graph, nodes: 20_000)
        let target = out.appendingPathComponent("export.json")
        let arguments = ["export", "--graph", graph.path, "-o", target.path]

        // The complete new file, and how long a whole run takes on this machine.
        let start = Date()
        let full = KGTestSupport.runKGQ(arguments)
        let duration = Date().timeIntervalSince(start)
        #expect(full.status == 0, "\(full.stderr)")
        let new = try Data(contentsOf: target)
        #expect(new.count > 1_000_000)

        let old = Data("the previous export, which must survive\n".utf8)
        try old.write(to: target)
        let killed = try Self.killRepeatedly(arguments, duration: duration, tries: 12) { fraction in
            let now = try Data(contentsOf: target)
            #expect(now == old || now == new, "after a kill at \(Int(fraction * 100))% the file is neither old nor new (\(now.count) bytes)")
            let left = try Self.strays(in: out, expected: ["export.json"])
            #expect(left.visible.isEmpty, "visible files left behind: \(left.visible)")
            try old.write(to: target)
        }
        // Most runs must really have been killed, or the test proved nothing.
        #expect(killed >= 4, "only \(killed) of 12 runs were killed")
    }

    @Test func killedFmtLeavesEachFileOldOrCanonical() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-atomic-fmt")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Forty files, each written out of canonical order (properties unsorted, extra blank lines).
        var originals: [String: Data] = [:]
        for f in 0..<40 {
            var text = ""
            for i in 0..<300 {
                text += "node thing:f\(f)n\(i) :Thing {\n  rank: \(i)\n  name: \"thing \(i)\"\n}\n\n\n"
            }
            let name = String(format: "file%02d.kg", f)
            originals[name] = Data(text.utf8)
        }
        func reset() throws {
            for (name, data) in originals { try data.write(to: folder.appendingPathComponent(name)) }
        }
        try reset()
        let start = Date()
        let full = KGTestSupport.runKGQ(["fmt", "--graph", folder.path])
        let duration = Date().timeIntervalSince(start)
        #expect(full.status == 0, "\(full.stderr)")
        var canonical: [String: Data] = [:]
        for name in originals.keys { canonical[name] = try Data(contentsOf: folder.appendingPathComponent(name)) }
        #expect(canonical != originals, "fmt changed nothing, so the test proves nothing")

        try reset()
        let killed = try Self.killRepeatedly(["fmt", "--graph", folder.path], duration: duration, tries: 8) { _ in
            for name in originals.keys.sorted() {
                let now = try Data(contentsOf: folder.appendingPathComponent(name))
                #expect(now == originals[name] || now == canonical[name], "\(name) is half-written after a kill")
            }
            let left = try Self.strays(in: folder, expected: Set(originals.keys))
            #expect(left.visible.isEmpty, "visible files left behind: \(left.visible)")
            try reset()
        }
        #expect(killed >= 3, "only \(killed) of 8 runs were killed")
    }
}
