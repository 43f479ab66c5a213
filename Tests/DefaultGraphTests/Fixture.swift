import Foundation
import KGCore
import KGFormat
import KGTestSupport

/// Locations of the default graph and the seed documents, found from this file's path so
/// the tests run from any working directory.
enum Fixture {
    /// The package root: three levels above Tests/DefaultGraphTests/Fixture.swift.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let graphFolder = packageRoot.appendingPathComponent("graphs/customer-service")

    /// The seed documents (`KGTestSupport.seedsFolder`); they never enter the repository.
    static let seedsFolder: URL? = KGTestSupport.seedsFolder

    static var seedsPresent: Bool { seedsFolder != nil }

    /// The default graph, loaded once per process.
    static let graph: Result<Graph, Error> = Result { try load() }

    static func load() throws -> Graph {
        try GraphLoader.load(folder: graphFolder.path)
    }
}
