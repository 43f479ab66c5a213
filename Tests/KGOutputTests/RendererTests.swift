import KGCore
import KGQuery
import Testing
@testable import KGOutput

/// A small graph and a result that holds every kind of value, rendered in every mode.
struct Sample {
    let graph: Graph
    let result: ResultSet

    init() throws {
        var g = Graph()
        let agent = try g.addNode(Node(id: "role:agent", labels: ["Role"],
                                       properties: ["name": .string("Customer service agent"), "level": .int(2)],
                                       names: [LocalizedName(language: "nl", text: "Klantenservicemedewerker")]))
        let empathy = try g.addNode(Node(id: "skill:empathy", labels: ["Skill"], properties: ["name": .string("Empathy")]))
        let requires = try g.addEdge(Edge(id: "e1", type: "REQUIRES", from: agent, to: empathy))
        let date = try #require(KGDate("2016-05"))
        graph = g
        result = ResultSet(
            columns: ["name", "n", "share", "note", "since", "r", "path", "tags", "info"],
            rows: [
                [.string("Customer service agent"), .int(42), .float(1), .null, .date(date), .edge(requires),
                 .path(Path(nodes: [agent, empathy], edges: [requires])), .list([.string("a, b"), .int(1)]),
                 .map(["k": .bool(true)])],
                [.node(empathy), .int(-3), .float(0.25), .string("says \"hi\",\nthen | leaves"), .null, .null,
                 .path(Path(nodes: [empathy, agent], edges: [requires])), .list([]), .string("")],
            ])
    }
}

@Suite struct RendererTests {
    @Test(arguments: OutputMode.allCases)
    func everyModeMatchesItsGoldenFile(mode: OutputMode) throws {
        let s = try Sample()
        let text = ResultRenderer.render(s.result, graph: s.graph, mode: mode, width: nil, color: false)
        try Golden.check("sample.\(mode.rawValue).txt", text)
    }

    @Test func narrowTableIsCutToTheWidth() throws {
        let s = try Sample()
        let text = ResultRenderer.render(s.result, graph: s.graph, mode: .table, width: 80, color: false)
        try Golden.check("sample.table-80.txt", text)
        for line in text.split(separator: "\n") where line.hasPrefix("│") || line.hasPrefix("┌") {
            #expect(DisplayWidth.of(String(line)) <= 80, "line wider than 80: \(line)")
        }
        #expect(text.contains("…"))
        // Issue 18 item 11: the footer says how many columns lost text and how to see it whole.
        #expect(text.hasSuffix("2 rows; 7 columns cut to the width (:mode line, --format line or :last shows every value whole)\n"))
        let wide = ResultRenderer.render(s.result, graph: s.graph, mode: .table, width: 10_000, color: false)
        #expect(wide.hasSuffix("\n2 rows\n"), "nothing cut, nothing said")
    }

    @Test func colourDimsNullAndIsOffForMachineModes() throws {
        let s = try Sample()
        let table = ResultRenderer.render(s.result, graph: s.graph, mode: .table, width: nil, color: true)
        #expect(table.contains("\u{1B}[2mNULL"))
        let plain = ResultRenderer.render(s.result, graph: s.graph, mode: .table, width: nil, color: false)
        #expect(!plain.contains("\u{1B}"))
        for mode in [OutputMode.csv, .json, .jsonl] {
            #expect(!ResultRenderer.render(s.result, graph: s.graph, mode: mode, width: nil, color: true).contains("\u{1B}"))
        }
    }

    @Test func shortNodeStyleUsesTheDisplayLanguage() throws {
        let s = try Sample()
        let r = ResultSet(columns: ["r"], rows: [[.node(0)]])
        let text = ResultRenderer.render(r, graph: s.graph, mode: .csv,
                                         options: RenderOptions(nodeStyle: .short, language: "nl"))
        #expect(text == "r\r\n\"(:Role \"\"Klantenservicemedewerker\"\")\"\r\n")
    }

    @Test func footerCountsRowsAndShowsTime() throws {
        let s = try Sample()
        let one = ResultSet(columns: ["x"], rows: [[.int(1)]])
        let text = ResultRenderer.render(one, graph: s.graph, mode: .table,
                                         options: RenderOptions(elapsed: .milliseconds(12)))
        #expect(text.hasSuffix("1 row (12.0 ms)\n"))
        let write = ResultSet(stats: WriteStatistics(nodesCreated: 1, propertiesSet: 2))
        #expect(ResultRenderer.render(write, graph: s.graph, mode: .table, width: nil, color: false)
                == "+nodes: 1, +properties: 2\n0 rows\n")
    }

    @Test(arguments: [
        ("abc", 3), ("åäö", 3), ("日本", 4), ("e\u{301}", 1), ("👍", 2), ("", 0),
    ])
    func displayWidth(text: String, width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }

    @Test func truncationKeepsWithinWidth() {
        #expect(DisplayWidth.truncate("Klantenservice", to: 6) == "Klant…")
        #expect(DisplayWidth.truncate("日本語のテキスト", to: 5) == "日本…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
    }

    @Test func fitShrinksTheWidestColumnFirst() {
        var w = [10, 40, 5]
        BoxTable.fit(&w, into: 40)
        #expect(w == [10, 25, 5])
        var tiny = [10, 10]
        BoxTable.fit(&tiny, into: 2)
        #expect(tiny == [4, 4])
    }
}

/// Times, date-times and durations in every mode: the ISO text forms, strings in JSON.
@Suite struct TemporalRenderingTests {
    static func result() throws -> ResultSet {
        ResultSet(columns: ["t", "dt", "d", "l"], rows: [[
            .temporal(try Temporal.parse(.time, "12:35:15+05:00")),
            .temporal(try Temporal.parse(.localdatetime, "1984-10-11T12:30:14.000000012")),
            .temporal(try Temporal.parse(.duration, "P1M2DT6M")),
            .list([.temporal(try Temporal.parse(.localtime, "10:35"))]),
        ]])
    }

    @Test(arguments: OutputMode.allCases)
    func everyModeWritesTheISOForm(mode: OutputMode) throws {
        let text = ResultRenderer.render(try Self.result(), graph: Graph(), mode: mode, width: nil, color: false)
        for form in ["12:35:15+05:00", "1984-10-11T12:30:14.000000012", "P1M2DT6M", "10:35"] {
            #expect(text.contains(form), "\(mode): \(text)")
        }
    }

    @Test func jsonWritesStrings() throws {
        let json = ResultRenderer.render(try Self.result(), graph: Graph(), mode: .json, width: nil, color: false)
        #expect(json.contains(#"["12:35:15+05:00", "1984-10-11T12:30:14.000000012", "P1M2DT6M", ["10:35"]]"#))
        let jsonl = ResultRenderer.render(try Self.result(), graph: Graph(), mode: .jsonl, width: nil, color: false)
        #expect(jsonl.contains(#""t": "12:35:15+05:00""#))
    }
}
