import KGCore
import KGQuery

/// The `jsonl` mode: one JSON object per row, keys in column order, values encoded as
/// KGQuery.ResultJSON encodes them (so `$node`, `$edge`, `$path` and floats match `json`).
enum JSONLines {
    static func render(_ r: ResultSet, graph: Graph) -> String {
        var out = ""
        for row in r.rows {
            let fields = r.columns.enumerated().map { i, name in
                ResultJSON.string(name) + ": " + ResultJSON.value(i < row.count ? row[i] : .null, graph: graph)
            }
            out += "{" + fields.joined(separator: ", ") + "}\n"
        }
        return out
    }
}
