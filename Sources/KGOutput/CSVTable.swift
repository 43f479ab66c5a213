import KGQuery

/// The `csv` mode, as RFC 4180 writes it: a header row, CRLF after every record, a field in
/// double quotes when it holds a comma, a quote, a line break or leading/trailing space, with
/// inner quotes doubled. NULL is an empty field; an empty string is `""` so the two differ.
enum CSVTable {
    static func render(_ r: ResultSet, text: ValueText) -> String {
        guard !r.columns.isEmpty else { return "" }
        var out = r.columns.map(field).joined(separator: ",") + "\r\n"
        for row in r.rows {
            out += row.map { v in
                if case .string(let s) = v, s.isEmpty { return "\"\"" }
                return field(text.cell(v))
            }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func field(_ s: String) -> String {
        let needsQuotes = s.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || s.first == " " || s.last == " "
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
