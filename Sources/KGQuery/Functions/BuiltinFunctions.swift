#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGCore

/// The standard openCypher scalar, string, list, math and path functions.
enum BuiltinFunctions {
    typealias Args = [QueryValue]

    private static func f(_ name: String, _ arity: ClosedRange<Int>,
                          _ body: @escaping @Sendable (Args, FunctionContext) throws -> QueryValue) -> QueryFunction {
        QueryFunction(name: name, arity: arity, evaluate: body)
    }

    /// A one-argument function that maps null to null.
    private static func f1(_ name: String,
                           _ body: @escaping @Sendable (QueryValue, FunctionContext) throws -> QueryValue) -> QueryFunction {
        QueryFunction(name: name, arity: 1...1) { (a: Args, c: FunctionContext) throws -> QueryValue in
            if case .null = a[0] { return .null }
            return try body(a[0], c)
        }
    }

    private static func math(_ name: String, _ op: @escaping @Sendable (Double) -> Double) -> QueryFunction {
        f1(name) { (v: QueryValue, _: FunctionContext) throws -> QueryValue in
            guard let d = ValueSemantics.number(v) else { throw FunctionError.argument(name, v, expected: "a number") }
            return .float(op(d))
        }
    }

    static func string(_ name: String, _ v: QueryValue) throws -> String {
        guard case .string(let s) = v else { throw FunctionError.argument(name, v, expected: "a string") }
        return s
    }

    static func int(_ name: String, _ v: QueryValue) throws -> Int {
        switch v {
        case .int(let i): return i
        default: throw FunctionError.argument(name, v, expected: "an integer")
        }
    }

    /// Cypher's text form of a value for toString: floats keep a decimal point.
    static func text(_ v: QueryValue) -> String? {
        switch v {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .float(let d): return Value.formatFloat(d)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        case .temporal(let t): return t.description
        default: return nil
        }
    }

    static let all: [QueryFunction] = [
        f1("id") { v, c in
            switch v {
            case .node(let i): return .string(c.graph.id(node: i))
            case .edge(let i): return .string(c.graph.id(edge: i))
            default: throw FunctionError.argument("id", v, expected: "a node or relationship")
            }
        },
        f1("elementId") { v, c in
            switch v {
            case .node(let i): return .string(c.graph.id(node: i))
            case .edge(let i): return .string(c.graph.id(edge: i))
            default: throw FunctionError.argument("elementId", v, expected: "a node or relationship")
            }
        },
        f1("labels") { v, c in
            guard case .node(let i) = v else { throw FunctionError.argument("labels", v, expected: "a node") }
            return .list(c.graph.labels(node: i).map(QueryValue.string))
        },
        f1("type") { v, c in
            guard case .edge(let i) = v else { throw FunctionError.argument("type", v, expected: "a relationship") }
            return .string(c.graph.type(edge: i))
        },
        f1("properties") { v, c in
            switch v {
            case .node(let i): return .map(c.graph.properties(node: i).mapValues(QueryValue.init))
            case .edge(let i): return .map(c.graph.properties(edge: i).mapValues(QueryValue.init))
            case .map: return v
            default: throw FunctionError.argument("properties", v, expected: "a node, relationship or map")
            }
        },
        f1("keys") { v, c in
            switch v {
            case .node(let i): return .list(c.graph.properties(node: i).keys.sorted().map(QueryValue.string))
            case .edge(let i): return .list(c.graph.properties(edge: i).keys.sorted().map(QueryValue.string))
            case .map(let m): return .list(m.keys.sorted().map(QueryValue.string))
            default: throw FunctionError.argument("keys", v, expected: "a node, relationship or map")
            }
        },
        f1("size") { v, _ in
            switch v {
            case .list(let l): return .int(l.count)
            case .string(let s): return .int(s.count)
            default: throw FunctionError.argument("size", v, expected: "a list or string")
            }
        },
        f1("length") { v, _ in
            switch v {
            case .path(let p): return .int(p.edges.count)
            case .string(let s): return .int(s.count)
            case .list(let l): return .int(l.count)
            default: throw FunctionError.argument("length", v, expected: "a path")
            }
        },
        f1("nodes") { v, _ in
            guard case .path(let p) = v else { throw FunctionError.argument("nodes", v, expected: "a path") }
            return .list(p.nodes.map(QueryValue.node))
        },
        f1("relationships") { v, _ in
            guard case .path(let p) = v else { throw FunctionError.argument("relationships", v, expected: "a path") }
            return .list(p.edges.map(QueryValue.edge))
        },
        f1("startNode") { v, c in
            guard case .edge(let i) = v else { throw FunctionError.argument("startNode", v, expected: "a relationship") }
            return .node(c.graph.from(edge: i))
        },
        f1("endNode") { v, c in
            guard case .edge(let i) = v else { throw FunctionError.argument("endNode", v, expected: "a relationship") }
            return .node(c.graph.to(edge: i))
        },
        f("coalesce", 1...Int.max) { a, _ in a.first { if case .null = $0 { return false }; return true } ?? .null },
        f1("head") { v, _ in
            guard case .list(let l) = v else { throw FunctionError.argument("head", v, expected: "a list") }
            return l.first ?? .null
        },
        f1("last") { v, _ in
            guard case .list(let l) = v else { throw FunctionError.argument("last", v, expected: "a list") }
            return l.last ?? .null
        },
        f1("tail") { v, _ in
            guard case .list(let l) = v else { throw FunctionError.argument("tail", v, expected: "a list") }
            return .list(Array(l.dropFirst()))
        },
        f1("isEmpty") { v, _ in
            switch v {
            case .list(let l): return .bool(l.isEmpty)
            case .string(let s): return .bool(s.isEmpty)
            case .map(let m): return .bool(m.isEmpty)
            default: throw FunctionError.argument("isEmpty", v, expected: "a list, string or map")
            }
        },
        f("range", 2...3) { a, ctx in
            let lo = try int("range", a[0]), hi = try int("range", a[1])
            let step = a.count == 3 ? try int("range", a[2]) : 1
            if step == 0 { throw FunctionError.value("range", "step must not be zero", detail: .numberOutOfRange) }
            // Counted before building, so range(0, 9223372036854775807) fails at once instead of filling memory.
            let diff = step > 0 ? hi.subtractingReportingOverflow(lo) : lo.subtractingReportingOverflow(hi)
            let count = diff.overflow ? Int.max
                : diff.partialValue < 0 ? 0 : Int(UInt(diff.partialValue) / step.magnitude) + 1
            if count > ctx.maxValueSize {
                throw QueryError(type: .resourceLimit, detail: .valueTooLarge, phase: .runtime,
                                 message: "range() would build \(count == Int.max ? "too many" : String(count)) elements, more than \(ctx.maxValueSize)",
                                 help: "raise the bound with --max-value-size N, or use a smaller range")
            }
            var out: [QueryValue] = []
            out.reserveCapacity(count)
            var i = lo
            while step > 0 ? i <= hi : i >= hi {
                out.append(.int(i))
                let (n, o) = i.addingReportingOverflow(step)
                if o { break }
                i = n
            }
            return .list(out)
        },
        f1("reverse") { v, _ in
            switch v {
            case .list(let l): return .list(l.reversed())
            case .string(let s): return .string(String(s.reversed()))
            default: throw FunctionError.argument("reverse", v, expected: "a list or string")
            }
        },
        f1("toString") { v, _ in
            guard let s = text(v) else { throw FunctionError.argument("toString", v, expected: "a string, number or boolean") }
            return .string(s)
        },
        f1("toStringOrNull") { v, _ in text(v).map(QueryValue.string) ?? .null },
        f1("toInteger") { v, _ in
            switch v {
            case .int: return v
            case .float(let d):
                guard d.isFinite, abs(d) < 9.2e18 else { return .null }
                return .int(Int(d.rounded(.towardZero)))
            case .string(let s): return parseInt(s)
            case .bool(let b): return .int(b ? 1 : 0)
            default: throw FunctionError.argument("toInteger", v, expected: "a string, number or boolean")
            }
        },
        f1("toIntegerOrNull") { v, _ in
            switch v {
            case .int: return v
            case .float(let d): return d.isFinite && abs(d) < 9.2e18 ? .int(Int(d.rounded(.towardZero))) : .null
            case .string(let s): return parseInt(s)
            case .bool(let b): return .int(b ? 1 : 0)
            default: return .null
            }
        },
        f1("toFloat") { v, _ in
            switch v {
            case .float: return v
            case .int(let i): return .float(Double(i))
            case .string(let s): return Double(s.trimmed).map(QueryValue.float) ?? .null
            default: throw FunctionError.argument("toFloat", v, expected: "a string or number")
            }
        },
        f1("toFloatOrNull") { v, _ in
            switch v {
            case .float: return v
            case .int(let i): return .float(Double(i))
            case .string(let s): return Double(s.trimmed).map(QueryValue.float) ?? .null
            default: return .null
            }
        },
        f1("toBoolean") { v, _ in
            switch v {
            case .bool: return v
            case .string(let s):
                switch s.trimmed.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: return .null
                }
            case .int(let i): return .bool(i != 0)
            default: throw FunctionError.argument("toBoolean", v, expected: "a string, integer or boolean")
            }
        },
        f1("toBooleanOrNull") { v, _ in
            switch v {
            case .bool: return v
            case .string(let s):
                switch s.trimmed.lowercased() {
                case "true": return .bool(true)
                case "false": return .bool(false)
                default: return .null
                }
            case .int(let i): return .bool(i != 0)
            default: return .null
            }
        },
        f1("toLower") { v, _ in .string(try string("toLower", v).lowercased()) },
        f1("toUpper") { v, _ in .string(try string("toUpper", v).uppercased()) },
        f1("trim") { v, _ in .string(try string("trim", v).trimmed) },
        f1("ltrim") { v, _ in .string(String(try string("ltrim", v).drop { $0 == " " || $0.isWhitespace })) },
        f1("rtrim") { v, _ in
            let s = try string("rtrim", v)
            return .string(String(s.reversed().drop { $0.isWhitespace }.reversed()))
        },
        f("split", 2...2) { a, _ in
            if case .null = a[0] { return .null }
            if case .null = a[1] { return .null }
            let s = try string("split", a[0]), d = try string("split", a[1])
            if d.isEmpty { return .list(s.map { .string(String($0)) }) }
            return .list(s.splitOn(d).map(QueryValue.string))
        },
        f("substring", 2...3) { a, _ in
            if case .null = a[0] { return .null }
            let s = Array(try string("substring", a[0]))
            let start = try int("substring", a[1])
            let len = a.count == 3 ? try int("substring", a[2]) : s.count
            if start < 0 || len < 0 { throw FunctionError.value("substring", "negative start or length", detail: .numberOutOfRange) }
            if start >= s.count { return .string("") }
            return .string(String(s[start..<min(s.count, start + min(len, s.count))]))
        },
        f("replace", 3...3) { a, _ in
            if a.contains(.null) { return .null }
            let s = try string("replace", a[0]), x = try string("replace", a[1]), y = try string("replace", a[2])
            if x.isEmpty { return .string(s) }
            return .string(s.splitOn(x).joined(separator: y))
        },
        f("left", 2...2) { a, _ in
            if case .null = a[0] { return .null }
            let s = try string("left", a[0]), n = try int("left", a[1])
            if n < 0 { throw FunctionError.value("left", "negative length", detail: .numberOutOfRange) }
            return .string(String(s.prefix(n)))
        },
        f("right", 2...2) { a, _ in
            if case .null = a[0] { return .null }
            let s = try string("right", a[0]), n = try int("right", a[1])
            if n < 0 { throw FunctionError.value("right", "negative length", detail: .numberOutOfRange) }
            return .string(String(s.suffix(n)))
        },
        f1("abs") { v, _ in
            switch v {
            case .int(let i):
                if i == Int.min { throw FunctionError.value("abs", "integer overflow", detail: .integerOverflow) }
                return .int(abs(i))
            case .float(let d): return .float(abs(d))
            default: throw FunctionError.argument("abs", v, expected: "a number")
            }
        },
        f1("sign") { v, _ in
            switch v {
            case .int(let i): return .int(i.signum())
            case .float(let d): return .int(d > 0 ? 1 : (d < 0 ? -1 : 0))
            default: throw FunctionError.argument("sign", v, expected: "a number")
            }
        },
        math("ceil") { $0.rounded(.up) },
        math("floor") { $0.rounded(.down) },
        f("round", 1...3) { a, _ in
            if case .null = a[0] { return .null }
            guard let d = ValueSemantics.number(a[0]) else { throw FunctionError.argument("round", a[0], expected: "a number") }
            if a.count >= 2 {
                let places = try int("round", a[1])
                let scale = pow(10.0, Double(places))
                return .float((d * scale).rounded(.toNearestOrAwayFromZero) / scale)
            }
            return .float((d + 0.5).rounded(.down))
        },
        math("sqrt") { $0.squareRoot() },
        math("exp") { exp($0) },
        math("log") { log($0) },
        math("log10") { log10($0) },
        math("sin") { sin($0) },
        math("cos") { cos($0) },
        math("tan") { tan($0) },
        math("cot") { 1 / tan($0) },
        math("asin") { asin($0) },
        math("acos") { acos($0) },
        math("atan") { atan($0) },
        math("degrees") { $0 * 180 / Double.pi },
        math("radians") { $0 * Double.pi / 180 },
        f("atan2", 2...2) { a, _ in
            guard let y = ValueSemantics.number(a[0]), let x = ValueSemantics.number(a[1]) else { return .null }
            return .float(atan2(y, x))
        },
        f("pi", 0...0) { _, _ in .float(Double.pi) },
        f("e", 0...0) { _, _ in .float(M_E) },
        f("rand", 0...0) { _, _ in .float(Double.random(in: 0..<1)) },
    ]

    static func parseInt(_ s: String) -> QueryValue {
        let t = s.trimmed
        if let i = Int(t) { return .int(i) }
        if let d = Double(t), d.isFinite, abs(d) < 9.2e18 { return .int(Int(d.rounded(.towardZero))) }
        return .null
    }
}

extension String {
    var trimmed: String {
        String(self.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    /// Splits on every occurrence of a non-empty separator string, keeping empty pieces.
    func splitOn(_ sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: sep) {
            out.append(String(rest[rest.startIndex..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}

extension Substring {
    func range(of s: String) -> Range<Index>? {
        guard !s.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(s) { return i..<(index(i, offsetBy: s.count)) }
            i = index(after: i)
        }
        return nil
    }
}
