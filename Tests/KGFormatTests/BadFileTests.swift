import Foundation
import KGCore
import KGFormat
import KGTestSupport
import Testing

/// Bad .kg input: each case asserts the message and the position of the first error.
struct BadFileTests {
    static let doc = """
        document doc:a {file: "a.txt", sha256: "00", language: "en", title: "A", kind: "blog"}

        """

    /// (case name, file text, expected message fragment, line, column)
    static let cases: [(String, String, String, Int, Int)] = [
        ("unterminated string", "node n:a :Role {name: \"abc}\n", "unterminated string", 1, 23),
        ("unknown keyword", "nod n:a :Role\n", "unknown keyword 'nod'", 1, 1),
        ("misspelt cite", doc + "node n:a :Role\ncit doc:a line 1 \"x\"\n", "unknown keyword 'cit'", 3, 1),
        ("missing label", "node role:csr {name: \"x\"}\n", "expected a label such as ':Role' after the node id", 1, 15),
        ("bad date", "node n:a :Role {d: date(\"2016-13\")}\n", "'2016-13' is not a valid date", 1, 25),
        ("bad time", "node n:a :Role {t: time(\"25:00\")}\n", "'25:00' is not a valid time: hour 25 is out of range", 1, 25),
        ("bad duration", "node n:a :Role {t: duration(\"P1X\")}\n", "'P1X' is not a valid duration", 1, 29),
        ("bad number", "node n:a :Role {v: 12abc}\n", "a number runs into a name", 1, 22),
        ("integer overflow", "node n:a :Role {v: 99999999999999999999}\n", "integer '99999999999999999999' is out of range", 1, 20),
        ("cite before any statement", doc.replacingOccurrences(of: "document doc:a", with: "cite doc:a line 1 \"x\"\ndocument doc:a"), "cite", 1, 1),
        ("bad arrow", "node n:a :R\nnode n:b :R\nedge n:a -[:T]- n:b\n", "'>' to finish the arrow", 3, 17),
        ("arrow both ways", "node n:a :R\nnode n:b :R\nedge n:a <-[:T]-> n:b\n", "an arrow cannot point both ways", 3, 17),
        ("missing line", doc + "node n:a :R\ncite doc:a 12 \"q\"\n", "expected 'line N' after the document id", 3, 12),
        ("missing quote", doc + "node n:a :R\ncite doc:a line 12\n", "expected the quote as a string after the line number", 4, 1),
        ("bad escape", "node n:a :R {s: \"a\\qb\"}\n", "unknown escape '\\q'", 1, 19),
        ("unclosed block", "node n:a :R {name: \"x\"\n", "unclosed '{'", 1, 13),
        ("duplicate property", "node n:a :R {name: \"x\", name: \"y\"}\n", "property 'name' is given twice", 1, 25),
        ("truncated file", "node n:a :R\nedge n:a -[:T", "expected ']' to close the arrow, found the end of the file", 2, 14),
        ("dangling edge end", "node role:helper :R\nnode n:b :R\nedge role:helpr -[:T]-> n:b\n", "edge refers to 'role:helpr', which no file of the graph declares", 3, 6),
        ("duplicate id", "node n:a :R\nnode n:a :S\n", "duplicate node id 'n:a'", 2, 6),
        ("duplicate document id", "document d:a {file: \"a\", sha256: \"0\", language: \"en\", title: \"t\", kind: \"k\"}\nnode  d:a :S\n",
         "duplicate node id 'd:a'", 2, 7),
        ("duplicate edge id", "node n:a :R\nedge e:1 n:a -[:T]-> n:a\nedge   e:1 n:a -[:T]-> n:a\n", "duplicate relationship id 'e:1'", 3, 8),
        ("unknown cite document", doc + "node n:a :R\ncite doc:b line 1 \"q\"\n", "cite names the unknown document 'doc:b'", 3, 6),
        ("unknown via source", doc + "node n:a :R\ncite doc:a line 1 \"q\" via src:x\n", "cite is attributed 'via' the unknown source 'src:x'", 3, 27),
        ("document missing field", "document doc:a {file: \"a.txt\"}\n", "document 'doc:a' has no", 1, 1),
        ("document date not a date", "document doc:a {file: \"a.txt\", sha256: \"x\", language: \"en\", title: \"t\", kind: \"k\", date: \"2017\"}\n",
         "date must be a date such as date(\"2017-05\") or \"unknown\", found \"2017\"", 1, 84),
        ("document date basis unknown", "document doc:a {file: \"a.txt\", sha256: \"x\", language: \"en\", title: \"t\", kind: \"k\", date: date(\"2017\"), date_basis: \"guessed\"}\n",
         "date_basis must be \"published\" or \"retrieved\"", 1, 84),
        ("document date basis without date", "document doc:a {file: \"a.txt\", sha256: \"x\", language: \"en\", title: \"t\", kind: \"k\", date_basis: \"retrieved\"}\n",
         "date_basis without a date", 1, 84),
    ]

    @Test(arguments: cases.indices)
    func badFile(_ i: Int) throws {
        let (name, text, message, line, column) = Self.cases[i]
        do {
            _ = try GraphLoader.load(files: [(name: "bad.kg", text: text)])
            Issue.record("\(name): expected an error")
        } catch {
            let first = try #require(error.diagnostics.first, "\(name)")
            #expect(first.message.contains(message), "\(name): \(first.message)")
            #expect(first.location?.file == "bad.kg", "\(name)")
            #expect(first.location?.line == line, "\(name): \(first.rendered())")
            #expect(first.location?.column == column, "\(name): \(first.rendered())")
            #expect(first.help != nil, "\(name): every error says how to fix it")
            #expect(first.lineText != nil, "\(name): every positioned error shows its line")
        }
    }

    @Test func misspeltKeywordsSuggestTheKeyword() throws {
        for (typo, keyword) in [("nod", "node"), ("edg", "edge"), ("documnt", "document"), ("cit", "cite")] {
            let e = try #require(throws: DiagnosticList.self) {
                try GraphLoader.load(files: [(name: "k.kg", text: "node n:a :R\n\(typo) x\n")])
            }
            #expect(e.diagnostics.first?.help == "did you mean '\(keyword)'?", "\(typo)")
            #expect(e.diagnostics.first?.location?.line == 2)
        }
    }

    @Test func bothDanglingEndsAreReportedAtTheirIds() throws {
        let e = try #require(throws: DiagnosticList.self) {
            try GraphLoader.load(files: [(name: "d.kg", text: "node n:a :R\nedge e:1 n:x -[:T]-> n:y\nedge n:a <-[:T]- n:z\n")])
        }
        let where_ = e.diagnostics.map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.message)" }
        #expect(where_ == [
            "2:10 edge refers to 'n:x', which no file of the graph declares",
            "2:22 edge refers to 'n:y', which no file of the graph declares",
            "3:18 edge refers to 'n:z', which no file of the graph declares",
        ])
    }

    @Test func danglingIdSuggestsCloseId() throws {
        let e = try #require(throws: DiagnosticList.self) {
            try GraphLoader.load(files: [(name: "x.kg", text: "node role:helper :R\nnode n:b :R\nedge role:helpr -[:T]-> n:b\n")])
        }
        #expect(e.diagnostics.first?.help?.contains("role:helper") == true)
    }

    @Test func invalidUTF8IsPositioned() throws {
        var bytes = Array("node n:a :R {name: \"".utf8)
        bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
        bytes += Array("\"}\n".utf8)
        let e = try #require(throws: DiagnosticList.self) { try Parser.parse(file: "u.kg", bytes: bytes) }
        let d = try #require(e.diagnostics.first)
        #expect(d.message.contains("not valid UTF-8"))
        #expect(d.location?.line == 1)
        #expect(d.location?.column == 21)
    }

    @Test func missingFolder() {
        let e = #expect(throws: DiagnosticList.self) { try GraphLoader.load(folder: "/nonexistent/kgq-graph") }
        #expect(e?.diagnostics.first?.message.contains("does not exist") == true)
    }

    @Test func emptyFolderIsAnEmptyGraph() throws {
        let folder = try KGTestSupport.temporaryFolder()
        let g = try GraphLoader.load(folder: folder.path)
        #expect(g.nodeCount == 0)
    }

    @Test func manyErrorsAreReportedTogether() throws {
        let text = (1...30).map { "nod n:\($0) :R\n" }.joined()
        let e = try #require(throws: DiagnosticList.self) { try GraphLoader.load(files: [(name: "m.kg", text: text)]) }
        #expect(e.diagnostics.count > 1)
        #expect(e.diagnostics.count <= 21)
        #expect(e.diagnostics.map { $0.location?.line } .prefix(3) == [1, 2, 3])
    }

    @Test func caretRendering() throws {
        let e = try #require(throws: DiagnosticList.self) {
            try GraphLoader.load(files: [(name: "r.kg", text: "node role:csr {name: \"x\"}\n")])
        }
        let text = try #require(e.diagnostics.first).rendered()
        #expect(text.hasPrefix("r.kg:1:15: error: expected a label"))
        #expect(text.contains(" 1 | node role:csr {name: \"x\"}\n   |               ^"))
        #expect(text.contains("help:"))
    }
}
