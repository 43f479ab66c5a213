import Foundation

/// Writes files so that a crash or a full disk never leaves a half-written file over a good
/// one: the bytes go to a temporary file in the same directory, are flushed to disk (fsync),
/// and the temporary file is renamed over the target in one step.
public enum AtomicFile {
    /// Writes `bytes` to `path` atomically. Throws a Diagnostic naming the path and the reason.
    ///
    /// A symbolic link is followed: the file it points to is replaced and the link kept. A
    /// character device or FIFO (`/dev/null`, `/dev/stdout`, `mkfifo`) is written through, never
    /// replaced. A file with other hard links, or owned by another user when the owner cannot be
    /// kept, is refused, since replacing it would break the links or change its owner.
    public static func write(_ bytes: [UInt8], to requested: String) throws(Diagnostic) {
        let path: String
        switch try target(of: requested) {
        case .writeThrough(let device): return try writeThrough(bytes, to: device, requested: requested)
        case .replace(let file): path = file
        }
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
                throw failure(requested, reason)
            }
            written += n
        }
        // Keep the mode and owner of the file being replaced; new files are rw-r--r-- like those `cp` makes.
        var st = stat()
        if stat(path, &st) == 0 {
            if st.st_uid != geteuid() || st.st_gid != getegid(), fchown(fd, st.st_uid, st.st_gid) != 0 {
                close(fd)
                throw Diagnostic(.error, "cannot write '\(requested)': it belongs to another user (uid \(st.st_uid), gid \(st.st_gid)), "
                                 + "and a replacement would not", help: "write to another path, or run as its owner")
            }
            fchmod(fd, st.st_mode & 0o7777)
        } else {
            fchmod(fd, 0o644)
        }
        if fsync(fd) != 0 {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw failure(requested, reason)
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw failure(requested, String(cString: strerror(errno))) }
        ok = true
        // Make the rename itself durable.
        let dirfd = open(directory, O_RDONLY)
        if dirfd >= 0 { fsync(dirfd); close(dirfd) }
    }

    /// Throws the error `write` would throw for where `path` is (a directory, or in a missing
    /// one), so a command can refuse at once rather than after minutes of work.
    public static func checkWritable(_ requested: String) throws(Diagnostic) {
        guard case .replace(let path) = try target(of: requested) else { return }
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

    /// What writing to a path does: replace a regular file (or create one), or write through to a
    /// device or FIFO.
    enum Target: Equatable {
        /// The regular file (possibly not yet existing) at the end of any symbolic links.
        case replace(String)
        /// A character device or FIFO, opened and written, never replaced.
        case writeThrough(String)
    }

    /// How many symbolic links are followed before a path counts as a loop (Linux's limit).
    static let maximumLinks = 40

    /// Follows symbolic links from `path` (a dangling link names the file to create) and says
    /// what a write does there; refuses what it must not replace.
    static func target(of path: String) throws(Diagnostic) -> Target {
        var current = path, links = 0
        var st = stat()
        while lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            links += 1
            guard links <= maximumLinks else {
                throw Diagnostic(.error, "cannot write '\(path)': it is a loop of symbolic links",
                                 help: "point the link at a file (ls -l \(path))")
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw failure(path, String(cString: strerror(errno))) }
            let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        guard stat(current, &st) == 0 else { return .replace(current) }
        switch st.st_mode & S_IFMT {
        case S_IFCHR, S_IFIFO:
            return .writeThrough(current)
        case S_IFREG:
            if st.st_nlink > 1 {
                throw Diagnostic(.error, "cannot write '\(path)': it has \(st.st_nlink) hard links, and replacing it "
                                 + "would leave the other names with the old content",
                                 help: "write to another path, or remove the other links first")
            }
            return .replace(current)
        case S_IFDIR:
            return .replace(current)   // checkWritable says it is a directory
        default:
            throw Diagnostic(.error, "cannot write '\(path)': it is neither a regular file, a character device nor a FIFO",
                             help: "write to a regular file with -o")
        }
    }

    /// Opens a device or FIFO and writes `bytes` into it. A FIFO nobody reads is an error, not a hang.
    static func writeThrough(_ bytes: [UInt8], to device: String, requested: String) throws(Diagnostic) {
        let fd = open(device, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENXIO {
                throw Diagnostic(.error, "cannot write '\(requested)': it is a FIFO that no process is reading",
                                 help: "start the reader first, or write to a regular file")
            }
            throw failure(requested, String(cString: strerror(errno)))
        }
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(requested, String(cString: strerror(errno)))
            }
            written += n
        }
    }

    static func failure(_ path: String, _ reason: String) -> Diagnostic {
        Diagnostic(.error, "cannot write '\(path)': \(reason)", help: "check the path, its permissions and free disk space")
    }
}
