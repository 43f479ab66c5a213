import KGAudit
import KGCore
import KGExport

/// Draws the citation map (`kgq audit --map FILE`): DOT text of its own, rendered through the
/// exporters' Graphviz renderer for .svg, .png and .pdf.
///
/// Fill and border colour say the worst finding (error red, warning amber, info blue, none
/// grey-green); the shape says what a node is (document, original source, figure, claim);
/// a link is drawn in the colour of the worst finding about the citations it stands for,
/// thicker for errors and warnings. A legend says so, and each node's and link's SVG tooltip
/// holds its citations and findings.
struct CitationMapPicture {
    let map: CitationMap
    var title = "Citation map: documents → original sources → figures and claims, coloured by the worst audit finding"

    /// Colours of a severity: (fill, line), and the legend's words.
    static func colours(_ severity: AuditSeverity?) -> (fill: String, line: String, words: String) {
        switch severity {
        case .error?: return ("#f6c6c6", "#b71c1c", "error")
        case .warning?: return ("#fde3b0", "#c77700", "warning")
        case .info?: return ("#d3e5f7", "#1f5f99", "info")
        case nil: return ("#e3efe3", "#6b8f6b", "no finding")
        }
    }

    static func shape(_ kind: CitationMap.Kind) -> (shape: String, style: String, words: String) {
        switch kind {
        case .document: return ("note", "filled", "document")
        case .source: return ("box", "filled", "original source")
        case .figure: return ("box", "rounded,filled", "figure")
        case .claim: return ("ellipse", "filled", "claim")
        }
    }

    var dot: String {
        let font = DOTText.quoted("DejaVu Sans")
        var out = "digraph citation_map {\n"
        out += "  graph [rankdir=LR, fontname=\(font), fontsize=12, nodesep=0.25, ranksep=0.6, pad=0.3, bgcolor=\"white\", "
            + "tooltip=\" \", labelloc=t, labeljust=l, label=<<B>\(DOTText.html(title))</B>>];\n"
        out += "  node [fontname=\(font), fontsize=10, penwidth=1.4, margin=\"0.12,0.05\"];\n"
        out += "  edge [fontname=\(font), fontsize=8, arrowsize=0.7];\n"
        for item in map.items {
            let c = Self.colours(item.severity), s = Self.shape(item.kind)
            var lines = item.caption.flatMap { DOTText.wrap($0, width: 28) }.map(DOTText.html)
            if !lines.isEmpty { lines[0] = "<B>\(lines[0])</B>" }
            let badge = item.severity.map { "\(s.words) · \($0.rawValue) (\(item.findings.count))" } ?? s.words
            lines.append("<FONT POINT-SIZE=\"8\" COLOR=\"\(c.line)\">\(DOTText.html(badge))</FONT>")
            out += "  \(DOTText.quoted(item.id)) [label=<\(lines.joined(separator: "<BR/>"))>, shape=\(s.shape), "
                + "style=\(DOTText.quoted(s.style)), fillcolor=\(DOTText.quoted(c.fill)), color=\(DOTText.quoted(c.line)), "
                + "tooltip=\(DOTText.quoted(item.tooltip))];\n"
        }
        for link in map.links {
            let c = Self.colours(link.severity)
            let width = link.severity.map { $0 >= .warning ? "2.4" : "1.6" } ?? "1.0"
            out += "  \(DOTText.quoted(link.from)) -> \(DOTText.quoted(link.to)) [label=\(DOTText.quoted(link.type)), "
                + "color=\(DOTText.quoted(c.line)), fontcolor=\(DOTText.quoted(c.line)), penwidth=\(width), "
                + "tooltip=\(DOTText.quoted(link.tooltip)), labeltooltip=\(DOTText.quoted(link.tooltip))];\n"
        }
        out += legend
        out += "}\n"
        return out
    }

    /// The legend: what the colours and the shapes mean, with how many nodes and links have each colour.
    var legend: String {
        var rows = "<TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\"><B>Colour: the worst audit finding</B></FONT></TD></TR>"
        rows += "<TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">of a node: about it; of a link: about the citations it stands for</FONT></TD></TR>"
        for severity in [AuditSeverity.error, .warning, .info, nil] {
            let c = Self.colours(severity), n = map.count(severity)
            rows += "<TR><TD BGCOLOR=\"\(c.fill)\" COLOR=\"\(c.line)\" BORDER=\"2\" WIDTH=\"16\" HEIGHT=\"12\"></TD>"
                + "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(c.words)</FONT></TD>"
                + "<TD ALIGN=\"RIGHT\"><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">\(n.items) nodes, \(n.links) links</FONT></TD></TR>"
        }
        rows += "<TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"10\"><B>Shape</B></FONT></TD></TR>"
        for kind in CitationMap.Kind.allCases {
            let s = Self.shape(kind)
            let symbol: String
            switch kind {
            case .document: symbol = "▭ folded"
            case .source: symbol = "□ box"
            case .figure: symbol = "▢ rounded box"
            case .claim: symbol = "◯ ellipse"
            }
            rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(DOTText.html(symbol))</FONT></TD>"
                + "<TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\">\(s.words)</FONT></TD></TR>"
        }
        rows += "<TR><TD COLSPAN=\"3\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">hover for the citations and findings</FONT></TD></TR>"
        let table = "<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"2\" STYLE=\"ROUNDED\">\(rows)</TABLE>"
        return "  \"kgq.legend\" [shape=plaintext, margin=0, label=<\(table)>, tooltip=\"Legend: colour is the worst audit finding, shape what the node is\"];\n"
    }

    /// The file's bytes for `format` (dot, svg, png or pdf).
    func bytes(as format: ExportFormat) throws(Diagnostic) -> [UInt8] {
        guard let picture = format.pictureFormat else { return Array(dot.utf8) }
        return try GraphvizRenderer.shared.render(dot: dot, engine: .dot, format: picture)
    }
}
