import Foundation
import KGCore
import KGFormat
import KGPluginAPI

/// kgq's own format: a folder of `.kg` files, loaded by KGFormat.
public struct KGFileImporter: Importer {
    public init() {}

    public let name = "kg"
    public let summary = "A folder of .kg files (kgq's own format; see docs/kg-format.md)."

    public func canImport(folder: String) -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.contains { $0.hasSuffix(".kg") }
    }

    /// The loader reads every `.kg` file of the folder that is not hidden.
    public func reads(fileNamed name: String) -> Bool { name.hasSuffix(".kg") && !name.hasPrefix(".") }

    public func load(folder: String) throws(DiagnosticList) -> Graph {
        try GraphLoader.load(folder: folder)
    }
}
