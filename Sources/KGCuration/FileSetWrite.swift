import Foundation
import KGCore

/// Replaces several files of one folder all or none: every new text is first written to a
/// temporary file beside its target and flushed (fsync); only then are they renamed into place,
/// each old file kept under a hidden backup name until all renames have succeeded. A failure
/// at any step puts every file back as it was and removes the temporary files.
enum FileSetWrite {
    struct Failure: Error {}

    /// Writes `files`; `failBeforeRename` (tests) makes the rename of that file (0-based) fail.
    static func write(_ files: [(path: String, bytes: [UInt8])], failBeforeRename: Int? = nil) throws(Diagnostic) {
        var staged: [(target: String, temporary: String, backup: String?)] = []
        func cleanUp() {
            for s in staged {
                unlink(s.temporary)
                if let b = s.backup { unlink(b) }
            }
        }
        // 1. Every new text in a flushed temporary file.
        for file in files {
            let target = realPath(file.path) ?? file.path
            let url = URL(fileURLWithPath: target)
            var template = Array((url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".kgq-save-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                cleanUp()
                throw failure(file.path, "cannot create a temporary file beside it: \(reason)")
            }
            let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            staged.append((target, temporary, nil))
            var written = 0
            while written < file.bytes.count {
                let n = file.bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    cleanUp()
                    throw failure(file.path, reason)
                }
                written += n
            }
            var st = stat()
            fchmod(fd, stat(target, &st) == 0 ? st.st_mode & 0o7777 : 0o644)
            if fsync(fd) != 0 {
                let reason = String(cString: strerror(errno))
                close(fd)
                cleanUp()
                throw failure(file.path, reason)
            }
            close(fd)
        }
        // 2. A second name for each old file, to put it back with.
        for i in staged.indices where FileManager.default.fileExists(atPath: staged[i].target) {
            let backup = staged[i].temporary + ".old"
            guard link(staged[i].target, backup) == 0 else {
                let reason = String(cString: strerror(errno))
                cleanUp()
                throw failure(files[i].path, "cannot keep a backup of it: \(reason)")
            }
            staged[i].backup = backup
        }
        // 3. The renames; the first that fails undoes those before it.
        for i in staged.indices {
            let failed = failBeforeRename == i || rename(staged[i].temporary, staged[i].target) != 0
            guard failed else { continue }
            let reason = failBeforeRename == i ? "a simulated failure" : String(cString: strerror(errno))
            for j in 0..<i {
                if let b = staged[j].backup { rename(b, staged[j].target); staged[j].backup = nil } else { unlink(staged[j].target) }
            }
            cleanUp()
            throw failure(files[i].path, reason + "; every file was put back as it was")
        }
        for s in staged { if let b = s.backup { unlink(b) } }
        var directories = Set<String>()
        for s in staged { directories.insert(URL(fileURLWithPath: s.target).deletingLastPathComponent().path) }
        for d in directories {
            let fd = open(d, O_RDONLY)
            if fd >= 0 { fsync(fd); close(fd) }
        }
    }

    static func failure(_ path: String, _ reason: String) -> Diagnostic {
        Diagnostic(.error, "cannot write '\(path)': \(reason); nothing was saved",
                   help: "check that the folder is writable and the disk has room, then save again")
    }

    static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }
}
