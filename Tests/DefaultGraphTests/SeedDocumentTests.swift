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

    /// The strings of a list value.
    static func strings(_ value: Value?) -> [String] {
        guard case .list(let items)? = value else { return [] }
        return items.compactMap(\.string)
    }

    /// Every document's text, folded to lower case with runs of whitespace as one space.
    func corpus() throws -> [String: String] {
        var out: [String: String] = [:]
        for d in g.documents {
            let text = try #require(String(bytes: try bytes(of: d), encoding: .utf8))
            out[d.id] = Self.normalized(text).lowercased()
        }
        return out
    }

    /// A name or alias no document writes is listed in the node's `not_in_sources`, and what
    /// `not_in_sources` lists is one of its names and written by no document.
    @Test func namesNoDocumentWritesAreMarked() throws {
        let all = try corpus().values.joined(separator: "\n")
        var marked = 0
        for i in g.nodeHandles {
            let node = g.nodes[i]
            guard !node.hasLabel(Document.label) else { continue }
            let names = node.names.map(\.text) + Self.strings(node.properties["aliases"])
            let listed = Set(Self.strings(node.properties["not_in_sources"]))
            for name in names {
                let written = all.contains(Self.normalized(name).lowercased())
                #expect(written != listed.contains(name), "\(node.id): \"\(name)\" is \(written ? "written by a document but listed" : "in no document and not listed") in not_in_sources")
            }
            #expect(listed.isSubset(of: Set(names)), "\(node.id): not_in_sources lists what is not its name: \(listed.subtracting(names))")
            marked += listed.count
        }
        #expect(marked > 0)
        // The call-centre words are aliases, not names the documents use.
        let agent = g.nodes[try #require(g.node(id: "role:call-center-agent"))]
        #expect(agent.names.isEmpty)
        let bls = g.nodes[try #require(g.node(id: "source:bls"))]
        #expect(!bls.names.contains { $0.language == "sv" })
    }

    /// A statement with a `region` cites a line naming it, or says the region is inferred.
    @Test func aRegionNoCitedLineNamesIsInferred() throws {
        var lines: [String: [Substring]] = [:]
        for d in g.documents {
            let text = try #require(String(bytes: try bytes(of: d), encoding: .utf8))
            lines[d.id] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        let usWords = ["u.s.", "united states", "amerikaanse", "förenta staternas"]
        let statements: [(String, [String: Value], [Citation])] = g.nodeHandles.map { (g.nodes[$0].id, g.nodes[$0].properties, g.nodes[$0].citations) }
            + g.edgeHandles.map { (g.edges[$0].id, g.edges[$0].properties, g.edges[$0].citations) }
        var inferred = 0
        for (id, properties, citations) in statements where properties["region"] == .string("US") {
            let named = citations.contains { c in
                let line = lines[c.document].flatMap { c.line <= $0.count ? String($0[c.line - 1]).lowercased() : nil } ?? ""
                return usWords.contains { line.contains($0) }
            }
            let marked = properties["region_inferred"] == .bool(true)
            #expect(named != marked, "\(id): region US is \(named ? "named on a cited line but marked inferred" : "named on no cited line and not marked region_inferred")")
            if marked { inferred += 1 }
        }
        #expect(inferred >= 3)
    }
}
