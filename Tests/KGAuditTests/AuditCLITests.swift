import Foundation
import KGTestSupport
import Testing

/// Where the built binary and the audit fixture are.
enum AuditCLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/kgq").path
    static let graph = root.appendingPathComponent("Tests/Fixtures/audit/graph").path
    static let documents = root.appendingPathComponent("Tests/Fixtures/audit/documents").path
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary) }
}

/// `kgq audit` end to end on Tests/Fixtures/audit: exit codes, formats, baseline, map.
@Suite(.enabled(if: AuditCLI.binaryExists, "build kgq first (swift build)"))
struct AuditCLITests {
    static func kgq(_ arguments: [String]) throws -> KGQRun { KGTestSupport.runKGQ(arguments, directory: AuditCLI.root) }

    static let base = ["audit", "--graph", AuditCLI.graph, "--documents", AuditCLI.documents, "--today", "2026-11-23"]

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func textReportOnTheFixtureFailsOnItsErrors() throws {
        let run = try Self.kgq(Self.base)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("Tests/Fixtures/audit/graph/statements.kg:19:1: error[uncited-statement] node skill:listening"))
        #expect(run.stdout.contains("error[quote-not-found] node fig:pay citation #1"))
        #expect(run.stdout.contains("nearest match on line 5"))
        #expect(run.stdout.contains("warning[conflicting-statements] node claim:labour-outlook"))
        #expect(run.stdout.contains("percentage \"40 percent\" on report.txt:5"))
        #expect(!run.stdout.contains("second-hand-only] node fig:acme-growth"))   // Acme's own survey is cited
        // The fixture's attributed statements have no REPORTS edges.
        #expect(run.stdout.contains("warning[attribution-mismatch] node fig:acme-growth citation #1"))
        #expect(run.stdout.hasSuffix("summary: 15 findings: 2 errors, 7 warnings, 6 info\n"))
    }

    @Test(arguments: [("error", 1), ("warning", 1), ("info", 1), ("never", 0)] as [(String, Int32)])
    func failOnDecidesTheExitCode(threshold: String, status: Int32) throws {
        #expect(try Self.kgq(Self.base + ["--fail-on", threshold]).status == status)
    }

    @Test func onlyWarningsAndInfoPassTheDefaultThreshold() throws {
        let run = try Self.kgq(Self.base + ["--rule", "second-hand-only", "--rule", "stale-figure"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("summary: 5 findings: 0 errors, 2 warnings, 3 info\n"))
        #expect(try Self.kgq(Self.base + ["--rule", "second-hand-only", "--fail-on", "warning"]).status == 1)
    }

    @Test(arguments: [
        ["--rule", "uncited-statment"],
        ["--format", "yaml"],
        ["--fail-on", "sometimes"],
        ["--today", "yesterday"],
        ["--map", "map.txt"],
        ["--baseline", "/nonexistent/baseline.json"],
    ])
    func usageAndInputErrorsExitTwo(extra: [String]) throws {
        let run = try Self.kgq(Self.base + extra)
        #expect(run.status == 2, "\(extra): \(run.stderr)")
        #expect(!run.stderr.isEmpty && run.stdout.isEmpty)
    }

    @Test func unknownRuleSuggestsTheNearestOne() throws {
        let run = try Self.kgq(Self.base + ["--rule", "uncited-statment"])
        #expect(run.stderr.contains("did you mean 'uncited-statement'"))
        let far = try Self.kgq(Self.base + ["--rule", "no-such-rule"])
        #expect(far.status == 2)
        #expect(far.stderr.contains("unknown rule 'no-such-rule'"))
        #expect(!far.stderr.contains("did you mean"), "no random rule: \(far.stderr)")
        #expect(far.stderr.contains("rules: uncited-statement,"))
    }

    @Test func missingGraphIsAnInputError() throws {
        #expect(try Self.kgq(["audit", "--graph", "/nonexistent/graph"]).status == 2)
    }

    @Test func withoutDocumentsTheTextRulesAreNamedAsNotRun() throws {
        let run = try Self.kgq(["audit", "--graph", AuditCLI.graph, "--today", "2026-11-23"])
        #expect(run.stdout.contains("not run without --documents: document-changed, quote-not-found, missing-attribution, uncaptured-number"))
        #expect(!run.stdout.contains("quote-not-found]"))
    }

    @Test func baselineSuppressesEverythingItRecorded() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for format in ["json", "sarif"] {
            let path = dir.appendingPathComponent("baseline.\(format)").path
            let first = try Self.kgq(Self.base + ["--format", format, "-o", path, "--fail-on", "never"])
            #expect(first.status == 0 && first.stdout.isEmpty, "\(first.stderr)")
            #expect(first.stderr.contains("wrote \(path)"))
            let second = try Self.kgq(Self.base + ["--baseline", path])
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.hasSuffix("summary: 0 findings: 0 errors, 0 warnings, 0 info (15 suppressed by the baseline)\n"))
        }
    }

    @Test func jsonAndSarifAreWellFormedAndAgree() throws {
        let json = try Self.kgq(Self.base + ["--format", "json", "--fail-on", "never"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.count == 15)
        #expect((findings.first?["location"] as? [String: Any])?["file"] as? String == "Tests/Fixtures/audit/graph/statements.kg")
        let sarif = try Self.kgq(Self.base + ["--format", "sarif", "--fail-on", "never"])
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let fromSarif = Set(results.compactMap { ($0["partialFingerprints"] as? [String: String])?["kgqFinding/v1"] })
        #expect(fromSarif == Set(findings.compactMap { $0["fingerprint"] as? String }))
        let markdown = try Self.kgq(Self.base + ["--format", "markdown", "--fail-on", "never"])
        #expect(markdown.stdout.hasPrefix("## Citation audit\n\n15 findings"))
    }

    @Test func sarifIsRelativeToTheBaseAndNeverClimbsOut() throws {
        let run = try Self.kgq(Self.base + ["--format", "sarif", "--fail-on", "never"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("../"))
        let log = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let sarifRun = try #require((log["runs"] as? [[String: Any]])?.first)
        let bases = try #require(sarifRun["originalUriBaseIds"] as? [String: [String: String]])
        // By default the base is the graph folder's repository root (this checkout).
        #expect(bases["%SRCROOT%"]?["uri"] == URL(fileURLWithPath: AuditCLI.root.path).standardizedFileURL.absoluteString)
        #expect(bases["DOCUMENTS"] == ["uri": "Tests/Fixtures/audit/documents/", "uriBaseId": "%SRCROOT%"])
        // --base moves it: the graph's files are then relative to the new base.
        let graphBase = try Self.kgq(Self.base + ["--format", "sarif", "--fail-on", "never", "--base", AuditCLI.graph])
        #expect(graphBase.stdout.contains("\"uri\": \"statements.kg\""))
        #expect(graphBase.stdout.contains("\"uri\": \"file://\(AuditCLI.documents)/\""))
        #expect(!graphBase.stdout.contains("../"))
    }

    @Test func baseMustBeAFolder() throws {
        let run = try Self.kgq(Self.base + ["--base", "/nonexistent/folder"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--base '/nonexistent/folder' is not a folder"))
    }

    @Test func verboseListsEveryInfoFinding() throws {
        let short = try Self.kgq(Self.base + ["--fail-on", "never"])
        #expect(short.stdout.hasPrefix("rules: 13 ran\n  uncited-statement: "))
        #expect(short.stdout.contains("one line per rule; --verbose lists each"))
        #expect(!short.stdout.contains("info[single-source]"))
        let long = try Self.kgq(Self.base + ["--fail-on", "never", "--verbose"])
        #expect(long.stdout.contains("info[single-source]"))
    }

    @Test func mapIsDrawnThroughTheExporters() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = dir.appendingPathComponent("map.dot").path
        let run = try Self.kgq(Self.base + ["--fail-on", "never", "--map", dot])
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(text.hasPrefix("digraph") || text.hasPrefix("strict digraph"))
        for id in ["doc:report", "source:labour", "fig:labour-growth", "ATTRIBUTES_TO", "REPORTS"] {
            #expect(text.contains(id), "map lacks \(id)")
        }
        let svg = dir.appendingPathComponent("map.svg").path
        let drawn = try Self.kgq(Self.base + ["--fail-on", "never", "--map", svg])
        #expect(drawn.status == 0)
        #expect(drawn.stderr.contains("citation map:") && drawn.stderr.contains(" error"), "\(drawn.stderr)")
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.contains("<svg"))
        // Coloured by severity, a legend saying so, tooltips with the citations.
        #expect(picture.contains("#b71c1c") && picture.contains("#c77700"), "no error or warning colour")
        #expect(picture.contains("Colour: the worst audit finding"))
        #expect(!picture.contains("(uncited)"))
        #expect(picture.contains("xlink:title=\"fig:pay&#10;"), "figure tooltip")
        #expect(picture.contains("error quote&#45;not&#45;found") || picture.contains("error quote-not-found"), "finding in a tooltip")
    }
}
