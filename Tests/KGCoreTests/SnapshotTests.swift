import Foundation
import Testing
@testable import KGCore

/// Graph snapshots: the tables written and read back equal, and a damaged file refused, never trusted.
@Suite struct SnapshotTests {
    /// A graph with something of every kind the tables hold: multi-label nodes, localized names,
    /// citations with every field, typed, mixed and nested properties, dates and temporal values,
    /// deleted nodes and edges, a self-loop, two source files.
    static func sample() throws -> Graph {
        var g = Graph()
        let at = SourceLocation(file: "g/roles.kg", line: 3, column: 1)
        let cite = Citation(document: "doc:a", line: 12, span: 4...20, quote: "kundtjänst är viktig", gloss: "customer service matters",
                            via: "source:bls", location: SourceLocation(file: "g/cites.kg", line: 9, column: 3))
        let role = try g.addNode(Node(id: "role:csr", labels: ["Role", "Person"], properties: [
            "name": .string("Kundtjänstmedarbetare"), "level": .int(3), "share": .float(0.25), "remote": .bool(true),
            "since": .date(KGDate(year: 2016, month: 5)!), "aliases": .list([.string("CSR"), .string("agent")]),
            "shift": .temporal(try Temporal.parse(.localtime, "09:30")),
            "meta": .map(["a": .int(1), "b": .list([.null, .float(2.5)])]),
        ], names: [LocalizedName(language: "sv", text: "Kundtjänst"), LocalizedName(language: "nl", text: "Klantenservice")],
           citations: [cite], location: at))
        let skill = try g.addNode(Node(id: "skill:listening", labels: ["Skill"], properties: ["name": .string("listening"), "level": .string("high")]))
        let gone = try g.addNode(Node(id: "skill:gone", labels: ["Skill"], properties: ["name": .string("gone")]))
        let doc = try g.addNode(Node(id: "doc:a", labels: ["Document"], properties: ["file": .string("a.txt")],
                                     location: SourceLocation(file: "g/docs.kg", line: 1, column: 1)))
        try g.addEdge(Edge(id: "e1", type: "REQUIRES", from: role, to: skill, properties: ["weight": .float(0.5)], citations: [cite], location: at))
        try g.addEdge(Edge(id: "rel:2", type: "REQUIRES", from: role, to: gone))
        try g.addEdge(Edge(id: "e3", type: "MENTIONS", from: doc, to: role))
        try g.addEdge(Edge(id: "loop", type: "SIMILAR_TO", from: skill, to: skill))
        try g.deleteNode(gone, detach: true)
        g.setProperty(node: skill, "level", .int(5))   // the column turns general
        return g
    }

    static func snapshot(_ g: Graph) -> [UInt8] {
        GraphSnapshot.encode(g, manifest: SnapshotManifest(importer: "kg", folder: "g", canonicalFolder: "/g", sources: []))
    }

    static func decode(_ bytes: [UInt8]) throws(SnapshotError) -> Graph {
        let result = bytes.withUnsafeBytes { raw in Result { () throws(SnapshotError) in try GraphSnapshot.graph(of: raw) } }
        return try result.get()
    }

    @Test func aGraphReadsBackEqualWithItsIndexes() throws {
        let g = try SnapshotTests.sample()
        let back = try SnapshotTests.decode(SnapshotTests.snapshot(g))
        #expect(back == g)
        #expect(back.node(id: "skill:gone") == nil && back.node(id: "role:csr") == 0)
        #expect(back.edge(id: "e1") == 0 && back.edge(id: "rel:2") == nil)
        #expect(back.nodes(named: "klantenservice") == [0] && back.nodes(named: "CSR") == [0])
        #expect(back.outgoingAdjacency(0).map(\.other) == [1])
        #expect(back.degree(0, typeCode: back.typeCode("REQUIRES"), outgoing: true) == 1)
        #expect(back.property(node: 0, "shift") == g.property(node: 0, "shift"))
        #expect(back.location(node: 0) == SourceLocation(file: "g/roles.kg", line: 3, column: 1))
        #expect(back.citations(edge: 0).first?.location == g.citations(edge: 0).first?.location)
        // A read-back graph takes writes and undoes them like any other.
        var w = back
        w.beginUndo()
        _ = try w.addNode(Node(id: "n:new", labels: ["Skill"]))
        w.rollBack()
        #expect(w == g)
    }

    @Test func anEmptyGraphReadsBack() throws {
        #expect(try SnapshotTests.decode(SnapshotTests.snapshot(Graph())) == Graph())
    }

    @Test func everyTruncationIsRefused() throws {
        let bytes = SnapshotTests.snapshot(try SnapshotTests.sample())
        for n in 0..<bytes.count {
            #expect(throws: SnapshotError.self) { try SnapshotTests.decode(Array(bytes.prefix(n))) }
        }
        // A longer file is refused too.
        #expect(throws: SnapshotError.self) { try SnapshotTests.decode(bytes + [0]) }
    }

    @Test func everyFlippedByteIsRefused() throws {
        let bytes = SnapshotTests.snapshot(try SnapshotTests.sample())
        for k in 0..<bytes.count {
            var damaged = bytes
            damaged[k] ^= 0x5A
            #expect(throws: SnapshotError.self, "byte \(k)") { try SnapshotTests.decode(damaged) }
        }
    }

    /// Damage the checksum does not see (the body changed and its checksum recomputed) still
    /// never traps: the decoder checks every size and handle. Most such files are refused.
    @Test func damageBehindAValidChecksumNeverTraps() throws {
        let bytes = SnapshotTests.snapshot(try SnapshotTests.sample())
        let layout = try bytes.withUnsafeBytes { raw in Result { () throws(SnapshotError) in try GraphSnapshot.layout(raw) } }.get()
        let manifest = Array(bytes[layout.manifest]), body = Array(bytes[layout.body])
        var refused = 0
        for k in 0..<body.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var damaged = body
                damaged[k] ^= flip
                let file = GraphSnapshot.assemble(manifest: manifest, body: damaged)
                if (try? SnapshotTests.decode(file)) == nil { refused += 1 }
            }
        }
        #expect(refused > body.count)
        // Truncated bodies with fresh checksums: every one refused.
        for n in stride(from: 0, to: body.count, by: 3) {
            let file = GraphSnapshot.assemble(manifest: manifest, body: Array(body.prefix(n)))
            #expect(throws: SnapshotError.self) { try SnapshotTests.decode(file) }
        }
    }

    @Test func anotherFormatVersionIsRefused() throws {
        var bytes = SnapshotTests.snapshot(try SnapshotTests.sample())
        bytes[8] &+= 1
        #expect { try SnapshotTests.decode(bytes) } throws: { ($0 as? SnapshotError)?.message.contains("format") == true }
    }
}

/// The snapshot folder: save, open, stale sources, damaged files, clear.
@Suite struct SnapshotCacheTests {
    let root: String

    init() throws {
        root = NSTemporaryDirectory() + "kgq-snapshot-cache-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/g", withIntermediateDirectories: true)
        try "one".write(toFile: root + "/g/a.kg", atomically: false, encoding: .utf8)
        try "two".write(toFile: root + "/g/b.kg", atomically: false, encoding: .utf8)
    }

    var cache: SnapshotCache { SnapshotCache(environment: ["XDG_CACHE_HOME": root + "/cache", "HOME": "/nonexistent"]) }
    var folder: String { root + "/g" }
    var sources: [String] { [folder + "/a.kg", folder + "/b.kg"] }

    func save(_ g: Graph) {
        cache.save(g, folder: folder, importer: "kg", sources: sources, before: sources.map(SnapshotCache.stamp))
    }

    func open() -> (Graph?, [String]) {
        var notes: [String] = []
        let g = cache.open(folder: folder, importer: "kg", sources: sources) { notes.append($0) }
        return (g, notes)
    }

    @Test func theCacheFolderFollowsXDG() {
        #expect(SnapshotCache(environment: ["XDG_CACHE_HOME": "/x/c", "HOME": "/h"]).directory == "/x/c/kgq")
        #expect(SnapshotCache(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/h"]).directory == "/h/.cache/kgq")
        #expect(SnapshotCache(environment: ["HOME": "/h"]).directory == "/h/.cache/kgq")
    }

    @Test func aSavedGraphOpensAndIsListed() throws {
        let g = try SnapshotTests.sample()
        #expect(open().0 == nil)
        save(g)
        let (back, notes) = open()
        #expect(back == g && notes.isEmpty)
        let entries = cache.entries()
        #expect(entries.count == 1 && entries[0].folder == folder && entries[0].bytes > 0)
        #expect(try cache.clear().files == 1)
        #expect(cache.entries().isEmpty && open().0 == nil)
    }

    @Test func aChangedSourceMakesTheSnapshotStale() throws {
        save(try SnapshotTests.sample())
        try "ONE".write(toFile: folder + "/a.kg", atomically: false, encoding: .utf8)   // same size, other bytes
        let (back, notes) = open()
        #expect(back == nil && notes.contains { $0.contains("a.kg changed") })
        // Another set of files: stale as well.
        save(try SnapshotTests.sample())
        var notes2: [String] = []
        #expect(cache.open(folder: folder, importer: "kg", sources: [folder + "/a.kg"]) { notes2.append($0) } == nil)
        #expect(notes2.contains { $0.contains("not those") })
    }

    @Test func sameContentsUnderNewTimesStillOpenAndAreRemembered() throws {
        let g = try SnapshotTests.sample()
        save(g)
        // Rewritten with the same bytes: new times (and maybe inode), same SHA-256.
        try FileManager.default.removeItem(atPath: folder + "/b.kg")
        try "two".write(toFile: folder + "/b.kg", atomically: false, encoding: .utf8)
        #expect(open().0 == g)
        let file = cache.path(folder: folder, importer: "kg")
        let bytes = try #require(SnapshotCache.read(file))
        let manifest = try bytes.withUnsafeBytes { raw in Result { () throws(SnapshotError) in try GraphSnapshot.manifest(of: raw) } }.get()
        #expect(manifest.sources[1].stamp == SnapshotCache.stamp(folder + "/b.kg"))
    }

    @Test func aDamagedSnapshotFileIsIgnoredWithANote() throws {
        save(try SnapshotTests.sample())
        let file = cache.path(folder: folder, importer: "kg")
        let bytes = try #require(SnapshotCache.read(file))
        for cut in [0, 7, 47, bytes.count / 2, bytes.count - 1] {
            try Data(bytes.prefix(cut)).write(to: URL(fileURLWithPath: file))
            let (back, notes) = open()
            #expect(back == nil && notes.contains { $0.contains("ignoring") }, "cut at \(cut)")
        }
        var flipped = bytes
        flipped[bytes.count - 10] ^= 1
        try Data(flipped).write(to: URL(fileURLWithPath: file))
        #expect(open().0 == nil)
        try Data("not a snapshot at all".utf8).write(to: URL(fileURLWithPath: file))
        #expect(open().0 == nil)
    }
}

/// Relationship ids `rel:N` at handle N - 1 (what the CSV importer derives) are made on demand,
/// not stored (issue 15 item 2); other ids are stored and indexed as before.
@Suite struct DerivedEdgeIDTests {
    @Test func derivedIDsAreMadeOnDemandAndFoundAndUndone() throws {
        var g = Graph()
        let a = try g.addNode(Node(id: "a")), b = try g.addNode(Node(id: "b"))
        try g.addEdge(Edge(id: "rel:1", type: "R", from: a, to: b))
        try g.addEdge(Edge(id: "x", type: "R", from: b, to: a))
        try g.addEdge(Edge(id: "rel:2", type: "R", from: a, to: a))   // not its own number: stored
        #expect(g.edgeIDs == ["x", "rel:2"] && g.edgeIDSlots == [-1, 0, 1])
        #expect(g.id(edge: 0) == "rel:1" && g.edges[0].id == "rel:1" && g.id(edge: 2) == "rel:2")
        #expect(g.edge(id: "rel:1") == 0 && g.edge(id: "rel:2") == 2 && g.edge(id: "x") == 1)
        #expect(g.edge(id: "rel:01") == nil && g.edge(id: "rel:4") == nil && g.edge(id: "rel:") == nil)
        #expect(throws: Diagnostic.self) { try g.addEdge(Edge(id: "rel:1", type: "R", from: a, to: b)) }
        #expect(throws: Diagnostic.self) { try g.addEdge(Edge(id: "x", type: "R", from: a, to: b)) }
        let before = g
        g.beginUndo()
        g.deleteEdge(0)
        #expect(g.edge(id: "rel:1") == nil)
        try g.addEdge(Edge(id: "rel:1", type: "R", from: a, to: b))   // free again once deleted
        #expect(g.edge(id: "rel:1") == 3)
        try g.addEdge(Edge(id: "rel:5", type: "R", from: a, to: b))   // derived at handle 4
        #expect(g.edgeIDSlots.last == -1 && g.edge(id: "rel:5") == 4)
        g.rollBack()
        #expect(g == before && g.edge(id: "rel:1") == 0)
        #expect(try SnapshotTests.decode(SnapshotTests.snapshot(g)) == g)
    }
}
