import KGCore

/// The citations of a picture's figures and claims as arrows (`--citations`), so "who says so" is answered
/// in the picture: from each cited document to the statement, labelled with the lines, and
/// from the original source a citation names (`via`) when no relationship of the picture
/// already joins the two. Only figures and claims: the citations of roles, skills or sectors
/// would bury the picture in arrows (their tooltips keep them).
struct CitationLinks {
    struct Link {
        var from: Int
        var to: Int
        /// A dotted "via" arrow from the original source, else a dashed arrow from the document.
        var via: Bool
        var lines: [Int]
        var tooltip: String
    }

    private(set) var links: [Link] = []
    /// Documents and sources to draw that the subgraph does not have.
    private(set) var extraNodes: [Int] = []

    init() {}

    init(_ graph: Graph, _ sub: Subgraph) {
        let present = Set(sub.nodes)
        var joined = Set<[Int]>()
        for e in sub.edges {
            let (a, b) = (graph.from(edge: e), graph.to(edge: e))
            joined.insert([min(a, b), max(a, b)])
        }
        struct Key: Hashable { var from: Int; var to: Int; var via: Bool }
        var order: [Key] = []
        var found: [Key: Link] = [:]
        var extra = Set<Int>()
        for n in sub.nodes where graph.nodes[n].hasLabel("Figure") || graph.nodes[n].hasLabel("Claim") {
            for c in graph.nodes[n].citations {
                if let document = graph.node(id: c.document), document != n {
                    let key = Key(from: document, to: n, via: false)
                    if found[key] == nil {
                        order.append(key)
                        found[key] = Link(from: document, to: n, via: false, lines: [], tooltip: "")
                    }
                    found[key]!.lines.append(c.line)
                    found[key]!.tooltip += (found[key]!.tooltip.isEmpty ? "" : "\n") + "line \(c.line): “\(c.quote)”" + (c.gloss.map { " (\($0))" } ?? "")
                    if !present.contains(document) { extra.insert(document) }
                }
                if let via = c.via.flatMap(graph.node(id:)), via != n, !joined.contains([min(via, n), max(via, n)]) {
                    let key = Key(from: via, to: n, via: true)
                    if found[key] == nil {
                        order.append(key)
                        found[key] = Link(from: via, to: n, via: true, lines: [c.line],
                                          tooltip: "\(graph.nodes[via].name), cited in \(c.document) line \(c.line)")
                    }
                    if !present.contains(via) { extra.insert(via) }
                }
            }
        }
        links = order.map { key in
            var link = found[key]!
            link.lines = Array(Set(link.lines)).sorted()
            return link
        }
        extraNodes = extra.sorted()
    }
}
