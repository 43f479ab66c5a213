import KGImport
import KGPluginAPI

/// KGImport's bulk CSV loader (Neo4j admin-import style) registers as an importer like any other.
extension CSVImporter: Importer {
    public var summary: String {
        "A folder of Neo4j admin-import style CSV files (nodes and relationships; docs/csv-import.md)."
    }
}
