import Foundation
import KGTestSupport
import Testing

/// Atomic writes against special targets (issue 16, item 10): a device or FIFO is written
/// through, never replaced by a regular file; a symbolic link is kept and its target written;
/// a hard-linked file is refused rather than split from its other names.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct SpecialTargets {
    static func kind(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test func aCharacterDeviceIsWrittenThroughNotReplaced() {
        let run = KGTestSupport.runKGQ(["export", "--format", "json", "-o", "/dev/null"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind("/dev/null") == S_IFCHR)
    }

    @Test func aFIFONobodyReadsIsAnErrorAndStaysAFIFO() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-special")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("f").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let run = KGTestSupport.runKGQ(["export", "--format", "json", "-o", fifo])
        #expect(run.status == 2)
        #expect(run.stderr.contains("it is a FIFO that no process is reading"), "\(run.stderr)")
        #expect(Self.kind(fifo) == S_IFIFO)
    }

    @Test func aSymbolicLinkIsKeptAndItsTargetWritten() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-special")
        defer { try? FileManager.default.removeItem(at: folder) }
        let link = folder.appendingPathComponent("link").path, real = folder.appendingPathComponent("real.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.json")
        let run = KGTestSupport.runKGQ(["export", "--format", "json", "-o", link])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("{"))
    }

    @Test func aHardLinkedFileIsRefusedAndKept() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-special")
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a").path, b = folder.appendingPathComponent("b").path
        try "old\n".write(toFile: a, atomically: false, encoding: .utf8)
        #expect(link(a, b) == 0)
        let run = KGTestSupport.runKGQ(["export", "--format", "json", "-o", a])
        #expect(run.status == 2)
        #expect(run.stderr.contains("it has 2 hard links"), "\(run.stderr)")
        #expect(try String(contentsOfFile: b, encoding: .utf8) == "old\n")
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old\n")
    }

    @Test func aLoopOfSymbolicLinksIsAnError() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-special")
        defer { try? FileManager.default.removeItem(at: folder) }
        let x = folder.appendingPathComponent("x").path, y = folder.appendingPathComponent("y").path
        try FileManager.default.createSymbolicLink(atPath: x, withDestinationPath: y)
        try FileManager.default.createSymbolicLink(atPath: y, withDestinationPath: x)
        let run = KGTestSupport.runKGQ(["export", "--format", "json", "-o", x])
        #expect(run.status == 2)
        #expect(run.stderr.contains("loop of symbolic links"), "\(run.stderr)")
    }
}
