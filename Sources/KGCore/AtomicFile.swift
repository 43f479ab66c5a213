import Foundation

/// Writes files so that a crash or a full disk never leaves a half-written file over a good
/// one: the bytes go to a temporary file in the same directory, are flushed to disk (fsync),
/// and the temporary file is renamed over the target in one step.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically. Throws a Diagnostic naming the path and the reason.
    public static func write(_ bytes: [UInt8], to path: String) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        try checkWritable(path)
        var template = Array((directory + "/." + url.lastPathComponent + ".kgq-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw failure(path, "cannot create a temporary file") }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(temporary) } }

        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                close(fd)
                throw failure(path, reason)
            }
            written += n
        }
        // Keep the mode of the file being replaced; new files are rw-r--r-- like those `cp` makes.
        var st = stat()
        fchmod(fd, stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0o644)
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw failure(path, reason)
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw failure(path, String(cString: strerror(errno))) }
        ok = true
        // Make the rename itself durable.
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }

    /// Throws the error `write` would throw for where `path` is (a directory, or in a missing
    /// one), so a command can refuse at once rather than after minutes of work.
    public static func checkWritable(_ path: String) throws(Diagnostic) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Diagnostic(.error, "cannot write '\(path)': it is a directory", help: "give a file name with -o")
        }
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic(.error, "cannot write '\(path)': the directory '\(directory)' does not exist",
                             help: "create it first (mkdir -p \(directory))")
        }
    }

    /// Writes text as UTF-8, atomically.
    public static func write(_ text: String, to path: String) throws(Diagnostic) {
        try write(Array(text.utf8), to: path)
    }

    /// Creates `path` as a directory when missing (for multi-file exports such as CSV).
    public static func makeDirectory(_ path: String) throws(Diagnostic) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Diagnostic(.error, "cannot write into '\(path)': it is a file, not a directory",
                                 help: "CSV export writes nodes.csv and relationships.csv; give a directory with -o")
            }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(.error, "cannot create directory '\(path)': \(error.localizedDescription)")
        }
    }

    static func failure(_ path: String, _ reason: String) -> Diagnostic {
        Diagnostic(.error, "cannot write '\(path)': \(reason)", help: "check the path, its permissions and free disk space")
    }
}
