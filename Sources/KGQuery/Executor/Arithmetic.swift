#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGCore

/// Arithmetic and concatenation: integers stay integers (overflow is an error), a float
/// anywhere makes a float, `+` also joins strings and lists.
enum Arithmetic {
    static func apply(_ op: String, _ x: QueryValue, _ y: QueryValue,
                      error: (QueryErrorDetail, String) -> QueryError) throws(QueryError) -> QueryValue {
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
        do {
            if let r = try temporal(op, x, y) { return r }
        } catch let t as TemporalError {
            var e = error(.invalidArgumentValue, t.message)
            e.type = .argumentError
            if t.isOutOfRange { e.detail = .numberOutOfRange }
            e.help = t.help
            throw e
        } catch let e as QueryError {
            throw e
        } catch let other {
            throw error(.invalidArgumentValue, "\(other)")
        }
        switch (x, y) {
        case (.int(let a), .int(let b)):
            let r: (Int, Bool)
            switch op {
            case "+": r = a.addingReportingOverflow(b)
            case "-": r = a.subtractingReportingOverflow(b)
            case "*": r = a.multipliedReportingOverflow(by: b)
            case "/":
                if b == 0 { throw error(.divisionByZero, "division by zero") }
                r = a.dividedReportingOverflow(by: b)
            case "%":
                if b == 0 { throw error(.divisionByZero, "division by zero") }
                r = a.remainderReportingOverflow(dividingBy: b)
            case "^": return .float(pow(Double(a), Double(b)))
            default: throw error(.invalidArgumentType, "unknown operator \(op)")
            }
            if r.1 { throw error(.integerOverflow, "integer overflow in \(a) \(op) \(b)") }
            return .int(r.0)
        default:
            guard let a = ValueSemantics.number(x), let b = ValueSemantics.number(y) else {
                throw error(.invalidArgumentType,
                            "cannot apply \(op) to \(ValueSemantics.typeName(x)) and \(ValueSemantics.typeName(y))")
            }
            switch op {
            case "+": return .float(a + b)
            case "-": return .float(a - b)
            case "*": return .float(a * b)
            case "/": return .float(a / b)
            case "%": return .float(fmod(a, b))
            case "^": return .float(pow(a, b))
            default: throw error(.invalidArgumentType, "unknown operator \(op)")
            }
        }
    }
}

extension Arithmetic {
    /// Temporal arithmetic: a time, date or date-time ± a duration, duration ± duration,
    /// duration × or ÷ a number. Nil when neither side is temporal in a way these cover.
    static func temporal(_ op: String, _ x: QueryValue, _ y: QueryValue) throws -> QueryValue? {
        switch (op, x, y) {
        case let ("+", .temporal(t), .temporal(.duration(d))), let ("+", .temporal(.duration(d)), .temporal(t)):
            return .temporal(try t.adding(d))
        case let ("-", .temporal(t), .temporal(.duration(d))):
            return .temporal(try t.adding(try d.negated()))
        case let ("+", .date(a), .temporal(.duration(d))), let ("+", .temporal(.duration(d)), .date(a)):
            return .date(try Temporal.add(a, d))
        case let ("-", .date(a), .temporal(.duration(d))):
            return .date(try Temporal.add(a, try d.negated()))
        case let ("*", .temporal(.duration(d)), .int(k)), let ("*", .int(k), .temporal(.duration(d))):
            return .temporal(.duration(try d.multiplied(by: k)))
        case let ("*", .temporal(.duration(d)), .float(f)), let ("*", .float(f), .temporal(.duration(d))):
            return .temporal(.duration(try d.multiplied(by: f)))
        case ("/", .temporal(.duration), .int(0)):
            throw TemporalError("division of a duration by zero", help: "divide by a number other than zero")
        case let ("/", .temporal(.duration(d)), .int(k)):
            return .temporal(.duration(try d.multiplied(by: 1 / Double(k))))
        case let ("/", .temporal(.duration(d)), .float(f)):
            guard f != 0 else { throw TemporalError("division of a duration by zero", help: "divide by a number other than zero") }
            return .temporal(.duration(try d.multiplied(by: 1 / f)))
        default:
            return nil
        }
    }
}

extension QueryValue {
    var isBool: Bool { if case .bool = self { return true }; return false }
}
