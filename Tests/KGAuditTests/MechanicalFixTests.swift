import Foundation
import KGCore
import KGTestSupport
import Testing
@testable import KGAudit

/// `kgq audit --fix`: which findings carry a mechanical fix, how the fix edits .kg text, and
/// the command end to end on a copy of the audit fixture.
@Suite struct MechanicalFixTests {
    static let text = "Title line\nHelp desk jobs grew 12 percent in 2015.\n"

    func fixture(_ documentText: String, registered: String = MechanicalFixTests.text, span: ClosedRange<Int>? = nil) -> AuditFixture {
        var f = AuditFixture()
        f.document("doc:a", file: "a.txt", text: registered)
        f.node("fig:jobs", ["Figure"], ["value": .int(12), "unit": .string("percent")],
               cites: [Citation(document: "doc:a", line: 2, span: span, quote: "grew 12 percent",
                                location: SourceLocation(file: "graphs/t/g.kg", line: 4, column: 1))])
        return f
    }

    @Test func aQuoteThatMovedIsReanchoredAndTheNewHashRecorded() {
        let moved = "New first line\n" + Self.text
        let f = fixture(moved)
        let context = f.context(texts: ["doc:a": moved])
        let quote = QuoteNotFound().check(context)
        #expect(quote.count == 1)
        #expect(quote.first?.message.hasSuffix("it stands verbatim on line 3") == true)
        #expect(quote.first?.mechanicalFix == .reanchorQuote(file: "graphs/t/g.kg", line: 4, document: "doc:a", from: 2, to: 3, columns: nil))
        let changed = DocumentChanged().check(context)
        #expect(changed.first?.mechanicalFix == .documentHash(file: "graphs/t/docs.kg", line: 1, document: "doc:a",
                                                               old: SHA256.hex(Self.text), new: SHA256.hex(moved)))
    }

    @Test func aChangedDocumentWhoseQuoteIsGoneHasNoMechanicalFix() {
        let edited = "Title line\nHelp desk jobs grew 13 percent in 2015.\n"
        let context = fixture(edited).context(texts: ["doc:a": edited])
        #expect(DocumentChanged().check(context).first?.mechanicalFix == nil)
        #expect(QuoteNotFound().check(context).first?.mechanicalFix == nil)
    }

    @Test func wrongColumnsAreRewritten() {
        let context = fixture(Self.text, span: 1...5).context(texts: ["doc:a": Self.text])
        let found = QuoteNotFound().check(context)
        #expect(found.first?.mechanicalFix == .reanchorQuote(file: "graphs/t/g.kg", line: 4, document: "doc:a", from: 2, to: 2, columns: 16...30))
    }

    @Test func theApplierEditsOnlyTheLinesItWasToldAbout() {
        let kg = """
            document doc:a {
              file: "a.txt"
              sha256: "old"
            }
            node fig:jobs :Figure {value: 12}
            cite doc:a line 2 col 1-5 "grew 12 percent" via source:x
            cite doc:b line 2 "grew 12 percent"
            """
        let fixes: [MechanicalFix] = [
            .reanchorQuote(file: "g.kg", line: 6, document: "doc:a", from: 2, to: 3, columns: 16...30),
            .reanchorQuote(file: "g.kg", line: 6, document: "doc:a", from: 2, to: 3, columns: 16...30),   // once
            .documentHash(file: "g.kg", line: 1, document: "doc:a", old: "old", new: "new"),
            .reanchorQuote(file: "g.kg", line: 7, document: "doc:a", from: 2, to: 3, columns: nil),        // not doc:a's line
        ]
        let result = FixApplier.apply(fixes, to: ["g.kg": kg])
        let lines = result.texts["g.kg"]?.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) ?? []
        #expect(lines[2] == "  sha256: \"new\"")
        #expect(lines[5] == "cite doc:a line 3 col 16-30 \"grew 12 percent\" via source:x")
        #expect(lines[6] == "cite doc:b line 2 \"grew 12 percent\"")
        #expect(result.changes.map(\.line) == [3, 6])
        #expect(result.skipped.count == 1)
        #expect(result.skipped.first?.reason == "g.kg:7 is not `cite doc:a line 2 …` any more")
        #expect(FixApplier.diff(result.changes).hasPrefix("--- g.kg:3  (set the sha256 of doc:a to new…)\n-  sha256: \"old\"\n+  sha256: \"new\"\n"))
    }
}

/// `kgq audit --fix` through the binary, on a copy of Tests/Fixtures/audit whose Acme survey
/// gained a first line.
@Suite(.enabled(if: AuditCLI.binaryExists, "build kgq first (swift build)"))
struct AuditFixCLITests {
    @Test func fixReanchorsRecordsTheHashAndAuditsAgain() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("kgq-fix-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let graph = dir.appendingPathComponent("graph"), docs = dir.appendingPathComponent("documents")
        try fm.copyItem(atPath: AuditCLI.graph, toPath: graph.path)
        try fm.copyItem(atPath: AuditCLI.documents, toPath: docs.path)
        let acme = docs.appendingPathComponent("acme.txt")
        let old = try String(contentsOf: acme, encoding: .utf8)
        try ("Published by Acme Research\n" + old).write(to: acme, atomically: true, encoding: .utf8)

        let args = ["audit", "--graph", graph.path, "--documents", docs.path, "--today", "2026-11-23", "--fail-on", "never"]
        let before = KGTestSupport.runKGQ(args, directory: dir)
        #expect(before.stdout.contains("error[document-changed] document doc:acme"))
        #expect(before.stdout.contains("it stands verbatim on line 3"))

        let fixed = KGTestSupport.runKGQ(args + ["--fix"], directory: dir)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stderr.contains("-cite doc:acme line 2 \"Help desk jobs grew 12 percent in 2015.\" via source:acme\n+cite doc:acme line 3 \"Help desk jobs grew 12 percent in 2015.\" via source:acme"))
        #expect(fixed.stderr.contains("set the sha256 of doc:acme"))
        #expect(fixed.stderr.contains("applied 2 fix(es) in 2 file(s)"))
        // The report is of the fixed graph: the Acme findings are gone, the others stay.
        #expect(!fixed.stdout.contains("document doc:acme") && !fixed.stdout.contains("line 3 of acme.txt"))
        #expect(fixed.stdout.contains("error[quote-not-found] node fig:pay"))
        let statements = try String(contentsOf: graph.appendingPathComponent("statements.kg"), encoding: .utf8)
        #expect(statements.contains("cite doc:acme line 3 \"Help desk jobs grew 12 percent in 2015.\""))
        // Nothing is left to fix mechanically.
        let again = KGTestSupport.runKGQ(args + ["--fix"], directory: dir)
        #expect(again.stderr.contains("no finding has a mechanical fix"))
    }
}
