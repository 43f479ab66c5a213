import Foundation
import KGCore
import KGQuery
@testable import KGRepl

/// A small graph with a document, a source, cited nodes and a cited relationship.
enum Fixture {
    static func graph() throws -> Graph {
        var g = Graph()
        try g.addNode(Document(id: "doc:guide", file: "guide.txt", sha256: "00", language: "en",
                               title: "A guide", kind: "career advice", publisher: "Example Press").node)
        try g.addNode(Node(id: "source:bls", labels: ["Source"], properties: ["name": .string("BLS")]))
        let role = try g.addNode(Node(id: "role:agent", labels: ["Role"],
                                      properties: ["name": .string("Agent"), "level": .int(2)],
                                      names: [LocalizedName(language: "nl", text: "Medewerker")],
                                      citations: [Citation(document: "doc:guide", line: 3, quote: "agents answer calls", via: "source:bls")]))
        let skill = try g.addNode(Node(id: "skill:empathy", labels: ["Skill"], properties: ["name": .string("Empathy"), "kind": .string("soft")]))
        try g.addEdge(Edge(id: "e1", type: "REQUIRES", from: role, to: skill, properties: ["weight": .int(3)],
                           citations: [Citation(document: "doc:guide", line: 7, quote: "empathy matters most")]))
        return g
    }

    /// Output written by a Repl, collected in memory.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var _out = "", _err = "", _paged = ""
        var out: String { lock.withLock { _out } }
        var err: String { lock.withLock { _err } }
        var paged: String { lock.withLock { _paged } }
        var output: ReplOutput {
            ReplOutput(out: { s in self.lock.withLock { self._out += s } },
                       err: { s in self.lock.withLock { self._err += s } },
                       page: { s in self.lock.withLock { self._paged += s } })
        }
    }

    static func repl(_ settings: ReplSettings = ReplSettings(mode: .csv)) throws -> (Repl, Capture) {
        let c = Capture()
        return (Repl(session: QuerySession(graph: try graph()), settings: settings, output: c.output), c)
    }
}
