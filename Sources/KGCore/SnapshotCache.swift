import Foundation

/// The folder of graph snapshots (`$XDG_CACHE_HOME/kgq`, else `~/.cache/kgq`): after a graph
/// folder is loaded from its files, its snapshot is saved here, and the next open of the same
/// folder reads the snapshot instead of parsing the files again.
///
/// A snapshot's file name is derived from the importer and the folder's path (as given and
/// canonical), not from the content hashes: finding the snapshot must not cost reading 40 MB of
/// CSV. Inside, each source's size, times and inode decide at a glance whether it changed; when
/// they differ (a copy, a `touch`), the file's SHA-256 is compared with the one recorded, and an
/// equal hash keeps the snapshot (its manifest is updated). A snapshot that is damaged, of
/// another format version or made from other contents is never used: `open` says why through
/// `note` and returns nil, and the caller loads the files (and saves a fresh snapshot).
///
///     let cache = SnapshotCache(environment: ProcessInfo.processInfo.environment)
///     let graph = cache.open(folder: "g", importer: "csv", sources: files) ?? load()
public struct SnapshotCache: Sendable {
    /// The folder holding the snapshots.
    public var directory: String
    static let suffix = ".kgsnap"

    public init(directory: String) { self.directory = directory }

    /// `$XDG_CACHE_HOME/kgq` when that is an absolute path (the XDG rule), else `$HOME/.cache/kgq`.
    public init(environment env: [String: String]) {
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") {
            directory = x + "/kgq"
        } else {
            let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            directory = home + "/.cache/kgq"
        }
    }

    /// The snapshot file for a folder read by `importer`.
    public func path(folder: String, importer: String) -> String {
        let key = "kgq snapshot \(GraphSnapshot.formatVersion)\u{0}\(importer)\u{0}\(SnapshotCache.canonical(folder))\u{0}\(folder)"
        return directory + "/" + String(SHA256.hex(key).prefix(32)) + SnapshotCache.suffix
    }

    /// The folder's canonical absolute path (symbolic links and `..` resolved), or the path as given.
    static func canonical(_ folder: String) -> String {
        guard let r = realpath(folder, nil) else { return folder }
        defer { free(r) }
        return String(cString: r)
    }

    /// How the file system sees `path` now; nil when it cannot be read.
    public static func stamp(_ path: String) -> FileStamp? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileStamp(size: Int(st.st_size),
                         modified: Int(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(st.st_mtim.tv_nsec),
                         changed: Int(st.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(st.st_ctim.tv_nsec),
                         inode: UInt64(st.st_ino), device: UInt64(st.st_dev))
    }

    /// The graph saved for `folder`, when a snapshot exists, is intact and was made from the
    /// files `sources` (paths as the importer reads them) as they are now; else nil, with the
    /// reason given to `note`.
    public func open(folder: String, importer: String, sources: [String], note: (String) -> Void = { _ in }) -> Graph? {
        let file = path(folder: folder, importer: importer)
        guard FileManager.default.fileExists(atPath: file) else { note("no snapshot of \(folder) yet (\(file))"); return nil }
        let opened = SnapshotCache.withMapping(file) { raw, mapped -> Graph? in
            do throws(SnapshotError) {
                let manifest = try GraphSnapshot.manifest(of: raw)
                guard manifest.importer == importer, manifest.folder == folder,
                      manifest.canonicalFolder == SnapshotCache.canonical(folder) else {
                    note("snapshot \(file) was made for another folder; rebuilding it"); return nil
                }
                guard manifest.sources.map(\.path) == sources else {
                    note("the files of \(folder) are not those the snapshot was made from; rebuilding it"); return nil
                }
                var refreshed = manifest
                for (k, s) in manifest.sources.enumerated() {
                    guard let now = SnapshotCache.stamp(s.path) else { note("cannot read \(s.path); loading the files"); return nil }
                    if now == s.stamp { continue }
                    guard now.size == s.stamp.size, let content = SnapshotCache.read(s.path), SHA256.digest(content) == s.sha256 else {
                        note("\(s.path) changed since the snapshot was made; rebuilding it"); return nil
                    }
                    refreshed.sources[k].stamp = now
                }
                let graph = try GraphSnapshot.graph(of: raw, releasingCopiedPages: mapped)
                if refreshed != manifest, let updated = try? GraphSnapshot.replacingManifest(of: raw, with: refreshed) {
                    // Same contents under new times (a copy, a touch): remember them, so the next
                    // open need not hash the files again.
                    try? SnapshotCache.writeReplacing(updated, at: file)
                }
                return graph
            } catch {
                note("ignoring the snapshot \(file): \(error.message); rebuilding it")
                return nil
            }
        }
        guard let opened else { note("cannot read the snapshot \(file)"); return nil }
        return opened
    }

    /// Saves `graph` as the snapshot of `folder`. `before` holds the sources' stamps taken before
    /// they were read: a file that changed during the load is not vouched for (nothing is saved).
    public func save(_ graph: Graph, folder: String, importer: String, sources: [String], before: [FileStamp?],
                     note: (String) -> Void = { _ in }) {
        var recorded: [SnapshotSource] = []
        for (k, path) in sources.enumerated() {
            guard let stamp = before[k], let content = SnapshotCache.read(path), SnapshotCache.stamp(path) == stamp else {
                note("\(path) changed while it was read; no snapshot saved"); return
            }
            recorded.append(SnapshotSource(path: path, stamp: stamp, sha256: SHA256.digest(content)))
        }
        let manifest = SnapshotManifest(importer: importer, folder: folder, canonicalFolder: SnapshotCache.canonical(folder), sources: recorded)
        let file = path(folder: folder, importer: importer)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try SnapshotCache.writeReplacing(GraphSnapshot.encode(graph, manifest: manifest), at: file)
            note("saved a snapshot of \(folder) in \(file)")
        } catch {
            note("cannot save a snapshot in \(directory): \(error)")
        }
    }

    /// One snapshot file of the cache, for `kgq cache info`.
    public struct Entry: Sendable {
        public var path: String
        public var bytes: Int
        /// The folder it was made from; nil when its header or manifest cannot be read.
        public var folder: String?
    }

    /// The snapshot files in the cache folder, sorted by path.
    public func entries() -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(SnapshotCache.suffix) && !$0.hasPrefix(".") }.sorted().map { name in
            let p = directory + "/" + name
            let size = SnapshotCache.stamp(p)?.size ?? 0
            let folder = SnapshotCache.readPrefix(p, GraphSnapshot.headerSize + 64 * 1024).flatMap { bytes in
                bytes.withUnsafeBytes { raw in SnapshotCache.manifestFolder(raw) }
            }
            return Entry(path: p, bytes: size, folder: folder)
        }
    }

    /// The folder named in a snapshot's manifest, read from the start of the file only.
    static func manifestFolder(_ prefix: UnsafeRawBufferPointer) -> String? {
        guard prefix.count >= GraphSnapshot.headerSize, prefix.prefix(8).elementsEqual(GraphSnapshot.magic) else { return nil }
        var d = SnapshotDecoder(prefix, at: GraphSnapshot.headerSize)
        guard (try? d.string()) != nil else { return nil }
        return try? d.string()
    }

    /// Removes every snapshot (and left-over temporary file) of the cache; returns how many
    /// files and bytes were removed.
    public func clear() throws(Diagnostic) -> (files: Int, bytes: Int) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed = (files: 0, bytes: 0)
        for name in names where name.hasSuffix(SnapshotCache.suffix) || (name.hasPrefix(".") && name.contains(SnapshotCache.suffix)) {
            let p = directory + "/" + name
            let size = SnapshotCache.stamp(p)?.size ?? 0
            guard unlink(p) == 0 else {
                throw Diagnostic(.error, "cannot remove \(p): \(String(cString: strerror(errno)))",
                                 help: "check the permissions of \(directory)")
            }
            removed.files += 1
            removed.bytes += size
        }
        return removed
    }

    // MARK: - Files

    /// Calls `body` with the file's bytes mapped into memory (read-only, private, read ahead in
    /// one go): the tables are copied out of the page cache once, without first reading the whole
    /// file into a buffer of its own. Snapshots are replaced by renaming a new file over the old
    /// one, so a mapped file never shrinks underneath. Nil when the file cannot be mapped.
    /// `body`'s second argument says whether the bytes are a mapping (not a buffer of the heap).
    static func withMapping<R>(_ path: String, _ body: (UnsafeRawBufferPointer, Bool) -> R) -> R? {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(st.st_size)
        guard size > 0 else { return [UInt8]().withUnsafeBytes { body($0, false) } }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        guard let base = mmap(nil, size, PROT_READ, flags, fd, 0), base != MAP_FAILED else {
            return read(path)?.withUnsafeBytes { body($0, false) }
        }
        defer { munmap(base, size) }
        return body(UnsafeRawBufferPointer(start: base, count: size), true)
    }

    /// The whole file in one read; nil when it cannot be read.
    static func read(_ path: String) -> [UInt8]? {
        readPrefix(path, Int.max)
    }

    /// Up to `limit` bytes from the start of the file.
    static func readPrefix(_ path: String, _ limit: Int) -> [UInt8]? {
        let fd = Foundation.open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = min(Int(st.st_size), limit)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var got = 0
            while got < size {
                let n = Foundation.read(fd, buffer.baseAddress! + got, size - got)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            failed = got < size
            initialized = got
        }
        return failed ? nil : bytes
    }

    /// Writes `bytes` to a temporary file beside `path` and renames it over `path`, so a reader
    /// sees the old snapshot or the new one, never half of one. Unlike `AtomicFile.write` it does
    /// not fsync: a snapshot lost in a crash is only a cache miss (its checksums catch a torn
    /// file), and syncing 100 MB would double the first load.
    static func writeReplacing(_ bytes: [UInt8], at path: String) throws(Diagnostic) {
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        var template = Array((directory + "/." + name + ".XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Diagnostic(.error, "cannot create a file in \(directory): \(String(cString: strerror(errno)))") }
        let temporary = String(cString: template)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let reason = String(cString: strerror(errno))
                close(fd); unlink(temporary)
                throw Diagnostic(.error, "cannot write \(temporary): \(reason)")
            }
            written += n
        }
        fchmod(fd, 0o644)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Diagnostic(.error, "cannot rename \(temporary) to \(path): \(reason)")
        }
    }
}
