import KGCore
@testable import KGQuery

/// A small customer-service graph built through KGCore's API (no file loading).
enum Fixture {
    static func graph() throws -> Graph {
        var g = Graph()
        try g.addNode(Document(id: "doc:a", file: "a.txt", sha256: String(repeating: "0", count: 64), language: "en",
                               title: "Article A", kind: "news article").node)
        try g.addNode(Node(id: "source:bls", labels: ["Source"], properties: ["name": .string("BLS")]))
        let cite = Citation(document: "doc:a", line: 3, quote: "representatives answer questions", via: "source:bls")
        let csr = try g.addNode(Node(id: "role:csr", labels: ["Role"],
                                     properties: ["name": .string("customer service representative"), "salary": .int(38000)],
                                     names: [LocalizedName(language: "en", text: "customer service representative"),
                                             LocalizedName(language: "nl", text: "klantenservicemedewerker"),
                                             LocalizedName(language: "sv", text: "kundtjänstmedarbetare")],
                                     citations: [cite]))
        let agent = try g.addNode(Node(id: "role:agent", labels: ["Role"],
                                       properties: ["name": .string("call centre agent"), "salary": .float(31000.5)]))
        let lead = try g.addNode(Node(id: "role:lead", labels: ["Role", "Manager"], properties: ["name": .string("team lead")]))
        let retail = try g.addNode(Node(id: "sector:retail", labels: ["Sector"], properties: ["name": .string("retail")]))
        let empathy = try g.addNode(Node(id: "skill:empathy", labels: ["Skill"], properties: ["name": .string("empathy")]))
        let patience = try g.addNode(Node(id: "skill:patience", labels: ["Skill"], properties: ["name": .string("patience")]))
        try g.addEdge(Edge(id: "e1", type: "WORKS_IN", from: csr, to: retail, citations: [cite]))
        try g.addEdge(Edge(id: "e2", type: "REQUIRES", from: csr, to: empathy, properties: ["level": .int(3)]))
        try g.addEdge(Edge(id: "e3", type: "REQUIRES", from: csr, to: patience, properties: ["level": .int(2)]))
        try g.addEdge(Edge(id: "e4", type: "REQUIRES", from: agent, to: empathy, properties: ["level": .int(1)]))
        try g.addEdge(Edge(id: "e5", type: "WORKS_IN", from: agent, to: retail))
        try g.addEdge(Edge(id: "e6", type: "REPORTS_TO", from: csr, to: lead))
        try g.addEdge(Edge(id: "e7", type: "REPORTS_TO", from: agent, to: lead))
        return g
    }

    /// A compact rendering of a value for expectations: nodes `(id)`, relationships `[id]`, paths
    /// `<(a)[e](b)>`, everything else as kgq's JSON.
    static func show(_ v: QueryValue, _ g: Graph) -> String {
        switch v {
        case .node(let h): return "(\(g.nodes[h].id))"
        case .edge(let h): return "[\(g.edges[h].id)]"
        case .path(let p):
            var s = "<"
            for (i, n) in p.nodes.enumerated() {
                s += "(\(g.nodes[n].id))"
                if i < p.edges.count { s += "[\(g.edges[p.edges[i]].id)]" }
            }
            return s + ">"
        case .list(let l): return "[" + l.map { show($0, g) }.joined(separator: ", ") + "]"
        default: return ResultJSON.value(v, graph: g)
        }
    }

    static func rows(_ r: ResultSet, _ g: Graph) -> [String] {
        r.rows.map { $0.map { show($0, g) }.joined(separator: " | ") }
    }
}
