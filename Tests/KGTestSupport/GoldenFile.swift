import Foundation
import Testing

/// Golden files in one folder under Tests/Fixtures/golden/. `make golden` (KGQ_UPDATE_GOLDEN=1)
/// rewrites them; review the change as a diff.
public struct GoldenFolder: Sendable {
    public let directory: URL

    /// `name` is the folder under Tests/Fixtures/golden (e.g. "export").
    public init(_ name: String) {
        directory = KGTestSupport.fixtures.appendingPathComponent("golden/\(name)")
    }

    /// Expects `actual` to equal the golden file `name` (or rewrites it when updating).
    public func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
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
