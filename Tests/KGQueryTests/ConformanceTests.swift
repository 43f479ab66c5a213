import KGCore
import Testing
@testable import KGQuery

/// Table-driven conformance: a query on the fixture graph and the rows it must give
/// (`ordered` when the query fixes the order). Cells are joined with " | ".
struct Case: CustomStringConvertible, Sendable {
    var query: String
    var rows: [String]
    var ordered = false
    var params: [String: QueryValue] = [:]
    var description: String { query }
}

let readCases: [Case] = [
    // MATCH, WHERE, RETURN, labels, property maps, directions
    Case(query: "MATCH (r:Role) RETURN r.name ORDER BY r.name",
         rows: ["\"call centre agent\"", "\"customer service representative\"", "\"team lead\""], ordered: true),
    Case(query: "MATCH (r:Role:Manager) RETURN r", rows: ["(role:lead)"]),
    Case(query: "MATCH (s {name: 'empathy'}) RETURN s", rows: ["(skill:empathy)"]),
    Case(query: "MATCH (r:Role)-[:REQUIRES]->(s:Skill {name: 'patience'}) RETURN r", rows: ["(role:csr)"]),
    Case(query: "MATCH (s:Skill)<-[:REQUIRES]-(r) WHERE s.name = 'empathy' RETURN r ORDER BY id(r)",
         rows: ["(role:agent)", "(role:csr)"], ordered: true),
    Case(query: "MATCH (a:Role {name: 'team lead'})-[r]-(b) RETURN type(r), b ORDER BY id(b)",
         rows: ["\"REPORTS_TO\" | (role:agent)", "\"REPORTS_TO\" | (role:csr)"], ordered: true),
    Case(query: "MATCH (a)-[r:WORKS_IN|REPORTS_TO]->(b) WHERE a.name STARTS WITH 'call' RETURN type(r) ORDER BY type(r)",
         rows: ["\"REPORTS_TO\"", "\"WORKS_IN\""], ordered: true),
    // variable length and paths
    Case(query: "MATCH (a {name: 'empathy'})<-[:REQUIRES]-()-[:WORKS_IN]->(s) RETURN DISTINCT s", rows: ["(sector:retail)"]),
    Case(query: "MATCH p = (a:Skill {name: 'patience'})-[*2]-(b:Skill) RETURN p",
         rows: ["<(skill:patience)[e3](role:csr)[e2](skill:empathy)>"]),
    Case(query: "MATCH (a:Skill {name: 'patience'})-[rs*1..3]-(b:Role) RETURN b.name, size(rs) ORDER BY size(rs), b.name",
         // via csr; csr-lead; and three 3-hop routes to the agent (through empathy, retail and lead)
         rows: ["\"customer service representative\" | 1", "\"team lead\" | 2", "\"call centre agent\" | 3",
                "\"call centre agent\" | 3", "\"call centre agent\" | 3"], ordered: true),
    Case(query: "MATCH (a:Skill {name: 'patience'})-[*..2]-(b) RETURN count(*)", rows: ["4"]),
    Case(query: "MATCH p = shortestPath((a:Skill {name: 'patience'})-[*]-(b:Role {name: 'call centre agent'})) RETURN length(p)",
         rows: ["3"]),
    Case(query: "MATCH p = allShortestPaths((a {name: 'empathy'})-[*]-(b {name: 'team lead'})) RETURN length(p), count(*)",
         rows: ["2 | 2"]),
    // relationship uniqueness: one relationship is never bound twice in a MATCH
    Case(query: "MATCH (a:Skill {name: 'empathy'})-[r1]-(x)-[r2]-(b:Skill {name: 'empathy'}) RETURN count(*)", rows: ["0"]),
    Case(query: "MATCH (a)-[r]->(b), (c)-[s]->(d) WHERE id(a) = 'role:agent' AND id(c) = 'role:agent' RETURN count(*)",
         rows: ["6"]),
    Case(query: "MATCH (x:Skill {name: 'empathy'})-[*2..2]-(y:Skill {name: 'empathy'}) RETURN count(*)", rows: ["0"]),
    // several comma-separated patterns (cartesian product)
    Case(query: "MATCH (a:Sector), (b:Skill) RETURN count(*)", rows: ["2"]),
    // OPTIONAL MATCH
    Case(query: "MATCH (r:Role) OPTIONAL MATCH (r)-[:WORKS_IN]->(s) RETURN r.name, s.name ORDER BY r.name",
         rows: ["\"call centre agent\" | \"retail\"", "\"customer service representative\" | \"retail\"", "\"team lead\" | null"],
         ordered: true),
    // WITH, aggregation, ORDER BY / SKIP / LIMIT
    Case(query: "MATCH (r:Role)-[:REQUIRES]->(s) WITH r, count(s) AS n WHERE n > 1 RETURN r.name", rows: ["\"customer service representative\""]),
    Case(query: "MATCH (r:Role) RETURN r.salary ORDER BY r.salary", rows: ["31000.5", "38000", "null"], ordered: true),
    Case(query: "MATCH (r:Role) RETURN r.salary ORDER BY r.salary DESC", rows: ["null", "38000", "31000.5"], ordered: true),
    Case(query: "MATCH (r:Role) RETURN r.name ORDER BY r.name SKIP 1 LIMIT 1", rows: ["\"customer service representative\""], ordered: true),
    Case(query: "MATCH (r:Role) WITH r ORDER BY r.name DESC LIMIT 2 RETURN collect(r.name) AS names",
         rows: ["[\"team lead\", \"customer service representative\"]"]),
    Case(query: "MATCH ()-[e:REQUIRES]->() RETURN count(*), count(e.level), sum(e.level), avg(e.level), min(e.level), max(e.level)",
         rows: ["3 | 3 | 6 | 2.0 | 1 | 3"]),
    Case(query: "UNWIND [1, 2, 2, null] AS x RETURN count(x), count(DISTINCT x), collect(x), sum(x)", rows: ["3 | 2 | [1, 2, 2] | 5"]),
    Case(query: "UNWIND [] AS x RETURN count(x), sum(x), avg(x), collect(x)", rows: ["0 | 0 | null | []"]),
    Case(query: "UNWIND [2, 4, 4, 4, 5, 5, 7, 9] AS x RETURN stDevP(x)", rows: ["2.0"]),
    // UNWIND, UNION
    Case(query: "UNWIND [3, 1, 2] AS x RETURN x ORDER BY x", rows: ["1", "2", "3"], ordered: true),
    Case(query: "RETURN 1 AS x UNION RETURN 1 AS x", rows: ["1"]),
    Case(query: "RETURN 1 AS x UNION ALL RETURN 1 AS x", rows: ["1", "1"]),
    // RETURN *, DISTINCT, aliases
    Case(query: "MATCH (s:Sector) WITH s, 1 AS one RETURN *", rows: ["1 | (sector:retail)"]),
    Case(query: "MATCH (r:Role)-[:WORKS_IN]->(s) RETURN DISTINCT s.name AS sector", rows: ["\"retail\""]),
    // null logic and comparisons
    Case(query: "RETURN null AND false, null OR true, null AND true, null XOR true, NOT null", rows: ["false | true | null | null | null"]),
    Case(query: "RETURN 1 = 1.0, 1 < 2.5, 'a' < 'b', 1 < 'a', null = null, [1, null] = [1, 2], [1, 2] = [1, 3]",
         rows: ["true | true | true | null | null | null | false"]),
    Case(query: "RETURN 1 < 2 < 3, 3 > 2 > 2", rows: ["true | false"]),
    Case(query: "RETURN 2 IN [1, 2], 3 IN [1, null], null IN [], null IS NULL, 1 IS NOT NULL", rows: ["true | null | false | true | true"]),
    // arithmetic, strings
    Case(query: "RETURN 7 / 2, 7 / 2.0, 7 % 3, 2 ^ 3, -(3), 1 + 2 * 3", rows: ["3 | 3.5 | 1 | 8.0 | -3 | 7"]),
    Case(query: "RETURN 'ab' + 'c', 'abc' STARTS WITH 'a', 'abc' ENDS WITH 'bc', 'abc' CONTAINS 'x', 'abc' =~ 'a.c'",
         rows: ["\"abc\" | true | true | false | true"]),
    // CASE, lists, maps
    Case(query: "UNWIND [1, 2, 3] AS x RETURN CASE x WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END ORDER BY x",
         rows: ["\"one\"", "\"two\"", "\"many\""], ordered: true),
    Case(query: "UNWIND [1, null] AS x RETURN CASE WHEN x IS NULL THEN 'none' ELSE 'some' END ORDER BY x", rows: ["\"some\"", "\"none\""], ordered: true),
    Case(query: "WITH [1, 2, 3, 4] AS l RETURN l[0], l[-1], l[1..3], l[..2], l[5], {a: {b: 2}}.a.b",
         rows: ["1 | 4 | [2, 3] | [1, 2] | null | 2"]),
    Case(query: "RETURN [x IN range(1, 5) WHERE x % 2 = 1 | x * 10], [x IN [1, 2] | x + 1]", rows: ["[10, 30, 50] | [2, 3]"]),
    Case(query: "RETURN all(x IN [1, 2] WHERE x > 0), any(x IN [1, 2] WHERE x > 1), none(x IN [1] WHERE x > 1), single(x IN [1, 2] WHERE x > 1)",
         rows: ["true | true | true | true"]),
    Case(query: "RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x)", rows: ["6"]),
    Case(query: "MATCH (s:Sector) RETURN s {.name, kind: 'sector'}", rows: ["{\"kind\": \"sector\", \"name\": \"retail\"}"]),
    // pattern predicates, EXISTS, pattern comprehension
    Case(query: "MATCH (r:Role) WHERE (r)-[:WORKS_IN]->() RETURN r ORDER BY id(r)", rows: ["(role:agent)", "(role:csr)"], ordered: true),
    Case(query: "MATCH (r:Role) WHERE NOT exists { (r)-[:WORKS_IN]->() } RETURN r", rows: ["(role:lead)"]),
    Case(query: "MATCH (r:Role {name: 'call centre agent'}) RETURN [(r)-[:REQUIRES]->(s) | s.name]", rows: ["[\"empathy\"]"]),
    // parameters
    Case(query: "MATCH (r:Role) WHERE r.name = $n RETURN r", rows: ["(role:agent)"], params: ["n": .string("call centre agent")]),
    // functions
    Case(query: "MATCH (r:Role {name: 'team lead'}) RETURN labels(r), keys(r), properties(r).name, id(r)",
         rows: ["[\"Role\", \"Manager\"] | [\"name\"] | \"team lead\" | \"role:lead\""]),
    Case(query: "MATCH p = (a {name: 'patience'})<-[r]-(b) RETURN startNode(r), endNode(r), nodes(p), relationships(p), length(p)",
         rows: ["(role:csr) | (skill:patience) | [(skill:patience), (role:csr)] | [[e3]] | 1"]),
    Case(query: "RETURN coalesce(null, 2), head([1, 2]), last([1, 2]), tail([1, 2]), size('abc'), reverse([1, 2]), range(0, 6, 3)",
         rows: ["2 | 1 | 2 | [2] | 3 | [2, 1] | [0, 3, 6]"]),
    Case(query: "RETURN toString(1.0), toInteger('42'), toFloat('1.5'), toBoolean('true'), toLower('AB'), toUpper('ab'), trim('  x ')",
         rows: ["\"1.0\" | 42 | 1.5 | true | \"ab\" | \"AB\" | \"x\""]),
    Case(query: "RETURN split('a,b', ','), substring('hello', 1, 3), replace('aXa', 'X', 'b'), left('hello', 2), right('hello', 2)",
         rows: ["[\"a\", \"b\"] | \"ell\" | \"aba\" | \"he\" | \"lo\""]),
    Case(query: "RETURN abs(-2), ceil(1.2), floor(1.8), round(2.5), sign(-3), sqrt(16)", rows: ["2 | 2.0 | 1.0 | 3.0 | -1 | 4.0"]),
    // provenance and names
    Case(query: "MATCH (r:Role) WHERE cited(r) RETURN r", rows: ["(role:csr)"]),
    Case(query: "MATCH (r {name: 'customer service representative'}) RETURN citations(r)",
         rows: ["[{\"document\": \"doc:a\", \"gloss\": null, \"line\": 3, \"quote\": \"representatives answer questions\", \"via\": \"source:bls\"}]"]),
    Case(query: "MATCH (r:Role)-[e:WORKS_IN]->() WHERE cited(e) RETURN sources(e)", rows: ["[(doc:a), (source:bls)]"]),
    Case(query: "MATCH (r) WHERE named(r, 'KLANTENSERVICEMEDEWERKER') RETURN name(r), name(r, 'sv'), names(r).nl",
         rows: ["\"customer service representative\" | \"kundtjänstmedarbetare\" | [\"klantenservicemedewerker\"]"]),
]

@Suite struct ReadConformance {
    @Test(arguments: readCases)
    func query(_ c: Case) throws {
        let g = try Fixture.graph()
        var session = QuerySession(graph: g)
        let r = try session.run(c.query, parameters: c.params)
        let got = Fixture.rows(r, session.graph)
        if c.ordered {
            #expect(got == c.rows)
        } else {
            #expect(got.sorted() == c.rows.sorted())
        }
    }
}

/// Statements run in order in one session; the last one's rows are checked, and the stats of each.
struct WriteCase: CustomStringConvertible, Sendable {
    var statements: [String]
    var rows: [String]
    var stats: [String: Int]
    var description: String { statements.joined(separator: "; ") }
}

let writeCases: [WriteCase] = [
    WriteCase(statements: ["CREATE (a:X {v: 1})-[:R {w: 2}]->(b:X:Y {v: 2})", "MATCH (a:X)-[r:R]->(b) RETURN a.v, r.w, labels(b)"],
              rows: ["1 | 2 | [\"X\", \"Y\"]"], stats: ["+nodes": 2, "+relationships": 1, "+properties": 3, "+labels": 2]),
    WriteCase(statements: ["MATCH (s:Sector) SET s.size = 10, s:Big", "MATCH (s:Big) RETURN s.size"],
              rows: ["10"], stats: ["+properties": 1, "+labels": 1]),
    WriteCase(statements: ["MATCH (s:Sector) SET s += {a: 1, name: null}", "MATCH (s:Sector) RETURN s.a, s.name"],
              rows: ["1 | null"], stats: ["+properties": 1, "-properties": 1]),
    WriteCase(statements: ["MATCH (s:Sector) SET s = {only: true}", "MATCH (s:Sector) RETURN keys(s)"],
              rows: ["[\"only\"]"], stats: ["+properties": 1, "-properties": 1]),
    WriteCase(statements: ["MATCH (r:Role:Manager) REMOVE r:Manager, r.name", "MATCH (r:Role) WHERE r.name IS NULL RETURN labels(r)"],
              rows: ["[\"Role\"]"], stats: ["-labels": 1, "-properties": 1]),
    WriteCase(statements: ["MATCH ()-[e:REPORTS_TO]->() DELETE e", "MATCH ()-[e:REPORTS_TO]->() RETURN count(e)"],
              rows: ["0"], stats: ["-relationships": 2]),
    WriteCase(statements: ["MATCH (r:Role:Manager) DETACH DELETE r", "MATCH (r:Role) RETURN count(r)"],
              rows: ["2"], stats: ["-nodes": 1, "-relationships": 2]),
    WriteCase(statements: ["MERGE (s:Sector {name: 'retail'}) ON MATCH SET s.seen = true", "MATCH (s:Sector) RETURN count(s), s.seen"],
              rows: ["1 | true"], stats: ["+properties": 1]),
    WriteCase(statements: ["MERGE (s:Sector {name: 'banking'}) ON CREATE SET s.new = true", "MATCH (s:Sector) RETURN s.name, s.new ORDER BY s.name"],
              rows: ["\"banking\" | true", "\"retail\" | null"], stats: ["+nodes": 1, "+properties": 2, "+labels": 1]),
    WriteCase(statements: ["UNWIND range(1, 3) AS i CREATE (:N {i: i})", "MATCH (n:N) RETURN sum(n.i)"],
              rows: ["6"], stats: ["+nodes": 3, "+properties": 3, "+labels": 1]),
]

@Suite struct WriteConformance {
    @Test(arguments: writeCases)
    func statements(_ c: WriteCase) throws {
        var session = QuerySession(graph: try Fixture.graph())
        let first = try session.run(c.statements[0])
        #expect(first.stats.byName == c.stats)
        var last = first
        for s in c.statements.dropFirst() { last = try session.run(s) }
        #expect(Fixture.rows(last, session.graph).sorted() == c.rows.sorted())
    }

    @Test func deleteConnectedNodeFailsAndLeavesGraphUnchanged() throws {
        var session = QuerySession(graph: try Fixture.graph())
        #expect(throws: QueryError.self) { try session.run("MATCH (r:Role:Manager) DELETE r") }
        #expect(session.graph.nodeCount == 8)
        do {
            _ = try session.run("MATCH (r:Role:Manager) DELETE r")
        } catch {
            #expect(error.detail == .deleteConnectedNode)
        }
    }

    @Test func createdIDsAreUnique() throws {
        var session = QuerySession(graph: try Fixture.graph())
        let r = try session.run("UNWIND range(1, 5) AS i CREATE (n) RETURN id(n)")
        #expect(Set(r.rows.map { $0[0] }).count == 5)
    }
}
