import Foundation
import KGCore
import KGFormat
import Testing
@testable import KGQuery

/// Queries against the default graph (graphs/customer-service), loaded with KGFormat.
@Suite struct DefaultGraph {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("graphs/customer-service").path

    static func session() throws -> QuerySession {
        QuerySession(graph: try GraphLoader.load(folder: folder))
    }

    @Test func namesInAnyLanguageFindTheRoleThroughTheIndex() throws {
        var s = try Self.session()
        for name in ["klantenservicemedewerker", "KUNDTJÄNSTREPRESENTANT", "customer service representative"] {
            let r = try s.run("MATCH (r:Role) WHERE named(r, $n) RETURN id(r)", parameters: ["n": .string(name)])
            #expect(r.rows == [[.string("role:customer-service-representative")]])
        }
        let plan = try s.run("EXPLAIN MATCH (r) WHERE named(r, 'klantenservicemedewerker') RETURN r").plan ?? ""
        #expect(plan.contains("NodeByNameSeek"))
        s.displayLanguage = "sv"
        let sv = try s.run("MATCH (r) WHERE id(r) = 'role:customer-service-representative' RETURN name(r), name(r, 'en')")
        #expect(sv.rows == [[.string("kundtjänstrepresentant"), .string("customer service representative")]])
    }

    @Test func provenanceOfTheMainRole() throws {
        var s = try Self.session()
        let r = try s.run("""
            MATCH (r) WHERE id(r) = 'role:customer-service-representative'
            UNWIND citations(r) AS c
            RETURN c.document, c.line ORDER BY c.document, c.line
            """)
        #expect(r.rows.contains([.string("doc:kundtjanst"), .int(1)]))
        #expect(r.rows.count >= 6)
        let docs = try s.run("""
            MATCH (r) WHERE id(r) = 'role:customer-service-representative'
            UNWIND sources(r) AS d RETURN DISTINCT labels(d) AS l
            """)
        #expect(docs.rows.contains([.list([.string("Document")])]))
        // Issue 18 item 8: "who says what" names the documents by their titles, not NULL or ids.
        let who = try s.run("MATCH (r:Role) UNWIND sources(r) AS src RETURN name(src) AS source, count(*) AS claims ORDER BY source")
        #expect(who.rows.contains { $0.first == .string("Customer Service Jobs Making Comeback in U.S.") }, "\(who.rows)")
        #expect(!who.rows.contains { row in
            if case .string(let s) = row[0] { return s.hasPrefix("doc:") } else { return true }
        }, "\(who.rows)")
        let cited = try s.run("MATCH (r:Role) WHERE cited(r) RETURN count(*) > 0")
        #expect(cited.rows == [[.bool(true)]])
    }

    /// Every saved view of the default graph runs without error.
    @Test func savedViewsRun() throws {
        var s = try Self.session()
        let dir = Self.folder + "/views"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".cypher") }
        #expect(!files.isEmpty)
        for f in files {
            let text = try String(contentsOfFile: dir + "/" + f, encoding: .utf8)
            for st in Script.statements(text) {
                let r = try s.run(st.text)
                #expect(!r.rows.isEmpty, "view \(f) returned no rows")
            }
        }
    }

    @Test func twoHopsFromOneRoleStayInItsNeighbourhood() throws {
        var s = try Self.session()
        let total = s.graph.nodeCount + s.graph.edgeCount
        let r = try s.run("PROFILE MATCH (r)-[:REQUIRES]->(x)<-[:REQUIRES]-(other:Role) WHERE id(r) = 'role:customer-service-representative' RETURN DISTINCT other")
        let hits = (r.plan ?? "").split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: "db hits=") else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }.reduce(0, +)
        #expect(hits < total / 2)
    }
}
