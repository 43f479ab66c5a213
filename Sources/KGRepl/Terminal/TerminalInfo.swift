import Foundation

/// What the REPL needs to know about where it runs.
public enum TerminalInfo {
    /// Standard input is a terminal (interactive use).
    public static var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    /// Standard output is a terminal.
    public static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Colour only on a terminal and never when NO_COLOR is set (to anything but "").
    public static func colorAllowed(environment: [String: String], outputIsTerminal: Bool) -> Bool {
        outputIsTerminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
    }

    /// Columns of the terminal on stdout, else $COLUMNS, else nil.
    public static func width(environment: [String: String]) -> Int? {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return environment["COLUMNS"].flatMap(Int.init)
    }

    /// Rows of the terminal on stdout, else $LINES, else nil.
    public static func height(environment: [String: String]) -> Int? {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_row > 0 { return Int(ws.ws_row) }
        return environment["LINES"].flatMap(Int.init)
    }
}
