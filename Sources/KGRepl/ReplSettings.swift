import KGOutput

/// When results go through the pager (`:pager on|off|auto`, as psql's `\pset pager`).
public enum PagerMode: String, Sendable, Hashable, CaseIterable {
    /// Every result, and `:last`.
    case on
    /// Never: everything is printed.
    case off
    /// A result taller than the terminal, and `:last` (the default).
    case auto
}

/// What the user can change while the REPL runs (`:mode`, `:timer`) and how the terminal is.
public struct ReplSettings: Sendable, Hashable {
    public var mode: OutputMode
    /// Show the time each statement took (`:timer on`).
    public var timer: Bool
    /// Terminal width for fitting tables; nil when not writing to a terminal.
    public var width: Int?
    /// ANSI colour: only on a terminal and when NO_COLOR is unset (the caller decides).
    public var color: Bool
    public var nodeStyle: NodeStyle
    /// Stop at the first failing statement (scripts).
    public var failFast: Bool
    /// At most this many rows of a result are shown on the screen (`:maxrows`); nil: all.
    public var maxRows: Int?
    /// When results go through the pager.
    public var pager: PagerMode = .auto
    /// Rows of the terminal (for `:pager auto`); nil when not writing to a terminal.
    public var height: Int?
    /// Output goes to a terminal (`:clear` writes its escape codes only there).
    public var terminal: Bool

    public init(mode: OutputMode = .table, timer: Bool = false, width: Int? = nil, color: Bool = false,
                nodeStyle: NodeStyle = .full, failFast: Bool = false, terminal: Bool = false, maxRows: Int? = nil,
                pager: PagerMode = .auto, height: Int? = nil) {
        self.pager = pager
        self.height = height
        self.mode = mode
        self.timer = timer
        self.width = width
        self.color = color
        self.nodeStyle = nodeStyle
        self.failFast = failFast
        self.terminal = terminal
        self.maxRows = maxRows
    }
}
