import Foundation
import KGCore
import KGFormat
import KGTestSupport
import Testing

/// A small deterministic generator (SplitMix64), so failures reproduce from the seed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random .kg files: every statement kind, every value type, awkward strings.
struct FileGenerator {
    var rng: SeededRandom
    let pieces = ["a", "Z", "kundtjänst", "överenskommelse", "één", "ĳs", "\"", "\\", "\n", "\t", "\r",
                  " ", "😀", "{", "}", "#", ",", ":", "-[:T]->", "\u{7F}", "\u{1}", "ß", "line"]

    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }

    mutating func string() -> String {
        (0..<int(0...6)).map { _ in pieces[int(0...(pieces.count - 1))] }.joined()
    }

    mutating func id(_ prefix: String) -> String { "\(prefix):\(["x", "y_1", "a.b", "c-d", "é"][int(0...4)])\(int(0...999))" }

    mutating func key() -> String { ["name", "value", "unit", "low", "high", "k_1", "ÅÄÖ", "z"][int(0...7)] }

    mutating func value(depth: Int = 0) -> Value {
        switch int(0...(depth < 2 ? 9 : 7)) {
        case 0: return .null
        case 1: return .bool(bool())
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &rng))
        case 3: return .int(int(-100...100))
        case 4:
            let d = [0.5, -1.25, 1.5e6, 1e-7, 1e300, 15.81, 3.0, -0.0][int(0...7)] * Double(int(1...9))
            return .float(d)
        case 5: return .string(string())
        case 6:
            let y = int(1...9999)
            switch int(0...3) {
            case 3:
                let texts = ["12:31:14.645876123+01:00", "10:35", "0001-01-01T01:01:01.000000001-11:59",
                             "2015-07-21T21:40", "P1Y2M3DT4H5M6.5S"]
                let kinds: [Temporal.Kind] = [.time, .localtime, .datetime, .localdatetime, .duration]
                let i = int(0...4)
                return .temporal(try! Temporal.parse(kinds[i], texts[i]))
            case 0: return .date(KGDate(year: y)!)
            case 1: return .date(KGDate(year: y, month: int(1...12))!)
            default: return .date(KGDate(year: y, month: int(1...12), day: int(1...28))!)
            }
        case 7: return .string("")
        case 8: return .list((0..<int(0...3)).map { _ in value(depth: depth + 1) })
        default:
            var m: [String: Value] = [:]
            for _ in 0..<int(0...3) { m[key()] = value(depth: depth + 1) }
            return .map(m)
        }
    }

    mutating func properties(names: Bool) -> [PropertyEntry] {
        var seen = Set<String>()
        var out: [PropertyEntry] = []
        let here = SourceLocation(file: "g.kg", line: 1, column: 1)
        for _ in 0..<int(0...5) {
            let k = key()
            guard seen.insert(k).inserted else { continue }
            out.append(PropertyEntry(key: k, value: k == "name" ? .string(string()) : value(), location: here))
        }
        if names {
            for lang in ["sv", "nl", "en"] where bool() {
                out.append(PropertyEntry(key: "name", language: lang, value: .string(string()), location: here))
            }
        }
        return out
    }

    mutating func cites() -> [CiteEntry] {
        let here = SourceLocation(file: "g.kg", line: 1, column: 1)
        return (0..<int(0...2)).map { _ in
            let lo = int(1...50)
            let c = Citation(document: id("doc"), line: int(1...9999), span: bool() ? lo...(lo + int(0...40)) : nil,
                             quote: string(), gloss: bool() ? string() : nil, via: bool() ? id("src") : nil)
            return CiteEntry(citation: c, documentLocation: here)
        }
    }

    mutating func comments() -> [String] {
        (0..<int(0...2)).map { _ in " " + string().replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
    }

    mutating func file() -> KGFile {
        let here = SourceLocation(file: "g.kg", line: 1, column: 1)
        var statements: [Statement] = []
        for _ in 0..<int(0...8) {
            let body: Statement.Body
            switch int(0...2) {
            case 0: body = .document(id: id("doc"), properties: properties(names: false))
            case 1: body = .node(id: id("n"), labels: (0..<int(1...3)).map { _ in ["Role", "Skill", "Source", "Ä"][int(0...3)] },
                                 properties: properties(names: true))
            default: body = .edge(id: bool() ? id("e") : nil, from: id("n"), type: ["REQUIRES", "MEASURES", "T_2"][int(0...2)],
                                  to: id("n"), properties: properties(names: false))
            }
            var cited = cites()
            if case .document = body { cited = [] }  // documents are not cited
            statements.append(Statement(body: body, citations: cited, comments: comments(), location: here))
        }
        return KGFile(name: "g.kg", statements: statements, trailingComments: comments())
    }
}

struct RoundTripTests {
    /// The file with each statement's properties in one fixed order (key, then language).
    func normalized(_ f: KGFile) -> KGFile {
        func order(_ p: [PropertyEntry]) -> [PropertyEntry] {
            p.sorted { ($0.key, $0.language ?? "") < ($1.key, $1.language ?? "") }
        }
        var f = f
        for i in f.statements.indices {
            switch f.statements[i].body {
            case .document(let id, let p): f.statements[i].body = .document(id: id, properties: order(p))
            case .node(let id, let l, let p): f.statements[i].body = .node(id: id, labels: l, properties: order(p))
            case .edge(let id, let a, let t, let b, let p): f.statements[i].body = .edge(id: id, from: a, type: t, to: b, properties: order(p))
            }
        }
        return f
    }

    /// The property: for random files f, parse(write(f)) == f, and write is a fixed point.
    @Test func parseWriteParseIsIdentity() throws {
        var gen = FileGenerator(rng: SeededRandom(seed: 0x6B67_71))
        for iteration in 0..<500 {
            let file = gen.file()
            let text = Writer.write(file)
            let reparsed: KGFile
            do { reparsed = try Parser.parse(file: "g.kg", text: text) } catch {
                Issue.record("iteration \(iteration): \(error)\n\(text)")
                return
            }
            // The canonical form reorders properties; their set is what must survive.
            #expect(normalized(reparsed) == normalized(file), "iteration \(iteration):\n\(text)")
            #expect(Writer.write(reparsed) == text, "iteration \(iteration)")
        }
    }

    /// The fixture graph: each file parses, writes canonically, and reloads to the same graph.
    @Test func fixtureRoundTrip() throws {
        let folder = KGTestSupport.fixtures.appendingPathComponent("small").path
        let files = try GraphLoader.parse(folder: folder)
        let graph = try GraphLoader.build(files)
        let rewritten = files.map { (name: $0.name, text: Writer.write($0)) }
        let again = try GraphLoader.load(files: rewritten)
        #expect(again.nodeCount == graph.nodeCount)
        #expect(again.edgeCount == graph.edgeCount)
        for n in graph.nodes {
            let i = try #require(again.node(id: n.id))
            let m = again.nodes[i]
            #expect(m.labels == n.labels)
            #expect(m.properties == n.properties)
            // The canonical form orders names by language; within a language the order stays.
            #expect(m.names == n.names.enumerated().sorted { ($0.element.language, $0.offset) < ($1.element.language, $1.offset) }.map(\.element))
            #expect(m.citations == n.citations)
        }
        for e in graph.edges {
            let i = try #require(again.edge(id: e.id))
            let f = again.edges[i]
            #expect(f.type == e.type && f.properties == e.properties && f.citations == e.citations)
            #expect(again.nodes[f.from].id == graph.nodes[e.from].id && again.nodes[f.to].id == graph.nodes[e.to].id)
        }
        // Canonical text is a fixed point.
        for f in rewritten {
            #expect(Writer.write(try Parser.parse(file: f.name, text: f.text)) == f.text)
        }
    }
}
