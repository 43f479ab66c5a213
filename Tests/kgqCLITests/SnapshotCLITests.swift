import Foundation
import KGTestSupport
import Testing

/// Snapshots end to end (issue 15 item 4): the first load saves one, the next open reads it,
/// a changed or damaged one is rebuilt, `--no-cache` and `kgq cache info|clear`. Each test has
/// its own cache folder and sets the size threshold to 0, so the small fixture is snapshotted.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct SnapshotCLITests {
    let graph: URL
    let cache: String

    init() throws {
        graph = try KGTestSupport.copyFixture("small")
        cache = try KGTestSupport.temporaryFolder("snapshot-cache").path
    }

    func kgq(_ args: [String]) -> KGQRun {
        KGTestSupport.runKGQ(args, environment: ["XDG_CACHE_HOME": cache, "KGQ_CACHE_MIN_BYTES": "0"])
    }

    var query: [String] { ["query", "--graph", graph.path, "--verbose", "--format", "json", "MATCH (n) RETURN id(n) AS id ORDER BY id"] }

    var snapshots: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cache + "/kgq")) ?? []).filter { $0.hasSuffix(".kgsnap") }
    }

    @Test func theFirstLoadSavesASnapshotAndTheNextReadsIt() throws {
        let first = kgq(query)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("saved a snapshot"))
        #expect(snapshots.count == 1)
        let second = kgq(query)
        #expect(second.status == 0 && second.stdout == first.stdout)
        #expect(!second.stderr.contains("saved") && !second.stderr.contains("no snapshot"), "\(second.stderr)")
        // Without --verbose nothing is said.
        let quiet = kgq(["query", "--graph", graph.path, "RETURN 1"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty)
    }

    @Test func anEditedFileIsSeenAndTheSnapshotRebuilt() throws {
        _ = kgq(query)
        let file = graph.appendingPathComponent("02-nodes.kg")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "\nnode skill:added :Skill {name: \"added\"}\n").write(to: file, atomically: false, encoding: .utf8)
        let r = kgq(["query", "--graph", graph.path, "--verbose", "MATCH (s:Skill {name: 'added'}) RETURN id(s)"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("skill:added"))
        #expect(r.stderr.contains("changed since the snapshot") && r.stderr.contains("saved a snapshot"), "\(r.stderr)")
    }

    @Test func aTruncatedSnapshotIsIgnoredAndRebuilt() throws {
        let first = kgq(query)
        let path = cache + "/kgq/" + snapshots[0]
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for cut in [0, 30, bytes.count / 3, bytes.count - 1] {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
            let r = kgq(query)
            #expect(r.status == 0 && r.stdout == first.stdout, "cut \(cut): \(r.stderr)")
            #expect(r.stderr.contains("ignoring the snapshot") && r.stderr.contains("saved a snapshot"), "cut \(cut): \(r.stderr)")
        }
    }

    @Test func noCacheNeitherReadsNorWrites() {
        let r = kgq(query + ["--no-cache"])
        #expect(r.status == 0 && snapshots.isEmpty)
        #expect(!r.stderr.contains("snapshot"))
    }

    @Test func cacheInfoAndClear() throws {
        _ = kgq(query)
        let info = kgq(["cache", "info"])
        #expect(info.status == 0)
        #expect(info.stdout.contains(cache + "/kgq") && info.stdout.contains("1 snapshot") && info.stdout.contains(graph.path))
        let json = kgq(["cache", "info", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any])
        #expect((object["snapshots"] as? [Any])?.count == 1 && (object["bytes"] as? Int ?? 0) > 0)
        let clear = kgq(["cache", "clear"])
        #expect(clear.status == 0 && clear.stdout.contains("removed 1 snapshot"))
        #expect(snapshots.isEmpty)
        #expect(kgq(["cache", "info"]).stdout.contains("0 snapshots"))
    }

    @Test func aSmallFolderIsNotSnapshottedByDefault() {
        let r = KGTestSupport.runKGQ(["query", "--graph", graph.path, "RETURN 1"], environment: ["XDG_CACHE_HOME": cache])
        #expect(r.status == 0 && snapshots.isEmpty)
    }
}
