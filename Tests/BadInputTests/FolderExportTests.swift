import Foundation
import KGTestSupport
import Testing

/// CSV export is all or nothing (issue 16, item 12): nodes.csv and relationships.csv are
/// written into a fresh hidden folder that then takes the place of the -o folder in one step,
/// so a kill at any moment leaves the old pair or the new pair — never a new nodes.csv beside
/// an old relationships.csv. A folder holding other files is refused rather than replaced.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"), .serialized)
struct FolderExports {
    static let pair = ["nodes.csv", "relationships.csv"]

    static func read(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in pair { files[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) }
        return files
    }

    @Test func killedCSVExportLeavesTheOldPairOrTheNewPair() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-csv-atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let graph = folder.appendingPathComponent("graph"), out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try AtomicWrites.bigGraph(in: graph, nodes: 20_000)
        let arguments = ["export", "--graph", graph.path, "--format", "csv", "-o", out.path]

        let start = Date()
        let full = KGTestSupport.runKGQ(arguments)
        let duration = Date().timeIntervalSince(start)
        #expect(full.status == 0, "\(full.stderr)")
        let new = Self.read(out)
        #expect(new.count == 2)
        // The loader reads the pair back (it is a CSV graph folder).
        #expect(KGTestSupport.runKGQ(["check", "--graph", out.path]).status == 0)

        let old: [String: Data] = ["nodes.csv": Data("id:ID,:LABEL\nold:1,Old\n".utf8),
                                   "relationships.csv": Data(":START_ID,:END_ID,:TYPE\nold:1,old:1,SELF\n".utf8)]
        func reset() throws {
            for (name, data) in old { try data.write(to: out.appendingPathComponent(name)) }
        }
        try reset()
        let killed = try AtomicWrites.killRepeatedly(arguments, duration: duration, tries: 8) { fraction in
            let now = Self.read(out)
            let sizes = now.mapValues(\.count)
            #expect(now == old || now == new, "after a kill at \(Int(fraction * 100))% the pair is mixed or missing: \(sizes)")
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "graph" && $0 != "out" }
            for name in left where name.hasPrefix(".out.kgq-") {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
            #expect(left.allSatisfy { $0.hasPrefix(".out.kgq-") }, "visible files left behind: \(left)")
            if now != old { try reset() }
        }
        #expect(killed >= 3, "only \(killed) of 8 runs were killed")
    }

    /// Builds a preload library whose rename(2) pauses after renaming, so that a kill can land
    /// between two renames every time (random kills almost never hit that microsecond window).
    static func slowRenameLibrary(in folder: URL) throws -> String? {
        let source = folder.appendingPathComponent("slow-rename.c"), library = folder.appendingPathComponent("slow-rename.so")
        try """
            #define _GNU_SOURCE
            #include <dlfcn.h>
            #include <unistd.h>
            int rename(const char *from, const char *to) {
                static int (*real)(const char *, const char *);
                if (!real) real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
                int result = real(from, to);
                usleep(400000);
                return result;
            }
            """.write(to: source, atomically: false, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-shared", "-fPIC", "-o", library.path, source.path, "-ldl"]
        cc.standardError = FileHandle.nullDevice
        try cc.run()
        cc.waitUntilExit()
        return cc.terminationStatus == 0 ? library.path : nil
    }

    @Test func aKillRightAfterTheFirstRenameLeavesNoMixedPair() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-csv-rename")
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let library = try Self.slowRenameLibrary(in: folder) else { return }   // no C compiler: nothing to preload
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let old: [String: Data] = ["nodes.csv": Data("id:ID,:LABEL\nold:1,Old\n".utf8),
                                   "relationships.csv": Data(":START_ID,:END_ID,:TYPE\nold:1,old:1,SELF\n".utf8)]
        for (name, data) in old { try data.write(to: out.appendingPathComponent(name)) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: KGTestSupport.kgqBinary)
        process.arguments = ["export", "--format", "csv", "-o", out.path]
        process.currentDirectoryURL = KGTestSupport.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["LD_PRELOAD"] = library
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill as soon as any file of the pair has changed: the first rename has just happened.
        let start = Date()
        while process.isRunning && Self.read(out) == old && Date().timeIntervalSince(start) < 60 {
            Thread.sleep(forTimeInterval: 0.002)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let now = Self.read(out)
        #expect(now != old, "the export changed nothing")
        #expect(now.count == 2 && now["nodes.csv"] != old["nodes.csv"] && now["relationships.csv"] != old["relationships.csv"],
                "a kill after the first rename left a mixed pair: \(now.mapValues(\.count))")
    }

    @Test func aFolderWithOtherFilesIsRefusedAndKept() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-csv-other")
        defer { try? FileManager.default.removeItem(at: folder) }
        try "keep me\n".write(to: folder.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        let run = KGTestSupport.runKGQ(["export", "--format", "csv", "-o", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("it holds other files (notes.txt)"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func aLinkedFolderIsFollowedAndTheLinkKept() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-csv-link")
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real"), link = folder.appendingPathComponent("link")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real")
        let run = KGTestSupport.runKGQ(["export", "--format", "csv", "-o", link.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(SpecialTargets.kind(link.path) == S_IFLNK)
        #expect(Self.read(real).count == 2)
        let again = KGTestSupport.runKGQ(["export", "--format", "csv", "-o", link.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(SpecialTargets.kind(link.path) == S_IFLNK)
    }
}
