/// How results are written: for people (`table`, `line`, `markdown`) or for programs
/// (`csv`, `json`, `jsonl`).
public enum OutputMode: String, Sendable, CaseIterable, Hashable {
    /// Unicode box-drawing table, fitted to the terminal width (the default on a terminal).
    case table
    /// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they need it.
    case csv
    /// A GitHub-flavoured Markdown table.
    case markdown
    /// One `column = value` per line, records separated by a blank line.
    case line
    /// One JSON object per statement: `{"columns": [...], "rows": [[...]]}` (KGQuery.ResultJSON).
    case json
    /// One JSON object per row, keyed by column name.
    case jsonl

    /// Modes whose output a program reads: no footer, no colour, no truncation.
    public var isMachineReadable: Bool { self == .csv || self == .json || self == .jsonl }
}
