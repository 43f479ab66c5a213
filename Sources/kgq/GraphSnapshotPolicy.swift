import Foundation
import KGCore
import KGFormat
import KGImport
import KGPluginAPI
import KGPluginHost

/// When kgq reads and saves a snapshot of a graph folder (see `SnapshotCache`): for the built-in
/// importers (.kg and CSV), whose source files are known, and for folders of at least
/// `$KGQ_CACHE_MIN_BYTES` bytes of sources (default 1 MB: a smaller folder loads in a few
/// milliseconds, a snapshot would only fill the cache).
struct GraphSnapshotPolicy {
    static let defaultMinimumBytes = 1 << 20

    let cache: SnapshotCache
    let importer: String
    let folder: String
    let sources: [String]

    /// Nil when this folder is not snapshotted: a plugin's importer, an unreadable folder, or
    /// sources smaller than the threshold.
    init?(importer: any Importer, folder: String, environment env: [String: String]) {
        let files: [String]?
        switch importer {
        case is KGFileImporter: files = try? GraphLoader.files(in: folder)
        case is CSVImporter: files = try? CSVImporter().files(in: folder)
        default: files = nil
        }
        guard let files, !files.isEmpty else { return nil }
        let minimum = env["KGQ_CACHE_MIN_BYTES"].flatMap { Int($0) } ?? GraphSnapshotPolicy.defaultMinimumBytes
        let total = files.reduce(0) { $0 + (SnapshotCache.stamp($1)?.size ?? 0) }
        guard total >= minimum else { return nil }
        self.cache = SnapshotCache(environment: env)
        self.importer = importer.name
        self.folder = folder
        self.sources = files
    }

    func open(note: (String) -> Void) -> Graph? {
        cache.open(folder: folder, importer: importer, sources: sources, note: note)
    }

    func stamps() -> [FileStamp?] { sources.map(SnapshotCache.stamp) }

    func save(_ graph: Graph, before: [FileStamp?], note: (String) -> Void) {
        cache.save(graph, folder: folder, importer: importer, sources: sources, before: before, note: note)
    }
}
