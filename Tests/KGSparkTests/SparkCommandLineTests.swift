import Testing
import KGTestSupport

/// `kgq push` and `kgq query --engine` refuse bad input before any Spark is needed: a clear
/// error with a fix, exit code 2.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct SparkCommandLineTests {
    static let query = "MATCH (r:Role) RETURN r.name"

    @Test func anAddressThatIsNotSparkConnect() {
        let r = KGTestSupport.runKGQ(["query", "--engine", "http://localhost:15002", "--table-prefix", "cs", Self.query])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a Spark Connect address"))
        #expect(r.stderr.contains("sc://HOST:PORT"))
        let push = KGTestSupport.runKGQ(["push", "--engine", "localhost", "--table-prefix", "cs"])
        #expect(push.status == 2)
        #expect(push.stderr.contains("not a Spark Connect address"))
    }

    @Test func aPrefixThatIsNotATableName() {
        let r = KGTestSupport.runKGQ(["push", "--engine", "sc://127.0.0.1:15002", "--table-prefix", "1-bad"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--table-prefix '1-bad' is not a table name prefix"))
        let q = KGTestSupport.runKGQ(["query", "--engine", "sc://127.0.0.1:1", "--table-prefix", "a b", Self.query])
        #expect(q.status == 2)
        #expect(q.stderr.contains("not a table name prefix"), "\(q.stderr)")
    }

    @Test func flagsThatNeedTheOther() {
        let noPrefix = KGTestSupport.runKGQ(["query", "--engine", "sc://127.0.0.1:1", Self.query])
        #expect(noPrefix.status == 2)
        #expect(noPrefix.stderr.contains("--engine needs --table-prefix"))
        let noEngine = KGTestSupport.runKGQ(["query", "--table-prefix", "cs", Self.query])
        #expect(noEngine.status == 2)
        #expect(noEngine.stderr.contains("--table-prefix goes with --engine"))
        let write = KGTestSupport.runKGQ(["query", "--engine", "sc://127.0.0.1:1", "--table-prefix", "cs", "--write", Self.query])
        #expect(write.status == 2)
        #expect(write.stderr.contains("read-only"))
        let params = KGTestSupport.runKGQ(["query", "--engine", "sc://127.0.0.1:1", "--table-prefix", "cs", "--param", "n=1", Self.query])
        #expect(params.status == 2)
        #expect(params.stderr.contains("parameters are not translated"))
    }

    @Test func nothingListeningIsAnErrorInSeconds() {
        let r = KGTestSupport.runKGQ(["query", "--engine", "sc://127.0.0.1:1", "--table-prefix", "cs", Self.query],
                                     environment: ["KGQ_SPARK_PYTHON": "python3"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("127.0.0.1:1"), "\(r.stderr)")
        #expect(!r.stderr.contains("Fatal error"))
    }
}
