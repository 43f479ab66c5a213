import Testing
import KGCore
import KGQuery
@testable import KGSpark

/// The SQL the compiler writes, checked without Spark: joins per pattern, openCypher's
/// meaning kept (null order, integer division, no casts across types), and a clear error for
/// every construct it does not translate.
@Suite struct SparkSQLCompilerTests {
    static let schema = SparkSchema(prefix: "g", nodeColumns: [
        PropertyColumn(key: "name", column: "p_name", type: .string),
        PropertyColumn(key: "age", column: "p_age", type: .bigint),
        PropertyColumn(key: "score", column: "p_score", type: .double),
        PropertyColumn(key: "born", column: "p_born", type: .json),
    ], relationshipColumns: [PropertyColumn(key: "since", column: "p_since", type: .bigint)])

    func compile(_ text: String) throws -> CompiledQuery {
        try SparkSQLCompiler(schema: Self.schema, text: text).compile(BoundStatement.bind(text))
    }

    func unsupported(_ text: String) -> QueryError? {
        do { _ = try compile(text); return nil } catch let e as QueryError { return e } catch { return nil }
    }

    @Test func labelScanWithPropertySeek() throws {
        let q = try compile("MATCH (p:Person {name: 'Ann'}) RETURN p.age AS age")
        #expect(q.columns == ["age"])
        #expect(q.types == [.int])
        #expect(q.sql == """
            SELECT _c0 AS `age`
            FROM (
            SELECT n0.p_age AS _c0
            FROM g_nodes AS n0
            WHERE (array_contains(n0.labels, 'Person'))
              AND ((n0.p_name = 'Ann'))
            ) AS q
            """)
    }

    @Test func patternDirectionsAndTypesAreJoins() throws {
        let out = try compile("MATCH (a)-[r:KNOWS|LIKES]->(b) RETURN a.name, b.name").sql
        #expect(out.contains("JOIN g_relationships AS r1 ON r1.`start` = n0.id AND r1.type IN ('KNOWS', 'LIKES')"))
        #expect(out.contains("JOIN g_nodes AS n2 ON n2.id = r1.`end`"))
        let incoming = try compile("MATCH (a)<-[:KNOWS]-(b) RETURN a.name").sql
        #expect(incoming.contains("ON r1.`end` = n0.id AND r1.type = 'KNOWS'"))
        #expect(incoming.contains("ON n2.id = r1.`start`"))
        let both = try compile("MATCH (a)-[:KNOWS]-(b) RETURN a.name").sql
        #expect(both.contains("(r1.`start` = n0.id OR r1.`end` = n0.id)"))
        #expect(both.contains("CASE WHEN r1.`start` = n0.id THEN r1.`end` ELSE r1.`start` END"))
    }

    @Test func relationshipsOfOneMatchAreDistinct() throws {
        let one = try compile("MATCH (a)-[:KNOWS]->(b)-[:KNOWS]->(c) RETURN c.name").sql
        #expect(one.contains("r1.id <> r3.id"))
        // Across MATCH clauses openCypher does not require it.
        let two = try compile("MATCH (a)-[:KNOWS]->(b) MATCH (b)-[:KNOWS]->(c) RETURN c.name").sql
        #expect(!two.contains("<>"))
        #expect(two.contains("ON r3.`start` = n2.id"))
    }

    @Test func aVariableBoundTwiceIsOneAlias() throws {
        let q = try compile("MATCH (a)-[:KNOWS]->(b), (b)-[:KNOWS]->(a) RETURN a.name").sql
        #expect(q.contains("WHERE (n0.id = r3.`end`)"))
        #expect(!q.contains("AS n4"))
    }

    @Test func aggregationGroupsByTheOtherColumns() throws {
        let q = try compile("MATCH (p:Person)-[:KNOWS]->(f) RETURN p.name AS who, count(*) AS n, sum(f.age) AS total, avg(f.score), collect(DISTINCT f.name) AS names")
        #expect(q.sql.contains("count(*) AS _c1, coalesce(sum(n2.p_age), 0L) AS _c2, avg(n2.p_score) AS _c3, collect_set(n2.p_name) AS _c4"))
        #expect(q.sql.contains("GROUP BY n0.p_name"))
        #expect(q.types == [.string, .int, .int, .float, .list(.string)])
        #expect(q.columns == ["who", "n", "total", "avg(f.score)", "names"])
    }

    @Test func aFloatSumOfNothingIsTheIntegerZero() throws {
        let q = try compile("MATCH (p:Person) RETURN sum(p.score) AS s, sum(p.nosuch) AS t ORDER BY s")
        #expect(q.sql.contains("sum(n0.p_score) AS _c0, coalesce(sum(CAST(NULL AS BIGINT)), 0L) AS _c1"))
        #expect(q.nullIsZero == [0])
        #expect(q.types == [.float, .int])
        #expect(q.sql.contains("ORDER BY coalesce(_c0, 0D) ASC NULLS LAST"))
        // Inside an expression the null could not stand for 0: refused rather than wrong.
        #expect(unsupported("MATCH (p) RETURN sum(p.score) + 1 AS s")?.message.contains("sum() of floats inside an expression") == true)
        #expect(SparkEngine.decode(.int(2), as: .float) == .float(2))
    }

    @Test func orderNullsAsOpenCypherSkipAndLimit() throws {
        let q = try compile("MATCH (p:Person) RETURN DISTINCT p.name AS name ORDER BY name DESC SKIP 2 LIMIT 3")
        #expect(q.sql.contains("SELECT DISTINCT n0.p_name AS _c0"))
        #expect(q.sql.hasSuffix("ORDER BY _c0 DESC NULLS FIRST\nLIMIT 3\nOFFSET 2"))
        let hidden = try compile("MATCH (p:Person) RETURN p.name ORDER BY p.age")
        #expect(hidden.sql.contains("n0.p_age AS _o0"))
        #expect(hidden.sql.contains("ORDER BY _o0 ASC NULLS LAST"))
        #expect(hidden.columns == ["p.name"])
    }

    @Test func expressionsKeepOpenCypherMeaning() throws {
        let q = try compile("MATCH (p) WHERE p.age / 2 > 3 AND p.name STARTS WITH 'A' AND p.age IN [1, 2] XOR p.score IS NULL RETURN p.name + '!' AS x, -p.age AS y")
        #expect(q.sql.contains("((n0.p_age div 2L) > 3L)"))
        #expect(q.sql.contains("startswith(n0.p_name, 'A')"))
        #expect(q.sql.contains("(n0.p_age IN (1L, 2L))"))
        #expect(q.sql.contains("concat(n0.p_name, '!')"))
        #expect(q.types == [.string, .int])
        // Values of different types are unequal, never cast into each other.
        let mixed = try compile("MATCH (p) WHERE p.name = 3 RETURN p.age").sql
        #expect(mixed.contains("CASE WHEN n0.p_name IS NULL OR 3L IS NULL THEN NULL ELSE FALSE END"))
        // A key no element has reads as null.
        let missing = try compile("MATCH (p) RETURN p.nosuch AS x")
        #expect(missing.sql.contains("NULL AS _c0"))
        #expect(try compile("MATCH (p) RETURN p.score * 2 AS s").types == [.float])
        #expect(try compile("MATCH (p)-[r]->(q) RETURN type(r), id(p), labels(q)").sql.contains("r1.type AS _c0, n0.id AS _c1, n2.labels AS _c2"))
    }

    @Test func literalsAreQuotedForSpark() throws {
        #expect(SparkSQLCompiler.literal("it's a \\ test\n") == "'it\\'s a \\\\ test\\n'")
        #expect(SparkSQLCompiler.identifier("a`b") == "`a``b`")
        let q = try compile("MATCH (p) WHERE p.score > 1.5 RETURN p.name AS `the name`")
        #expect(q.sql.contains("CAST('1.5' AS DOUBLE)"))
        #expect(q.sql.hasPrefix("SELECT _c0 AS `the name`"))
    }

    @Test(arguments: [
        ("MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN b.name", "OPTIONAL MATCH"),
        ("MATCH (a)-[*1..2]->(b) RETURN b.name", "variable-length"),
        ("MATCH (a) WITH a.name AS n RETURN n", "WITH"),
        ("MATCH (a) RETURN a", "whole node"),
        ("MATCH (a) RETURN a.name UNION MATCH (b) RETURN b.name AS `a.name`", "UNION"),
        ("UNWIND [1, 2] AS x RETURN x", "UNWIND"),
        ("MATCH (a) WHERE a.name = $n RETURN a.name", "parameter"),
        ("MATCH (a) RETURN a.born", "several types"),
        ("MATCH (a) RETURN toUpper(a.name)", "toUpper"),
        ("MATCH (a) RETURN CASE WHEN a.age > 1 THEN 1 ELSE 2 END", "CASE"),
        ("MATCH p = (a)-->(b) RETURN b.name", "path variable"),
        ("CREATE (a:X) RETURN a.name", "writing clause"),
        ("MATCH (a) RETURN a.name =~ 'x.*'", "=~"),
        ("PROFILE MATCH (a) RETURN a.name", "PROFILE"),
    ])
    func untranslatedConstructsAreNamed(text: String, construct: String) throws {
        let e = try #require(unsupported(text))
        #expect(e.detail == SparkSQLCompiler.unsupportedDetail)
        #expect(e.phase == .compileTime)
        #expect(e.message.contains(construct), "\(e.message)")
        #expect(e.message.contains("not translated to Spark SQL yet"))
    }

    @Test func errorsCarryThePosition() throws {
        let e = try #require(unsupported("MATCH (a)\nRETURN a.born"))
        #expect(e.line == 2)
        #expect(e.column == 8)
        #expect(e.lineText == "RETURN a.born")
    }

    @Test func schemaColumnsAndTypes() {
        #expect(SparkColumnType.of([.int(1), .null, .int(2)]) == .bigint)
        #expect(SparkColumnType.of([.int(1), .float(2)]) == .json)
        #expect(SparkColumnType.of([.float(.nan)]) == .json)
        #expect(SparkColumnType.of([.string("a")]) == .string)
        let cols = SparkSchema.columns(for: ["a b": .string, "a_b": .bigint, "A_B": .bigint])
        #expect(Set(cols.map(\.column)).count == 3)
        #expect(SparkSchema.isValidPrefix("cs_1"))
        #expect(!SparkSchema.isValidPrefix("1cs"))
        #expect(!SparkSchema.isValidPrefix("a-b"))
        #expect(!SparkSchema.isValidPrefix(""))
        let s = Self.schema
        #expect(SparkSchema(prefix: "g", rows: s.rows) == s)
    }
}
