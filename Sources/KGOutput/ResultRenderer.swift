import Foundation
import KGCore
import KGQuery

/// Renders a statement's result in any `OutputMode`: the one entry point the CLI and the REPL use.
///
///     let text = ResultRenderer.render(result, graph: session.graph, mode: .table, width: 100, color: false)
///     print(text, terminator: "")
///
/// Every mode ends its output with a newline (or is empty).
public enum ResultRenderer {
    /// Renders with default options apart from width and colour.
    public static func render(_ result: ResultSet, graph: Graph, mode: OutputMode, width: Int?, color: Bool) -> String {
        render(result, graph: graph, mode: mode, options: RenderOptions(width: width, color: color))
    }

    /// Renders with all options.
    public static func render(_ result: ResultSet, graph: Graph, mode: OutputMode, options: RenderOptions) -> String {
        var o = options
        if mode.isMachineReadable { o.color = false }
        let text = ValueText(graph: graph, nodeStyle: o.nodeStyle, language: o.language,
                             null: mode == .csv ? "" : "NULL")
        switch mode {
        case .json: return ResultJSON.encode(result, graph: graph) + "\n"
        case .jsonl: return JSONLines.render(result, graph: graph)
        case .csv: return CSVTable.render(result, text: text)
        case .markdown: return MarkdownTable.render(result, text: text)
        case .line: return preamble(result) + LineRecords.render(result, text: text, color: o.color) + epilogue(result, o, mode)
        case .table:
            let table = BoxTable.renderCounting(result, text: text, options: o)
            return preamble(result) + table.text + epilogue(result, o, mode, cutColumns: table.cutColumns)
        }
    }

    /// The plan of EXPLAIN/PROFILE, before the rows.
    private static func preamble(_ r: ResultSet) -> String {
        guard let plan = r.plan else { return "" }
        let shown = TerminalText.visible(plan, keepingLayout: true)
        return shown.hasSuffix("\n") ? shown : shown + "\n"
    }

    /// Write counters and the footer (`3 rows (1.2 ms)`).
    /// A table cut to the width says so: how many columns lost text, and how to see it whole.
    private static func epilogue(_ r: ResultSet, _ o: RenderOptions, _ mode: OutputMode, cutColumns: Int = 0) -> String {
        var out = ""
        if !r.stats.isEmpty {
            out += r.stats.counters.map { "\($0.name): \($0.count)" }.joined(separator: ", ") + "\n"
        }
        if o.footer {
            var f = r.rows.count == 1 ? "1 row" : "\(r.rows.count) rows"
            if let e = o.elapsed { f += " (" + milliseconds(e) + ")" }
            if cutColumns > 0 {
                f += "; \(cutColumns) column\(cutColumns == 1 ? "" : "s") cut to the width (:mode line, --format line or :last shows every value whole)"
            }
            out += ANSI.wrap(f, ANSI.dim, if: o.color) + "\n"
        }
        return out
    }

    /// `12.3 ms`, or `1.25 s` from a second up.
    public static func milliseconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        let ms = Double(s) * 1000 + Double(atto) / 1e15
        return ms >= 1000 ? String(format: "%.2f s", ms / 1000) : String(format: "%.1f ms", ms)
    }
}

/// Table cells are single lines: line breaks and tabs become visible escapes, and every other
/// control character is shown rather than obeyed (KGCore.TerminalText).
func oneLine(_ s: String) -> String {
    guard s.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n" }) else { return TerminalText.visible(s) }
    var out = ""
    for c in s {
        switch c {
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\r\n": out += "\\r\\n"
        case "\t": out += "\\t"
        default: out.append(c)
        }
    }
    return TerminalText.visible(out)
}
