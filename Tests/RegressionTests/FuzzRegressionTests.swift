import Foundation
import FuzzHarness
import Testing

/// Every input a fuzzer ever stopped on, kept in Fuzz/regressions/TARGET/, replayed through the
/// same harness the fuzzer runs. A regression shows up as a trap, a hang, or a harness report.
@Suite struct FuzzRegressions {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    /// A kept input: its target folder and file name.
    struct Input: CustomStringConvertible, Sendable {
        var target: String
        var file: String
        var description: String { "\(target)/\(file)" }
    }

    static let harnesses: [String: @Sendable ([UInt8]) -> String?] = [
        "kgformat": KGFormatHarness.run,
        "query": QueryHarness.run,
        "dot": DOTHarness.run,
        "csv": CSVHarness.run,
    ]

    static var inputs: [Input] {
        let fm = FileManager.default
        var out: [Input] = []
        for target in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() {
            let files = (try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(target).path)) ?? []
            out += files.filter { !$0.hasPrefix(".") }.sorted().map { Input(target: target, file: $0) }
        }
        return out
    }

    @Test func everyTargetFolderHasAHarness() {
        let folders = Set(((try? FileManager.default.contentsOfDirectory(atPath: Self.root.path)) ?? []).filter { !$0.hasPrefix(".") })
        #expect(!folders.isEmpty, "no regressions found at \(Self.root.path)")
        #expect(folders.subtracting(Self.harnesses.keys).isEmpty)
    }

    @Test(arguments: inputs)
    func replay(_ input: Input) throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent(input.target).appendingPathComponent(input.file))
        let harness = try #require(Self.harnesses[input.target])
        #expect(harness([UInt8](data)) == nil)
    }
}
