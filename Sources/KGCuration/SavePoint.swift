import Foundation
import KGCore
import KGFormat

/// A graph folder as a session loaded it: the graph, and the SHA-256 of every .kg file at that
/// moment, so that `:save` and `kgq query --write` can tell whether the folder changed on disk
/// since (and refuse to overwrite it, unless forced) and which statements the session edited.
///
///     let point = try SavePoint.load(folder: "graphs/mine")
///     var session = QuerySession(graph: point.graph)
///     … session.run("CREATE …") …
///     let plan = try GraphSave.plan(point, current: session.graph, force: false)
public struct SavePoint: Sendable {
    public var folder: String
    /// The graph as loaded.
    public var graph: Graph
    /// File name (in the folder) → SHA-256 of its bytes, for every .kg file when it was loaded.
    public var fingerprints: [String: String]

    public init(folder: String, graph: Graph, fingerprints: [String: String]) {
        self.folder = folder
        self.graph = graph
        self.fingerprints = fingerprints
    }

    /// Fingerprints the folder's .kg files, then loads it.
    public static func load(folder: String) throws(DiagnosticList) -> SavePoint {
        let prints: [String: String]
        do { prints = try fingerprints(of: folder) } catch { throw DiagnosticList([error]) }
        return SavePoint(folder: folder, graph: try GraphLoader.load(folder: folder), fingerprints: prints)
    }

    /// The SHA-256 of each .kg file of `folder`, by file name. Throws for a folder that
    /// `:save` cannot write to: one that is not a .kg graph folder (CSV files, nothing).
    public static func fingerprints(of folder: String) throws(Diagnostic) -> [String: String] {
        let paths: [String]
        do { paths = try GraphLoader.files(in: folder) } catch {
            throw error.diagnostics.first ?? Diagnostic(.error, "cannot read the folder '\(folder)'")
        }
        if paths.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
           names.contains(where: { $0.lowercased().hasSuffix(".csv") }) {
            throw Diagnostic(.error, "'\(folder)' is a folder of CSV files; edits are saved only into .kg graph folders",
                             help: "keep the session's graph with :export graph kg FILE (or kgq export --format kg), then work on that folder")
        }
        var out: [String: String] = [:]
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Diagnostic(.error, FileProblem.cannotRead(path))
            }
            out[(path as NSString).lastPathComponent] = SHA256.hex([UInt8](data))
        }
        return out
    }

    /// The .kg files that changed, appeared or went away since the folder was loaded, in words
    /// ("skills.kg changed", "new.kg added"); empty when none did.
    public func changesOnDisk() throws(Diagnostic) -> [String] {
        let now = try SavePoint.fingerprints(of: folder)
        var out: [String] = []
        for name in Set(now.keys).union(fingerprints.keys).sorted() {
            switch (fingerprints[name], now[name]) {
            case (nil, _?): out.append("\(name) added")
            case (_?, nil): out.append("\(name) removed")
            case (let a?, let b?) where a != b: out.append("\(name) changed")
            default: break
            }
        }
        return out
    }
}
