import Foundation
import KGCore

/// Small graphs built through KGCore's API, shaped like the default graph's conventions.
enum SampleGraph {
    /// Two documents (English, Swedish), a role with names in three languages, a sector, a skill,
    /// a qualification, a source, two figures (a value and a range) and a claim, with citations.
    static func make() throws -> Graph {
        var g = Graph()
        try g.addNode(Document(id: "doc:bls", file: "001_bls.txt", sha256: String(repeating: "a", count: 64),
                               language: "en", title: "Customer Service Representatives", kind: "occupational outlook",
                               publisher: "BLS").node)
        try g.addNode(Document(id: "doc:kundtjanst", file: "002_kt.txt", sha256: String(repeating: "b", count: 64),
                               language: "sv", title: "Kundtjänstrepresentant", kind: "career advice").node)
        let role = try g.addNode(Node(id: "role:csr", labels: ["Role"],
            properties: ["name": .string("customer service representative"), "aliases": .list([.string("CSR")])],
            names: [LocalizedName(language: "nl", text: "klantenservicemedewerker"),
                    LocalizedName(language: "sv", text: "kundtjänstrepresentant")],
            citations: [Citation(document: "doc:kundtjanst", line: 1, quote: "Plikt och ansvar för en kundtjänstrepresentant",
                                 gloss: "Duties of a customer service representative")]))
        let sector = try g.addNode(Node(id: "sector:cs", labels: ["Sector"], properties: ["name": .string("customer service")]))
        let skill = try g.addNode(Node(id: "skill:communication", labels: ["Skill"],
            properties: ["name": .string("communication")],
            citations: [Citation(document: "doc:bls", line: 12, quote: "good communication skills")]))
        let qualification = try g.addNode(Node(id: "qual:high-school", labels: ["Qualification"],
            properties: ["name": .string("high school diploma")]))
        let bls = try g.addNode(Node(id: "source:bls", labels: ["Source", "Organization"],
            properties: ["name": .string("Bureau of Labor Statistics")]))
        let wage = try g.addNode(Node(id: "fig:wage-2016", labels: ["Figure"],
            properties: ["value": .float(15.81), "unit": .string("USD/hour"), "measure": .string("median hourly wage"),
                         "period": .date(KGDate(year: 2016)!), "region": .string("US")],
            citations: [Citation(document: "doc:bls", line: 20, span: 5...30, quote: "median hourly wage was $15.81",
                                 via: "source:bls")]))
        let growth = try g.addNode(Node(id: "fig:growth", labels: ["Figure"],
            properties: ["low": .int(10), "high": .int(12), "unit": .string("percent"), "measure": .string("employment growth"),
                         "period_start": .date(KGDate(year: 2016)!), "period_end": .date(KGDate(year: 2026)!)],
            citations: [Citation(document: "doc:bls", line: 30, quote: "projected to grow 10 to 12 percent", via: "source:bls")]))
        let claim = try g.addNode(Node(id: "claim:growth", labels: ["Claim"],
            properties: ["measure": .string("employment growth"), "assessment": .string("about as fast as average"),
                         "statement": .string("Employment grows about as fast as average."),
                         "period_start": .date(KGDate(year: 2016)!), "period_end": .date(KGDate(year: 2026)!)]))
        let documentBLS = g.node(id: "doc:bls")!
        try g.addEdge(Edge(id: "e1", type: "REQUIRES", from: role, to: skill,
                           citations: [Citation(document: "doc:bls", line: 12, quote: "good communication skills")]))
        try g.addEdge(Edge(id: "e2", type: "REQUIRES", from: role, to: qualification, properties: ["level": .string("minimum")]))
        try g.addEdge(Edge(id: "e3", type: "WORKS_IN", from: role, to: sector))
        try g.addEdge(Edge(id: "e4", type: "MEASURES", from: wage, to: role))
        try g.addEdge(Edge(id: "e5", type: "MEASURES", from: growth, to: role))
        try g.addEdge(Edge(id: "e6", type: "REPORTS", from: bls, to: wage, properties: ["channel": .string("survey")]))
        try g.addEdge(Edge(id: "e7", type: "REPORTS", from: bls, to: growth))
        try g.addEdge(Edge(id: "e8", type: "MEASURES", from: claim, to: role))
        try g.addEdge(Edge(id: "e9", type: "MENTIONS", from: documentBLS, to: bls))
        return g
    }

    /// Labels and ids no writer may break: quotes, backslashes, newlines, `<>&`, tabs, Swedish
    /// and Dutch text, a trailing backslash.
    static let hostileNames = [
        "say \"hello\" & <goodbye>",
        "C:\\path\\ends with\\",
        "two\nlines",
        "Lön & förmåner för kundtjänst",
        "klantenservicemedewerker · ‘ĳs’ <b>bold</b>",
        "tab\there ]]> --> }",
    ]

    static func hostile() throws -> Graph {
        var g = Graph()
        try g.addNode(Document(id: "doc:\"q\"", file: "x <1>.txt", sha256: "00", language: "nl",
                               title: "Titel met \"quotes\" & <tags>", kind: "article").node)
        var handles: [Int] = []
        for (i, name) in hostileNames.enumerated() {
            handles.append(try g.addNode(Node(id: "n:\(i) \"\\\(name.prefix(3))", labels: ["Skill", "Odd Label <\(i)>"],
                properties: ["name": .string(name), "note": .string(name)],
                citations: [Citation(document: "doc:\"q\"", line: i + 1, quote: name, gloss: "gloss \"\(i)\"")])))
        }
        for i in 1..<handles.count {
            try g.addEdge(Edge(id: "e\(i) \"x\"", type: i % 2 == 0 ? "WEIRD \"TYPE\"" : "REQUIRES",
                               from: handles[i - 1], to: handles[i],
                               properties: ["why": .string(hostileNames[i])]))
        }
        return g
    }

    /// A synthetic graph of `roles` roles, each with skills, a sector and figures (about 8 nodes per role).
    static func large(roles: Int) throws -> Graph {
        var g = Graph()
        try g.addNode(Document(id: "doc:synthetic", file: "s.txt", sha256: "00", language: "en", title: "Synthetic", kind: "test").node)
        let source = try g.addNode(Node(id: "source:s", labels: ["Source"], properties: ["name": .string("A source")]))
        var sectors: [Int] = []
        for s in 0..<5 {
            sectors.append(try g.addNode(Node(id: "sector:\(s)", labels: ["Sector"], properties: ["name": .string("sector \(s)")])))
        }
        var edge = 0
        func link(_ type: String, _ a: Int, _ b: Int) throws {
            edge += 1
            try g.addEdge(Edge(id: "e\(edge)", type: type, from: a, to: b))
        }
        for r in 0..<roles {
            let role = try g.addNode(Node(id: "role:\(r)", labels: ["Role"], properties: ["name": .string("role number \(r)")]))
            try link("WORKS_IN", role, sectors[r % sectors.count])
            for k in 0..<4 {
                let skill = try g.addNode(Node(id: "skill:\(r).\(k)", labels: ["Skill"], properties: ["name": .string("skill \(r).\(k)")]))
                try link("REQUIRES", role, skill)
            }
            for f in 0..<2 {
                let figure = try g.addNode(Node(id: "fig:\(r).\(f)", labels: ["Figure"],
                    properties: ["value": .int(1000 * r + f), "unit": .string("USD/year"), "measure": .string("wage")],
                    citations: [Citation(document: "doc:synthetic", line: r + 1, quote: "wage \(r)", via: "source:s")]))
                try link("MEASURES", figure, role)
                try link("REPORTS", source, figure)
            }
        }
        return g
    }
}
