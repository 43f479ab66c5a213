import Foundation
import KGTestSupport
import Testing

/// The width and height a PNG file declares (its IHDR chunk), nil when it is not a PNG.
func pngSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard bytes.count >= 24, Array(bytes[0..<8]) == signature, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
    func big(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (big(16), big(20))
}

/// Pictures fit a screen: the whole default graph and ~300-node subgraphs of the generated
/// graph come out at most about 4000 pixels on the long side and at most 3:1, as `kgq export`
/// renders them by default (issue 20 item 1). Runs the built binary.
@Suite(.enabled(if: ExportCLI.binaryExists, "build kgq first (swift build)"), .serialized)
struct PictureSizeTests {
    static let longSide = 4000
    static let aspect = 3.0

    static func render(_ arguments: [String]) throws -> (width: Int, height: Int) {
        let directory = try ExportCLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("picture.png").path
        let run = KGTestSupport.runKGQ(["export"] + arguments + ["-o", path])
        #expect(run.status == 0, "\(run.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try #require(pngSize(bytes), "not a PNG")
    }

    static func checkFits(_ size: (width: Int, height: Int), _ what: String) {
        let long = max(size.width, size.height), short = min(size.width, size.height)
        #expect(long <= longSide, "\(what): \(size.width)×\(size.height) px is longer than \(longSide) px")
        #expect(Double(long) <= Double(short) * aspect, "\(what): \(size.width)×\(size.height) px is more than 3:1")
    }

    @Test func pngHeaderIsRead() {
        let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
            + [0, 0, 0x0F, 0xA0, 0, 0, 0x01, 0x2C]
        #expect(pngSize(header)! == (4000, 300))
        #expect(pngSize(Array("GIF89a".utf8) + Array(repeating: 0, count: 30)) == nil)
    }

    /// Before: 4072×8209, a broom around the customer service representative.
    @Test func wholeDefaultGraphFits() throws {
        let size = try Self.render(["--graph", "graphs/customer-service", "--format", "png"])
        Self.checkFits(size, "the whole default graph")
        // Not shrunk to a stamp either: the picture still has room for its 150 nodes.
        #expect(max(size.width, size.height) >= 2000)
    }

    /// `--expand` draws every leaf again, and the picture still fits (scaled down to fit).
    @Test func expandedDefaultGraphFits() throws {
        Self.checkFits(try Self.render(["--graph", "graphs/customer-service", "--format", "png", "--expand"]),
                       "the whole default graph, expanded")
    }

    /// `--size` and `--dpi` change the picture's pixels: 4 inches at 50 dpi is 200 pixels.
    @Test func sizeAndDPIBoundThePicture() throws {
        let size = try Self.render(["--graph", "graphs/customer-service", "--format", "png", "--size", "4,4", "--dpi", "50"])
        #expect(max(size.width, size.height) <= 200 + 2, "\(size)")
        #expect(max(size.width, size.height) >= 150, "\(size)")
    }

    @Test(arguments: [
        (["--size", "8,x"], "--size takes inches"), (["--size", "0"], "--size takes inches"),
        (["--size", "1,2,3"], "--size takes inches"), (["--dpi", "5"], "--dpi takes a whole number from 36 to 600"),
        (["--dpi", "-96"], "--dpi takes a whole number from 36 to 600"),
    ])
    func badSizeOrDPIIsAnError(arguments: [String], message: String) throws {
        let run = KGTestSupport.runKGQ(["export", "--graph", "graphs/customer-service", "--format", "png", "-o", "/tmp/kgq-never.png"] + arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/kgq-never.png"))
    }

    static let generated: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-picture-generated-\(UUID().uuidString)")
        let run = KGTestSupport.runKGQ(["generate", "--nodes", "10000", "--edges", "100000", "--seed", "1", "-o", url.path])
        precondition(run.status == 0, run.stderr)
        return url
    }()

    /// Subgraphs of about 300 nodes of the generated graph (its own shape at a tenth of the
    /// 100,000-node size): a star of one skill's roles (was a 20,000-pixel column), 150
    /// unconnected pairs, and one source's figures with what they measure.
    /// How much a picture is shrunk to fit, read from its SVG: Graphviz draws at 96/72 when
    /// nothing is shrunk, so 1 means names at full size.
    static func svgScale(_ arguments: [String]) throws -> Double {
        let run = KGTestSupport.runKGQ(["export"] + arguments + ["--format", "svg", "-o", "-"])
        #expect(run.status == 0, "\(run.stderr)")
        let text = run.stdout
        let start = try #require(text.range(of: "transform=\"scale("))
        let number = text[start.upperBound...].prefix { $0 == "." || $0.isNumber }
        return try #require(Double(number)) / (96.0 / 72.0)
    }

    /// A source with a hundred figures that each measure a role (230 nodes here, 283 on the
    /// 100,000-node graph): dot makes a column shrunk to under half size; without --layout kgq
    /// lays it out with sfdp instead, at full size, and it still fits.
    @Test func aBigHubIsLaidOutReadably() throws {
        let query = "MATCH (s:Source)-[e:REPORTS]->(f:Figure)-[m:MEASURES]->(r) RETURN s, e, f, m, r LIMIT 200"
        let base = ["--graph", Self.generated.path, "--query", query]
        let dot = try Self.svgScale(base + ["--layout", "dot"])
        let auto = try Self.svgScale(base)
        #expect(dot < 0.6, "dot: \(dot)")
        #expect(auto >= 0.6, "default: \(auto)")
        Self.checkFits(try Self.render(base + ["--format", "png"]), query)
        // The whole default graph keeps dot (shrunk less than that).
        #expect(try Self.svgScale(["--graph", "graphs/customer-service"]) >= 0.6)
    }

    @Test(arguments: [
        "MATCH (r:Role)-[e:REQUIRES]->(s:Skill) RETURN r, e, s LIMIT 300",
        "MATCH (f:Figure)-[e:MEASURES]->(r:Role) RETURN f, e, r LIMIT 150",
        "MATCH (s:Source)-[e:REPORTS]->(f:Figure)-[m:MEASURES]->(r) RETURN s, e, f, m, r LIMIT 150",
    ])
    func generatedSubgraphFits(query: String) throws {
        let size = try Self.render(["--graph", Self.generated.path, "--query", query, "--format", "png"])
        Self.checkFits(size, query)
    }
}
