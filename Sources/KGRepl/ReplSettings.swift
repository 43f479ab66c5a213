import KGOutput

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
    /// Output goes to a terminal (`:clear` writes its escape codes only there).
    public var terminal: Bool

    public init(mode: OutputMode = .table, timer: Bool = false, width: Int? = nil, color: Bool = false,
                nodeStyle: NodeStyle = .full, failFast: Bool = false, terminal: Bool = false, maxRows: Int? = nil) {
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
