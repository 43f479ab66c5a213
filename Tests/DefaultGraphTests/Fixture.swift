import Foundation
import KGCore
import KGFormat

/// Locations of the default graph and the seed documents, found from this file's path so
/// the tests run from any working directory.
enum Fixture {
    /// The package root: three levels above Tests/DefaultGraphTests/Fixture.swift.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let graphFolder = packageRoot.appendingPathComponent("graphs/customer-service")

    /// The seed documents: `../shared/seeds` relative to the package root, or the nearest
    /// `shared/seeds` further up (a git worktree sits one level deeper than the checkout).
    /// The seeds never enter the repository.
    static let seedsFolder: URL? = {
        var dir = packageRoot.deletingLastPathComponent()
        while true {
            let candidate = dir.appendingPathComponent("shared/seeds")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }()

    static var seedsPresent: Bool { seedsFolder != nil }

    /// The default graph, loaded once per process.
    static let graph: Result<Graph, Error> = Result { try load() }

    static func load() throws -> Graph {
        try GraphLoader.load(folder: graphFolder.path)
    }
}
