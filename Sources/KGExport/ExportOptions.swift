/// Everything `kgq export` can choose besides the format.
public struct ExportOptions: Sendable, Hashable {
    /// Layout engine for png/svg/pdf.
    public var layout: LayoutEngine
    /// The most nodes to export; nil means the format's default (500 for pictures, none for data).
    public var maxNodes: Int?
    /// How the DOT text looks (clusters, legend, language, title).
    public var dot: DOTWriter.Options
    /// When `layout` is dot by default (no `--layout`): the engine to try when dot's picture would
    /// be shrunk below ``GraphvizRenderer/readableScale`` to fit (sfdp).
    public var readableLayout: LayoutEngine? = nil

    public init(layout: LayoutEngine = .dot, maxNodes: Int? = nil, dot: DOTWriter.Options = .init()) {
        self.layout = layout
        self.maxNodes = maxNodes
        self.dot = dot
    }

    /// The node cap that applies to `format`.
    public func nodeCap(for format: ExportFormat) -> Int? {
        maxNodes ?? (format.isPicture ? ExportFormat.defaultPictureNodeCap : nil)
    }
}
