/// What is wrong with a JSON text, and where: `line` and `column` count characters from 1.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    /// The text nests deeper than `QueryLimits.maxValueDepth` (JSON, but too deep to take).
    public var tooDeep: Bool

    public init(message: String, line: Int, column: Int, tooDeep: Bool = false) {
        self.message = message
        self.line = line
        self.column = column
        self.tooDeep = tooDeep
    }

    /// `line 1, column 7: expected ',' or ']'`.
    public var description: String { "line \(line), column \(column): \(message)" }
}

/// A small JSON reader for parameters and plugin answers (objects become maps). Recursive, but
/// bounded: nesting deeper than `QueryLimits.maxValueDepth` is an error at the bracket that
/// goes too deep, never a stack overflow.
struct JSONReader {
    let s: [Unicode.Scalar]
    var i = 0
    init(_ s: [Unicode.Scalar]) { self.s = s }
    var atEnd: Bool { i >= s.count }

    mutating func ws() { while i < s.count, s[i] == " " || s[i] == "\n" || s[i] == "\t" || s[i] == "\r" { i += 1 } }

    /// An error at scalar offset `at` (default: the current one).
    func error(_ message: String, at: Int? = nil) -> JSONError {
        let end = min(at ?? i, s.count)
        var line = 1, column = 1
        for k in 0..<end {
            if s[k] == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return JSONError(message: message, line: line, column: column)
    }

    private var found: String {
        guard i < s.count else { return "the end of the text" }
        let c = s[i]
        return c.value < 0x20 || c.value == 0x7F ? "control character U+" + String(c.value, radix: 16, uppercase: true)
                                                 : "'\(Character(c))'"
    }

    mutating func value(depth: Int) throws(JSONError) -> QueryValue {
        ws()
        guard i < s.count else { throw error("expected a JSON value, found the end of the text") }
        switch s[i] {
        case "{", "[":
            if depth >= QueryLimits.maxValueDepth {
                var e = error("JSON nested more than \(QueryLimits.maxValueDepth) levels deep")
                e.tooDeep = true
                throw e
            }
            return s[i] == "{" ? try object(depth: depth + 1) : try array(depth: depth + 1)
        case "\"": return .string(try str())
        case "t": return try word("true", .bool(true))
        case "f": return try word("false", .bool(false))
        case "n": return try word("null", .null)
        default:
            let start = i
            while i < s.count, "+-0123456789.eE".unicodeScalars.contains(s[i]) { i += 1 }
            let t = String(String.UnicodeScalarView(s[start..<i]))
            if let n = Int(t) { return .int(n) }
            if !t.isEmpty, let d = Double(t) { return .float(d) }
            i = start
            throw error(t.isEmpty ? "expected a JSON value, found \(found)" : "'\(t)' is not a JSON number")
        }
    }

    private mutating func object(depth: Int) throws(JSONError) -> QueryValue {
        i += 1
        var m: [String: QueryValue] = [:]
        ws()
        if i < s.count, s[i] == "}" { i += 1; return .map(m) }
        while true {
            ws()
            guard i < s.count, s[i] == "\"" else { throw error("expected a key in double quotes, found \(found)") }
            let keyAt = i
            let k = try str()
            ws()
            guard i < s.count, s[i] == ":" else { throw error("expected ':' after the key, found \(found)") }
            i += 1
            if m.updateValue(try value(depth: depth), forKey: k) != nil {
                throw error("key \"\(k)\" is given twice", at: keyAt)
            }
            ws()
            guard i < s.count else { throw error("expected ',' or '}', found the end of the text") }
            if s[i] == "," { i += 1; continue }
            if s[i] == "}" { i += 1; return .map(m) }
            throw error("expected ',' or '}', found \(found)")
        }
    }

    private mutating func array(depth: Int) throws(JSONError) -> QueryValue {
        i += 1
        var l: [QueryValue] = []
        ws()
        if i < s.count, s[i] == "]" { i += 1; return .list(l) }
        while true {
            l.append(try value(depth: depth))
            ws()
            guard i < s.count else { throw error("expected ',' or ']', found the end of the text") }
            if s[i] == "," { i += 1; continue }
            if s[i] == "]" { i += 1; return .list(l) }
            throw error("expected ',' or ']', found \(found)")
        }
    }

    private mutating func word(_ w: String, _ v: QueryValue) throws(JSONError) -> QueryValue {
        let u = Array(w.unicodeScalars)
        guard i + u.count <= s.count, Array(s[i..<(i + u.count)]) == u else {
            throw error("expected a JSON value, found \(found)")
        }
        i += u.count
        return v
    }

    private mutating func str() throws(JSONError) -> String {
        let open = i
        i += 1
        var out = String.UnicodeScalarView()
        while i < s.count {
            let c = s[i]
            i += 1
            if c == "\"" { return String(out) }
            if c == "\\" {
                guard i < s.count else { break }
                let e = s[i]
                i += 1
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "b": out.append("\u{8}")
                case "f": out.append("\u{c}")
                case "u":
                    guard i + 4 <= s.count, var v = UInt32(String(String.UnicodeScalarView(s[i..<(i + 4)])), radix: 16) else {
                        throw error("\\u needs four hex digits", at: i - 2)
                    }
                    i += 4
                    if (0xD800..<0xDC00).contains(v), i + 6 <= s.count, s[i] == "\\", s[i + 1] == "u",
                       let lo = UInt32(String(String.UnicodeScalarView(s[(i + 2)..<(i + 6)])), radix: 16),
                       (0xDC00..<0xE000).contains(lo) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    }
                    out.append(Unicode.Scalar(v) ?? "\u{FFFD}")
                default: out.append(e)
                }
                continue
            }
            out.append(c)
        }
        throw error("unterminated string", at: open)
    }
}
