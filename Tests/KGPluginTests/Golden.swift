import Foundation
import Testing

/// Golden files under Tests/Fixtures/golden/plugins/. `make golden` (KGQ_UPDATE_GOLDEN=1)
/// rewrites them; review the change as a diff.
enum Golden {
    static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let directory = PluginFixture.golden
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["KGQ_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(name) is missing; run `make golden`", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "differs from golden \(name); run `make golden` and review the diff",
                sourceLocation: sourceLocation)
    }
}
