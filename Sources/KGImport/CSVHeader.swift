/// The header of one CSV file: its columns and whether it holds nodes or relationships.
struct CSVHeader {
    enum Kind { case nodes, relationships }

    var kind: Kind
    var columns: [CSVColumn]
    /// Index of the `:ID` column (node files; in a relationship file, the relationships' ids).
    var idColumn: Int?
    /// Index of the `:LABEL` column (node files, optional).
    var labelColumn: Int?
    /// Indexes of `:START_ID`, `:END_ID`, `:TYPE` (relationship files).
    var startColumn: Int?
    var endColumn: Int?
    var typeColumn: Int?
    /// Index of a relationship property column named `id` when the file has no `:ID` column:
    /// it gives the relationship its id.
    var relationshipIDColumn: Int?
    var hasCitations: Bool

    /// A header problem positioned at a column (0-based index into the header fields).
    struct Problem: Error {
        var column: Int
        var message: String
        var help: String?
    }

    /// All problems of one header.
    struct Problems: Error { var list: [Problem] }

    /// Classifies a header; collects every problem rather than stopping at the first.
    static func parse(_ fields: [String]) -> Result<CSVHeader, Problems> {
        var problems: [Problem] = []
        var columns: [CSVColumn] = []
        var id: Int?, label: Int?, start: Int?, end: Int?, type: Int?, relID: Int?
        var citations = false
        var seen: [String: Int] = [:]
        for (i, text) in fields.enumerated() {
            switch CSVColumn.parse(text) {
            case .failure(let p):
                problems.append(Problem(column: i, message: p.message, help: p.help))
                columns.append(.ignore)
            case .success(let column):
                columns.append(column)
                func once(_ slot: inout Int?, _ what: String) {
                    if slot != nil { problems.append(Problem(column: i, message: "a second \(what) column", help: "a file has at most one \(what) column")) }
                    slot = i
                }
                // A column whose values another column of the same meaning would overwrite.
                func once(named key: String) {
                    if let first = seen[key] {
                        problems.append(Problem(column: i, message: "column '\(key)' appears twice (first in column \(first + 1))", help: "rename or remove one of the columns"))
                    }
                    seen[key] = i
                }
                switch column {
                case .id: once(&id, ":ID")
                case .label: once(&label, ":LABEL")
                case .startID: once(&start, ":START_ID")
                case .endID: once(&end, ":END_ID")
                case .type: once(&type, ":TYPE")
                case .citation(let field, _):
                    citations = true
                    once(named: field.rawValue)
                case .citationsJSON:
                    citations = true
                    once(named: "citations")
                case .property(let name, _, _):
                    if let first = seen[name] {
                        problems.append(Problem(column: i, message: "property '\(name)' appears twice (first in column \(first + 1))", help: "rename or remove one of the columns"))
                    }
                    seen[name] = i
                    if name == "id" { relID = i }
                case .localizedName(let language):
                    // Two columns of one language would keep only one name.
                    once(named: "name@" + language)
                case .ignore: break
                }
            }
        }
        let isRelationship = start != nil || end != nil || type != nil
        if isRelationship {
            // An :ID column in a relationship file gives each relationship its id (kgq's CSV
            // export writes one when a relationship has a property named `id`); :LABEL is for nodes only.
            if label != nil {
                problems.append(Problem(column: label ?? 0, message: "a file cannot hold both nodes (:ID, :LABEL) and relationships (:START_ID, :END_ID, :TYPE)",
                                        help: "put nodes and relationships in separate files"))
            }
            for (slot, name) in [(start, ":START_ID"), (end, ":END_ID"), (type, ":TYPE")] where slot == nil {
                problems.append(Problem(column: fields.count, message: "a relationship file needs a \(name) column",
                                        help: "relationship headers look like ':START_ID,:END_ID,:TYPE,…'"))
            }
        } else if id == nil {
            problems.append(Problem(column: 0, message: "not a node or relationship file: the header has no :ID or :START_ID column",
                                    help: "node headers look like 'id:ID,:LABEL,name,…'; relationship headers like ':START_ID,:END_ID,:TYPE,…'"))
        }
        if !problems.isEmpty { return .failure(Problems(list: problems)) }
        return .success(CSVHeader(kind: isRelationship ? .relationships : .nodes, columns: columns, idColumn: id,
                                  labelColumn: label, startColumn: start, endColumn: end, typeColumn: type,
                                  relationshipIDColumn: isRelationship ? (id == nil ? relID : nil) : nil, hasCitations: citations))
    }
}
