import Foundation
import KGCore

/// Imports a folder of Neo4j admin-import style CSV files into a graph.
///
/// Every `*.csv` file of the folder is read (in file-name order) and recognised by its header:
/// a file with an `:ID` column holds nodes, one with `:START_ID`, `:END_ID` and `:TYPE` holds
/// relationships. All node files are loaded before any relationship file, so relationships
/// may refer to nodes of any file. See docs/csv-import.md for the column conventions
/// (typed columns, arrays, `name@LANG`, `cite_*` citation columns, derived relationship ids).
///
///     let importer = CSVImporter()
///     if importer.canImport(folder: "bench-data") {
///         let graph = try importer.load(folder: "bench-data")
///     }
public struct CSVImporter: Sendable {
    /// Stop after this many problems (a broken file would otherwise give one per row).
    public var maxDiagnostics: Int

    public init(maxDiagnostics: Int = 50) {
        self.maxDiagnostics = maxDiagnostics
    }

    /// A short name for listings (the plugin registry, `kgq plugins`).
    public var name: String { "csv" }

    /// Whether `folder` is a CSV graph folder: it holds `.csv` files and no `.kg` files.
    public func canImport(folder: String) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return false }
        return names.contains { $0.hasSuffix(".csv") } && !names.contains { $0.hasSuffix(".kg") }
    }

    /// The `.csv` files of a folder, sorted by name.
    public func files(in folder: String) throws(DiagnosticList) -> [String] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DiagnosticList([Diagnostic(.error, "cannot read the folder '\(folder)'", help: "check that it exists and is readable")])
        }
        let csv = names.filter { $0.hasSuffix(".csv") }.sorted()
        guard !csv.isEmpty else {
            throw DiagnosticList([Diagnostic(.error, "no .csv files in '\(folder)'",
                                             help: "a CSV graph folder holds node files (id:ID,:LABEL,…) and relationship files (:START_ID,:END_ID,:TYPE,…)")])
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return csv.map { base + "/" + $0 }
    }

    /// Loads every CSV file of `folder` into a new graph.
    public func load(folder: String) throws(DiagnosticList) -> Graph {
        try load(files: try files(in: folder))
    }

    /// Loads the given CSV files into a new graph: node files first, then relationship files.
    public func load(files: [String]) throws(DiagnosticList) -> Graph {
        var graph = Graph()
        var diagnostics: [Diagnostic] = []
        var relationshipFiles: [String] = []
        var sizes = (nodes: 0, relationships: 0)
        var ids = ByteKeyTable()

        // Pass 1: classify every file by its header; load node files right away.
        for path in files {
            guard diagnostics.count < maxDiagnostics else { break }
            if let why = FileProblem.reason(path) {
                diagnostics.append(Diagnostic(.error, "cannot read file '\(path)': \(why)", help: "a graph folder's CSV files must be regular files (or links to them)"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.error, FileProblem.cannotRead(path), help: "check that the file exists and is readable"))
                continue
            }
            let limit = maxDiagnostics - diagnostics.count
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var loader = CSVFileLoader(path: path, bytes: bytes, maxDiagnostics: limit)
                var reader = CSVReader(bytes: bytes)
                guard let header = loader.readHeader(&reader) else { diagnostics += loader.diagnostics; return }
                switch header.kind {
                case .relationships:
                    relationshipFiles.append(path)
                    sizes.relationships += bytes.count
                case .nodes:
                    if graph.nodes.isEmpty {
                        // A node row is rarely shorter than ~30 bytes; over-reserving costs little.
                        graph.reserveCapacity(nodes: max(16, bytes.count / 40), edges: 0)
                    }
                    loader.loadNodes(header, &reader, into: &graph, ids: &ids)
                    sizes.nodes += bytes.count
                }
                diagnostics += loader.diagnostics
            }
        }
        if !relationshipFiles.isEmpty {
            // ~25 bytes per short relationship row ("role:12,skill:3,REQUIRES").
            graph.reserveCapacity(nodes: graph.nodes.count, edges: sizes.relationships / 25)
        }

        // Pass 2: relationship files, now that every node id is known.
        var ordinal = 0
        for path in relationshipFiles {
            guard diagnostics.count < maxDiagnostics else { break }
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(Diagnostic(.error, FileProblem.cannotRead(path))); continue
            }
            let limit = maxDiagnostics - diagnostics.count
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var loader = CSVFileLoader(path: path, bytes: bytes, maxDiagnostics: limit)
                var reader = CSVReader(bytes: bytes)
                guard let header = loader.readHeader(&reader) else { diagnostics += loader.diagnostics; return }
                loader.loadRelationships(header, &reader, into: &graph, ids: ids, ordinal: &ordinal)
                diagnostics += loader.diagnostics
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticList(diagnostics) }
        return graph
    }
}
