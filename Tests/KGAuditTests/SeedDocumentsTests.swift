import Foundation
import Testing
import KGCore
import KGTestSupport
@testable import KGAudit

/// The rules on the real seed documents (../shared/seeds, looked for above the package root),
/// with a few statements modelled as the default graph models them. Skipped when absent.
enum SeedFolder {
    /// The seed documents folder, or nil.
    static let path: String? = KGTestSupport.seedsFolder?.path
}

@Suite(.enabled(if: SeedFolder.path != nil, "../shared/seeds not found above the package root"))
struct SeedDocumentsTests {

    func graph() throws -> Graph {
        var g = Graph()
        let docs: [(String, String, String, String)] = [
            ("doc:careerbliss", "000_4aa21bc3eed83960.txt", "9ffb81294d22ae8b1a20c6fdfcd67172928abb867d3077193d05e85cb22e4da2", "en"),
            ("doc:trends", "001_2dc6f6da1b8b82c9.txt", "d456bce9c25d0184683bdd6ccd42adda64924713aa176fd0cc65095b8bf34fc5", "en"),
            ("doc:voordeel", "002_a57db4a5f4f04c89.txt", "12d7fdf6dc65ae2858da10224a8b2b95ce13b46c3f61f4d41a402e58b5ea78cc", "nl"),
            ("doc:remote", "003_b42653b8f5970b05.txt", "28814a8ced712aa948924875fa4a6e1b946e8198dc424e2bb89c049682fb3031", "en"),
            ("doc:kundtjanst", "004_e27fcd4771a3fa61.txt", "6c7f6cb6686b82cd285b55fc312ae9daac94a2ee2575bb16727983c3ad3e9df1", "sv"),
        ]
        for (id, file, sha, lang) in docs {
            try g.addNode(Document(id: id, file: file, sha256: sha, language: lang, title: id, kind: "article").node)
        }
        func node(_ id: String, _ labels: [String], _ p: [String: Value], _ cites: [Citation]) throws {
            try g.addNode(Node(id: id, labels: labels, properties: p, citations: cites))
        }
        try node("source:bls", ["Source"], ["name": .string("Bureau of Labor Statistics"),
                                            "aliases": .list([.string("BLS"), .string("Amerikaanse Bureau of Labor Statistics")])],
                 [cite("doc:kundtjanst", 21, "Enligt BLS")])
        try node("source:careerbliss", ["Source"], ["name": .string("CareerBliss")], [cite("doc:careerbliss", 36, "New data gathered by CareerBliss")])
        try node("source:payscale", ["Source"], ["name": .string("PayScale")], [cite("doc:kundtjanst", 22, "Enligt en undersökning från PayScale.com")])
        try node("role:csr", ["Role"], ["name": .string("customer service representative")],
                 [cite("doc:kundtjanst", 1, "Plikt och ansvar för en kundtjänstrepresentant")])
        try node("fig:cb", ["Figure"], ["value": .int(16), "unit": .string("percent"), "measure": .string("job growth"),
                                        "period_start": .date(KGDate(year: 2011)!), "region": .string("US")],
                 [cite("doc:careerbliss", 36, "customer care jobs grew as much as 16 percent since the start of 2011", via: "source:careerbliss")])
        try node("claim:bls-nl", ["Claim"], ["measure": .string("employment growth"), "assessment": .string("faster than average")],
                 [cite("doc:voordeel", 17, "zal volgens BLS sneller dan gemiddeld groeien", via: "source:bls")])
        try node("fig:bls-sv", ["Figure"], ["value": .int(5), "unit": .string("percent"), "measure": .string("employment growth"),
                                            "period_start": .date(KGDate(year: 2016)!), "period_end": .date(KGDate(year: 2026)!)],
                 [cite("doc:kundtjanst", 28, "förväntas öka med 5 procent mellan 2016 och 2026", via: "source:bls")])
        try node("fig:callcenter", ["Figure"], ["value": .int(36), "unit": .string("percent"), "measure": .string("employment growth")],
                 [cite("doc:kundtjanst", 28, "öka med 36 procent under samma tidsperiod", via: "source:bls")])
        try node("fig:wage", ["Figure"], ["value": .float(15.81), "unit": .string("USD/hour"), "measure": .string("median hourly wage"),
                                          "as_of": .date(KGDate(year: 2017, month: 5)!)],
                 [cite("doc:kundtjanst", 21, "median timelönen för kundtjänstrepresentanter per maj 2017 15, 81 dollar", via: "source:bls")])
        for (n, line, low, high, amount) in [(1, 23, 0, 5, 28000), (2, 24, 5, 10, 30000), (3, 25, 10, 20, 32000), (4, 26, 20, 99, 34000)] {
            let quote = ["0-5 år: $ 28, 000", "5-10 år: $ 30.000", "10-20 år: $ 32.000", "20+ år: $ 34.000"][n - 1]
            try node("fig:salary-\(n)", ["Figure"], ["value": .int(amount), "unit": .string("USD/year"), "measure": .string("salary"),
                                                    "experience": .map(["low": .int(low), "high": .int(high)])],
                     [cite("doc:kundtjanst", line, quote, via: "source:payscale")])
        }
        for (from, to) in [("claim:bls-nl", "role:csr"), ("fig:bls-sv", "role:csr"), ("fig:wage", "role:csr"), ("fig:cb", "role:csr")] {
            try g.addEdge(Edge(id: "\(from)-m", type: "MEASURES", from: g.node(id: from)!, to: g.node(id: to)!))
        }
        return g
    }

    func audit(_ rules: [any AuditRule]) throws -> AuditReport {
        let g = try graph()
        let context = AuditContext(graph: g, documents: try DocumentCorpus.load(documentsOf: g, from: SeedFolder.path!),
                                   settings: AuditSettings(today: KGDate(year: 2026, month: 11, day: 22)!))
        return Audit(rules: rules).run(context)
    }

    @Test func registeredHashesAndVerbatimQuotesHold() throws {
        let report = try audit([DocumentChanged(), QuoteNotFound(), UnknownReference()])
        #expect(report.findings.map(\.message) == [])
    }

    @Test func everyAgencyFigureIsSecondHandAndTheTwoOutlooksDisagree() throws {
        let report = try audit([SecondHandOnly(), ConflictingStatements()])
        let secondHand = report.findings.filter { $0.ruleID == "second-hand-only" }.map(\.focus.id)
        #expect(Set(secondHand) == ["fig:cb", "claim:bls-nl", "fig:bls-sv", "fig:callcenter", "fig:wage",
                                    "fig:salary-1", "fig:salary-2", "fig:salary-3", "fig:salary-4"])
        let conflicts = report.findings.filter { $0.ruleID == "conflicting-statements" }
        #expect(conflicts.count == 1)
        #expect(Set(conflicts.first?.related.map(\.focus.id) ?? []) == ["claim:bls-nl", "fig:bls-sv"])
    }

    @Test func coverageFindsWhatTheseStatementsMissAndNoPageFurniture() throws {
        let report = try audit([UncapturedNumber()])
        let found = report.findings.map { "\($0.cited?.file ?? ""):\($0.cited?.line ?? 0) \($0.cited?.quote ?? "")" }
        #expect(found.sorted() == [
            "001_2dc6f6da1b8b82c9.txt:33 5",        // "5 years front line customer service"
            "002_a57db4a5f4f04c89.txt:25 20",       // "20 of 30 minuten" (not "18.25 uur", a time)
            "002_a57db4a5f4f04c89.txt:25 30",
            "004_e27fcd4771a3fa61.txt:18 24",       // "24 timmar" (not "24-timmarsplanering")
            "004_e27fcd4771a3fa61.txt:21 50 procent",
        ])
    }

    /// The graph with one statement's properties or citations changed.
    func audit(_ rules: [any AuditRule], mutating id: String, _ change: (inout Node) -> Void) throws -> AuditReport {
        var g = try graph()
        var copy = Graph()
        for i in g.nodeHandles {
            var n = g.nodes[i]
            if n.id == id { change(&n) }
            try copy.addNode(n)
        }
        for e in g.edgeHandles {
            var edge = g.edges[e]
            edge.from = copy.node(id: g.nodes[edge.from].id)!
            edge.to = copy.node(id: g.nodes[edge.to].id)!
            try copy.addEdge(edge)
        }
        g = copy
        let context = AuditContext(graph: g, documents: try DocumentCorpus.load(documentsOf: g, from: SeedFolder.path!),
                                   settings: AuditSettings(today: KGDate(year: 2026, month: 11, day: 22)!))
        return Audit(rules: rules).run(context)
    }

    @Test func everyFigureValueStandsInItsQuoteInItsLanguage() throws {
        #expect(try audit([ValueNotInQuote()]).findings.map(\.message) == [])
    }

    @Test(arguments: [("fig:wage", 15.18), ("fig:callcenter", 3.6), ("fig:salary-1", 28.0), ("fig:salary-2", 30.0)])
    func aMistypedValueIsAnError(id: String, value: Double) throws {
        let report = try audit([ValueNotInQuote()], mutating: id) { $0.properties["value"] = .float(value) }
        #expect(report.findings.map(\.focus.id) == [id])
        #expect(report.findings.first?.severity == .error)
    }

    /// The graph without one statement, and with a claim quoting the words of `fig:callcenter`.
    func audit(_ rules: [any AuditRule], deleting id: String) throws -> AuditReport {
        let g = try graph()
        var copy = Graph()
        for i in g.nodeHandles where g.nodes[i].id != id { try copy.addNode(g.nodes[i]) }
        for e in g.edgeHandles where g.nodes[g.edges[e].from].id != id && g.nodes[g.edges[e].to].id != id {
            var edge = g.edges[e]
            edge.from = copy.node(id: g.nodes[edge.from].id)!
            edge.to = copy.node(id: g.nodes[edge.to].id)!
            try copy.addEdge(edge)
        }
        try copy.addNode(Node(id: "claim:callcenter-faster", labels: ["Claim"],
                              properties: ["assessment": .string("much faster than the customer service roles")],
                              citations: [cite("doc:kundtjanst", 28, "öka med 36 procent under samma tidsperiod", via: "source:bls")]))
        let context = AuditContext(graph: copy, documents: try DocumentCorpus.load(documentsOf: copy, from: SeedFolder.path!),
                                   settings: AuditSettings(today: KGDate(year: 2026, month: 11, day: 22)!))
        return Audit(rules: rules).run(context)
    }

    @Test func aDeletedFigureIsNoticedThoughAnotherStatementQuotesItsWords() throws {
        let before = try audit([UncapturedNumber()], deleting: "no such figure")
        #expect(!before.findings.contains { $0.cited?.line == 28 })
        let after = try audit([UncapturedNumber()], deleting: "fig:callcenter")
        let found = after.findings.filter { $0.cited?.file == "004_e27fcd4771a3fa61.txt" && $0.cited?.line == 28 }
        #expect(found.map { $0.cited?.quote } == ["36 procent"])
        #expect(found.first?.message.contains("is quoted by claim:callcenter-faster but captured by no Figure or statement property") == true)
    }

    /// The seed graph with one relationship from role:csr, cited without `via`.
    func attributions(of quote: String, line: Int, document: String = "doc:kundtjanst") throws -> [AuditFinding] {
        var g = try graph()
        let target = try g.addNode(Node(id: "x:target", labels: ["WorkCondition"], properties: ["name": .string("x")],
                                        citations: [cite(document, line, quote)]))
        try g.addEdge(Edge(id: "e:x", type: "HAS_CONDITION", from: g.node(id: "role:csr")!, to: target,
                           citations: [cite(document, line, quote)]))
        let context = AuditContext(graph: g, documents: try DocumentCorpus.load(documentsOf: g, from: SeedFolder.path!))
        return MissingAttribution().check(context)
    }

    @Test func anAttributionInAConcessiveClauseDoesNotReachTheMainClause() throws {
        // "… arbetar heltid, även om BLS konstaterar att en av fem …": BLS says the part-time share.
        #expect(try attributions(of: "De flesta kundservicerepresentanter arbetar heltid", line: 18).isEmpty)
        #expect(try attributions(of: "en av fem är en deltidsanställd", line: 18).map(\.focus.id) == ["e:x"])
        // "Hoewel … lange uren …, worden de groeivooruitzichten …, volgens … BLS": BLS says the prospects.
        #expect(try attributions(of: "Hoewel de bezetting lange uren", line: 7, document: "doc:voordeel").isEmpty)
        #expect(try attributions(of: "worden de groeivooruitzichten door enkele andere loopbanen wedijvert",
                                 line: 7, document: "doc:voordeel").map(\.focus.id) == ["e:x"])
    }

    @Test func aRemovedViaIsAMissingAttribution() throws {
        #expect(try audit([MissingAttribution()]).findings.map(\.message) == [])
        let report = try audit([MissingAttribution()], mutating: "fig:wage") { n in
            n.citations = n.citations.map { var c = $0; c.via = nil; return c }
        }
        #expect(report.findings.map(\.focus.id) == ["fig:wage"])
        #expect(report.findings.first?.fix.contains("via source:bls") == true)
    }
}
