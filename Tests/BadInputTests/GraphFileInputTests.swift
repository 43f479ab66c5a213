import Foundation
import KGTestSupport
import Testing

/// A bad graph file, one per case, in a folder of its own.
struct BadFile: CustomStringConvertible, Sendable {
    var name: String
    var file: String
    var bytes: [UInt8]
    /// Substrings stderr must hold, the first being the positioned error line.
    var expect: [String]
    var description: String { name }

    init(_ name: String, file: String = "a.kg", _ text: String, _ expect: String...) {
        self.init(name, file: file, bytes: Array(text.utf8), expect)
    }

    init(_ name: String, file: String = "a.kg", bytes: [UInt8], _ expect: [String]) {
        self.name = name
        self.file = file
        self.bytes = bytes
        self.expect = expect
    }
}

/// Deterministic noise (the same "binary file" on every run).
func noise(_ count: Int, seed: UInt64) -> [UInt8] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return UInt8(truncatingIfNeeded: state >> 56)
    }
}

/// Malformed, truncated, binary and enormous graph files (.kg and CSV) through `kgq check`:
/// each is exit code 2 with a message that names the file, line and column — never a crash.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct GraphFileInput {
    static let cases: [BadFile] = [
        BadFile("truncated block", "node role:a :Role {\n  name: \"x\"\n", "a.kg:1:19: error: unclosed '{'", "help:"),
        BadFile("truncated cite", "node role:a :Role {\n  name: \"x\"\n}\ncite doc:a line",
                "a.kg:4:16: error: expected a line number"),
        BadFile("truncated edge", "edge role:a -[:X", "a.kg:1:17: error: expected ']' to close the arrow"),
        BadFile("truncated keyword", "node", "a.kg:1:5: error: expected a node id"),
        BadFile("unterminated string", "node role:a :Role {\n  name: \"abc\n}\n", "a.kg:2:9: error: unterminated string"),
        BadFile("unclosed list", "node role:a :Role {\n  v: [1, 2\n}\n", "a.kg:3:1: error: expected ',' or ']' in the list"),
        BadFile("number running into a name", "node role:a :Role {\n  v: 12abc\n}\n", "a.kg:2:8: error: a number runs into a name"),
        BadFile("integer overflow", "node role:a :Role {\n  v: 99999999999999999999999\n}\n",
                "a.kg:2:6: error: integer '99999999999999999999999' is out of range"),
        BadFile("impossible date", "node role:a :Role {\n  v: date(\"2016-13-40\")\n}\n",
                "a.kg:2:11: error: '2016-13-40' is not a valid date"),
        BadFile("property given twice", "node role:a :Role {\n  name: \"x\"\n  name: \"y\"\n}\n",
                "a.kg:3:3: error: property 'name' is given twice"),
        BadFile("duplicate id", "node role:a :Role {}\nnode role:a :Role {}\n", "a.kg:2:6: error: duplicate node id 'role:a'"),
        BadFile("unknown escape", "node role:a :Role {\n  name: \"a\\q\"\n}\n", "a.kg:2:11: error: unknown escape '\\q'"),
        BadFile("misspelt keyword", "nod role:a :Role {}\n", "a.kg:1:1: error: unknown keyword 'nod'", "did you mean 'node'?"),
        BadFile("dangling document", "node role:a :Role {\n  name: \"x\"\n}\ncite doc:missing line 3 \"q\"\n",
                "a.kg:4:6: error: cite names the unknown document 'doc:missing'"),
        BadFile("dangling edge end", "node role:a :Role {}\nedge role:a -[:X]-> role:b\n",
                "a.kg:2:21: error:", "role:b"),
        BadFile("stray braces", "}}}}", "a.kg:1:1: error: expected a statement"),
        BadFile("deeply nested list", "node role:a :Role {\n  v: " + String(repeating: "[", count: 100_000)
                + String(repeating: "]", count: 100_000) + "\n}\n",
                "a.kg:2:", "error: values are nested too deeply (more than 64 levels)"),
        BadFile("invalid UTF-8", bytes: Array("node role:a :Role {\n  name: \"a".utf8) + [0xFF] + Array("b\"\n}\n".utf8),
                ["a.kg:2:11: error: the file is not valid UTF-8 (byte 0xFF at offset 30)", "help: save the file as UTF-8"]),
        BadFile("binary file", bytes: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + noise(4096, seed: 7),
                ["a.kg:1:1: error: the file is not valid UTF-8 (byte 0x89 at offset 0)"]),
        BadFile("NUL byte", bytes: Array("node ".utf8) + [0], ["a.kg:1:6: error: unexpected control character U+0000", "␀"]),
        BadFile("10 MB line", String(repeating: "x", count: 10_000_000), "a.kg:1:1: error: unknown keyword 'xxxx", "…"),
        // CSV graph folders (KGImport).
        BadFile("CSV wrong column count", file: "nodes.csv", "id:ID,:LABEL,n:int\na,X,1\nb,X,2,extra\n",
                "nodes.csv:3:7: error: expected 3 fields as in the header, found 4"),
        BadFile("CSV bad number", file: "nodes.csv", "id:ID,:LABEL,n:int\na,X,notanumber\n",
                "nodes.csv:2:5: error: expected an integer such as 42 or -7 in column 'n:int', found 'notanumber'"),
        BadFile("CSV bad float", file: "nodes.csv", "id:ID,:LABEL,v:float\na,X,1.2.3\n", "nodes.csv:2:5: error:", "'1.2.3'"),
        BadFile("CSV unterminated quote", file: "nodes.csv", "id:ID,:LABEL,name\na,X,\"never closed\n",
                "nodes.csv:2:5: error:"),
        BadFile("CSV invalid UTF-8", file: "nodes.csv", bytes: Array("id:ID,:LABEL,name\na,X,".utf8) + [0xC3, 0x28] + [0x0A],
                ["nodes.csv:2:"]),
        BadFile("CSV binary file", file: "nodes.csv", bytes: noise(4096, seed: 11), ["nodes.csv:1:"]),
        // Issue 16: silent duplicates, spoofable ids, invisible characters in messages.
        BadFile("map key given twice", "node role:a :Role {\n  m: {k: 1, k: 2}\n}\n",
                "a.kg:2:13: error: key 'k' is given twice in the map", "help: keep one of them"),
        BadFile("zero-width space in an id", "node role:a\u{200B}b :Role\n",
                "a.kg:1:12: error: 'role:a' is followed by U+200B (ZERO WIDTH SPACE), which ids and names may not hold",
                "letters, digits and _ . : -", "\\u{200B}"),
        BadFile("right-to-left override in an id", "node role:\u{202E}ba :Role\n",
                "a.kg:1:11: error: 'role:' is followed by U+202E (RIGHT-TO-LEFT OVERRIDE)", "letters, digits and _ . : -"),
        BadFile("line separator in a name", "node \u{2028}a :Role\n", "a.kg:1:6: error: unexpected U+2028 (LINE SEPARATOR)", "\\u{2028}"),
        BadFile("NEL in an id", "node a:b\u{85}c :Role\n", "a.kg:1:9: error: 'a:b' is followed by U+0085", "\\u{85}"),
        BadFile("byte-order mark mid-file", "node role:a :Role\n\u{FEFF}node role:b :Role\n",
                "a.kg:2:1: error: a byte-order mark (U+FEFF) in the middle of the file"),
        BadFile("CSV localized name twice", file: "nodes.csv", "id:ID,:LABEL,name@nl,name@nl\na,X,p,q\n",
                "nodes.csv:1:22: error: column 'name@nl' appears twice (first in column 3)"),
        BadFile("CSV citation column twice", file: "nodes.csv", "id:ID,:LABEL,cite_quote,cite_quote\na,X,p,q\n",
                "nodes.csv:1:25: error: column 'cite_quote' appears twice"),
        BadFile("CSV NUL in a header", file: "nodes.csv", bytes: Array("id:ID,:LABEL,na".utf8) + [0] + Array("me\na,X,1\n".utf8),
                ["nodes.csv:1:14: error: column name 'na␀me' holds control character U+0000", "␀"]),
    ]

    @Test(arguments: cases)
    func badFileIsAClearError(_ c: BadFile) throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-bad-input")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(c.bytes).write(to: folder.appendingPathComponent(c.file))
        let run = KGTestSupport.runKGQ(["check", "--graph", folder.path])
        #expect(run.status == 2, "exit \(run.status): \(run.stderr.prefix(500))")
        for e in c.expect {
            #expect(run.stderr.contains(e), "stderr lacks \(e):\n\(run.stderr.prefix(1000))")
        }
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrac"))
        // A report on a huge input stays readable (the offending line is cut around the column).
        #expect(run.stderr.utf8.count < 20_000)
    }

    /// A file that repeats one id 5000 times: the report shows the first errors and the total,
    /// not 5000 carets.
    @Test func thousandsOfErrorsAreSummed() throws {
        let folder = try KGTestSupport.temporaryFolder("kgq-bad-input")
        defer { try? FileManager.default.removeItem(at: folder) }
        try String(repeating: "node n:a :R\n", count: 5000).write(to: folder.appendingPathComponent("a.kg"), atomically: true, encoding: .utf8)
        let run = KGTestSupport.runKGQ(["check", "--graph", folder.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("a.kg:2:6: error: duplicate node id 'n:a'"))
        #expect(run.stderr.components(separatedBy: "error: duplicate").count - 1 == 50)
        #expect(run.stderr.contains("… 4949 more not shown"))
        #expect(run.stderr.hasSuffix("4999 errors\n"))
    }
}
