/// The six benchmark queries (issue 9), written once so kgq and the Kùzu comparison
/// (`Benchmarks/compare_kuzu.py`, which holds the same texts) run the same work.
///
/// "One node" is the role named `BenchQueries.roleName` (`role:101` in a generated graph):
/// not the biggest hub, but a well-connected role, as a typical lookup would start from.
enum BenchQueries {
    static let roleName = "junior claims associate"

    static let all: [(name: String, text: String)] = [
        ("Q1 point lookup by name",
         "MATCH (r:Role) WHERE r.name = '\(roleName)' RETURN r.name, r.level"),
        ("Q2 one-hop expansion with a filter",
         "MATCH (r:Role {name: '\(roleName)'})-[:REQUIRES]->(s:Skill) WHERE s.category = 'technical' RETURN s.name"),
        ("Q3 two-hop pattern count",
         "MATCH (r:Role {name: '\(roleName)'})-[:REQUIRES]->(s:Skill)<-[:REQUIRES]-(o:Role) RETURN count(*)"),
        ("Q4 group-by over one type, top 10",
         "MATCH (r:Role)-[:REQUIRES]->(s:Skill) RETURN s.name AS skill, count(*) AS roles ORDER BY roles DESC, skill LIMIT 10"),
        ("Q5 variable-length *1..3 distinct endpoints",
         "MATCH (r:Role {name: '\(roleName)'})-[:ADVANCES_TO*1..3]->(x:Role) RETURN count(DISTINCT x)"),
        ("Q6 full scan with a string predicate",
         "MATCH (r:Role) WHERE r.name CONTAINS 'billing' RETURN count(*)"),
    ]
}
