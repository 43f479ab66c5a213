/// A graph saved as a binary snapshot file, so a big graph opens without parsing its sources.
///
/// Layout (integers 8 bytes, little-endian):
///
///     magic "KGQSNAP\n" · format version · manifest length · manifest checksum
///     · body length · body checksum · manifest · body
///
/// The manifest says what the snapshot was made from (importer, folder, and per source file its
/// size, times, inode and SHA-256); the body holds the graph's tables (`Graph.encodeTables`).
/// Reading checks the magic, the version, both lengths against the file's size and both
/// checksums before it decodes anything, and the decoder checks every size and handle, so a
/// truncated, damaged or foreign file is refused with a `SnapshotError`.
public enum GraphSnapshot {
    /// Bumped whenever the layout of the body or the manifest changes: older files are refused.
    public static let formatVersion = 3
    static let magic: [UInt8] = Array("KGQSNAP\n".utf8)
    static let headerSize = 48

    /// The file's bytes for `graph`, made from the sources `manifest` describes.
    public static func encode(_ graph: Graph, manifest: SnapshotManifest) -> [UInt8] {
        var m = SnapshotEncoder()
        manifest.encode(into: &m)
        var body = SnapshotEncoder(reserving: 1 << 20)
        graph.encodeTables(into: &body)
        return assemble(manifest: m.bytes, body: body.bytes)
    }

    static func assemble(manifest: [UInt8], body: [UInt8]) -> [UInt8] {
        var out = SnapshotEncoder(reserving: headerSize + manifest.count + body.count)
        out.bytes.append(contentsOf: magic)
        out.int(formatVersion)
        out.int(manifest.count)
        out.int(Int(truncatingIfNeeded: manifest.withUnsafeBytes { SnapshotChecksum.of($0) }))
        out.int(body.count)
        out.int(Int(truncatingIfNeeded: body.withUnsafeBytes { SnapshotChecksum.of($0) }))
        out.bytes.append(contentsOf: manifest)
        out.bytes.append(contentsOf: body)
        return out.bytes
    }

    /// Where the manifest and the body lie in a file, once its header has been checked.
    struct Layout {
        var manifest: Range<Int>
        var manifestChecksum: UInt64
        var body: Range<Int>
        var bodyChecksum: UInt64
    }

    static func layout(_ file: UnsafeRawBufferPointer) throws(SnapshotError) -> Layout {
        guard file.count >= headerSize else { throw SnapshotError("too short for a snapshot (\(file.count) bytes)") }
        guard file.prefix(8).elementsEqual(magic) else { throw SnapshotError("not a kgq snapshot (wrong magic bytes)") }
        var d = SnapshotDecoder(file, at: 8)
        let version = try d.int()
        guard version == formatVersion else {
            throw SnapshotError("snapshot format \(version), this kgq reads format \(formatVersion)")
        }
        let manifestLength = try d.int()
        let manifestChecksum = UInt64(truncatingIfNeeded: try d.int())
        let bodyLength = try d.int()
        let bodyChecksum = UInt64(truncatingIfNeeded: try d.int())
        guard manifestLength >= 0, bodyLength >= 0, manifestLength <= file.count,
              headerSize + manifestLength + bodyLength == file.count else {
            throw SnapshotError("file is \(file.count) bytes, its header announces \(headerSize) + \(manifestLength) + \(bodyLength) (truncated or extended)")
        }
        let m = headerSize..<(headerSize + manifestLength)
        return Layout(manifest: m, manifestChecksum: manifestChecksum, body: m.upperBound..<file.count, bodyChecksum: bodyChecksum)
    }

    /// The manifest of a snapshot file (header and manifest checked; the body not yet read).
    public static func manifest(of file: UnsafeRawBufferPointer) throws(SnapshotError) -> SnapshotManifest {
        let l = try layout(file)
        let bytes = UnsafeRawBufferPointer(rebasing: file[l.manifest])
        guard SnapshotChecksum.of(bytes) == l.manifestChecksum else { throw SnapshotError("the manifest's checksum does not match (damaged file)") }
        var d = SnapshotDecoder(bytes)
        let manifest = try SnapshotManifest(from: &d)
        guard d.remaining == 0 else { throw SnapshotError("the manifest has \(d.remaining) bytes too many") }
        return manifest
    }

    /// The graph of a snapshot file, after checking the header and both checksums. With
    /// `releasingCopiedPages` (only for a read-only mapping of the file), the pages of each large
    /// table are handed back to the system once it is copied out, so the mapped file and the
    /// graph's tables are not both resident at the end of the open (peak memory).
    public static func graph(of file: UnsafeRawBufferPointer, releasingCopiedPages: Bool = false) throws(SnapshotError) -> Graph {
        _ = try manifest(of: file)
        let l = try layout(file)
        let bytes = UnsafeRawBufferPointer(rebasing: file[l.body])
        guard SnapshotChecksum.of(bytes) == l.bodyChecksum else { throw SnapshotError("the body's checksum does not match (damaged file)") }
        var d = SnapshotDecoder(bytes)
        d.releasesCopiedPages = releasingCopiedPages
        let graph = try Graph(snapshotTables: &d)
        guard d.remaining == 0 else { throw SnapshotError("the body has \(d.remaining) bytes too many") }
        return graph
    }

    /// The same file with another manifest (the body's bytes are kept as they are).
    static func replacingManifest(of file: UnsafeRawBufferPointer, with manifest: SnapshotManifest) throws(SnapshotError) -> [UInt8] {
        let l = try layout(file)
        var m = SnapshotEncoder()
        manifest.encode(into: &m)
        return assemble(manifest: m.bytes, body: Array(UnsafeRawBufferPointer(rebasing: file[l.body])))
    }
}

/// What a snapshot was made from: the importer, the folder, and each source file as it was.
public struct SnapshotManifest: Sendable, Equatable {
    /// The importer that read the sources (`kg`, `csv`).
    public var importer: String
    /// The folder as it was given (`--graph`), and its canonical absolute path.
    public var folder: String
    public var canonicalFolder: String
    public var sources: [SnapshotSource]

    public init(importer: String, folder: String, canonicalFolder: String, sources: [SnapshotSource]) {
        self.importer = importer
        self.folder = folder
        self.canonicalFolder = canonicalFolder
        self.sources = sources
    }

    func encode(into e: inout SnapshotEncoder) {
        e.string(importer); e.string(folder); e.string(canonicalFolder)
        e.int(sources.count)
        for s in sources {
            e.string(s.path); e.int(s.stamp.size); e.int(s.stamp.modified); e.int(s.stamp.changed)
            e.int(Int(truncatingIfNeeded: s.stamp.inode)); e.int(Int(truncatingIfNeeded: s.stamp.device))
            e.flat(s.sha256)
        }
    }

    init(from d: inout SnapshotDecoder) throws(SnapshotError) {
        importer = try d.string(); folder = try d.string(); canonicalFolder = try d.string()
        let n = try d.count(itemSize: 48)
        sources = []
        for _ in 0..<n {
            let path = try d.string()
            let stamp = FileStamp(size: try d.int(), modified: try d.int(), changed: try d.int(),
                                  inode: UInt64(truncatingIfNeeded: try d.int()), device: UInt64(truncatingIfNeeded: try d.int()))
            let digest = try d.flat(UInt8.self)
            guard digest.count == 32 else { throw SnapshotError("a source's SHA-256 has \(digest.count) bytes") }
            sources.append(SnapshotSource(path: path, stamp: stamp, sha256: digest))
        }
    }
}

/// One source file of a snapshot: where it is, how the file system saw it, and its content hash.
public struct SnapshotSource: Sendable, Equatable {
    public var path: String
    public var stamp: FileStamp
    /// SHA-256 of the file's bytes when the snapshot was made.
    public var sha256: [UInt8]

    public init(path: String, stamp: FileStamp, sha256: [UInt8]) {
        self.path = path
        self.stamp = stamp
        self.sha256 = sha256
    }
}

/// A file's size, modification and status-change times (nanoseconds), inode and device: when
/// all are unchanged the file is taken as unchanged, as git's index does, without reading it.
public struct FileStamp: Sendable, Equatable {
    public var size: Int
    public var modified: Int
    public var changed: Int
    public var inode: UInt64
    public var device: UInt64

    public init(size: Int, modified: Int, changed: Int, inode: UInt64, device: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        self.device = device
    }
}
