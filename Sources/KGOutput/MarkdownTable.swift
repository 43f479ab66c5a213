import KGCore
import KGQuery

/// The `markdown` mode: a GitHub-flavoured table; `|` escaped, line breaks as `<br>`,
/// numeric columns right-aligned, NULL in italics so it differs from the string "NULL";
/// control characters shown as KGCore.TerminalText does.
enum MarkdownTable {
    static func render(_ r: ResultSet, text: ValueText) -> String {
        guard !r.columns.isEmpty else { return "" }
        let n = r.columns.count
        var numeric = Array(repeating: !r.rows.isEmpty, count: n)
        for row in r.rows {
            for i in 0..<n {
                switch i < row.count ? row[i] : .null {
                case .int, .float, .null: break
                default: numeric[i] = false
                }
            }
        }
        var out = "| " + r.columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? " ---: |" : " --- |" }.joined() + "\n"
        for row in r.rows {
            let cells = (0..<n).map { i -> String in
                let v = i < row.count ? row[i] : .null
                return v == .null ? "*NULL*" : escape(text.cell(v))
            }
            out += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r\n": out += "<br>"
            case "\r": break
            default: out.append(c)
            }
        }
        return TerminalText.visible(out)
    }
}
