import KGCore
import KGFormat
import KGQuery

/// One input of the query fuzzer: any text is split into statements, each parsed, bound and
/// run against a small graph under tight limits, and its result or error rendered. Crossing a
/// limit is an ordinary error; a trap, a hang or unbounded memory is a finding.
public enum QueryHarness {
    /// Six nodes with a cycle, citations, names in three languages and list/map/date properties.
    static let graphText = """
document doc:a {
  file: "a.txt"
  sha256: "0000000000000000000000000000000000000000000000000000000000000000"
  language: "en"
  title: "Article A"
  kind: "news article"
}

node source:bls :Source :Organization {
  name: "BLS"
}
cite doc:a line 2 "according to the BLS"

node role:csr :Role {
  name: "customer service representative"
  name@nl: "klantenservicemedewerker"
  name@sv: "kundtjänstmedarbetare"
  aliases: ["CSR", "agent"]
  salary: 38000
  since: date("2016-05")
  range: {low: 1, high: 2.5}
}
cite doc:a line 3 "representatives answer questions" via source:bls

node role:lead :Role :Manager {
  name: "team lead"
}

node skill:empathy :Skill {
  name: "empathy"
}

node sector:retail :Sector {
  name: "retail"
}

edge role:csr -[:REQUIRES {level: 3}]-> skill:empathy
cite doc:a line 4 "empathy matters"

edge role:csr -[:WORKS_IN]-> sector:retail
edge role:csr -[:REPORTS_TO]-> role:lead
edge role:lead -[:REPORTS_TO]-> role:csr
edge role:lead -[:REQUIRES]-> skill:empathy
"""

    static let graph: Graph = {
        do { return try GraphLoader.load(files: [(name: "fuzz.kg", text: graphText)]) } catch {
            fatalError("the fuzz graph does not load: \(error)")
        }
    }()

    /// Tight bounds so every input finishes quickly; crossing one is an error, not a finding.
    static let limits = QueryLimits(timeout: .seconds(2), maxRows: 10_000, maxPathLength: 16,
                                    maxExpansions: 100_000, maxValueSize: 100_000)

    /// nil when the input behaves (it always does, or the process has trapped).
    public static func run(_ bytes: [UInt8]) -> String? {
        var session = QuerySession(graph: graph, parameters: ["name": .string("empathy"), "n": .int(2)])
        session.limits = limits
        for statement in Script.statements(String(decoding: bytes, as: UTF8.self)) {
            do {
                let result = try session.run(statement.text)
                _ = ResultJSON.encode(result, graph: session.graph)
            } catch {
                _ = error.description
                _ = ResultJSON.encode(error)
            }
        }
        return nil
    }
}
