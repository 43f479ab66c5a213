import Foundation
import KGTestSupport
import Testing

/// A headless Chromium, when one is installed: `$KGQ_CHROMIUM`, else `chromium`,
/// `chromium-browser` or `google-chrome` on the usual paths (`make browser-deps` installs
/// Debian's `chromium`).
enum HeadlessBrowser {
    static let path: String? = {
        if let given = ProcessInfo.processInfo.environment["KGQ_CHROMIUM"], !given.isEmpty {
            return FileManager.default.isExecutableFile(atPath: given) ? given : nil
        }
        return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/local/bin/chromium"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var available: Bool { path != nil && ExportCLI.binaryExists }

    /// Runs the browser headless on `url` with `arguments` (`--dump-dom`, `--screenshot=…`)
    /// and returns what it prints on stdout.
    static func run(_ arguments: [String], url: String, window: (Int, Int) = (1400, 900)) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars",
                             "--user-data-dir=\(profile.path)", "--window-size=\(window.0),\(window.1)",
                             "--virtual-time-budget=4000"] + arguments + [url]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of the element `id` in a dumped DOM, up to `end` (its closing tag), markup
    /// removed; "" when it is absent.
    static func text(ofElement id: String, until end: String, in dom: String) -> String {
        guard let start = dom.range(of: "id=\"\(id)\""),
              let stop = dom.range(of: end, range: start.upperBound..<dom.endIndex) else { return "" }
        let inner = dom[start.upperBound..<stop.lowerBound].drop { $0 != ">" }.dropFirst()
        let text = inner.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func details(_ dom: String) -> String { text(ofElement: "details-body", until: "</aside>", in: dom) }
    static func results(_ dom: String) -> String { text(ofElement: "results", until: "</ol>", in: dom) }
}

/// The HTML view as people see it (issue 20 item 8): `kgq export -o x.html`, opened from disk
/// in headless Chromium, driven through the address's fragment (which searches, clicks a
/// result and clicks a node in the picture with the page's own handlers); the DOM after the
/// script ran is checked. Skipped, with the reason, where no browser is installed.
@Suite(.enabled(if: HeadlessBrowser.available,
                "no headless browser: install Debian's chromium (make browser-deps) or set KGQ_CHROMIUM; and build kgq"),
       .serialized)
struct HTMLBrowserTests {
    static func export(_ arguments: [String]) throws -> URL {
        let directory = try ExportCLITests.temporaryDirectory()
        let path = directory.appendingPathComponent("view.html")
        let run = KGTestSupport.runKGQ(["export", "--graph", "graphs/customer-service"] + arguments + ["-o", path.path])
        #expect(run.status == 0, "\(run.stderr)")
        return path
    }

    /// Searching a Swedish name finds the English-named role; clicking the result shows its
    /// names in every language and its citations (quote, gloss, document, line).
    @Test func searchFindsANodeInAnyLanguageAndClickShowsItsCitations() throws {
        let file = try Self.export([])
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let dom = try HeadlessBrowser.run(["--dump-dom"], url: file.absoluteString + "#search=kundtj%C3%A4nstrep&pick=1")
        let results = HeadlessBrowser.results(dom)
        #expect(results.contains("customer service representative"), "results: \(results)")
        #expect(results.contains("sv: kundtjänstrepresentant"), "results: \(results)")
        let details = HeadlessBrowser.details(dom)
        #expect(details.contains("role:customer-service-representative"), "details: \(details.prefix(400))")
        #expect(details.contains("klantenservicemedewerker"))
        #expect(details.contains("Citations (6)"), "details: \(details.prefix(800))")
        #expect(details.contains("“Plikt och ansvar för en kundtjänstrepresentant”"))
        #expect(details.contains("(Duties and responsibilities of a customer service representative)"))
        #expect(details.contains("line 1"))
        #expect(!dom.contains("<aside id=\"details\" hidden"), "the details panel stayed closed")
        // The neighbourhood is highlighted: the picture dims the rest, the role is selected.
        #expect(dom.contains("class=\"kgq-dim\""))
        #expect(dom.contains("kgq-selected"))
    }

    /// Clicking a figure in the picture shows its citation with the document, line and the
    /// original source it names (via); the legend can be hidden.
    @Test func clickingAFigureShowsItsCitationAndVia() throws {
        let file = try Self.export(["--query", "MATCH (f:Figure {measure: 'share working part time'})-[m]->(r) RETURN f, m, r"])
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let dom = try HeadlessBrowser.run(["--dump-dom"], url: file.absoluteString + "#click=fig:part-time-share&legend=off")
        let details = HeadlessBrowser.details(dom)
        #expect(details.contains("fig:part-time-share"), "details: \(details.prefix(400))")
        #expect(details.contains("“en av fem är en deltidsanställd”"), "details: \(details.prefix(800))")
        #expect(details.contains("line 18"))
        #expect(details.contains("via U.S. Bureau of Labor Statistics"), "details: \(details)")
        #expect(dom.contains("<aside id=\"legend\" hidden"))
    }

    /// A name that is markup stays text in the live page: the browser's DOM has kgq's two
    /// script elements only, and the name is shown as written when searched and clicked.
    @Test func markupInANameStaysTextInTheBrowser() throws {
        let evil = "</script><script>document.title=\"pwned\"</script><img src=x onerror=\"document.title=1\">"
        let file = try Self.export(["--query", "CREATE (n:Skill {name: '\(evil)'}) RETURN n"])
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let dom = try HeadlessBrowser.run(["--dump-dom"], url: file.absoluteString + "#search=script&pick=1")
        #expect(dom.components(separatedBy: "<script").count - 1 == 2, "a script element came from the graph")
        #expect(!dom.contains("<img"))
        #expect(dom.contains("<title>kgq graph</title>"), "the page's title was changed")
        #expect(HeadlessBrowser.details(dom).contains(evil))
    }

    /// The screenshot is as big as the window asked for: the page lays out from disk.
    @Test func screenshotRenders() throws {
        let file = try Self.export([])
        let directory = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: directory) }
        let shot = directory.appendingPathComponent("shot.png")
        _ = try HeadlessBrowser.run(["--screenshot=\(shot.path)"], url: file.absoluteString + "#select=role:customer-service-representative",
                                    window: (1200, 800))
        let bytes = try [UInt8](Data(contentsOf: shot))
        let size = try #require(pngSize(bytes))
        #expect(size.width == 1200 && size.height == 800, "\(size)")
        #expect(bytes.count > 50_000, "a nearly empty screenshot (\(bytes.count) bytes)")
    }
}
