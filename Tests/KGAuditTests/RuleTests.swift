import Testing
import KGCore
@testable import KGAudit

/// Each rule on a small graph made for it: once firing, once not.
@Suite struct RuleTests {
    static let careerDoc = """
        1. Business Ideas
        New data gathered by CareerBliss shows that customer care jobs grew as much as 16 percent since the start of 2011.
        The lowest growth was in telecommunications.
        """

    /// A source, a document and a figure cited through it; extend per test.
    func base() -> AuditFixture {
        var f = AuditFixture()
        f.document("doc:a", file: "a.txt", text: RuleTests.careerDoc)
        f.node("source:careerbliss", ["Source"], ["name": .string("CareerBliss")], cites: [cite("doc:a", 2, "New data gathered by CareerBliss")])
        f.node("role:csr", ["Role"], ["name": .string("customer service representative")],
               cites: [cite("doc:a", 2, "customer care jobs")])
        f.node("fig:growth", ["Figure"], ["value": .int(16), "unit": .string("percent"), "measure": .string("job growth"),
                                          "period_start": .date(KGDate(year: 2011)!)],
               cites: [cite("doc:a", 2, "grew as much as 16 percent", via: "source:careerbliss")], line: 10)
        f.edge("fig:growth", "MEASURES", "role:csr")
        f.edge("source:careerbliss", "REPORTS", "fig:growth")
        return f
    }

    func run(_ rule: some AuditRule, _ context: AuditContext) -> [AuditFinding] { rule.check(context) }

    // MARK: uncited-statement

    @Test func uncitedNodeAndEdgeAreErrorsButDocumentsAndDerivedEdgesAreNot() {
        var f = base()
        #expect(run(UncitedStatement(), f.context()).isEmpty)
        f.node("skill:listening", ["Skill"], ["name": .string("listening")], line: 20)
        f.edge("role:csr", "REQUIRES", "skill:listening", line: 21)
        let found = run(UncitedStatement(), f.context())
        #expect(found.map(\.focus.id).sorted() == ["role:csr-REQUIRES->skill:listening", "skill:listening"])
        #expect(found.allSatisfy { $0.severity == .error && $0.location?.file == "graphs/t/g.kg" })
        #expect(found.first { $0.focus.kind == .node }?.location?.line == 20)
    }

    @Test func measuresEdgeOfAnUncitedFigureNeedsItsOwnCitation() {
        var f = base()
        f.node("fig:bare", ["Figure"], ["value": .int(3)])
        f.edge("fig:bare", "MEASURES", "role:csr")
        let ids = run(UncitedStatement(), f.context()).map(\.focus.id).sorted()
        #expect(ids == ["fig:bare", "fig:bare-MEASURES->role:csr"])
    }

    // MARK: unknown-reference

    @Test func unknownDocumentAndViaAreErrors() {
        var f = base()
        #expect(run(UnknownReference(), f.context()).isEmpty)
        f.node("fig:x", ["Figure"], ["value": .int(1)],
               cites: [cite("doc:nowhere", 1, "q"), cite("doc:a", 2, "16 percent", via: "source:ghost"),
                       cite("doc:a", 2, "16 percent", via: "role:csr")])
        let found = run(UnknownReference(), f.context())
        #expect(found.count == 3)
        #expect(found.map(\.focus.citation) == [0, 1, 2])
        #expect(found[0].message.contains("doc:nowhere"))
        #expect(found[1].message.contains("source:ghost") && found[1].message.contains("not in the graph"))
        #expect(found[2].message.contains("not labelled Source"))
    }

    // MARK: document-changed

    @Test func changedAndMissingDocumentsAreErrorsOnlyWithDocuments() {
        var f = base()
        f.document("doc:b", file: "b.txt", text: "original")
        #expect(run(DocumentChanged(), f.context()).isEmpty)   // no --documents: nothing to compare
        #expect(run(DocumentChanged(), f.context(texts: ["doc:a": RuleTests.careerDoc, "doc:b": "original"])).isEmpty)
        let changed = run(DocumentChanged(), f.context(texts: ["doc:a": RuleTests.careerDoc, "doc:b": "edited"]))
        #expect(changed.map(\.focus.id) == ["doc:b"])
        #expect(changed.first?.fix.contains(SHA256.hex("edited")) == true)
        #expect(changed.first?.fix.contains("kgq doc add") == true && changed.first?.fix.contains("--update") == true)
        let missing = run(DocumentChanged(), f.context(texts: ["doc:a": RuleTests.careerDoc]))
        #expect(missing.map(\.focus.id) == ["doc:b"] && missing.first?.message.contains("not found") == true)
    }

    // MARK: quote-not-found

    @Test func misquoteReportsTheNearestMatch() {
        var f = base()
        let texts = ["doc:a": RuleTests.careerDoc]
        #expect(run(QuoteNotFound(), f.context(texts: texts)).isEmpty)
        f.node("fig:wrong", ["Figure"], ["value": .int(16)],
               cites: [cite("doc:a", 3, "grew as much as 16 percent"),          // right words, wrong line
                       cite("doc:a", 2, "grew by as much as 16 per cent"),      // paraphrase
                       cite("doc:a", 99, "telecommunications")])                // beyond the end
        let found = run(QuoteNotFound(), f.context(texts: texts))
        #expect(found.count == 3)
        #expect(found[0].evidence.first?.line == 2 && found[0].fix.contains("line 2"))
        #expect(found[1].evidence.first?.line == 2 && found[1].message.contains("% similar"))
        #expect(found[2].message.contains("3 lines") && found[2].evidence.first?.line == 3)
    }

    @Test func aQuoteMayRunOnToTheNextLine() {
        var f = base()
        f.node("claim:wrap", ["Claim"], cites: [cite("doc:a", 2, "since the start of 2011. The lowest growth")])
        #expect(run(QuoteNotFound(), f.context(texts: ["doc:a": RuleTests.careerDoc])).isEmpty)
    }

    @Test func quoteChecksFollowSpans() {
        var f = base()
        var c = cite("doc:a", 3, "lowest growth")
        c.span = 5...17
        f.node("claim:low", ["Claim"], cites: [c])
        #expect(run(QuoteNotFound(), f.context(texts: ["doc:a": RuleTests.careerDoc])).isEmpty)
        c.span = 1...13
        f.graph.addCitation(node: f.graph.node(id: "claim:low")!, c)
        let found = run(QuoteNotFound(), f.context(texts: ["doc:a": RuleTests.careerDoc]))
        #expect(found.count == 1 && found[0].fix == "write `col 5-17` in the cite line")
    }

    // MARK: second-hand-only

    @Test func secondHandFigureWarnsUntilTheSourcesOwnDocumentIsCited() {
        var f = base()
        let found = run(SecondHandOnly(), f.context())
        #expect(found.map(\.focus.id) == ["fig:growth"] && found[0].severity == .warning)
        #expect(found[0].message.contains("CareerBliss"))
        // The source's own publication, cited through itself, makes it first-hand.
        f.document("doc:cb-report", file: "cb.txt", publisher: "CareerBliss")
        f.graph.addCitation(node: f.graph.node(id: "fig:growth")!,
                            cite("doc:cb-report", 1, "16 percent", via: "source:careerbliss"))
        #expect(run(SecondHandOnly(), f.context()).isEmpty)
    }

    @Test func aCitationWithoutViaIsFirstHand() {
        var f = base()
        f.graph.addCitation(node: f.graph.node(id: "fig:growth")!, cite("doc:a", 2, "16 percent"))
        #expect(run(SecondHandOnly(), f.context()).isEmpty)
    }

    // MARK: conflicting-statements

    func outlook() -> AuditFixture {
        var f = base()
        f.node("source:bls", ["Source"], ["name": .string("BLS")], cites: [cite("doc:a", 2, "BLS")])
        return f
    }

    @Test func qualitativeAssessmentFacingANumberFromTheSameSourceConflicts() {
        var f = outlook()
        f.node("claim:nl", ["Claim"], ["measure": .string("employment growth"), "assessment": .string("faster than average")],
               cites: [cite("doc:a", 2, "sneller dan gemiddeld", via: "source:bls")], line: 30)
        f.node("fig:sv", ["Figure"], ["measure": .string("Employment growth"), "value": .int(5), "unit": .string("percent"),
                                      "period_start": .date(KGDate(year: 2016)!), "period_end": .date(KGDate(year: 2026)!)],
               cites: [cite("doc:a", 3, "5 procent", via: "source:bls")], line: 40)
        f.edge("claim:nl", "MEASURES", "role:csr")
        #expect(run(ConflictingStatements(), f.context()).isEmpty)   // fig:sv has no subject yet
        f.edge("fig:sv", "MEASURES", "role:csr")
        let found = run(ConflictingStatements(), f.context())
        #expect(found.count == 1)
        #expect(found[0].message.contains("same source (BLS)"))
        #expect(found[0].related.map(\.focus.id) == ["claim:nl", "fig:sv"])
    }

    @Test(arguments: [
        // (assessment, value, via of the number, conflict?)
        ("faster than average", 5.0, "source:careerbliss", false),   // different known sources
        ("faster than average", 5.0, nil, true),                     // the number names no source
        ("growing", 5.0, nil, false),                                // a direction the sign confirms
        ("growing", -2.0, nil, true),
        ("declining", 5.0, "source:bls", true),
    ] as [(String, Double, String?, Bool)])
    func assessmentsAgainstNumbers(assessment: String, value: Double, via: String?, conflict: Bool) {
        var f = outlook()
        f.node("claim:q", ["Claim"], ["measure": .string("m"), "assessment": .string(assessment)],
               cites: [cite("doc:a", 2, "q", via: "source:bls")])
        f.node("fig:n", ["Figure"], ["measure": .string("m"), "value": .float(value), "unit": .string("percent")],
               cites: [cite("doc:a", 3, "n", via: via)])
        f.edge("claim:q", "MEASURES", "role:csr")
        f.edge("fig:n", "MEASURES", "role:csr")
        #expect(run(ConflictingStatements(), f.context()).count == (conflict ? 1 : 0))
    }

    @Test func sameSourceConflictShowsBothChains() {
        var f = outlook()
        f.node("claim:nl", ["Claim"], ["measure": .string("employment growth"), "assessment": .string("faster than average")],
               cites: [cite("doc:a", 2, "sneller dan gemiddeld", via: "source:bls")], line: 30)
        f.node("fig:sv", ["Figure"], ["measure": .string("employment growth"), "value": .int(5), "unit": .string("percent")],
               cites: [cite("doc:a", 3, "5 procent", via: "source:bls")], line: 40)
        f.edge("claim:nl", "MEASURES", "role:csr")
        f.edge("fig:sv", "MEASURES", "role:csr")
        let found = run(ConflictingStatements(), f.context())
        #expect(found[0].related.map(\.focus.id) == ["claim:nl", "fig:sv"])
        #expect(found[0].related[1].citations.first?.via == "source:bls")
    }

    @Test(arguments: [
        // (value a, value b, periods overlap, same region, conflict?)
        (16.0, 16.2, true, true, false),    // within 2 %
        (16.0, 20.0, true, true, true),
        (16.0, 20.0, false, true, false),   // different periods
        (16.0, 20.0, true, false, false),   // different regions
    ])
    func numbersConflictBeyondTheTolerance(a: Double, b: Double, overlap: Bool, sameRegion: Bool, conflict: Bool) {
        var f = outlook()
        f.node("fig:b", ["Figure"], ["value": .float(b), "unit": .string("percent"), "measure": .string("job growth"),
                                     "period": .date(KGDate(year: overlap ? 2011 : 2005)!),
                                     "region": .string(sameRegion ? "US" : "SE")],
               cites: [cite("doc:a", 2, "16 percent")])
        f.graph.setProperty(node: f.graph.node(id: "fig:growth")!, "value", .float(a))
        f.graph.setProperty(node: f.graph.node(id: "fig:growth")!, "region", .string("US"))
        f.edge("fig:b", "MEASURES", "role:csr")
        #expect(run(ConflictingStatements(), f.context()).count == (conflict ? 1 : 0))
    }

    @Test func differentAssessmentsConflictEqualOnesDoNot() {
        var f = outlook()
        for (id, a) in [("claim:1", "growing"), ("claim:2", "growing")] {
            f.node(id, ["Claim"], ["measure": .string("demand"), "assessment": .string(a)], cites: [cite("doc:a", 2, "grew")])
            f.edge(id, "MEASURES", "role:csr")
        }
        #expect(run(ConflictingStatements(), f.context()).isEmpty)
        f.node("claim:3", ["Claim"], ["measure": .string("demand"), "assessment": .string("declining")], cites: [cite("doc:a", 3, "lowest")])
        f.edge("claim:3", "MEASURES", "role:csr")
        #expect(run(ConflictingStatements(), f.context()).count == 2)
    }

    // MARK: stale-figure

    @Test(arguments: [(2026, 5, false), (2017, 5, true), (2020, 5, true), (2021, 5, false), (2017, 10, false)])
    func staleAfterTheThreshold(periodEnd: Int, years: Int, stale: Bool) {
        var f = base()
        f.graph.setProperty(node: f.graph.node(id: "fig:growth")!, "period_end", .date(KGDate(year: periodEnd)!))
        let settings = AuditSettings(staleYears: years, today: KGDate(year: 2026, month: 11, day: 22)!)
        let found = run(StaleFigure(), f.context(settings: settings))
        #expect(found.count == (stale ? 1 : 0))
        #expect(found.allSatisfy { $0.severity == .info && $0.focus.property == "period_end" })
    }

    @Test func undatedFiguresOfUndatedDocumentsAreNotStaleButCounted() {
        var f = base()
        f.graph.setProperty(node: f.graph.node(id: "fig:growth")!, "period_start", .null)
        let result = StaleFigure().examine(f.context())
        #expect(result.findings.isEmpty)
        #expect(result.coverage?.description == "1 figure or claim checked (0 dated, 0 by their document's date, 1 undated with documents of unknown date)")
    }

    @Test func anUndatedFigureInheritsItsDocumentsDate() {
        var f = AuditFixture()
        f.document("doc:old", file: "old.txt", date: .published(KGDate(year: 2012, month: 3)!))
        f.document("doc:new", file: "new.txt", date: .retrieved(KGDate(year: 2025)!))
        f.node("fig:share", ["Figure"], ["value": .int(20), "unit": .string("percent")], cites: [cite("doc:old", 4, "one in five")])
        let found = run(StaleFigure(), f.context())
        #expect(found.map(\.focus.id) == ["fig:share"])
        #expect(found.first?.focus.property == nil)
        #expect(found.first?.message == "figure fig:share (20 percent) has no date of its own; its document doc:old was published 2012-03, about 14 years before 2026-11-22; older than 5 years")
        // A newer document stating it too makes it fresh: the latest known date counts.
        f.graph.addCitation(node: f.graph.node(id: "fig:share")!, cite("doc:new", 9, "20 percent"))
        #expect(run(StaleFigure(), f.context()).isEmpty)
        // Its own date wins over its documents'.
        f.graph.setProperty(node: f.graph.node(id: "fig:share")!, "as_of", .date(KGDate(year: 2013)!))
        #expect(run(StaleFigure(), f.context()).map { $0.focus.property } == ["as_of"])
    }

    @Test func aDefinitionIsNotAStaleFigure() {
        var f = base()
        let fig = f.graph.node(id: "fig:growth")!
        #expect(run(StaleFigure(), f.context()).count == 1)
        f.graph.setProperty(node: fig, "definition", .bool(true))
        let result = StaleFigure().examine(f.context())
        #expect(result.findings.isEmpty)
        #expect(result.coverage?.note?.hasSuffix("1 definition not checked") == true)
    }

    // MARK: stale-statement

    @Test func aRelationshipIsStaleWhenItsLatestDocumentIs() {
        var f = AuditFixture()
        f.document("doc:old", file: "old.txt", date: .published(KGDate(year: 2011)!))
        f.document("doc:unknown", file: "u.txt", date: .unknown)
        f.node("role:csr", ["Role"], ["name": .string("csr")], cites: [cite("doc:old", 1, "representatives")])
        f.node("skill:patience", ["Skill"], ["name": .string("patience")], cites: [cite("doc:old", 2, "patience")])
        f.node("skill:typing", ["Skill"], ["name": .string("typing")], cites: [cite("doc:unknown", 2, "typing")])
        f.edge("role:csr", "REQUIRES", "skill:patience", cites: [cite("doc:old", 2, "patience is required")], line: 7)
        f.edge("role:csr", "REQUIRES", "skill:typing", cites: [cite("doc:unknown", 2, "typing")], line: 9)
        let result = StaleStatement().examine(f.context())
        #expect(result.findings.map(\.focus.id) == ["role:csr-REQUIRES->skill:patience"])
        #expect(result.findings.first?.message == "relationship (role:csr)-[:REQUIRES]->(skill:patience) has no date of its own; its document doc:old was published 2011, about 15 years before 2026-11-22; older than 5 years")
        #expect(result.findings.first?.severity == .info)
        #expect(result.coverage?.description == "2 cited relationships checked (0 dated, 1 by their document's date, 1 with documents of unknown date; date unknown: doc:unknown)")
        // A date of its own (the period it held in) is used instead.
        f.graph.setProperty(edge: f.graph.edge(id: "role:csr-REQUIRES->skill:patience")!, "as_of", .date(KGDate(year: 2024)!))
        #expect(run(StaleStatement(), f.context()).isEmpty)
    }

    @Test func aDocumentThatDeclaresNoDateIsReported() {
        var f = AuditFixture()
        f.document("doc:said", file: "s.txt", date: .unknown)
        f.document("doc:silent", file: "q.txt", date: .undeclared)
        f.node("role:csr", ["Role"], ["name": .string("csr")], cites: [cite("doc:silent", 1, "representatives")])
        let found = run(StaleStatement(), f.context())
        #expect(found.map(\.focus.id) == ["doc:silent"])
        #expect(found.first?.focus.property == "date")
        #expect(found.first?.message == "document doc:silent (q.txt) declares no date, so the staleness of its 1 citation(s) cannot be checked")
    }

    // MARK: single-source

    @Test func oneDocumentIsSingleSourceTwoAreNot() {
        var f = base()
        #expect(run(SingleSource(), f.context()).map(\.focus.id) == ["fig:growth"])
        f.document("doc:b", file: "b.txt")
        f.graph.addCitation(node: f.graph.node(id: "fig:growth")!, cite("doc:b", 1, "16 percent"))
        #expect(run(SingleSource(), f.context()).isEmpty)
    }

    // MARK: uncaptured-number

    @Test func numbersNoFigureCapturesAreReported() {
        var f = AuditFixture()
        f.document("doc:sv", file: "sv.txt", language: "sv")
        let text = """
            1. Meny
            Medianlönen per maj 2017 var 15, 81 dollar. Hälften tjänade mer, 50 procent.
            - 0-5 år: $ 28, 000
            Öppet 24 timmar om dygnet, även 24-timmarsplanering.
            """
        f.node("fig:wage", ["Figure"], ["value": .float(15.81), "unit": .string("USD/hour")],
               cites: [cite("doc:sv", 2, "median timelönen")])
        f.node("fig:salary", ["Figure"], ["value": .int(28000), "experience": .map(["low": .int(0), "high": .int(5)])],
               cites: [cite("doc:sv", 3, "0-5 år: $ 28, 000")])
        let found = run(UncapturedNumber(), f.context(texts: ["doc:sv": text]))
        #expect(found.map { $0.cited?.quote } == ["50 procent", "24"])
        #expect(found.map { $0.cited?.line } == [2, 4])
        #expect(found.allSatisfy { $0.severity == .warning && $0.focus.id == "doc:sv" })
        #expect(found.first?.message.contains("captured by no Figure or statement property, and no citation quotes it") == true)
        #expect(run(UncapturedNumber(), f.context()).isEmpty)   // needs documents
    }

    @Test func aQuoteThatOnlyContainsANumberDoesNotCaptureIt() {
        var f = AuditFixture()
        let text = "Employment is expected to grow 36 percent, much faster than average."
        f.document("doc:a", file: "a.txt", text: text)
        f.node("claim:faster", ["Claim"], ["assessment": .string("much faster than average")],
               cites: [cite("doc:a", 1, "grow 36 percent, much faster than average")])
        let found = run(UncapturedNumber(), f.context(texts: ["doc:a": text]))
        #expect(found.count == 1)
        #expect(found.first?.message == "percentage \"36 percent\" on a.txt:1 is quoted by claim:faster but captured by no Figure or statement property (none citing the line holds 36) (\"…expected to grow 36 percent , much faster…\")")
        #expect(found.first?.fix.hasPrefix("add a Figure with value 36 citing doc:a line 1, or give claim:faster a property holding it") == true)
        // A Figure holding it captures it.
        f.node("fig:growth", ["Figure"], ["value": .int(36), "unit": .string("percent")],
               cites: [cite("doc:a", 1, "expected to grow 36 percent")])
        #expect(run(UncapturedNumber(), f.context(texts: ["doc:a": text])).isEmpty)
    }

    @Test func aStatementPropertyCapturesANumber() {
        var f = AuditFixture()
        let text = "Most employers want 2 years of experience."
        f.document("doc:a", file: "a.txt", text: text)
        f.node("role:csr", ["Role"], ["name": .string("csr")], cites: [cite("doc:a", 1, "employers")])
        f.node("qual:experience", ["Qualification"], ["name": .string("experience")], cites: [cite("doc:a", 1, "experience")])
        #expect(run(UncapturedNumber(), f.context(texts: ["doc:a": text])).map { $0.cited?.quote } == ["2"])
        // A relationship citing the line with `years: 2` holds it.
        f.edge("role:csr", "REQUIRES", "qual:experience", cites: [cite("doc:a", 1, "want 2 years of experience")])
        #expect(run(UncapturedNumber(), f.context(texts: ["doc:a": text])).map { $0.message }.first?.contains("quoted by (role:csr)-[:REQUIRES]->(qual:experience)") == true)
        f.graph.setProperty(edge: f.graph.edge(id: "role:csr-REQUIRES->qual:experience")!, "years", .int(2))
        #expect(run(UncapturedNumber(), f.context(texts: ["doc:a": text])).isEmpty)
    }

    // MARK: fingerprints

    @Test func fingerprintIgnoresLineNumbersButNotContent() {
        let focus = AuditFocus(.node, "fig:x", citation: 0)
        let a = AuditFinding(rule: "r", severity: .error, focus: focus, location: SourceLocation(file: "a.kg", line: 3, column: 1),
                             message: "m", fix: "f", essentials: ["doc", "quote"])
        var moved = focus; moved.citation = 2
        let b = AuditFinding(rule: "r", severity: .error, focus: moved, location: SourceLocation(file: "a.kg", line: 90, column: 1),
                             message: "other words", fix: "f", essentials: ["doc", "quote"])
        let c = AuditFinding(rule: "r", severity: .error, focus: focus, location: nil, message: "m", fix: "f",
                             essentials: ["doc", "another quote"])
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != c.fingerprint)
        #expect(a.fingerprint.count == 32)
    }
}
