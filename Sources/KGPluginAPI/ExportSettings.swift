/// What `kgq export` asks of an exporter besides the subgraph. Exporters use what applies to
/// them and ignore the rest (a data format has no layout).
public struct ExportSettings: Sendable, Hashable {
    /// A title for the output (`--title`, or a saved view's first comment).
    public var title: String?
    /// Show names in this language where a node has one (`en`, `nl`, `sv`, …).
    public var language: String?
    /// The most nodes to export (`--max-nodes`); nil means the exporter's own default.
    public var maxNodes: Int?
    /// Graphviz layout engine for pictures: `dot`, `neato`, `fdp`, `sfdp`, `circo`, or `auto`
    /// (the default, as `kgq export` without `--layout`, the shell's `:export` and `kgq convert`
    /// use it): dot, or sfdp where dot would shrink names unreadably.
    public var layout: String
    /// Pictures: one box per label.
    public var clusterByLabel: Bool
    /// Pictures: draw the legend.
    public var legend: Bool
    /// Pictures: draw every leaf of a hub on its own rather than one list node per group (`--expand`).
    public var expand: Bool
    /// Pictures: pixels per inch of bitmaps (`--dpi`); nil means 96.
    public var dpi: Int?
    /// Pictures: the largest drawing in inches, Graphviz `size` (`--size 8,11`); nil means the default.
    public var size: String?
    /// Pictures: draw each statement's citing documents and `via` sources (`--citations`).
    public var citations: Bool
    /// Pictures: Graphviz attributes as `dot`'s `-G`, `-N`, `-E` take them (`size=10,10`,
    /// `shape=box`), written after kgq's own so they win.
    public var graphAttributes: [String] = []
    public var nodeAttributes: [String] = []
    public var edgeAttributes: [String] = []

    public init(title: String? = nil, language: String? = nil, maxNodes: Int? = nil, layout: String = "auto",
                clusterByLabel: Bool = false, legend: Bool = true, expand: Bool = false,
                dpi: Int? = nil, size: String? = nil, citations: Bool = false) {
        self.citations = citations
        self.expand = expand
        self.dpi = dpi
        self.size = size
        self.title = title
        self.language = language
        self.maxNodes = maxNodes
        self.layout = layout
        self.clusterByLabel = clusterByLabel
        self.legend = legend
    }
}
