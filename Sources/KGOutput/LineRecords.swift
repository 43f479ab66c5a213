import KGQuery

/// The `line` mode: one `column = value` per line, names padded to the same width, a blank
/// line between records. Suits wide rows and long texts that a table would cut.
enum LineRecords {
    static func render(_ r: ResultSet, text: ValueText, color: Bool) -> String {
        guard !r.columns.isEmpty else { return "" }
        let names = r.columns.map(oneLine)
        let nameWidth = names.map(DisplayWidth.of).max() ?? 0
        var records: [String] = []
        for row in r.rows {
            var rec = ""
            for (i, name) in names.enumerated() {
                let v = i < row.count ? row[i] : .null
                let value = oneLine(text.cell(v))
                rec += DisplayWidth.pad(name, to: nameWidth) + " = " + (v == .null ? ANSI.wrap(value, ANSI.dim, if: color) : value) + "\n"
            }
            records.append(rec)
        }
        return records.joined(separator: "\n")
    }
}
