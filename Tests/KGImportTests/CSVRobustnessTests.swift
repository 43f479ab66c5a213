import Foundation
import Testing
import KGCore
@testable import KGImport

/// No input crashes the importer: random bytes, truncated files and invalid UTF-8 give
/// diagnostics (or a graph), never a trap.
@Suite struct CSVRobustnessTests {
    /// Loads one node file and one relationship file from bytes; returns the diagnostics (empty when it loaded).
    func diagnostics(nodes: [UInt8], relationships: [UInt8]) throws -> [Diagnostic] {
        let folder = try TempFolder()
        defer { folder.remove() }
        try Data(nodes).write(to: URL(fileURLWithPath: folder.path + "/a.csv"))
        try Data(relationships).write(to: URL(fileURLWithPath: folder.path + "/b.csv"))
        do {
            _ = try CSVImporter().load(folder: folder.path)
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func invalidUTF8IsReportedWithItsPosition() throws {
        let found = try diagnostics(nodes: Array("id:ID,:LABEL,name\nn1,X,ab".utf8) + [0xFF, 0xFE] + Array("\n".utf8),
                                    relationships: Array(":START_ID,:END_ID,:TYPE\n".utf8))
        #expect(found.map(\.message) == ["invalid UTF-8 in this field"])
        #expect(found.first?.location?.line == 2 && found.first?.location?.column == 6)
    }

    @Test func randomBytesNeverCrash() throws {
        var random = SplitMix64(seed: 2026)
        let alphabet = Array("ab,\"\n\r;:|ID()[]0123456789.-xé".utf8) + [0xFF, 0x00, 0xC3]
        let valid = Array("id:ID,:LABEL,n:int,t:string[],d:date\nx,A,1,a;b,2016\ny,B,2,,\n".utf8)
        let rels = Array(":START_ID,:END_ID,:TYPE,w:float\nx,y,R,1.5\n".utf8)
        for round in 0..<150 {
            var nodes = valid, relationships = rels
            // Mutate a valid file (flip, insert, delete, truncate) so most rounds get past the header.
            for _ in 0..<(1 + random.below(6)) {
                var target = random.below(2) == 0 ? nodes : relationships
                let at = target.isEmpty ? 0 : random.below(target.count)
                switch random.below(4) {
                case 0 where !target.isEmpty: target[at] = random.pick(alphabet)
                case 1: target.insert(random.pick(alphabet), at: at)
                case 2 where !target.isEmpty: target.remove(at: at)
                default: target = Array(target.prefix(at))
                }
                if random.below(2) == 0 { nodes = target } else { relationships = target }
            }
            if round % 50 == 0 { nodes = (0..<random.below(200)).map { _ in random.pick(alphabet) } }
            let found = try diagnostics(nodes: nodes, relationships: relationships)
            for d in found {
                #expect(d.location != nil, "every problem has a position: \(d.message)")
                _ = d.rendered()
            }
        }
    }
}
