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

    /// Writes the files of a multi-file output (CSV export's nodes.csv and relationships.csv)
    /// all or nothing: they go into a fresh hidden folder next to `requested` (`.NAME.kgq-XXXXXX`),
    /// are flushed, and that folder takes the place of `requested` in one step — exchanged with
    /// the old folder (Linux renameat2 RENAME_EXCHANGE), which is then removed, or renamed into
    /// place when there was none. A kill at any moment leaves the old files or the new ones,
    /// never a mix. A symbolic link to a folder is followed (the link is kept).
    ///
    /// The folder is replaced whole, so an existing one may hold only files of these names:
    /// a folder with anything else (other files, subfolders, links, hard-linked files) is refused
    /// rather than emptied. Missing parent folders are created.
    public static func writeFolder(_ files: [(name: String, bytes: [UInt8])], to requested: String) throws(Diagnostic) {
        let names = Set(files.map(\.name))
        for name in names where name.isEmpty || name.contains("/") || name.hasPrefix(".") {
            throw Diagnostic(.error, "cannot write '\(name)' into '\(requested)': not a plain file name")
        }
        let path = try folderTarget(of: requested)
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent().path
        var st = stat()
        let exists = lstat(path, &st) == 0
        if exists {
            try checkReplaceable(folder: path, requested: requested, names: names)
        } else {
            do {
                try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                throw Diagnostic(.error, "cannot create directory '\(parent)': \(error.localizedDescription)")
            }
        }

        var template = Array((parent + "/." + url.lastPathComponent + ".kgq-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { throw failure(requested, "cannot create a temporary folder: \(String(cString: strerror(errno)))") }
        let fresh = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var placed = false
        defer { if !placed { removeTree(fresh) } }

        for file in files {
            let target = fresh + "/" + file.name
            let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw failure(requested, String(cString: strerror(errno))) }
            if let reason = writeAll(file.bytes, to: fd) ?? (fsync(fd) != 0 ? String(cString: strerror(errno)) : nil) {
                close(fd)
                throw failure(requested, reason)
            }
            close(fd)
        }
        // The old folder's mode (and owner, when ours to give) carry over; a new one is rwxr-xr-x.
        chmod(fresh, exists ? st.st_mode & 0o7777 : 0o755)
        if exists, st.st_uid != geteuid() || st.st_gid != getegid() { _ = chown(fresh, st.st_uid, st.st_gid) }
        syncPath(fresh)

        if exists {
            if exchange(fresh, path) {
                placed = true
                removeTree(fresh)   // now the old folder
            } else {
                // No atomic exchange here (an old kernel or a file system without it): move the old
                // folder aside first, so a kill in between leaves it whole under the hidden name.
                let aside = fresh + ".old"
                guard rename(path, aside) == 0 else { throw failure(requested, String(cString: strerror(errno))) }
                guard rename(fresh, path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    _ = rename(aside, path)
                    throw failure(requested, reason)
                }
                placed = true
                removeTree(aside)
            }
        } else {
            guard rename(fresh, path) == 0 else { throw failure(requested, String(cString: strerror(errno))) }
            placed = true
        }
        syncPath(parent)
    }

    /// The folder a multi-file write goes to: `requested` with symbolic links followed.
    static func folderTarget(of requested: String) throws(Diagnostic) -> String {
        var current = requested.count > 1 && requested.hasSuffix("/") ? String(requested.dropLast()) : requested
        var links = 0
        var st = stat()
        while lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            links += 1
            guard links <= maximumLinks else {
                throw Diagnostic(.error, "cannot write into '\(requested)': it is a loop of symbolic links",
                                 help: "point the link at a folder (ls -l \(requested))")
            }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw failure(requested, String(cString: strerror(errno))) }
            let destination = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination
                : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(destination).path
        }
        return current
    }

    /// Refuses to replace a folder that holds anything but regular, singly linked files named
    /// in `names`: replacing the folder whole would lose the rest.
    static func checkReplaceable(folder path: String, requested: String, names: Set<String>) throws(Diagnostic) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw Diagnostic(.error, "cannot write into '\(requested)': it is a file, not a directory",
                             help: "give a directory with -o (it is created when missing)")
        }
        let entries: [String]
        do { entries = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw failure(requested, "cannot list it: \(error.localizedDescription)")
        }
        let others = entries.filter { !names.contains($0) }.sorted()
        if !others.isEmpty {
            let shown = others.prefix(5).joined(separator: ", ") + (others.count > 5 ? ", … (\(others.count) in all)" : "")
            throw Diagnostic(.error, "cannot write into '\(requested)': it holds other files (\(shown)), and the export "
                             + "replaces the folder as a whole so that its files always belong together",
                             help: "give a new or empty folder, or one holding only \(names.sorted().joined(separator: " and "))")
        }
        for name in entries {
            var file = stat()
            guard lstat(path + "/" + name, &file) == 0 else { continue }
            guard (file.st_mode & S_IFMT) == S_IFREG else {
                throw Diagnostic(.error, "cannot write into '\(requested)': '\(name)' there is not a regular file",
                                 help: "remove it, or give another folder")
            }
            if file.st_nlink > 1 {
                throw Diagnostic(.error, "cannot write into '\(requested)': '\(name)' has \(file.st_nlink) hard links, and "
                                 + "replacing it would leave the other names with the old content",
                                 help: "write to another folder, or remove the other links first")
            }
        }
    }

    /// Swaps two paths in one step (renameat2 with RENAME_EXCHANGE, looked up at run time since
    /// Glibc's Swift overlay does not declare it). False when the system cannot.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 2
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
    }

    /// Writes every byte to `fd`; the reason on failure.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += n
        }
        return nil
    }

    /// fsync of a folder, so the names in it (a rename) are durable.
    static func syncPath(_ path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Removes a folder kgq made and the files in it.
    static func removeTree(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
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

    /// The file a write to `path` lands in, as one canonical absolute path: symbolic links
    /// followed as `write` follows them, the folder's own links and `..` resolved. Two paths
    /// with the same destination are the same output.
    public static func destination(of path: String) throws(Diagnostic) -> String {
        let landing: String
        switch try target(of: path) {
        case .replace(let p), .writeThrough(let p): landing = p
        }
        let absolute = landing.hasPrefix("/") ? landing
            : FileManager.default.currentDirectoryPath + "/" + landing
        let url = URL(fileURLWithPath: absolute).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return url.path }
        defer { free(resolved) }
        let canonical = String(cString: resolved)
        return (canonical.hasSuffix("/") ? canonical : canonical + "/") + url.lastPathComponent
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
