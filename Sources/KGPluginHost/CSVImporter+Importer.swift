import KGImport
import KGPluginAPI

/// KGImport's bulk CSV loader (Neo4j admin-import style) registers as an importer like any other.
extension CSVImporter: Importer {
    /// The CSV files of the folder, and a `.kg` file (which would make it a .kg folder instead).
    public func reads(fileNamed name: String) -> Bool { name.hasSuffix(".csv") || name.hasSuffix(".kg") }

    public var summary: String {
        "A folder of Neo4j admin-import style CSV files (nodes and relationships; docs/csv-import.md)."
    }
}
