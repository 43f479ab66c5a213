import Foundation
import KGCore
import KGQuery

/// What went wrong talking to Spark: the engine's own message, and how to fix it.
public struct SparkError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var help: String?
    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }
    public var description: String { message }
    public var diagnostic: Diagnostic { Diagnostic(.error, message, help: help) }
}

/// A Spark Connect session (`sc://host:port`) held open by a pyspark client in a child process,
/// spoken to in JSON lines over its stdin and stdout (docs/spark.md says why this transport).
///
///     let spark = try SparkConnection(url: "sc://127.0.0.1:15002")
///     let rows = try spark.sql("SELECT 1")
public final class SparkConnection: @unchecked Sendable {
    public let url: String
    /// The Spark version the server reported.
    public private(set) var version = ""
    private let process = Process()
    private let input: FileHandle
    private let output: FileHandle
    private var buffer: [UInt8] = []

    /// The Python with pyspark: `$KGQ_SPARK_PYTHON`, else the venv of `make spark-deps` when it
    /// is in the current folder, else `python3` on PATH.
    public static func python(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let p = environment["KGQ_SPARK_PYTHON"], !p.isEmpty { return p }
        let venv = ".build/spark-venv/bin/python"
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "python3"
    }

    /// Checks that `url` is a Spark Connect address: `sc://host:port`.
    public static func validate(url: String) throws(SparkError) {
        guard url.hasPrefix("sc://"), url.count > 5 else {
            throw SparkError("--engine '\(url)' is not a Spark Connect address",
                             help: "give sc://HOST:PORT, e.g. --engine sc://127.0.0.1:15002 (make spark-start runs one)")
        }
    }

    public init(url: String, python: String = SparkConnection.python()) throws(SparkError) {
        try Self.validate(url: url)
        self.url = url
        let stdin = Pipe(), stdout = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", BridgeScript.source, url]
        process.standardInput = stdin
        process.standardOutput = stdout
        if ProcessInfo.processInfo.environment["KGQ_SPARK_DEBUG"] == nil { process.standardError = FileHandle.nullDevice }
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        do { try process.run() } catch {
            throw SparkError("cannot start \(python) for the Spark client: \(error.localizedDescription)",
                             help: "run 'make spark-deps', or set KGQ_SPARK_PYTHON to a python with pyspark[connect]")
        }
        let hello: [String: QueryValue]
        do { hello = try readAnswer() } catch {
            throw SparkError("the Spark client (\(python)) exited before connecting to \(url)",
                             help: "check that \(python) has pyspark[connect] ('make spark-deps'); KGQ_SPARK_DEBUG=1 shows its output")
        }
        if case .string(let v)? = hello["ready"] { version = v; return }
        let message = hello["error"].flatMap { if case .string(let s) = $0 { return s } else { return nil } } ?? "no answer"
        throw SparkError("cannot open a Spark Connect session at \(url): \(message)",
                         help: "start a server (make spark-start) or check the address")
    }

    deinit {
        try? input.close()
        process.waitUntilExit()
    }

    /// Runs `sql` and returns its rows, each cell as JSON decodes it.
    public func sql(_ sql: String) throws(SparkError) -> [[QueryValue]] {
        let answer = try request([("op", JSONText.string("sql")), ("sql", JSONText.string(sql))])
        guard case .list(let rows)? = answer["rows"] else { throw SparkError("the Spark client answered without rows") }
        return rows.map { if case .list(let cells) = $0 { return cells } else { return [$0] } }
    }

    /// Spark's plan of `sql` (EXPLAIN FORMATTED).
    public func explain(_ sql: String) throws(SparkError) -> String {
        let answer = try request([("op", JSONText.string("explain")), ("sql", JSONText.string(sql))])
        guard case .string(let plan)? = answer["plan"] else { throw SparkError("the Spark client answered without a plan") }
        return plan
    }

    /// Reads a staged JSON-lines file into the Parquet table it is staged for; returns its row count.
    public func load(_ t: StagedTable, partitions: Int) throws(SparkError) -> Int {
        let answer = try request([("op", JSONText.string("load")), ("table", JSONText.string(t.name)), ("ddl", JSONText.string(t.ddl)),
                                  ("file", JSONText.string(t.file)), ("partitions", "\(partitions)"), ("by", JSONText.string(t.partitionColumn))])
        guard case .int(let n)? = answer["rows"] else { throw SparkError("the Spark client answered without a row count") }
        return n
    }

    private func request(_ members: [(String, String)]) throws(SparkError) -> [String: QueryValue] {
        do { try input.write(contentsOf: Data((JSONText.object(members) + "\n").utf8)) } catch {
            throw SparkError("the Spark client has exited", help: "KGQ_SPARK_DEBUG=1 shows its output")
        }
        let answer = try readAnswer()
        if case .string(let message)? = answer["error"] {
            throw SparkError("Spark: " + message, help: Self.help(for: message))
        }
        return answer
    }

    private static func help(for message: String) -> String? {
        if message.contains("TABLE_OR_VIEW_NOT_FOUND") {
            return "push the graph first: kgq push --engine URL --graph DIR --table-prefix P (with the same prefix)"
        }
        return nil
    }

    private func readAnswer() throws(SparkError) -> [String: QueryValue] {
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                let value: QueryValue
                do { value = try ResultJSON.read(line) } catch {
                    throw SparkError("the Spark client's answer is not JSON (\(error)): \(line.prefix(200))")
                }
                guard case .map(let m) = value else { throw SparkError("the Spark client's answer is not a JSON object") }
                return m
            }
            let chunk = output.availableData
            if chunk.isEmpty { throw SparkError("the Spark client has exited", help: "KGQ_SPARK_DEBUG=1 shows its output") }
            buffer.append(contentsOf: chunk)
        }
    }
}
