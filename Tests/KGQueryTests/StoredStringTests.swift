import Testing
import KGCore
@testable import KGQuery

/// `n.key STARTS WITH / ENDS WITH / CONTAINS x` reads the property column's bytes; it must agree
/// with comparing Strings (the path every other operand takes) on every kind of value.
@Suite struct StoredStringTests {
    @Test func bytesAgreeWithStrings() throws {
        var g = Graph()
        let values: [Value] = [.string("active listening"), .string("a\r\nb"), .string("é"), .string("e\u{301}"),
                               .string(""), .string("billing agent"), .int(3), .list([.string("x")])]
        for (i, v) in values.enumerated() { try g.addNode(Node(id: "n\(i)", labels: ["N"], properties: ["name": v])) }
        try g.addNode(Node(id: "none", labels: ["N"]))
        var s = QuerySession(graph: g)
        let needles = ["", "a", "ing", "active", "\r", "\n", "\r\n", "é", "e", "\u{301}", "billing agent!", "z"]
        for op in ["STARTS WITH", "ENDS WITH", "CONTAINS"] {
            for t in needles {
                let stored = try s.run("MATCH (n:N) RETURN id(n) AS id, n.name \(op) $t AS r ORDER BY id", parameters: ["t": .string(t)]).rows
                let computed = try s.run("MATCH (n:N) WITH n, n.name AS v RETURN id(n) AS id, v \(op) $t AS r ORDER BY id", parameters: ["t": .string(t)]).rows
                #expect(stored == computed, "\(op) \(t.debugDescription)")
            }
            let nonString = try s.run("MATCH (n:N) WHERE id(n) = 'n0' RETURN n.name \(op) 1 AS r").rows
            #expect(nonString == [[.null]])
        }
    }
}
