import Foundation
import Testing
@testable import KGQuery

/// Issue 16 item 1: `QueryLimits.maxMemory` (`--max-memory`) reads the process's resident memory
/// while a statement runs and stops it with a ResourceLimit error naming the flag.
@Suite struct MemoryBound {
    @Test(arguments: [("2G", 2 << 30), ("512M", 512 << 20), ("512MiB", 512 << 20), ("512mb", 512 << 20),
                      ("64k", 64 << 10), ("1T", 1 << 40), ("1500000", 1_500_000), ("12B", 12)])
    func sizesParse(_ text: String, _ bytes: Int) {
        #expect(ResidentMemory.parse(text) == bytes)
    }

    @Test(arguments: ["", "G", "2X", "-1G", "1.5G", "2 G", "99999999999T", "0x10"])
    func malformedSizesAreRefused(_ text: String) {
        #expect(ResidentMemory.parse(text) == nil)
    }

    @Test func sizesPrintForPeople() {
        #expect(ResidentMemory.text(4 << 30) == "4 GiB")
        #expect(ResidentMemory.text(200 << 20) == "200 MiB")
        #expect(ResidentMemory.text((212 << 20) + (1 << 19)) == "212.5 MiB")
        #expect(ResidentMemory.text(12) == "12 bytes")
    }

    /// The reading is the process's: it grows by what the process touches.
    @Test func residentMemoryFollowsTheProcess() throws {
        let before = try #require(ResidentMemory.bytes())
        #expect(before > 1 << 20)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 20, alignment: 4096)
        defer { block.deallocate() }
        for i in stride(from: 0, to: block.count, by: 4096) { block[i] = 1 }
        let after = try #require(ResidentMemory.bytes())
        #expect(after - before > 200 << 20, "\(before) → \(after)")
        let physical = try #require(ResidentMemory.physical)
        #expect(ResidentMemory.defaultLimit == min(4 << 30, physical / 2))
        #expect(QueryLimits.standard.maxMemory == ResidentMemory.defaultLimit)
    }

    /// A bound below what the process already holds stops the first statement that does work,
    /// at the executor's check points, with the flag in the help; the graph is unchanged.
    @Test func statementStopsPastTheBound() throws {
        var session = QuerySession(graph: try Fixture.graph())
        session.limits = QueryLimits(maxMemory: 1 << 20)
        let nodes = session.graph.nodeCount
        #expect {
            _ = try session.run("UNWIND range(1, 100000) AS x CREATE (:Tmp {x: x})")
        } throws: { error in
            guard let e = error as? QueryError else { return false }
            return e.type == .resourceLimit && e.detail == .memoryLimit && (e.help ?? "").contains("--max-memory")
                && e.message.contains("more than its limit of 1 MiB")
        }
        #expect(session.graph.nodeCount == nodes)
        session.limits = .standard
        #expect(try session.run("UNWIND range(1, 1000) AS x RETURN count(x) AS n").rows == [[.int(1000)]])
    }
}
