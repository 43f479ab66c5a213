import Foundation
import Testing

/// Golden files under Tests/Fixtures/golden/output/. `make golden` (KGQ_UPDATE_GOLDEN=1)
/// rewrites them; review the change as a diff.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden/output")

    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KGQ_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = try? Data(contentsOf: url) else {
            Issue.record("golden file \(name) is missing; run `make golden`", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == String(decoding: data, as: UTF8.self), "differs from golden \(name); run `make golden` and review the diff",
                sourceLocation: sourceLocation)
    }
}
