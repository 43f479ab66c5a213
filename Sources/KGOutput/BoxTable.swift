import KGQuery

/// The `table` mode: Unicode box drawing, numbers right-aligned, NULL dimmed in colour, the
/// widest columns shrunk (cells cut with `…`) until the table fits the terminal width.
enum BoxTable {
    /// Columns are never cut below this many display columns (or their natural width).
    static let minimumColumnWidth = 4

    static func render(_ r: ResultSet, text: ValueText, options o: RenderOptions) -> String {
        renderCounting(r, text: text, options: o).text
    }

    /// The table and how many of its columns had cells cut to fit the width.
    static func renderCounting(_ r: ResultSet, text: ValueText, options o: RenderOptions) -> (text: String, cutColumns: Int) {
        guard !r.columns.isEmpty else { return ("", 0) }
        let n = r.columns.count
        let header = r.columns.map(oneLine)
        let cells: [[String]] = r.rows.map { row in (0..<n).map { i in i < row.count ? oneLine(text.cell(row[i])) : text.null } }
        var widths = header.map(DisplayWidth.of)
        for row in cells { for (i, c) in row.enumerated() { widths[i] = max(widths[i], DisplayWidth.of(c)) } }
        let natural = widths
        if let limit = o.width { fit(&widths, into: limit - (3 * n + 1)) }
        let cutColumns = zip(natural, widths).filter { $0 > $1 }.count

        let color = o.color
        func border(_ left: String, _ mid: String, _ right: String) -> String {
            ANSI.wrap(left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right, ANSI.dim, if: color) + "\n"
        }
        let bar = ANSI.wrap("│", ANSI.dim, if: color)
        func line(_ values: [String], styles: [String?], rightAligned: [Bool]) -> String {
            var out = bar
            for i in 0..<n {
                let cut = DisplayWidth.truncate(values[i], to: widths[i])
                let padded = DisplayWidth.pad(cut, to: widths[i], right: rightAligned[i])
                out += " " + (styles[i].map { ANSI.wrap(padded, $0, if: color) } ?? padded) + " " + bar
            }
            return out + "\n"
        }
        var out = border("┌", "┬", "┐")
        out += line(header, styles: Array(repeating: ANSI.bold, count: n), rightAligned: Array(repeating: false, count: n))
        out += border("├", "┼", "┤")
        for (ri, row) in cells.enumerated() {
            let values = r.rows[ri]
            let styles: [String?] = (0..<n).map { i in i < values.count && values[i] == .null ? ANSI.dim : nil }
            let right: [Bool] = (0..<n).map { i in
                guard i < values.count else { return false }
                switch values[i] { case .int, .float: return true; default: return false }
            }
            out += line(row, styles: styles, rightAligned: right)
        }
        out += border("└", "┴", "┘")
        return (out, cutColumns)
    }

    /// Shrinks the widest column one step at a time until the sum fits `budget` or every
    /// column is at its minimum (then the table is wider than the terminal, but still whole).
    static func fit(_ widths: inout [Int], into budget: Int) {
        var total = widths.reduce(0, +)
        let floor = widths.map { min($0, minimumColumnWidth) }
        while total > budget {
            var widest = -1
            for i in widths.indices where widths[i] > floor[i] && (widest < 0 || widths[i] > widths[widest]) { widest = i }
            guard widest >= 0 else { return }
            widths[widest] -= 1
            total -= 1
        }
    }
}
