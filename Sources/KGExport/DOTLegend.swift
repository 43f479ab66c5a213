/// The key of a picture, drawn as the graph's own label, an HTML-like table in the top left
/// corner above the drawing (not a node, so the layout never moves it): each label drawn with
/// a glyph of its shape in its colours, what the arrows and their colours mean, the
/// relationship types not written on the arrows, list nodes, dashed borders and audit
/// severities; only what the picture uses.
struct DOTLegend {
    /// An arrow type the picture leaves unlabelled, because it is the only type between
    /// those two labels: "Role → Skill  REQUIRES".
    struct Arrow: Hashable, Comparable {
        var from: String
        var to: String
        var type: String

        static func < (a: Arrow, b: Arrow) -> Bool { (a.from, a.to, a.type) < (b.from, b.to, b.type) }
    }

    var labels: [String]
    var arrows: [Arrow]
    /// Some labelled arrows are drawn (types differ between the same labels).
    var labelledArrows: Bool
    /// The picture has list nodes.
    var lists: Bool
    /// The picture draws citations (`--citations`): document arrows, and `via` arrows.
    var citations: (documents: Bool, via: Bool) = (false, false)
    /// Audit severities used by the picture, worst first.
    var severities: [String]
    /// With `--language`: what is in that language and what stayed English.
    var language: String? = nil

    /// Labels per row of the node key.
    static let labelsPerRow = 4

    /// A glyph that looks like a Graphviz shape, from DejaVu Sans (which the pictures use).
    static func glyph(_ shape: String, style: String) -> String {
        switch shape {
        case "box": return style.contains("rounded") ? "▢" : "▭"
        case "ellipse": return "◯"
        case "hexagon": return "⬡"
        case "parallelogram": return "▱"
        case "octagon": return "⎔"
        case "tab": return "▤"
        case "cylinder": return "⛁"
        case "house": return "⌂"
        case "note": return "❏"
        default: return "▭"
        }
    }

    /// The table, for inside `label=<…>`; `title` becomes its first row.
    func table(title: String?) -> String {
        var rows = ""
        if let title {
            rows += "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"14\"><B>\(DOTText.html(title))</B></FONT></TD></TR>"
        }
        rows += "<TR><TD ALIGN=\"LEFT\">\(key())</TD></TR>"
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\">\(rows)</TABLE>"
    }

    private func small(_ text: String, colour: String = "#444444") -> String {
        "<FONT POINT-SIZE=\"10\" COLOR=\"\(colour)\">\(text)</FONT>"
    }

    /// Arrow types per row of the arrow key.
    static let arrowsPerRow = 4

    /// The bordered key itself: a table of labels, a table of arrow types, then notes, each
    /// as wide as its own content.
    func key() -> String {
        var parts = [small("<B>Legend</B>", colour: "#555555")]
        var rows = ""
        for start in stride(from: 0, to: labels.count, by: Self.labelsPerRow) {
            rows += "<TR>"
            for label in labels[start..<min(start + Self.labelsPerRow, labels.count)] {
                let style = NodeStyle.forLabel(label)
                var name = DOTText.html(label)
                if style.style.contains("dashed") { name += " (dashed)" }
                rows += "<TD BGCOLOR=\"\(style.fill)\" COLOR=\"\(style.border)\" BORDER=\"1\" WIDTH=\"26\" HEIGHT=\"22\" FIXEDSIZE=\"TRUE\">"
                    + "<FONT POINT-SIZE=\"16\" COLOR=\"\(style.border)\">\(Self.glyph(style.shape, style: style.style))</FONT></TD>"
                rows += "<TD ALIGN=\"LEFT\">\(small(name, colour: "#222222"))</TD>"
            }
            rows += "</TR>"
        }
        parts.append("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">\(rows)</TABLE>")

        parts.append(small("an arrow has the colour of the node it starts from"
                           + (arrows.isEmpty ? "" : labelledArrows ? "; unlabelled arrows are:" : "; the arrows are:")))
        if !arrows.isEmpty {
            var rows = ""
            for start in stride(from: 0, to: arrows.count, by: Self.arrowsPerRow) {
                rows += "<TR>"
                for arrow in arrows[start..<min(start + Self.arrowsPerRow, arrows.count)] {
                    let colour = NodeStyle.forLabel(arrow.from).border
                    rows += "<TD ALIGN=\"LEFT\">" + small("\(DOTText.html(arrow.from)) → \(DOTText.html(arrow.to))", colour: colour)
                        + small(" <B>\(DOTText.html(arrow.type))</B>", colour: colour) + "</TD>"
                }
                rows += "</TR>"
            }
            parts.append("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\" COLUMNS=\"*\" COLOR=\"#dddddd\">\(rows)</TABLE>")
        }
        if citations.documents {
            parts.append(small("dashed grey arrow: the document states it, at that line"
                               + (citations.via ? "; dotted: the original source the document names (via)" : "")))
        } else if citations.via {
            parts.append(small("dotted grey arrow: the original source a citation names (via)"))
        }
        if lists {
            parts.append(small("double border: a node's neighbours of one label, listed (--expand draws each)"))
        }
        if !severities.isEmpty {
            var cells = ""
            for severity in severities {
                let colour = DOTLegend.severityColour(severity)
                cells += "<TD BORDER=\"3\" COLOR=\"\(colour)\" WIDTH=\"24\" HEIGHT=\"14\" FIXEDSIZE=\"TRUE\"></TD>"
                    + "<TD ALIGN=\"LEFT\">\(small("audit \(DOTText.html(severity))", colour: colour))</TD>"
            }
            parts.append("<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\"><TR>\(cells)</TR></TABLE>")
        }
        if let language {
            parts.append(small("language: \(DOTText.html(language))", colour: "#444444"))
        }
        let body = parts.map { "<TR><TD ALIGN=\"LEFT\">\($0)</TD></TR>" }.joined()
        return "<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"3\" STYLE=\"ROUNDED\" BGCOLOR=\"#ffffff\">\(body)</TABLE>"
    }

    /// The thick border of a statement an audit found something about.
    static func severityColour(_ severity: String) -> String {
        switch severity {
        case "error": return "#d32f2f"
        case "warning": return "#f57c00"
        default: return "#1976d2"
        }
    }

    /// Severities in the order the legend lists them.
    static let severityOrder = ["error", "warning", "info"]
}
