import Foundation
import KGCore
@testable import KGCuration
import KGFormat
import KGQuery
import KGTestSupport
import Testing

/// Saving a session's edits into its graph folder (`:save`, `kgq query --write`).
struct GraphSaveTests {
    /// A copy of graphs/customer-service.
    static func copyOfDefaultGraph() throws -> URL {
        let dest = try KGTestSupport.temporaryFolder("kgq-save").appendingPathComponent("customer-service")
        try FileManager.default.copyItem(at: KGTestSupport.packageRoot.appendingPathComponent("graphs/customer-service"), to: dest)
        return dest
    }

    static func texts(_ dir: URL) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".kg") {
            out[name] = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
        }
        return out
    }

    /// Everything a graph says, with node handles replaced by ids (so two loads compare).
    struct Facts: Equatable {
        var nodes: Set<String>
        var edges: [String: Int]
        var citations: Set<String>

        init(_ g: Graph, renaming: [String: String] = [:]) {
            let table = g.nodes
            func id(_ h: Int) -> String { renaming[g.id(node: h)] ?? g.id(node: h) }
            func cites(_ c: [Citation]) -> String {
                c.map { "\(renaming[$0.document] ?? $0.document)|\($0.line)|\($0.quote)|\($0.via.map { renaming[$0] ?? $0 } ?? "")|\($0.gloss ?? "")" }
                    .joined(separator: ";")
            }
            nodes = Set(g.nodeHandles.map { h in
                let n = table[h]
                return "\(id(h)) \(n.labels) \(n.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) "
                    + "\(n.names.map { "\($0.language):\($0.text)" }.sorted())"
            })
            edges = [:]
            citations = []
            for h in g.edgeHandles {
                let e = g.edges[h]
                let key = "\(id(e.from)) -\(e.type)-> \(id(e.to)) \(e.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }) \(cites(e.citations))"
                edges[key, default: 0] += 1
            }
            for h in g.nodeHandles { citations.insert(id(h) + " " + cites(table[h].citations)) }
        }
    }

    static let edits = """
        CREATE (s:Skill {name: 'Empathy'}) CALL kgq.cite(s, 'doc:job-market-trends', 31, 'Accountancy');
        MATCH (r:Role {name: 'customer service representative'}), (s:Skill {name: 'Empathy'}) CREATE (r)-[:REQUIRES {level: 'valued'}]->(s);
        CREATE (:Skill {name: 'empathy'});
        MATCH (s:Skill {name: 'accountancy'}) SET s.years = 3;
        MATCH (q:Qualification {name: 'Business certificate IV'}) DETACH DELETE q
        """

    static func run(_ script: String, on session: inout QuerySession) throws {
        for st in Script.statements(script) { _ = try session.run(st.text) }
    }

    @Test func saveThenReloadGivesTheSameGraphAndOnlyEditedStatementsChange() throws {
        let dir = try Self.copyOfDefaultGraph()
        let before = try Self.texts(dir)
        let point = try SavePoint.load(folder: dir.path)
        var session = QuerySession(graph: point.graph)
        try Self.run(Self.edits, on: &session)
        let plan = try GraphSave.plan(point, current: session.graph, force: false)
        #expect(plan.newIDs.map(\.saved).sorted() == ["skill:empathy", "skill:empathy-2"])
        try GraphSave.apply(plan)

        // Save → reload → the same nodes, relationships, properties and citations.
        let reloaded = try GraphLoader.load(folder: dir.path)
        let renaming = Dictionary(uniqueKeysWithValues: plan.newIDs.map { ($0.session, $0.saved) })
        #expect(Facts(reloaded) == Facts(session.graph, renaming: renaming))
        #expect(reloaded.nodeHandles.allSatisfy { !reloaded.id(node: $0).hasPrefix("_n") })

        // Only skills.kg changed, and in it only the edited statements.
        let after = try Self.texts(dir)
        for (name, text) in before where name != "skills.kg" { #expect(after[name] == text, "\(name) changed") }
        let old = try #require(before["skills.kg"]), new = try #require(after["skills.kg"])
        var expected = old.replacingOccurrences(of: "  name: \"accountancy\"\n}", with: "  name: \"accountancy\"\n  years: 3\n}")
        for removed in [
            "node qual:business-certificate-iv :Qualification {\n  name: \"Business certificate IV\"\n}\ncite doc:job-market-trends line 30 \"Business certificate IV\"\n\n",
            "edge person:john -[:HAS_QUALIFICATION]-> qual:business-certificate-iv\ncite doc:job-market-trends line 30 \"Business certificate IV\"\n\n",
            "edge role:customer-service-representative -[:REQUIRES {level: \"valued\"}]-> qual:business-certificate-iv\ncite doc:job-market-trends line 35 \"These are all good portable skills for any customer service job.\"\n\n",
        ] {
            #expect(expected.contains(removed))
            expected = expected.replacingOccurrences(of: removed, with: "")
        }
        expected += """

            node skill:empathy :Skill {
              name: "Empathy"
            }
            cite doc:job-market-trends line 31 "Accountancy"

            node skill:empathy-2 :Skill {
              name: "empathy"
            }

            edge role:customer-service-representative -[:REQUIRES {level: "valued"}]-> skill:empathy

            """
        #expect(new == expected)
        #expect(plan.summary.contains(" skills.kg | 23 "), "\(plan.summary)")
        #expect(plan.summary.contains("~ skills.kg: node skill:accountancy :Skill (property years)"), "\(plan.summary)")
        #expect(plan.summary.contains("- skills.kg: node qual:business-certificate-iv :Qualification"), "\(plan.summary)")
        #expect(plan.summary.contains("+ skills.kg: node skill:empathy-2 :Skill"), "\(plan.summary)")

        // Saving again right away finds nothing to do.
        let again = try SavePoint.load(folder: dir.path)
        #expect(try GraphSave.plan(again, current: again.graph, force: false).isEmpty)
    }

    @Test func commentsOfAnEditedStatementSurviveAndNewLabelsGoToNewKg() throws {
        let dir = try KGTestSupport.temporaryFolder("kgq-save-comments").appendingPathComponent("g")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = """
            # People.
            node person:ann   :Person {   # Ann
              # her given name
              name: "Ann"
              age: 40  # in 2025
            }

            node person:bo :Person { name: "Bo" }  # kept as written

            """
        try text.write(to: dir.appendingPathComponent("people.kg"), atomically: true, encoding: .utf8)
        let point = try SavePoint.load(folder: dir.path)
        var session = QuerySession(graph: point.graph)
        try Self.run("MATCH (p:Person {name: 'Ann'}) SET p.age = 41; CREATE (:Town {name: 'Lånestad'}); CREATE (:Figure {value: 1})", on: &session)
        let plan = try GraphSave.plan(point, current: session.graph, force: false)
        try GraphSave.apply(plan)
        let people = try String(contentsOf: dir.appendingPathComponent("people.kg"), encoding: .utf8)
        #expect(people == """
            # People.
            node person:ann :Person {  # Ann
              # her given name
              name: "Ann"
              age: 41  # in 2025
            }

            node person:bo :Person { name: "Bo" }  # kept as written

            """)
        let added = try String(contentsOf: dir.appendingPathComponent("new.kg"), encoding: .utf8)
        #expect(added.contains("node town:lanestad :Town {\n  name: \"Lånestad\"\n}"), "\(added)")
        #expect(added.contains("node figure:1 :Figure {\n  value: 1\n}"), "\(added)")
    }

    @Test func aFolderChangedOnDiskIsNotOverwrittenUnlessForced() throws {
        let dir = try Self.copyOfDefaultGraph()
        let point = try SavePoint.load(folder: dir.path)
        var session = QuerySession(graph: point.graph)
        try Self.run("MATCH (s:Skill {name: 'accountancy'}) SET s.years = 3", on: &session)
        let roles = dir.appendingPathComponent("roles.kg")
        let changed = try String(contentsOf: roles, encoding: .utf8) + "# edited by someone else\n"
        try changed.write(to: roles, atomically: true, encoding: .utf8)
        let skills = try String(contentsOf: dir.appendingPathComponent("skills.kg"), encoding: .utf8)
        do {
            _ = try GraphSave.plan(point, current: session.graph, force: false)
            Issue.record("a changed folder was not refused")
        } catch {
            let message = error.diagnostics.first?.message ?? ""
            #expect(message.contains("changed on disk since it was loaded (roles.kg changed)"), "\(message)")
            #expect(error.diagnostics.first?.help?.contains("--force") == true)
        }
        #expect(try String(contentsOf: dir.appendingPathComponent("skills.kg"), encoding: .utf8) == skills)
        // Forced, the edit goes into the files as they are now; the other change stays.
        try GraphSave.apply(try GraphSave.plan(point, current: session.graph, force: true))
        #expect(try String(contentsOf: roles, encoding: .utf8) == changed)
        #expect(try String(contentsOf: dir.appendingPathComponent("skills.kg"), encoding: .utf8).contains("  years: 3\n"))
    }

    @Test func aFailedWriteLeavesEveryFileAsItWas() throws {
        let dir = try Self.copyOfDefaultGraph()
        let before = try Self.texts(dir)
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let point = try SavePoint.load(folder: dir.path)
        var session = QuerySession(graph: point.graph)
        try Self.run("""
            MATCH (s:Skill {name: 'accountancy'}) SET s.years = 3;
            MATCH (r:Role) WITH r LIMIT 1 SET r.note = 'x';
            CREATE (:Town {name: 'Riverton'})
            """, on: &session)
        let plan = try GraphSave.plan(point, current: session.graph, force: false)
        #expect(plan.files.count == 3)
        for failing in 0..<plan.files.count {
            #expect(throws: Diagnostic.self) { try GraphSave.apply(plan, failBeforeRename: failing) }
            #expect(try Self.texts(dir) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == listing, "no temporary or new file is left")
        }
    }

    @Test func readableIDs() {
        #expect(GraphSave.readableID(for: Node(id: "_n1", labels: ["Skill"], properties: ["name": .string("Active listening")]), taken: []) == "skill:active-listening")
        #expect(GraphSave.readableID(for: Node(id: "_n1", labels: ["Skill"], properties: ["name": .string("Empathy")]), taken: ["skill:empathy"]) == "skill:empathy-2")
        #expect(GraphSave.readableID(for: Node(id: "_n1", labels: ["JobTitle"], properties: ["name": .string("Kundtjänst")]), taken: []) == "job-title:kundtjanst")
        #expect(GraphSave.readableID(for: Node(id: "_n1", labels: ["Figure"], properties: ["value": .int(5)]), taken: ["figure:1"]) == "figure:2")
        #expect(GraphSave.isSessionID("_n336") && GraphSave.isSessionID("_e12") && !GraphSave.isSessionID("skill:x") && !GraphSave.isSessionID("_n"))
    }
}
