/// Everything a renderer needs beyond the result itself.
public struct RenderOptions: Sendable, Hashable {
    /// Terminal width in columns; tables wider than this get their widest cells truncated with `…`.
    /// nil: never truncate.
    public var width: Int?
    /// ANSI colour (bold header, dimmed NULL and borders). Only when writing to a terminal and
    /// NO_COLOR is unset; the caller decides.
    public var color: Bool
    /// How nodes are written.
    public var nodeStyle: NodeStyle
    /// Language of node display names in the short style (`en`, `nl`, `sv`); nil for the preferred name.
    public var language: String?
    /// Time the statement took, shown in the table footer when given.
    public var elapsed: Duration?
    /// Whether the table mode writes the row-count footer.
    public var footer: Bool

    public init(width: Int? = nil, color: Bool = false, nodeStyle: NodeStyle = .full, language: String? = nil,
                elapsed: Duration? = nil, footer: Bool = true) {
        self.width = width
        self.color = color
        self.nodeStyle = nodeStyle
        self.language = language
        self.elapsed = elapsed
        self.footer = footer
    }
}
