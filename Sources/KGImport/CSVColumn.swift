import KGCore

/// What one header column of a Neo4j admin-import style CSV file means.
///
/// Node files: `id:ID` (or `:ID`, `:ID(Space)`), `:LABEL` (`;`-separated labels), properties.
/// Relationship files: `:START_ID`, `:END_ID`, `:TYPE`, properties.
/// A column named `name@LANG` adds a name in that language; `cite_*` columns carry a citation
/// (see ``CitationField``); `:IGNORE` columns are skipped.
enum CSVColumn: Equatable {
    /// The node id. `property` is the column's name when it should also be stored as a
    /// property (a named id column other than `id`, as Neo4j does).
    case id(property: String?, space: String?)
    case label
    case startID(space: String?)
    case endID(space: String?)
    case type
    case ignore
    case property(name: String, type: CSVValueType, isArray: Bool)
    case localizedName(language: String)
    case citation(CitationField, isArray: Bool)
    /// A `citations` column holding a JSON array of citation objects, as `kgq export --format csv` writes.
    case citationsJSON

    /// Parses one header field, or says what is wrong with it.
    static func parse(_ text: String) -> Result<CSVColumn, HeaderProblem> {
        let name: String
        let typeText: String?
        if let colon = text.lastIndex(of: ":") {
            name = String(text[..<colon])
            typeText = String(text[text.index(after: colon)...])
        } else {
            name = text
            typeText = nil
        }
        guard let typeText else { return property(name: name, type: .string, isArray: false, header: text) }

        // Special columns: ID, LABEL, START_ID, END_ID, TYPE, IGNORE; the first three may name an id space.
        var keyword = typeText
        var space: String? = nil
        if let open = typeText.firstIndex(of: "("), typeText.hasSuffix(")") {
            keyword = String(typeText[..<open])
            space = String(typeText[typeText.index(after: open)..<typeText.index(before: typeText.endIndex)])
        }
        switch keyword.uppercased() {
        case "ID": return .success(.id(property: name.isEmpty || name == "id" ? nil : name, space: space))
        case "START_ID": return .success(.startID(space: space))
        case "END_ID": return .success(.endID(space: space))
        case "LABEL": return .success(.label)
        case "TYPE": return .success(.type)
        case "IGNORE": return .success(.ignore)
        default: break
        }
        if space != nil { return .failure(HeaderProblem(message: "unknown column type '\(typeText)'", help: "only ID, START_ID and END_ID take an id space in parentheses")) }

        var base = typeText
        var isArray = false
        if base.hasSuffix("[]") { base.removeLast(2); isArray = true }
        guard !name.isEmpty else {
            return .failure(HeaderProblem(message: "a property column needs a name before ':\(typeText)'",
                                          help: "write it as name:\(typeText)"))
        }
        if let type = CSVValueType.named(base) { return property(name: name, type: type, isArray: isArray, header: text) }
        if CSVValueType.unsupported.contains(base.lowercased()) {
            return .failure(HeaderProblem(message: "column type '\(base)' is not supported",
                                          help: "store it as a string or a date (YYYY-MM-DD)"))
        }
        let known = ["ID", "LABEL", "START_ID", "END_ID", "TYPE", "IGNORE"] + CSVValueType.allCases.map(\.rawValue)
        let suggestion = Suggest.closest(to: base, among: known)
        return .failure(HeaderProblem(
            message: "unknown column type '\(typeText)' in '\(text)'",
            help: (suggestion.map { "did you mean '\(name):\($0)'? " } ?? "")
                + "types are string, int, float, boolean, date, time, localtime, datetime, localdatetime, duration (with [] for arrays) and ID, LABEL, START_ID, END_ID, TYPE, IGNORE"))
    }

    private static func property(name: String, type: CSVValueType, isArray: Bool, header: String) -> Result<CSVColumn, HeaderProblem> {
        guard !name.isEmpty else {
            return .failure(HeaderProblem(message: "empty column name", help: "every column needs a name such as 'name' or a type such as ':LABEL'"))
        }
        if let c = name.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            return .failure(HeaderProblem(message: "column name '\(name)' holds control character U+\(String(String(c.value + 0x10000, radix: 16, uppercase: true).dropFirst()))",
                                          help: "rename the column; names are printable text"))
        }
        if let field = CitationField(rawValue: name) {
            if type != field.valueType {
                return .failure(HeaderProblem(message: "citation column '\(name)' must have type \(field.valueType.rawValue)",
                                              help: "write it as '\(field.header)'"))
            }
            return .success(.citation(field, isArray: isArray))
        }
        if name == "citations" && type == .string && !isArray { return .success(.citationsJSON) }
        // `name_nl`, `name_sv`: the localized-name columns of `kgq export --format csv` (two-letter codes only,
        // so a property such as `name_raw` stays a property).
        if name.hasPrefix("name_"), type == .string, !isArray {
            let language = name.dropFirst(5)
            if language.count == 2 && language.allSatisfy({ $0.isASCII && $0.isLowercase }) {
                return .success(.localizedName(language: String(language)))
            }
        }
        if let at = name.firstIndex(of: "@") {
            let base = name[..<at], language = String(name[name.index(after: at)...])
            if base == "name" && !language.isEmpty {
                guard type == .string, !isArray else {
                    return .failure(HeaderProblem(message: "a localized name column '\(name)' must be a plain string", help: "write it as '\(name)'"))
                }
                return .success(.localizedName(language: language))
            }
        }
        return .success(.property(name: name, type: type, isArray: isArray))
    }
}

/// Why a header field could not be understood.
struct HeaderProblem: Error, Equatable {
    var message: String
    var help: String?
}

/// The columns that carry a statement's citation, one citation per row. With array columns
/// (`cite_document:string[]`, `cite_line:int[]`, …) a row carries several, matched by position.
///
/// | column | meaning |
/// |---|---|
/// | `cite_document` | id of the Document node |
/// | `cite_line:int` | 1-based line in the document |
/// | `cite_quote` | the short verbatim quote |
/// | `cite_gloss` | an English gloss (optional) |
/// | `cite_via` | id of the original Source node (optional) |
public enum CitationField: String, Sendable, CaseIterable {
    case document = "cite_document"
    case line = "cite_line"
    case quote = "cite_quote"
    case gloss = "cite_gloss"
    case via = "cite_via"

    var valueType: CSVValueType { self == .line ? .int : .string }
    var header: String { self == .line ? "cite_line:int" : rawValue }
}
