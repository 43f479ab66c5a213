import Foundation
import KGCore
import KGCuration
import KGFormat
import KGTestSupport
import Testing

/// `GraphFolder.create` (behind `kgq init`).
struct GraphFolderTests {
    @Test func createsAFolderThatLoadsEmpty() throws {
        let root = try KGTestSupport.temporaryFolder("kgq-init")
        let folder = root.appendingPathComponent("mine/graph").path
        try GraphFolder.create(at: folder)
        let fm = FileManager.default
        for file in ["documents.kg", "statements.kg", "README.md"] {
            #expect(fm.fileExists(atPath: folder + "/" + file), "\(file)")
        }
        var isDirectory: ObjCBool = false
        #expect(fm.fileExists(atPath: folder + "/views", isDirectory: &isDirectory) && isDirectory.boolValue)
        let documents = try String(contentsOfFile: folder + "/documents.kg", encoding: .utf8)
        #expect(documents.hasPrefix("#"))
        #expect(try String(contentsOfFile: folder + "/statements.kg", encoding: .utf8).isEmpty)
        #expect(try String(contentsOfFile: folder + "/README.md", encoding: .utf8).contains("graph:"))
        let graph = try GraphLoader.load(folder: folder)
        #expect(graph.nodeCount == 0 && graph.edgeCount == 0)
    }

    @Test func anEmptyExistingFolderIsUsed() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-init-empty").path
        try GraphFolder.create(at: folder)
        #expect(FileManager.default.fileExists(atPath: folder + "/documents.kg"))
    }

    @Test func aNonEmptyFolderIsRefusedAndLeftAlone() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-init-full").path
        try "keep me".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        #expect {
            try GraphFolder.create(at: folder)
        } throws: { error in
            guard let d = error as? Diagnostic else { return false }
            return d.message.contains("not empty (notes.txt)") && d.help != nil
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
    }

    @Test func aFileIsRefused() throws {
        let file = try KGTestSupport.temporaryFolder("kgq-init-file").appendingPathComponent("x").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: Diagnostic.self) { try GraphFolder.create(at: file) }
    }
}
