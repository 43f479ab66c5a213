import KGCore

/// How one label is drawn: a Graphviz shape, a fill and a border colour.
///
/// Every label of the default graph's conventions has its own shape and colour, so a
/// picture reads at a glance and the legend explains it; unknown labels are drawn in grey.
public struct NodeStyle: Sendable, Hashable {
    public var shape: String
    /// Graphviz `style` (always includes `filled`).
    public var style: String
    public var fill: String
    public var border: String

    public init(shape: String, style: String = "filled", fill: String, border: String) {
        self.shape = shape
        self.style = style
        self.fill = fill
        self.border = border
    }

    /// Styles of the known labels, in legend order (and in order of preference when a node
    /// has several labels: `:Source:Organization` is drawn as a Source).
    public static let known: [(label: String, style: NodeStyle)] = [
        ("Role", NodeStyle(shape: "box", style: "filled,rounded", fill: "#cfe2f3", border: "#1f4e79")),
        ("Sector", NodeStyle(shape: "tab", fill: "#d9ead3", border: "#38761d")),
        ("Skill", NodeStyle(shape: "ellipse", fill: "#fff2cc", border: "#bf9000")),
        ("Qualification", NodeStyle(shape: "hexagon", fill: "#e6dcf5", border: "#674ea7")),
        ("Duty", NodeStyle(shape: "parallelogram", fill: "#d0e0e3", border: "#134f5c")),
        ("WorkCondition", NodeStyle(shape: "octagon", fill: "#e3e6f3", border: "#3949ab")),
        ("Benefit", NodeStyle(shape: "ellipse", style: "filled,bold", fill: "#dcf2d6", border: "#2e7d32")),
        ("Drawback", NodeStyle(shape: "ellipse", style: "filled,dashed", fill: "#f8d7d7", border: "#990000")),
        ("Source", NodeStyle(shape: "cylinder", fill: "#ead1dc", border: "#741b47")),
        ("Person", NodeStyle(shape: "house", fill: "#ffe0b2", border: "#e65100")),
        ("Document", NodeStyle(shape: "note", fill: "#eeeeee", border: "#555555")),
        ("Figure", NodeStyle(shape: "box", fill: "#fce5cd", border: "#b45f06")),
        ("Claim", NodeStyle(shape: "box", style: "filled,dashed", fill: "#fff8e1", border: "#8d6e63")),
    ]

    /// The style of labels outside the known table.
    public static let other = NodeStyle(shape: "box", fill: "#ffffff", border: "#666666")

    /// The label a node is drawn as: its first known label in table order, else its first label.
    public static func primaryLabel(of node: Node) -> String {
        for entry in known where node.labels.contains(entry.label) { return entry.label }
        return node.labels.first ?? "(no label)"
    }

    /// The style for a label.
    public static func forLabel(_ label: String) -> NodeStyle {
        known.first { $0.label == label }?.style ?? other
    }

    /// Orders labels as the legend lists them: known labels in table order, then the rest sorted.
    static func legendOrder(_ labels: Set<String>) -> [String] {
        let knownOrder = known.map(\.label).filter { labels.contains($0) }
        let rest = labels.subtracting(knownOrder).sorted()
        return knownOrder + rest
    }
}
