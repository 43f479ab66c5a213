import Foundation
import KGCore
import KGImport
import KGPluginAPI

/// The one-file importers of KGImport register as importers like the folder ones: `kgq --graph
/// FILE` picks one by the file's extension (and, for `.json`, by its first line), or by
/// `--graph-format NAME`.
extension JSONGraphImporter: Importer {
    public var summary: String { "kgq's JSON graph export (kgq export --format json), one .json file." }
    public func canImport(folder path: String) -> Bool {
        FileSniff.isFile(path, extensions: fileExtensions) && !FileSniff.looksLikeJSONLines(path)
    }
    public func load(folder path: String) throws(DiagnosticList) -> Graph { try load(file: path) }
    public func reads(fileNamed name: String) -> Bool { false }
}

/// Cheap looks at a file for `canImport`: its extension and its first bytes.
enum FileSniff {
    static func isFile(_ path: String, extensions: [String]) -> Bool {
        var isFolder: ObjCBool = false
        guard extensions.contains((path as NSString).pathExtension.lowercased()),
              FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return false }
        return !isFolder.boolValue
    }

    /// True when the first line is a whole JSON object with `"type": "node"` or
    /// `"relationship"` (Neo4j's apoc.export.json), not the start of kgq's one graph object.
    static func looksLikeJSONLines(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        let firstLine = head.prefix { $0 != 0x0A }
        let text = String(decoding: firstLine, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("{"), text.hasSuffix("}") else { return false }
        let compact = text.replacingOccurrences(of: " ", with: "")
        return compact.contains("\"type\":\"node\"") || compact.contains("\"type\":\"relationship\"")
    }
}

extension GraphMLImporter: Importer {
    public var summary: String { "GraphML, as kgq, Gephi, yEd and NetworkX write it, one .graphml file." }
    public func canImport(folder path: String) -> Bool { FileSniff.isFile(path, extensions: fileExtensions) }
    public func load(folder path: String) throws(DiagnosticList) -> Graph { try load(file: path) }
    public func reads(fileNamed name: String) -> Bool { false }
}

extension Neo4jJSONImporter: Importer {
    public var summary: String { "Neo4j's apoc.export.json (JSON Lines of nodes and relationships), one .jsonl or .json file." }
    public func canImport(folder path: String) -> Bool {
        FileSniff.isFile(path, extensions: fileExtensions) || (FileSniff.isFile(path, extensions: ["json"]) && FileSniff.looksLikeJSONLines(path))
    }
    public func load(folder path: String) throws(DiagnosticList) -> Graph { try load(file: path) }
    public func reads(fileNamed name: String) -> Bool { false }
}

extension CypherShellImporter: Importer {
    public var summary: String { "Neo4j cypher-shell --format plain output of nodes, relationships and paths (RETURN n, r, m), one .txt file." }
    public func canImport(folder path: String) -> Bool {
        guard FileSniff.isFile(path, extensions: fileExtensions), let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return CypherShellImporter.looksLikeCypherShell((try? handle.read(upToCount: 65536)) ?? Data())
    }
    public func load(folder path: String) throws(DiagnosticList) -> Graph { try load(file: path) }
    public func reads(fileNamed name: String) -> Bool { false }
}
