import Foundation
import KGTestSupport
import Testing

/// `kgq generate` and `--graph CSV-FOLDER` end to end: runs the built binary (skipped with a
/// reason when it is not built).
enum ImportCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/kgq").path
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }

    static func kgq(_ arguments: [String]) throws -> KGQRun { KGTestSupport.runKGQ(arguments) }
}

@Suite(.enabled(if: ImportCLI.binaryExists, "build kgq first (swift build)"))
struct ImportCLITests {
    @Test func generatedFolderWorksAsGraphEverywhere() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let generate = try ImportCLI.kgq(["generate", "--nodes", "600", "--edges", "4000", "--seed", "9", "-o", folder.path])
        #expect(generate.status == 0, "\(generate.stderr)")
        let query = try ImportCLI.kgq(["query", "--graph", folder.path, "--format", "csv",
                                       "MATCH (r:Role)-[e:REQUIRES]->(s:Skill) RETURN count(e)"])
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.contains("1200"), "30 % of 4000 relationships are REQUIRES: \(query.stdout)")
        let check = try ImportCLI.kgq(["stats", "--graph", folder.path])
        #expect(check.status == 0 && check.stdout.contains("4000"), "\(check.stdout)\(check.stderr)")
    }

    @Test func badCSVIsExitCodeTwoWithPosition() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        try folder.write("n.csv", "id:ID,:LABEL,count:int\nn1,X,12\nn2,X,twelve\n")
        let run = try ImportCLI.kgq(["stats", "--graph", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("n.csv:3:6: error: expected an integer"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func generateRejectsTooFewNodes() throws {
        let folder = try TempFolder()
        defer { folder.remove() }
        let run = try ImportCLI.kgq(["generate", "--nodes", "3", "-o", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--nodes takes a whole number from 6"))
    }
}
