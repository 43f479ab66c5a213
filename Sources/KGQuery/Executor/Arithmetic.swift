#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Arithmetic and concatenation: integers stay integers (overflow is an error), a float
/// anywhere makes a float, `+` also joins strings and lists.
enum Arithmetic {
    static func apply(_ op: String, _ x: QueryValue, _ y: QueryValue,
                      error: (String, String) -> QueryError) throws(QueryError) -> QueryValue {
        if op == "+" {
            switch (x, y) {
            case (.list(let a), .list(let b)): return .list(a + b)
            case (.list(let a), _): return .list(a + [y])
            case (_, .list(let b)): return .list([x] + b)
            default: break
            }
        }
        if case .null = x { return .null }
        if case .null = y { return .null }
        if op == "+" {
            switch (x, y) {
            case (.string(let a), .string(let b)): return .string(a + b)
            case (.string(let a), _):
                if let t = BuiltinFunctions.text(y), !(y.isBool) { return .string(a + t) }
            case (_, .string(let b)):
                if let t = BuiltinFunctions.text(x), !(x.isBool) { return .string(t + b) }
            default: break
            }
        }
        switch (x, y) {
        case (.int(let a), .int(let b)):
            let r: (Int, Bool)
            switch op {
            case "+": r = a.addingReportingOverflow(b)
            case "-": r = a.subtractingReportingOverflow(b)
            case "*": r = a.multipliedReportingOverflow(by: b)
            case "/":
                if b == 0 { throw error("DivisionByZero", "division by zero") }
                r = a.dividedReportingOverflow(by: b)
            case "%":
                if b == 0 { throw error("DivisionByZero", "division by zero") }
                r = a.remainderReportingOverflow(dividingBy: b)
            case "^": return .float(pow(Double(a), Double(b)))
            default: throw error("InvalidArgumentType", "unknown operator \(op)")
            }
            if r.1 { throw error("IntegerOverflow", "integer overflow in \(a) \(op) \(b)") }
            return .int(r.0)
        default:
            guard let a = ValueSemantics.number(x), let b = ValueSemantics.number(y) else {
                throw error("InvalidArgumentType",
                            "cannot apply \(op) to \(ValueSemantics.typeName(x)) and \(ValueSemantics.typeName(y))")
            }
            switch op {
            case "+": return .float(a + b)
            case "-": return .float(a - b)
            case "*": return .float(a * b)
            case "/": return .float(a / b)
            case "%": return .float(fmod(a, b))
            case "^": return .float(pow(a, b))
            default: throw error("InvalidArgumentType", "unknown operator \(op)")
            }
        }
    }
}

extension QueryValue {
    var isBool: Bool { if case .bool = self { return true }; return false }
}
