import Foundation
import KGTestSupport
import Testing

/// `kgq audit` on the default graph (graphs/customer-service) with the seed documents, and on
/// copies of it broken the way a fact-checker would notice: each break must be reported.
@Suite(.enabled(if: AuditCLI.binaryExists && SeedFolder.path != nil, "build kgq first; needs ../shared/seeds"))
struct DefaultGraphAuditTests {
    static let graph = AuditCLI.root.appendingPathComponent("graphs/customer-service")

    /// The JSON report of `kgq audit` on `folder`: findings as (rule, severity, focus id, message).
    static func audit(_ folder: URL) throws -> (rules: [String: [String: Int]], findings: [(rule: String, severity: String, id: String, message: String)]) {
        let run = KGTestSupport.runKGQ(["audit", "--graph", folder.path, "--documents", SeedFolder.path!, "--format", "json",
                                        "--fail-on", "never", "--today", "2026-12-01"], directory: AuditCLI.root)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        var rules: [String: [String: Int]] = [:]
        for r in json["rules"] as? [[String: Any]] ?? [] {
            rules[r["id"] as? String ?? "?"] = r["findings"] as? [String: Int] ?? [:]
        }
        let findings = (json["findings"] as? [[String: Any]] ?? []).map { f in
            (rule: f["ruleId"] as? String ?? "", severity: f["severity"] as? String ?? "",
             id: (f["focus"] as? [String: Any])?["id"] as? String ?? "", message: f["message"] as? String ?? "")
        }
        return (rules, findings)
    }

    /// A copy of the default graph with `edit` applied to one file's text.
    static func copy(editing file: String, _ edit: (String) -> String) throws -> URL {
        let dir = try KGTestSupport.temporaryFolder("kgq-default-audit")
        let target = dir.appendingPathComponent("customer-service")
        try FileManager.default.copyItem(at: graph, to: target)
        let path = target.appendingPathComponent(file)
        let before = try String(contentsOf: path, encoding: .utf8)
        let after = edit(before)
        #expect(after != before, "the edit of \(file) changed nothing")
        try after.write(to: path, atomically: true, encoding: .utf8)
        return target
    }

    @Test func theDefaultGraphHasNoErrorAndOnlyTheWarningsAPersonAgreesWith() throws {
        let report = try Self.audit(Self.graph)
        #expect(report.findings.filter { $0.severity == "error" }.map(\.message) == [])
        // Statements the documents attribute to an original source (BLS, CareerBliss, PayScale,
        // the quoted executives) are second-hand; the Dutch "faster than average" faces the
        // Swedish 5 percent for 2016–2026. Nothing else.
        let warnings = report.findings.filter { $0.severity == "warning" }
        #expect(Set(warnings.map(\.rule)) == ["second-hand-only", "conflicting-statements"])
        #expect(report.rules["conflicting-statements"]?["warning"] == 1)
        #expect(report.rules["second-hand-only"]?["warning"] == 25)
        for rule in ["missing-attribution", "attribution-mismatch", "uncaptured-number", "value-not-in-quote", "quote-not-found"] {
            #expect(report.rules[rule]?.values.reduce(0, +) == 0, "\(rule): \(report.findings.filter { $0.rule == rule }.map(\.message))")
        }
        #expect(warnings.contains { $0.rule == "second-hand-only" && $0.id == "claim:greatest-growth-sectors" })
    }

    @Test(arguments: [
        ("value: 15.81", "value: 15.18", "fig:median-hourly-wage-2017"),
        ("  value: 36\n", "  value: 3.6\n", "fig:call-center-employment-growth-2016-2026"),
        ("  value: 28000\n", "  value: 28\n", "fig:payscale-pay-0-5-years"),
        ("localtime(\"18:25\")", "localtime(\"18:52\")", "fig:example-customer-arrival-time"),
        ("stated: \"en av fem\"", "stated: \"one in five\"", "fig:part-time-share"),
    ])
    func aMistypedFigureIsAnError(old: String, new: String, id: String) throws {
        let folder = try Self.copy(editing: "figures.kg") { $0.replacingOccurrences(of: old, with: new) }
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let errors = try Self.audit(folder).findings.filter { $0.severity == "error" }
        #expect(errors.map(\.rule) == ["value-not-in-quote"])
        #expect(errors.map(\.id) == [id])
    }

    @Test func aRemovedViaIsNoticedTwice() throws {
        let folder = try Self.copy(editing: "figures.kg") {
            $0.replacingOccurrences(of: "per maj 2017 15, 81 dollar\" gloss \"the median hourly wage for customer service representatives as of May 2017 was 15.81 dollars\" via source:bls",
                                    with: "per maj 2017 15, 81 dollar\" gloss \"the median hourly wage for customer service representatives as of May 2017 was 15.81 dollars\"")
        }
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let findings = try Self.audit(folder).findings.filter { $0.id == "fig:median-hourly-wage-2017" }
        let missing = try #require(findings.first { $0.rule == "missing-attribution" })
        #expect(missing.message.contains("attributes it to U.S. Bureau of Labor Statistics (\"enligt BLS\")"))
        #expect(findings.contains { $0.rule == "attribution-mismatch" })
    }

    @Test func aDeletedFigureIsAnUncapturedNumber() throws {
        let folder = try Self.copy(editing: "figures.kg") { text in
            guard let start = text.range(of: "node fig:call-center-employment-growth-2016-2026") else { return text }
            return String(text[..<start.lowerBound])   // the figure and its MEASURES edge are the file's end
        }
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let uncaptured = try Self.audit(folder).findings.filter { $0.rule == "uncaptured-number" }
        #expect(uncaptured.count == 1)
        #expect(uncaptured.first?.message.hasPrefix("percentage \"36 procent\" on 004_e27fcd4771a3fa61.txt:28") == true)
    }

    @Test func retailTwentyFourHourSchedulingIsNoFigure() throws {
        let run = KGTestSupport.runKGQ(["query", "--format", "json",
                                        "MATCH (f:Figure)-[:MEASURES]->(s) WHERE named(s, 'detaljhandel') RETURN f.value"],
                                       directory: AuditCLI.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"rows\": []"), "\(run.stdout)")
        let claim = KGTestSupport.runKGQ(["query", "--format", "json",
                                          "MATCH (c:Claim)-[:MEASURES]->(s) WHERE named(s, 'detaljhandel') RETURN c.assessment"],
                                         directory: AuditCLI.root)
        #expect(claim.stdout.contains("not the norm"), "\(claim.stdout)")
    }

    @Test func theMapOfTheDefaultGraphShowsItsCitationsAndFindings() throws {
        let dir = try KGTestSupport.temporaryFolder("kgq-default-map")
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("map.svg").path
        let run = KGTestSupport.runKGQ(["audit", "--documents", SeedFolder.path!, "--fail-on", "never", "--map", svg],
                                       directory: AuditCLI.root)
        #expect(run.status == 0, "\(run.stderr)")
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(!picture.contains("uncited"))
        #expect(picture.contains("15, 81 dollar"), "the wage figure's quote is in its tooltip")
        #expect(picture.contains("warning second&#45;hand&#45;only") || picture.contains("warning second-hand-only"))
        #expect(picture.contains("· warning (") && !picture.contains("· error ("), "warnings drawn, no error")
        #expect(run.stderr.contains("0 error,"), "\(run.stderr)")
    }
}
