#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes files so that a crash, a kill or a full disk never leaves a half-written file over
/// a good one: the bytes go to a temporary file in the same folder, are fsync'ed, and the
/// temporary file is renamed over the target (rename is atomic within a file system).
///
///     try AtomicFile.write(Array(text.utf8), to: "graphs/x/roles.kg")
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("cannot create a temporary file next to '\(path)'", errno) }
        let tmp = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(tmp) }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                close(fd)
                throw failure("cannot write '\(path)'", e)
            }
            written += n
        }
        // Keep the target's permissions when it exists, else rw-r--r--.
        var st = stat()
        let mode: mode_t = stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644
        fchmod(fd, mode)
        guard fsync(fd) == 0 else { let e = errno; close(fd); throw failure("cannot flush '\(path)' to disk", e) }
        close(fd)
        guard rename(tmp, path) == 0 else { throw failure("cannot replace '\(path)'", errno) }
        ok = true
        // Make the rename itself durable.
        let dfd = open(dir.isEmpty ? "/" : dir, O_RDONLY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    public static func write(_ text: String, to path: String) throws(Diagnostic) {
        try write(Array(text.utf8), to: path)
    }

    private static func failure(_ what: String, _ code: Int32) -> Diagnostic {
        Diagnostic(.error, "\(what): \(String(cString: strerror(code)))",
                   help: "check that the folder exists and is writable, and that the disk is not full")
    }
}
