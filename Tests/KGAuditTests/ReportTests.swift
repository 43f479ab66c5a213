import Foundation
import Testing
import KGCore
@testable import KGAudit

/// The four report formats on one small audited graph: golden files (regenerate with
/// `make audit-golden`, review the diff), the SARIF checked for its required members and,
/// when a schema and python's jsonschema are at hand, against the SARIF 2.1.0 schema.
@Suite struct ReportTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func report(baseline: Set<String> = []) -> AuditReport {
        var f = AuditFixture()
        let text = """
            Jobs grew as much as 16 percent since the start of 2011, says CareerBliss.
            The agency expects growth faster than average; another 5 percent by 2026.
            Pay was $ 28, 000 for 12 people.
            """
        f.document("doc:a", file: "a.txt", text: text)
        f.node("source:cb", ["Source"], ["name": .string("CareerBliss")], cites: [cite("doc:a", 1, "says CareerBliss")], line: 3)
        f.node("source:agency", ["Source"], ["name": .string("The Agency")], cites: [cite("doc:a", 2, "The agency")], line: 5)
        f.node("role:csr", ["Role"], ["name": .string("customer service representative")], line: 7)
        f.node("fig:growth", ["Figure"], ["value": .int(16), "unit": .string("percent"), "measure": .string("job growth"),
                                          "period_start": .date(KGDate(year: 2011)!)],
               cites: [cite("doc:a", 1, "grew as much as 61 percent", via: "source:cb")], line: 10)
        f.edge("fig:growth", "MEASURES", "role:csr", line: 12)
        f.node("claim:outlook", ["Claim"], ["measure": .string("employment growth"), "assessment": .string("faster than average")],
               cites: [cite("doc:a", 2, "growth faster than average", via: "source:agency")], line: 14)
        f.edge("claim:outlook", "MEASURES", "role:csr", line: 16)
        f.node("fig:outlook", ["Figure"], ["value": .int(5), "unit": .string("percent"), "measure": .string("employment growth"),
                                           "period_end": .date(KGDate(year: 2026)!)],
               cites: [cite("doc:a", 2, "another 5 percent by 2026", via: "source:agency")], line: 18)
        f.edge("fig:outlook", "MEASURES", "role:csr", line: 20)
        let context = f.context(texts: ["doc:a": text])
        return Audit().run(context, baseline: baseline)
    }

    static let options = ReportOptions(root: "/repo", toolVersion: "0.1.0-test", workingDirectory: "/repo")

    @Test(arguments: AuditReportFormat.allCases)
    func matchesGoldenFile(format: AuditReportFormat) throws {
        let rendered = format.render(ReportTests.report(), options: ReportTests.options)
        let ext = ["text": "txt", "json": "json", "sarif": "sarif", "markdown": "md"][format.rawValue]!
        let url = ReportTests.goldenDirectory.appendingPathComponent("report.\(ext)")
        if ProcessInfo.processInfo.environment["KGQ_UPDATE_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: ReportTests.goldenDirectory, withIntermediateDirectories: true)
            try rendered.write(to: url, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(rendered == golden, "rendered \(format.rawValue) differs from \(url.path); run `make audit-golden` and review the diff")
    }

    @Test func reportCoversEveryKindOfFinding() {
        let report = ReportTests.report()
        let rules = Set(report.findings.map(\.ruleID))
        #expect(rules == ["uncited-statement", "quote-not-found", "second-hand-only", "conflicting-statements",
                          "stale-figure", "single-source", "uncaptured-number", "value-not-in-quote", "attribution-mismatch"])
        #expect(report.findings.map(\.severity) == report.findings.map(\.severity).sorted(by: >))
        #expect(report.summaryLine.hasPrefix("\(report.findings.count) findings: 3 errors"))
    }

    @Test func textReportStartsWithWhatEachRuleChecked() {
        let report = ReportTests.report()
        let text = TextReport(options: ReportTests.options).render(report)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "rules: \(BuiltinRules.all.count) ran")
        // One line per rule, in rule order, before any finding.
        #expect(Array(lines[1...BuiltinRules.all.count]).map { $0.split(separator: ":").first.map(String.init) }
                == BuiltinRules.all.map { "  " + $0.id })
        #expect(lines.contains("  quote-not-found: 5 quotes checked, 1 error"))
        #expect(lines.contains("  document-changed: 1 document checked, 0 findings"))
        #expect(lines.contains("  single-source: 3 figures and claims checked, 3 info"))
        #expect(lines.contains("  stale-figure: 3 figures and claims checked (2 dated, 0 by their document's date, 1 undated with documents of unknown date), 1 info"))
        #expect(text.firstRange(of: "rules:")!.lowerBound < text.firstRange(of: "ERRORS")!.lowerBound)
    }

    @Test func infoFindingsCollapsePerRuleUnlessVerbose() {
        let report = ReportTests.report()
        let short = TextReport(options: ReportTests.options).render(report)
        #expect(short.contains("INFO (4, one line per rule; --verbose lists each)"))
        #expect(short.contains("  single-source (3): fig:growth (graphs/t/g.kg:10), claim:outlook (graphs/t/g.kg:14), fig:outlook (graphs/t/g.kg:18)\n"))
        #expect(!short.contains("info[single-source]"))
        // Errors and warnings stay in full.
        #expect(short.contains("error[quote-not-found] node fig:growth citation #1"))
        #expect(short.contains("warning[second-hand-only] node fig:outlook"))
        var verbose = ReportTests.options
        verbose.verbose = true
        let long = TextReport(options: verbose).render(report)
        #expect(long.contains("INFO (4)\n"))
        #expect(long.components(separatedBy: "info[single-source]").count == 4)
    }

    @Test func skippedRulesSayWhy() {
        var f = AuditFixture()
        f.node("role:csr", ["Role"], ["name": .string("csr")], line: 1)
        let report = Audit().run(f.context())
        let text = TextReport().render(report)
        #expect(text.contains("  quote-not-found: skipped (needs --documents)"))
        #expect(text.hasPrefix("rules: 9 ran, 4 not run without --documents: document-changed, quote-not-found, missing-attribution, uncaptured-number\n"))
        #expect(report.ruleRuns.first { $0.ruleID == "uncited-statement" }?.description
                == "uncited-statement: 1 node or relationship checked, 1 error")
    }

    @Test func collapsedLineNamesAFewAndCountsTheRest() {
        var f = AuditFixture()
        f.document("doc:a", file: "a.txt", text: "x")
        for n in 1...9 {
            f.node("fig:\(n)", ["Figure"], ["value": .int(n)], cites: [cite("doc:a", 1, "x")], line: n)
        }
        let report = Audit(rules: [SingleSource()]).run(f.context())
        let text = TextReport(options: ReportTests.options).render(report)
        #expect(text.contains("  single-source (9): fig:1 (graphs/t/g.kg:1), fig:2 (graphs/t/g.kg:2), fig:3 (graphs/t/g.kg:3), fig:4 (graphs/t/g.kg:4), fig:5 (graphs/t/g.kg:5), fig:6 (graphs/t/g.kg:6), … and 3 more\n"))
    }

    @Test func sarifPathsAreRelativeToTheBaseAndNeverClimbOut() throws {
        let report = ReportTests.report()
        let sarif = SARIFReport(options: ReportTests.options).render(report)
        #expect(!sarif.contains("../"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases["%SRCROOT%"] == ["uri": "file:///repo/"])
        // The documents folder lies outside the base: an absolute URI, not ../shared/docs.
        #expect(bases["DOCUMENTS"] == ["uri": "file:///shared/docs/"])
        // A documents folder inside the base is given relative to it.
        var inside = report
        inside.documentsDirectory = "/repo/seeds/"
        let second = try #require(try JSONSerialization.jsonObject(
            with: Data(SARIFReport(options: ReportTests.options).render(inside).utf8)) as? [String: Any])
        let bases2 = try #require(((second["runs"] as? [[String: Any]])?.first)?["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases2["DOCUMENTS"] == ["uri": "seeds/", "uriBaseId": "%SRCROOT%"])
    }

    @Test func pathsOutsideTheBaseAreAbsoluteAndRelativePathsAreReadFromTheWorkingDirectory() {
        let o = ReportOptions(root: "/work/repo", workingDirectory: "/work/repo/docs")
        #expect(o.inside("../graphs/g/a.kg") == "graphs/g/a.kg")
        #expect(o.inside("/work/repo/graphs/../graphs/g/a.kg") == "graphs/g/a.kg")
        #expect(o.inside("/work/shared/seeds") == nil)
        #expect(o.inside("/work/repository/a.kg") == nil)
        let sarif = SARIFReport(options: o)
        let loc = sarif.graphLocation(SourceLocation(file: "/elsewhere/g/a.kg", line: 3, column: 1))
        #expect(loc.rendered().contains("\"file:///elsewhere/g/a.kg\""))
        #expect(!loc.rendered().contains("uriBaseId"))
    }

    @Test func baselineSuppressesKnownFindingsAndSaysHowMany() throws {
        let first = ReportTests.report()
        let json = JSONReport(options: ReportTests.options).render(first)
        let fingerprints = try Baseline.fingerprints(fromReport: Data(json.utf8), file: "base.json")
        #expect(fingerprints.count == first.findings.count)
        let sarif = SARIFReport(options: ReportTests.options).render(first)
        #expect(try Baseline.fingerprints(fromReport: Data(sarif.utf8), file: "base.sarif") == fingerprints)
        let one = first.findings[0].fingerprint
        let second = ReportTests.report(baseline: [one])
        #expect(second.findings.count == first.findings.count - 1 && second.suppressed == 1)
        #expect(second.summaryLine.contains("(1 suppressed by the baseline)"))
        #expect(!second.fails(at: nil) && first.fails(at: .error))
    }

    @Test func baselineThatIsNotAReportIsADiagnostic() {
        #expect(throws: Diagnostic.self) { try Baseline.fingerprints(fromReport: Data("[1,2]".utf8), file: "b.json") }
        #expect(throws: Diagnostic.self) { try Baseline.fingerprints(fromReport: Data("not json".utf8), file: "b.json") }
        #expect(throws: Diagnostic.self) { try Baseline.fingerprints(fromReport: Data("{}".utf8), file: "b.json") }
    }

    @Test func sarifHasTheMembersCodeScanningNeeds() throws {
        let report = ReportTests.report()
        let data = Data(SARIFReport(options: ReportTests.options).render(report).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["version"] as? String == "2.1.0")
        #expect((root["$schema"] as? String)?.hasSuffix("sarif-schema-2.1.0.json") == true)
        let run = try #require((root["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == BuiltinRules.all.map(\.id))
        #expect(rules.allSatisfy { ($0["defaultConfiguration"] as? [String: Any])?["level"] != nil && $0["help"] != nil })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == report.findings.count)
        for r in results {
            let index = try #require(r["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == r["ruleId"] as? String)
            #expect(["error", "warning", "note"].contains(r["level"] as? String ?? ""))
            let loc = try #require((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
            let artifact = try #require(loc["artifactLocation"] as? [String: Any])
            #expect((artifact["uri"] as? String)?.hasPrefix("graphs/t/") == true)   // relative to the root
            #expect(((loc["region"] as? [String: Any])?["startLine"] as? Int ?? 0) >= 1)
            #expect((r["partialFingerprints"] as? [String: String])?[SARIFReport.fingerprintKey]?.count == 32)
        }
    }

    /// Validates against the official schema when `KGQ_SARIF_SCHEMA` names sarif-schema-2.1.0.json
    /// and python3 has `jsonschema` (`make audit-sarif-check` sets both up in a throwaway venv).
    @Test(.enabled(if: ReportTests.schemaCheckAvailable,
                   "set KGQ_SARIF_SCHEMA to sarif-schema-2.1.0.json and KGQ_PYTHON to a python with jsonschema"))
    func sarifIsValidAgainstTheSchema() throws {
        let env = ProcessInfo.processInfo.environment
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kgq-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let sarif = dir.appendingPathComponent("report.sarif")
        try SARIFReport(options: ReportTests.options).render(ReportTests.report()).write(to: sarif, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
            cls = jsonschema.validators.validator_for(schema)
            errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(doc))
            for e in errors[:10]: print(list(e.absolute_path), e.message)
            sys.exit(1 if errors else 0)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: env["KGQ_PYTHON"] ?? "/usr/bin/python3")
        p.arguments = ["-c", script, env["KGQ_SARIF_SCHEMA"] ?? "", sarif.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "SARIF does not validate: \(output)")
    }

    static var schemaCheckAvailable: Bool {
        let env = ProcessInfo.processInfo.environment
        guard let schema = env["KGQ_SARIF_SCHEMA"], FileManager.default.fileExists(atPath: schema) else { return false }
        let python = env["KGQ_PYTHON"] ?? "/usr/bin/python3"
        return FileManager.default.isExecutableFile(atPath: python)
    }
}
