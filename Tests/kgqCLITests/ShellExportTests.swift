import Foundation
import KGTestSupport
import Testing

/// The shell's `:export png|svg|pdf` draws what `kgq export` draws: the same defaults (size,
/// dpi, the sfdp layout where dot would shrink the names below 0.6), through the same exporter.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"), .serialized)
struct ShellExportTests {
    static let noConfig: [String: String?] = ["KGQ_CONFIG": "/nonexistent/kgq-config", "KGQ_GRAPH": nil]

    /// One source reporting 120 figures, each measuring one of 40 roles: dot lays it out as one
    /// long row shrunk far below half size.
    static func hubGraph() throws -> URL {
        let dir = try KGTestSupport.temporaryFolder("kgq-shell-export")
        var text = "node source:agency :Source {name: \"Statistics Agency\"}\n\n"
        for r in 0..<40 { text += "node role:r\(r) :Role {name: \"role number \(r)\"}\n" }
        for f in 0..<120 {
            text += "node fig:f\(f) :Figure {value: \(f), unit: \"percent\", measure: \"share of workers \(f)\"}\n"
            text += "edge source:agency -[:REPORTS]-> fig:f\(f)\n"
            text += "edge fig:f\(f) -[:MEASURES]-> role:r\(f % 40)\n"
        }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("g"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.appendingPathComponent("g/statements.kg"))
        return dir
    }

    static let query = "MATCH (s:Source)-[e:REPORTS]->(f:Figure)-[m:MEASURES]->(r) RETURN s, e, f, m, r"

    /// How much an SVG is shrunk to fit: Graphviz draws at 96/72 when nothing is shrunk.
    static func scale(_ svg: String) throws -> Double {
        let start = try #require(svg.range(of: "transform=\"scale("))
        let number = svg[start.upperBound...].prefix { $0 == "." || $0.isNumber }
        return try #require(Double(number)) / (96.0 / 72.0)
    }

    @Test func shellPicturesAreKgqExportsPictures() throws {
        let dir = try Self.hubGraph()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One picture per shell: Graphviz keeps state between layouts in one process, so a
        // second force-directed layout in the same process can come out a little different.
        for (format, extra) in [("svg", ""), ("png", ":export graph pdf whole.pdf\n")] {
            let shell = KGTestSupport.runKGQ(["--graph", "g", "--no-history"], stdin: """
                \(Self.query);
                :export \(format) shell.\(format)
                \(extra)
                """, environment: Self.noConfig, directory: dir)
            #expect(shell.status == 0, "\(shell.stderr)")
            #expect(shell.stderr.contains("wrote shell.\(format): 161 nodes, 240 relationships"), "\(shell.stderr)")
        }

        for format in ["svg", "png"] {
            let export = KGTestSupport.runKGQ(["export", "--graph", "g", "--query", Self.query, "--format", format, "-o", "export.\(format)"],
                                              environment: Self.noConfig, directory: dir)
            #expect(export.status == 0, "\(export.stderr)")
            let a = try Data(contentsOf: dir.appendingPathComponent("shell.\(format)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("export.\(format)"))
            let same = a == b
            #expect(same, ":export \(format) and kgq export --format \(format) differ (\(a.count) and \(b.count) bytes)")
        }
        // dot alone would shrink it below 0.6; the shell's picture is not shrunk so far (sfdp).
        let dot = KGTestSupport.runKGQ(["export", "--graph", "g", "--query", Self.query, "--layout", "dot", "--format", "svg", "-o", "-"],
                                       environment: Self.noConfig, directory: dir)
        #expect(try Self.scale(dot.stdout) < 0.6)
        let svg = try String(contentsOf: dir.appendingPathComponent("shell.svg"), encoding: .utf8)
        #expect(try Self.scale(svg) >= 0.6)
        // The default size bounds the PNG: at most 4000 px on the long side, at most 3:1.
        let png = [UInt8](try Data(contentsOf: dir.appendingPathComponent("shell.png")))
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        func big(_ at: Int) -> Int { png[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        let (w, h) = (big(16), big(20))
        #expect(max(w, h) <= 4000 && Double(max(w, h)) <= 3 * Double(min(w, h)), "\(w)×\(h)")
        let pdf = try Data(contentsOf: dir.appendingPathComponent("whole.pdf"))
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    /// `:export html` in the shell writes the interactive page `kgq export -o FILE.html` writes:
    /// one self-contained file, the picture inline, nothing loaded from the network.
    @Test func shellWritesTheInteractivePage() throws {
        let dir = try Self.hubGraph()
        defer { try? FileManager.default.removeItem(at: dir) }
        let shell = KGTestSupport.runKGQ(["--graph", "g", "--no-history"], stdin: "\(Self.query);\n:export html shell.html\n",
                                         environment: Self.noConfig, directory: dir)
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stderr.contains("wrote shell.html"), "\(shell.stderr)")
        let export = KGTestSupport.runKGQ(["export", "--graph", "g", "--query", Self.query, "-o", "export.html"],
                                          environment: Self.noConfig, directory: dir)
        #expect(export.status == 0, "\(export.stderr)")
        let page = try String(contentsOf: dir.appendingPathComponent("shell.html"), encoding: .utf8)
        let exported = try String(contentsOf: dir.appendingPathComponent("export.html"), encoding: .utf8)
        #expect(page == exported, "the shell's page and kgq export's differ (\(page.count) and \(exported.count) characters)")
        #expect(page.contains("<svg") && page.contains("Statistics Agency") && page.contains("role number 39"))
        #expect(page.contains("Content-Security-Policy"))
        #expect(!page.contains("<script src=") && !page.contains("https://"), "nothing from the network")
    }
}
