#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file cannot be read as a regular file, in words: "it is a folder", "it is a FIFO
/// (named pipe)", "its symbolic links form a loop", "it is a symbolic link to 'x', which does
/// not exist", or the system's reason ("Permission denied").
public enum FileProblem {
    /// The reason `path` cannot be read as a file, or nil when it is a readable regular file.
    public static func reason(_ path: String) -> String? {
        var st = stat()
        if stat(path, &st) != 0 {
            let err = errno
            var lst = stat()
            if err == ELOOP { return "its symbolic links form a loop" }
            if err == ENOENT, lstat(path, &lst) == 0, (lst.st_mode & S_IFMT) == S_IFLNK {
                return "it is a symbolic link to '\(linkTarget(path) ?? "?")', which does not exist"
            }
            if err == ENOENT { return "no such file" }
            return String(cString: strerror(err))
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a FIFO (named pipe), not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        default: break
        }
        if access(path, R_OK) != 0 { return String(cString: strerror(errno)) }
        return nil
    }

    /// `"cannot read file 'p': it is a folder, not a file"` (or without a reason when none is known).
    public static func cannotRead(_ path: String, what: String = "file") -> String {
        "cannot read \(what) '\(path)'" + (reason(path).map { ": " + $0 } ?? "")
    }

    static func linkTarget(_ path: String) -> String? {
        var buf = [CChar](repeating: 0, count: 4097)
        let n = readlink(path, &buf, 4096)
        guard n >= 0 else { return nil }
        return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
