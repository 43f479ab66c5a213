import Foundation
import KGCore
import KGPluginAPI

/// Where a command may write: the one place that refuses outputs which would damage the graph
/// being read or each other.
///
/// - An output directly in the graph folder, named like a file the folder's importers read
///   (`roles.kg`, `nodes.csv`), would change or break the graph: it is refused, unless it is
///   written in the format the folder is read in (`kgq export --format kg -o GRAPH/extra.kg`)
///   and `--force` is given. Other files in the folder (`GRAPH/rendered/x.svg`, a report beside
///   the graph) are not read by the loader and are written as usual.
/// - A graph read from one file (`--graph g.json`) is never written over.
/// - Two outputs of one command with the same destination (after symbolic links:
///   `kgq audit --map same.svg -o same.svg`) would overwrite each other: refused.
///
///     try OutputPolicy(graphFolder: "graphs/g", registry: registry)
///         .check([.init(flag: "-o", path: "graphs/g/x.kg", format: "kg")], force: false)
public struct OutputPolicy: Sendable {
    /// One file or folder a command is about to write.
    public struct Output: Sendable {
        /// The flag that names it (`-o`, `--map`), for messages.
        public var flag: String
        public var path: String
        /// The export format written (`kg`, `json`); nil for what no importer reads (reports).
        public var format: String?
        /// True when `path` is a folder the files go into (CSV export).
        public var isFolder: Bool
        /// The names written into the folder when `isFolder`.
        public var fileNames: [String]

        public init(flag: String, path: String, format: String? = nil, isFolder: Bool = false, fileNames: [String] = []) {
            self.flag = flag
            self.path = path
            self.format = format
            self.isFolder = isFolder
            self.fileNames = fileNames
        }
    }

    public var graphFolder: String
    /// The importer that loads the folder (nil when none claims it).
    var folderImporter: (any Importer)?
    /// Every importer whose files an output must not become.
    var importers: [any Importer]

    public init(graphFolder: String, registry: PluginRegistry) {
        self.graphFolder = graphFolder
        let folderImporter = registry.importer(for: graphFolder)
        self.folderImporter = folderImporter
        // The built-in formats always count (a .kg file turns a CSV folder into a .kg one), and so
        // does the importer that reads this folder, whatever it is.
        self.importers = registry.importers.map(\.value).filter { $0 is KGFileImporter || $0.name == "csv" }
            + (folderImporter.map { [$0] } ?? [])
    }

    /// Throws when an output would land on a file the graph folder reads (without `--force`
    /// and the folder's own format), or when two outputs land on one file.
    public func check(_ outputs: [Output], force: Bool) throws(Diagnostic) {
        let graph = canonicalFolder(graphFolder)
        // A graph read from one file (`--graph g.graphml`): that file is never an output.
        var isFolder: ObjCBool = false
        let graphFile = FileManager.default.fileExists(atPath: graphFolder, isDirectory: &isFolder) && !isFolder.boolValue ? graph : nil
        var seen: [String: Output] = [:]
        for output in outputs where output.path != "-" {
            let destination = try AtomicFile.destination(of: output.path)
            let landing: [String] = output.isFolder
                ? output.fileNames.map { (destination as NSString).appendingPathComponent($0) } : [destination]
            for file in landing {
                if let other = seen[file] {
                    let what = other.path == output.path ? "both write '\(output.path)'"
                        : "'\(other.path)' and \(output.flag) '\(output.path)' are the same file (\(file))"
                    throw Diagnostic(.error, "\(other.flag) " + (other.path == output.path ? "and \(output.flag) " : "") + what
                                     + "; one would overwrite the other", help: "give each output its own file")
                }
                seen[file] = output
                if let graphFile, file == graphFile {
                    throw Diagnostic(.error, "refusing to write \(output.flag) '\(output.path)': it is the graph file being read (\(graphFolder))",
                                     help: "write to another file; replace the input afterwards if you mean to")
                }
                guard let graph, (file as NSString).deletingLastPathComponent == graph else { continue }
                let name = (file as NSString).lastPathComponent
                guard importers.contains(where: { $0.reads(fileNamed: name) }) else { continue }
                let ownFormat = output.format != nil && output.format == folderImporter?.name
                if ownFormat && force { continue }
                let what = output.isFolder ? "'\(name)' in \(output.path)" : "'\(output.path)'"
                throw Diagnostic(.error, "refusing to write \(what): it is a file of the graph being read (\(graphFolder)), "
                                 + "and writing it would change or break the graph",
                                 help: ownFormat
                                    ? "add --force to write this \(output.format ?? "") file into the graph folder, or write it elsewhere"
                                    : "write it outside the graph folder (the folder is read as \(folderImporter?.name ?? "a graph"); "
                                      + "\(output.format.map { "a \($0) file" } ?? "a report") there would not load)")
            }
        }
    }

    /// A folder or file with its links and `..` resolved; nil when it does not exist.
    public func canonicalPath(_ path: String) -> String? { canonicalFolder(path) }

    /// The folder with its links and `..` resolved; nil when it does not exist.
    func canonicalFolder(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
