import KGCore

/// Writes a subgraph as Graphviz DOT text, styled to read at a glance.
///
/// - one shape and colour per label (``NodeStyle``), and a legend of the labels drawn;
/// - node captions: the name (in a chosen language), and for figures the amount, measure
///   and period; a small grey line names the label;
/// - edges labelled with their type and coloured like their start node;
/// - left-to-right layout, so provenance chains (document → source → figure → role) read
///   in order;
/// - SVG tooltips with each citation's quote, document and line, and the original source;
/// - optional clusters, one per label.
///
/// The output is deterministic (subgraph order, fixed attribute order), so it is golden-tested.
///
///     let dot = DOTWriter(options: .init(clusterByLabel: true)).write(graph, Subgraph(all: graph))
public struct DOTWriter: Sendable {
    /// Choices that change the picture.
    public struct Options: Sendable, Hashable {
        /// Group nodes into one box per label (`--cluster-by label`).
        public var clusterByLabel: Bool
        /// Draw a legend of the labels in the picture.
        public var legend: Bool
        /// Show names in this language when a node has one (`en`, `nl`, `sv`).
        public var language: String?
        /// A title drawn above the picture.
        public var title: String?
        /// Graphviz rankdir: `LR` (default) or `TB`.
        public var rankdir: String
        /// Draw every leaf of a hub on its own (`--expand`) instead of one list node per
        /// label and relationship type when there are more than ``HubGrouping/defaultThreshold``.
        public var expand: Bool
        /// Pixels per inch of PNG and other bitmaps (`--dpi`).
        public var dpi: Int
        /// The largest drawing, Graphviz `size` in inches: `"8,11"`, or `"8,11!"` to scale up
        /// as well (`--size`). The default keeps a bitmap within 4000 pixels at 96 dpi.
        public var size: String
        /// Draw each drawn statement's citations (`--citations`): its documents as nodes, with a
        /// dashed arrow labelled by line, and the `via` source with a dotted arrow.
        public var citations: Bool
        /// Give every drawn node and edge an SVG `id` (`n12`, `e7`: its handle in the graph;
        /// `g3` a list node, `c4` a citation arrow), so the HTML view finds them in the SVG.
        public var elementIDs: Bool = false
        /// Leave the legend out of the graph's label; ``DOTWriter/draw(_:_:)`` returns it apart
        /// (the HTML view shows it in its own panel).
        public var separateLegend: Bool = false
        /// `-G` attributes: added to the graph's attributes, after kgq's own.
        public var graphAttributes: [GraphvizAttribute] = []
        /// `-N` attributes: added to every node (and list node), after kgq's own.
        public var nodeAttributes: [GraphvizAttribute] = []
        /// `-E` attributes: added to every drawn edge, after kgq's own.
        public var edgeAttributes: [GraphvizAttribute] = []

        /// 96 pixels per inch, as screens draw.
        public static let defaultDPI = 96
        /// 4000 pixels at 96 dpi on either side.
        public static let defaultSize = "41.6,41.6"

        public init(clusterByLabel: Bool = false, legend: Bool = true, language: String? = nil,
                    title: String? = nil, rankdir: String = "LR", expand: Bool = false,
                    dpi: Int = Options.defaultDPI, size: String = Options.defaultSize, citations: Bool = false,
                    elementIDs: Bool = false, separateLegend: Bool = false) {
            self.citations = citations
            self.elementIDs = elementIDs
            self.separateLegend = separateLegend
            self.clusterByLabel = clusterByLabel
            self.legend = legend
            self.language = language
            self.title = title
            self.rankdir = rankdir
            self.expand = expand
            self.dpi = dpi
            self.size = size
        }
    }

    public var options: Options
    /// Names wrap at about this many characters.
    static let wrapWidth = 26
    static let font = "DejaVu Sans"
    /// More leaves of one label and relationship type than this on one node become a list node.
    public static let groupThreshold = HubGrouping.defaultThreshold

    public init(options: Options = Options()) {
        self.options = options
    }

    /// What a picture draws besides its DOT text: the list nodes and citation arrows (in the
    /// order of their `g`/`c` element ids), and the legend when it is kept apart.
    public struct Drawing: Sendable {
        /// The DOT text.
        public var dot: String
        /// The legend's HTML-like table, when ``Options/separateLegend`` kept it out of `dot`.
        public var legend: String?
        /// Nodes drawn on their own (graph handles).
        public var nodes: [Int]
        /// Edges drawn on their own.
        public var edges: [Int]
        /// List nodes: the hub, the relationship type, the members and the edges each stands for.
        public var groups: [(hub: Int, type: String, label: String, members: [Int], edges: [Int])]
        /// Citation arrows: from a document or `via` source to a statement, with its lines.
        public var citations: [(from: Int, to: Int, via: Bool, lines: [Int], text: String)]
        /// Per node drawn inside a list node, the index of that list node in `groups`.
        public var groupOf: [Int: Int]
    }

    /// The DOT text of `subgraph` (closed first, so every edge has both ends).
    public func write(_ graph: Graph, _ subgraph: Subgraph) -> String {
        draw(graph, subgraph).dot
    }

    /// The DOT text of `subgraph` and what it draws where (see ``Drawing``).
    public func draw(_ graph: Graph, _ subgraph: Subgraph) -> Drawing {
        var sub = subgraph.closed(in: graph)
        let cited = options.citations ? CitationLinks(graph, sub) : CitationLinks()
        if !cited.links.isEmpty { sub = Subgraph(nodes: sub.nodes + cited.extraNodes, edges: sub.edges) }
        var out = "digraph kgq {\n"
        var graphAttributes = [
            "rankdir=\(options.rankdir == "TB" ? "TB" : "LR")", "fontname=\(DOTText.quoted(Self.font))",
            "fontsize=12", "nodesep=0.25", "ranksep=0.5", "pad=0.3",
            "bgcolor=\"white\"", "tooltip=\" \"",
            // Fit a screen: at most `size` inches (scaled down, never up unless it ends in "!").
            "dpi=\(options.dpi)", "size=\(DOTText.quoted(options.size))",
            // Force-directed engines (neato, fdp, sfdp) otherwise let nodes overlap; dot ignores these.
            "overlap=prism", "sep=\"+8\"",
            // Nodes are painted over arrows, so an arrow crossing a caption cannot hide it.
            "outputorder=edgesfirst",
        ]
        if options.clusterByLabel { graphAttributes.append("newrank=true") }
        let labelOf = Dictionary(uniqueKeysWithValues: sub.nodes.map { ($0, NodeStyle.primaryLabel(of: graph.nodes[$0])) })
        let grouping = HubGrouping(graph, sub, threshold: options.expand ? nil : HubGrouping.defaultThreshold, labelOf: labelOf)
        let drawnNodes = sub.nodes.filter { !grouping.groupedNodes.contains($0) }
        let drawnEdges = sub.edges.filter { !grouping.groupedEdges.contains($0) }
        let labelsUsed = NodeStyle.legendOrder(Set(labelOf.values))
        let stagger = LeafStagger(graph, drawnEdges, groups: grouping.groups)

        // Arrows between two labels that all have one type need no label: the legend says it.
        var typesBetween: [Pair: Set<String>] = [:]
        for e in drawnEdges {
            typesBetween[Pair(labelOf[graph.from(edge: e)] ?? "", labelOf[graph.to(edge: e)] ?? ""), default: []].insert(graph.edges[e].type)
        }
        for group in grouping.groups {
            let hub = labelOf[group.hub] ?? ""
            typesBetween[group.outgoing ? Pair(hub, group.label) : Pair(group.label, hub), default: []].insert(group.type)
        }
        let drawLegend = options.legend && !labelsUsed.isEmpty
        // Where a cited statement is drawn: its own node, or the list node it is in.
        var drawnAs: [Int: String] = [:]
        for group in grouping.groups { for m in group.members { drawnAs[m] = group.id(graph) } }
        func key(_ n: Int) -> String { drawnAs[n] ?? graph.nodes[n].id }
        let unlabelled = drawLegend ? Set(typesBetween.filter { $0.value.count == 1 }.keys) : []

        var separateLegend: String? = nil
        if drawLegend {
            let severities = Set(sub.nodes.compactMap { graph.nodes[$0].properties["audit_severity"]?.string })
            let legend = DOTLegend(
                labels: labelsUsed,
                arrows: unlabelled.map { DOTLegend.Arrow(from: $0.from, to: $0.to, type: typesBetween[$0]!.first!) }.sorted(),
                labelledArrows: unlabelled.count < typesBetween.count,
                lists: !grouping.groups.isEmpty,
                citations: (cited.links.contains { !$0.via }, cited.links.contains { $0.via }),
                severities: DOTLegend.severityOrder.filter(severities.contains),
                language: PictureLanguage(options.language).map { $0.note($0.untranslated(graph, sub.nodes, title: options.title)) })
            if options.separateLegend {
                separateLegend = legend.table(title: nil)
                if let title = options.title {
                    graphAttributes += ["labelloc=t", "labeljust=l", "label=<<B>\(DOTText.html(title))</B>>"]
                }
            } else {
                graphAttributes += ["labelloc=t", "labeljust=l", "label=<\(legend.table(title: options.title))>"]
            }
        } else if let title = options.title {
            graphAttributes += ["labelloc=t", "labeljust=l", "label=<<B>\(DOTText.html(title))</B>>"]
        }
        graphAttributes += options.graphAttributes.map(\.statement)
        out += "  graph [\(graphAttributes.joined(separator: ", "))];\n"
        out += "  node [fontname=\(DOTText.quoted(Self.font)), fontsize=11, penwidth=1.2, margin=\"0.14,0.06\"];\n"
        out += "  edge [fontname=\(DOTText.quoted(Self.font)), fontsize=9, arrowsize=0.7, penwidth=1.0];\n"

        // Nodes, grouped into clusters by label when asked, else in subgraph order; list nodes
        // go with their members' label.
        if options.clusterByLabel {
            for (index, label) in labelsUsed.enumerated() {
                let style = NodeStyle.forLabel(label)
                out += "  subgraph \(DOTText.quoted("cluster_\(index)_\(label)")) {\n"
                out += "    graph [label=\(DOTText.quoted(label)), style=\"rounded,dashed\", color=\(DOTText.quoted(style.border)), fontcolor=\(DOTText.quoted(style.border))];\n"
                for n in drawnNodes where labelOf[n] == label {
                    out += "    " + nodeStatement(graph, n, label: label) + "\n"
                }
                for (k, group) in grouping.groups.enumerated() where group.label == label {
                    out += "    " + groupStatement(graph, group, index: k) + "\n"
                }
                out += "  }\n"
            }
        } else {
            for n in drawnNodes {
                out += "  " + nodeStatement(graph, n, label: labelOf[n] ?? "") + "\n"
            }
            for (k, group) in grouping.groups.enumerated() {
                out += "  " + groupStatement(graph, group, index: k) + "\n"
            }
        }

        for e in drawnEdges {
            let pair = Pair(labelOf[graph.from(edge: e)] ?? "", labelOf[graph.to(edge: e)] ?? "")
            out += "  " + edgeStatement(graph, e, labelOf: labelOf, minlen: stagger.minlen[e], labelled: !unlabelled.contains(pair)) + "\n"
        }
        for (index, group) in grouping.groups.enumerated() {
            let hub = labelOf[group.hub] ?? ""
            let pair = group.outgoing ? Pair(hub, group.label) : Pair(group.label, hub)
            out += "  " + groupEdgeStatement(graph, group, labelOf: labelOf, minlen: stagger.groupMinlen[index],
                                             labelled: !unlabelled.contains(pair), index: index) + "\n"
        }
        var citationEdges: [(from: String, to: String)] = []
        for (index, link) in cited.links.enumerated() {
            let (from, to) = (key(link.from), key(link.to))
            citationEdges.append((from, to))
            let words = PictureLanguage(options.language)
            let lineWord = link.lines.count == 1 ? "line" : "lines"
            let label = link.via ? "via" : (words?.word(lineWord) ?? lineWord) + " " + link.lines.map(String.init).joined(separator: ", ")
            var attributes = [
                "label=\(DOTText.quoted(label))", "style=\(link.via ? "dotted" : "dashed")", "color=\"#888888\"",
                "fontcolor=\"#555555\"", "arrowhead=empty", "tooltip=\(DOTText.quoted(link.tooltip))",
            ]
            if options.elementIDs { attributes.append("id=\"c\(index)\"") }
            attributes += options.edgeAttributes.map(\.statement)
            out += "  \(DOTText.quoted(from)) -> \(DOTText.quoted(to)) [\(attributes.joined(separator: ", "))];\n"
        }
        // Separate pieces go a few to a row rather than all in one column.
        let grid = ComponentGrid(
            nodes: drawnNodes.map { graph.nodes[$0].id } + grouping.groups.map { $0.id(graph) },
            edges: drawnEdges.map { (graph.nodes[graph.from(edge: $0)].id, graph.nodes[graph.to(edge: $0)].id) }
                + grouping.groups.map { $0.outgoing ? (graph.nodes[$0.hub].id, $0.id(graph)) : ($0.id(graph), graph.nodes[$0.hub].id) }
                + citationEdges,
            leftToRight: options.rankdir != "TB")
        for link in grid.links {
            out += "  \(DOTText.quoted(link.from)) -> \(DOTText.quoted(link.to)) [style=invis];\n"
        }

        out += "}\n"
        var groupOf: [Int: Int] = [:]
        for (k, group) in grouping.groups.enumerated() { for m in group.members { groupOf[m] = k } }
        return Drawing(dot: out, legend: separateLegend, nodes: drawnNodes, edges: drawnEdges,
                       groups: grouping.groups.map { ($0.hub, $0.type, $0.label, $0.members, $0.edges) },
                       citations: cited.links.map { ($0.from, $0.to, $0.via, $0.lines, $0.tooltip) }, groupOf: groupOf)
    }

    // MARK: - Statements

    func nodeStatement(_ graph: Graph, _ n: Int, label: String) -> String {
        let node = graph.nodes[n]
        let style = NodeStyle.forLabel(label)
        var attributes = [
            "label=<\(caption(node, label: label))>",
            "shape=\(style.shape)", "style=\(DOTText.quoted(style.style))",
            "fillcolor=\(DOTText.quoted(style.fill))", "color=\(DOTText.quoted(style.border))",
            "tooltip=\(DOTText.quoted(nodeTooltip(graph, node)))",
        ]
        if let severity = node.properties["audit_severity"]?.string {
            attributes[4] = "color=\(DOTText.quoted(DOTLegend.severityColour(severity)))"
            attributes.append("penwidth=3")
        }
        if options.elementIDs { attributes.append("id=\"n\(n)\"") }
        attributes += options.nodeAttributes.map(\.statement)
        if let url = node.properties["url"]?.string.flatMap(DOTWriter.link) {
            attributes.append("URL=\(DOTText.quoted(url))")
            attributes.append("target=\"_blank\"")
        }
        return "\(DOTText.quoted(node.id)) [\(attributes.joined(separator: ", "))];"
    }

    /// Two labels, the start and end of an arrow.
    struct Pair: Hashable {
        var from: String
        var to: String
        init(_ from: String, _ to: String) { self.from = from; self.to = to }
    }

    func edgeStatement(_ graph: Graph, _ e: Int, labelOf: [Int: String], minlen: Int? = nil, labelled: Bool = true) -> String {
        let edge = graph.edges[e]
        let colour = NodeStyle.forLabel(labelOf[edge.from] ?? "").border
        var attributes = (labelled ? ["label=\(DOTText.quoted(edge.type))"] : []) + [
            "color=\(DOTText.quoted(colour))", "fontcolor=\(DOTText.quoted(colour))",
            "tooltip=\(DOTText.quoted(tooltip(graph, title: "\(edge.type) (\(edge.id))", edge.citations)))",
        ]
        if let minlen { attributes.append("minlen=\(minlen)") }
        if options.elementIDs { attributes.append("id=\"e\(e)\"") }
        attributes += options.edgeAttributes.map(\.statement)
        let from = DOTText.quoted(graph.nodes[edge.from].id)
        let to = DOTText.quoted(graph.nodes[edge.to].id)
        return "\(from) -> \(to) [\(attributes.joined(separator: ", "))];"
    }

    /// Members of a list node beyond this many are counted, not named.
    static let groupListLimit = 30
    /// Names per column of a list node.
    static let groupColumnHeight = 10

    /// A list node: "23 duties" in bold, then the names in up to three columns, in the
    /// members' fill and border colour with a double border.
    func groupStatement(_ graph: Graph, _ group: HubGrouping.Group, index: Int = 0) -> String {
        let style = NodeStyle.forLabel(group.label)
        let shown = group.members.prefix(Self.groupListLimit)
        let columns = (shown.count + Self.groupColumnHeight - 1) / Self.groupColumnHeight
        let height = (shown.count + columns - 1) / columns
        var rows = "<TR><TD COLSPAN=\"\(columns)\" ALIGN=\"LEFT\"><B>\(group.members.count) \(DOTText.html(HubGrouping.plural(group.label)))</B></TD></TR>"
        for row in 0..<height {
            rows += "<TR>"
            for column in 0..<columns {
                let index = column * height + row
                let text = index < shown.count ? "· " + DOTText.html(memberText(graph.nodes[shown[shown.startIndex + index]], label: group.label)) : ""
                rows += "<TD ALIGN=\"LEFT\">\(text)</TD>"
            }
            rows += "</TR>"
        }
        if group.members.count > shown.count {
            rows += "<TR><TD COLSPAN=\"\(columns)\" ALIGN=\"LEFT\"><FONT COLOR=\"#666666\">… and \(group.members.count - shown.count) more (--expand draws them)</FONT></TD></TR>"
        }
        let table = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">\(rows)</TABLE>"
        let tooltip = ["\(group.members.count) \(HubGrouping.plural(group.label)) (\(group.type))"]
            + group.members.map { "\(graph.nodes[$0].id): \(memberText(graph.nodes[$0], label: group.label, limit: nil))" }
        var attributes = [
            "label=<\(table)>", "shape=box", "style=\"filled,rounded\"", "peripheries=2",
            "fillcolor=\(DOTText.quoted(style.fill))", "color=\(DOTText.quoted(style.border))",
            "tooltip=\(DOTText.quoted(tooltip.joined(separator: "\n")))",
        ]
        if options.elementIDs { attributes.append("id=\"g\(index)\"") }
        attributes += options.nodeAttributes.map(\.statement)
        return "\(DOTText.quoted(group.id(graph))) [\(attributes.joined(separator: ", "))];"
    }

    /// One line for a member of a list node: its name; for a figure its amount and measure, for
    /// a claim its statement; cut at `limit` characters.
    func memberText(_ node: Node, label: String, limit: Int? = 48) -> String {
        var text = node.displayName(in: options.language)
        switch label {
        case "Figure":
            let measure = PictureLanguage(options.language)?.measure(node) ?? node.properties["measure"]?.string ?? text
            text = [figureCaption(node).amount, measure].compactMap { $0 }.joined(separator: " ")
        case "Claim":
            text = node.properties["statement"]?.string ?? node.properties["measure"]?.string ?? text
        default: break
        }
        if let limit, text.count > limit { text = String(text.prefix(limit - 1)) + "…" }
        return text
    }

    /// The one edge between a hub and its list node.
    func groupEdgeStatement(_ graph: Graph, _ group: HubGrouping.Group, labelOf: [Int: String], minlen: Int?,
                            labelled: Bool = true, index: Int = 0) -> String {
        let start = group.outgoing ? labelOf[group.hub] ?? "" : group.label
        let colour = NodeStyle.forLabel(start).border
        var attributes = (labelled ? ["label=\(DOTText.quoted(group.type))"] : []) + [
            "color=\(DOTText.quoted(colour))",
            "fontcolor=\(DOTText.quoted(colour))", "penwidth=1.6",
            "tooltip=\(DOTText.quoted("\(group.type) ×\(group.members.count)"))",
        ]
        if let minlen { attributes.append("minlen=\(minlen)") }
        if options.elementIDs { attributes.append("id=\"ge\(index)\"") }
        attributes += options.edgeAttributes.map(\.statement)
        let hub = DOTText.quoted(graph.nodes[group.hub].id)
        let list = DOTText.quoted(group.id(graph))
        return (group.outgoing ? "\(hub) -> \(list)" : "\(list) -> \(hub)") + " [\(attributes.joined(separator: ", "))];"
    }

    /// A node's `url` as a link target, or nil when it is not a web link: a `javascript:` or
    /// `data:` URL would run in whoever opens the SVG. Graphviz copies URLs into SVG attributes
    /// as they are, so quotes, brackets, spaces and the like are percent-encoded (a `"` would
    /// end the attribute) and `&` is written as the entity `&amp;`.
    static func link(_ url: String) -> String? {
        guard ["http://", "https://"].contains(where: url.lowercased().hasPrefix) else { return nil }
        var out = ""
        for byte in url.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;"
            case 0x21, 0x23...0x25, 0x28...0x3B, 0x3D, 0x3F...0x5B, 0x5D, 0x5F, 0x61...0x7A, 0x7E:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default: out += "%" + String(byte, radix: 16, uppercase: true).leftPaddedHex
            }
        }
        return out
    }

    /// The HTML-like caption of a node: its whole name in one weight; for a figure its amount
    /// in bold over its measure, for a claim its statement; then a small grey line with a
    /// figure's period and region, and the label where shape and colour do not tell it (a
    /// label outside ``NodeStyle/known``, or no legend).
    func caption(_ node: Node, label: String) -> String {
        var lines: [String] = []
        var small: [String] = []
        if !options.legend || !NodeStyle.known.contains(where: { $0.label == label }) { small.append(label) }
        let name = node.displayName(in: options.language)
        switch label {
        case "Figure":
            let figure = figureCaption(node)
            if let amount = figure.amount { lines.append("<B>\(DOTText.html(amount))</B>") }
            let measure = PictureLanguage(options.language)?.measure(node) ?? node.properties["measure"]?.string ?? name
            lines += DOTText.wrap(measure, width: Self.wrapWidth).map(DOTText.html)
            if let context = periodInLanguage(figure).context { small.append(context) }
        case "Claim":
            let statement = options.language.flatMap { node.properties["statement_\($0)"]?.string }
                ?? node.properties["statement"]?.string ?? node.properties["measure"]?.string ?? name
            lines += DOTText.wrap(statement, width: Self.wrapWidth + 8).map(DOTText.html)
            if let period = periodInLanguage(FigureCaption(properties: node.properties)).period { small.append(period) }
        default:
            lines += DOTText.wrap(name, width: Self.wrapWidth).map(DOTText.html)
        }
        if !small.isEmpty {
            lines.append("<FONT POINT-SIZE=\"8\" COLOR=\"#666666\">\(DOTText.html(small.joined(separator: " · ")))</FONT>")
        }
        return lines.joined(separator: "<BR/>")
    }

    /// A caption with its period words ("since", "as of") in the picture's language where kgq has them.
    func periodInLanguage(_ caption: FigureCaption) -> FigureCaption {
        guard let language = PictureLanguage(options.language), let period = caption.period,
              let translated = language.period(period) else { return caption }
        var out = caption
        out.period = translated
        return out
    }

    /// A figure's caption, its unit in the picture's language where kgq has the word.
    func figureCaption(_ node: Node) -> FigureCaption {
        var properties = node.properties
        if let language = PictureLanguage(options.language), let unit = properties["unit"]?.string,
           let translated = language.unit(unit) {
            properties["unit"] = .string(translated)
        }
        return FigureCaption(properties: properties)
    }

    /// A node's tooltip: its id and citations; for a document, what the document is.
    func nodeTooltip(_ graph: Graph, _ node: Node) -> String {
        if node.citations.isEmpty, let document = Document(node: node) {
            let publisher = document.publisher.map { ", \($0)" } ?? ""
            return "\(node.id)\n\(document.title)\n\(document.kind)\(publisher) · \(document.language) · \(document.file)"
        }
        return tooltip(graph, title: node.id, node.citations)
    }

    /// Tooltip text: the title, then one line per citation with quote, gloss, document, line
    /// and original source; "uncited" when there is none.
    func tooltip(_ graph: Graph, title: String, _ citations: [Citation]) -> String {
        var lines = [title]
        if citations.isEmpty { lines.append("(uncited)") }
        for c in citations {
            var line = "“\(c.quote)”"
            if let gloss = c.gloss { line += " (\(gloss))" }
            let document = graph.document(id: c.document)
            line += " — \(document?.title ?? c.document), line \(c.line)"
            if let via = c.via {
                let viaName = graph.node(id: via).map { graph.nodes[$0].name } ?? via
                line += ", via \(viaName)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    /// Two hex digits: "A" becomes "0A".
    var leftPaddedHex: String { count < 2 ? "0" + self : self }
}
