import KGCore

/// Builds a graph from a folder in some format — the `.kg` files of kgq's own format, CSV in
/// neo4j-admin import style, … — or from one file (kgq's JSON export, GraphML, Neo4j's
/// `apoc.export.json`): an importer of files names its `fileExtensions`, and `canImport` and
/// `load` are then given the file's path.
///
/// `kgq --graph FOLDER` asks each registered importer in turn (built-ins first, then plugins
/// in load order) whether it can import the folder and loads it with the first that can.
/// An importer keeps provenance: the documents it reads become `Document`s of the graph and
/// every statement it creates carries the `Citation`s its input gives (document, line, quote,
/// via), so audits and `:why` work on imported graphs as on `.kg` ones.
public protocol Importer: Sendable {
    /// A short name for `kgq plugins` (`kg`, `csv`).
    var name: String { get }
    /// One sentence for `kgq plugins`.
    var summary: String { get }
    /// File extensions (lower-case, no dot) of the one-file inputs this importer reads
    /// (`kgq --graph FILE`, `kgq convert`); empty for an importer of folders.
    var fileExtensions: [String] { get }
    /// True when the folder (or file) holds this importer's input. Must be cheap (look at file
    /// names, or the first bytes of a file).
    func canImport(folder: String) -> Bool
    /// Loads the folder; every problem found is reported at once, with file:line:column.
    func load(folder: String) throws(DiagnosticList) -> Graph
    /// True when a file of this name directly in the folder is part of what `load` reads
    /// (`roles.kg` for the .kg importer): kgq refuses to write its outputs over such files.
    func reads(fileNamed name: String) -> Bool
}

extension Importer {
    public var fileExtensions: [String] { [] }

    /// An importer that does not say which files it reads is taken to read every file of its
    /// folder, so no output is written among them.
    public func reads(fileNamed name: String) -> Bool { true }
}
