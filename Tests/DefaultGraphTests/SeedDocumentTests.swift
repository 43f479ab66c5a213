import Foundation
import Testing
import KGCore

/// Checks the graph against the seed documents themselves: every quote is on its line,
/// every recorded SHA-256 matches the file. The seeds live outside the repository
/// (`../shared/seeds`), so these tests are skipped, with the reason shown, when absent.
@Suite(.enabled(if: Fixture.seedsPresent,
                 "seed documents not found: no shared/seeds in the package root's parent folder or above"))
struct SeedDocumentTests {
    let g: Graph

    init() throws { g = try Fixture.graph.get() }

    func bytes(of document: Document) throws -> [UInt8] {
        let folder = try #require(Fixture.seedsFolder)
        let url = folder.appendingPathComponent(document.file)
        return [UInt8](try Data(contentsOf: url))
    }

    /// Collapses runs of whitespace so a quote matches however the line wraps its spaces.
    static func normalized(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func everyDocumentHashMatchesItsFile() throws {
        #expect(g.documents.count == 5)
        for d in g.documents {
            #expect(SHA256.hex(try bytes(of: d)) == d.sha256, "\(d.id) (\(d.file)) changed")
        }
    }

    @Test func everyQuoteIsFoundAtItsLine() throws {
        var lines: [String: [Substring]] = [:]
        for d in g.documents {
            let text = try #require(String(bytes: try bytes(of: d), encoding: .utf8), "\(d.file) is not UTF-8")
            lines[d.id] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        var checked = 0
        let cited: [(String, [Citation])] = g.nodeHandles.map { (g.nodes[$0].id, g.nodes[$0].citations) }
            + g.edgeHandles.map { (g.edges[$0].id, g.edges[$0].citations) }
        for (owner, citations) in cited {
            for c in citations {
                let doc = try #require(lines[c.document], "\(owner): unknown document \(c.document)")
                guard c.line >= 1 && c.line <= doc.count else {
                    Issue.record("\(owner): \(c.document) has no line \(c.line)")
                    continue
                }
                let line = Self.normalized(String(doc[c.line - 1]))
                // A Bool, so a failure names the quote and locator without echoing the whole line.
                let found = line.contains(Self.normalized(c.quote))
                #expect(found, "\(owner): \"\(c.quote)\" is not on \(c.document) line \(c.line)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }
}
