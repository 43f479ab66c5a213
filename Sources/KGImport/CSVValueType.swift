/// The type of a property column, written after the name in the header: `value:float`,
/// `count:int`, `flag:boolean`, `when:date`, `tags:string[]`. No type means `string`.
public enum CSVValueType: String, Sendable, Hashable, CaseIterable {
    case string, int, float, boolean, date
    case time, localtime, datetime, localdatetime, duration

    /// Neo4j's type names mapped onto ours (`long`, `double`, … are accepted as synonyms).
    static func named(_ name: String) -> CSVValueType? {
        switch name.lowercased() {
        case "string", "char": return .string
        case "int", "long", "short", "byte": return .int
        case "float", "double": return .float
        case "boolean", "bool": return .boolean
        case "date": return .date
        case "time": return .time
        case "localtime": return .localtime
        case "datetime": return .datetime
        case "localdatetime": return .localdatetime
        case "duration": return .duration
        default: return nil
        }
    }

    /// Neo4j types we recognise but cannot store, so the error can say so instead of "unknown".
    static let unsupported: Set<String> = ["point"]

    /// What a field of this type must look like, for error messages.
    var expectation: String {
        switch self {
        case .string: return "a string"
        case .int: return "an integer such as 42 or -7"
        case .float: return "a number such as 3.5, 12 or 1.5e6"
        case .boolean: return "true or false"
        case .date: return "a date YYYY, YYYY-MM or YYYY-MM-DD"
        case .time: return "a time with an offset such as 12:31:14+01:00"
        case .localtime: return "a time such as 12:31:14.5"
        case .datetime: return "a date-time such as 2015-07-21T21:40:32+01:00"
        case .localdatetime: return "a date-time such as 2015-07-21T21:40:32"
        case .duration: return "an ISO 8601 duration such as P1M2DT6M"
        }
    }
}
