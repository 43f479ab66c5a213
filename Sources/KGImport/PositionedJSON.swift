import KGCore

/// A JSON value with the line and column where it starts, so an importer can say where a value
/// of the wrong shape is (`graph.json:12:17: 'labels' must be a list of strings`).
public struct PositionedJSON: Sendable {
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case int(Int)
        case float(Double)
        case string(String)
        case array([PositionedJSON])
        /// Members in the order written (keys are unique: a repeated key is a syntax error).
        case object([(key: String, value: PositionedJSON)])
    }

    public var kind: Kind
    /// 1-based line and column (in characters) of the value's first character.
    public var line: Int
    public var column: Int

    /// The member `key` of an object; nil when absent or when this is not an object.
    public subscript(key: String) -> PositionedJSON? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var string: String? { if case .string(let s) = kind { return s }; return nil }
    public var isNull: Bool { if case .null = kind { return true }; return false }

    /// What kind of JSON value this is, for messages: `a string`, `an object`, ….
    public var kindName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .float: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// As `value`, and the tagged dates, times and durations of `JSONText.typedValue`
    /// (`{"$date": "2016-05"}`) become those types again.
    public var typedValue: Value {
        switch kind {
        case .array(let items): return .list(items.map(\.typedValue))
        case .object(let members):
            if members.count == 1, members[0].key.hasPrefix("$"), let text = members[0].value.string {
                let tag = String(members[0].key.dropFirst())
                if tag == "date", let d = KGDate(text) { return .date(d) }
                if let kind = Temporal.Kind(rawValue: tag), let t = try? Temporal.parse(kind, text) { return .temporal(t) }
                if tag == "float" { return value }
            }
            var map: [String: Value] = [:]
            for m in members { map[m.key] = m.value.typedValue }
            return .map(map)
        default: return value
        }
    }

    /// The value as a property value: objects become maps, except the NaN and infinities of
    /// kgq's JSON (`{"$float": "NaN"}`, `"Inf"`, `"-Inf"`), which become floats again.
    public var value: Value {
        switch kind {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .array(let items): return .list(items.map(\.value))
        case .object(let members):
            if members.count == 1, members[0].key == "$float", let text = members[0].value.string {
                switch text {
                case "NaN": return .float(.nan)
                case "Inf": return .float(.infinity)
                case "-Inf": return .float(-.infinity)
                default: break
                }
            }
            var map: [String: Value] = [:]
            for m in members { map[m.key] = m.value.value }
            return .map(map)
        }
    }
}

/// A syntax error in JSON text at a line and column.
public struct JSONSyntaxError: Error, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// Reads JSON text into ``PositionedJSON`` values. Nesting is bounded (deeper than `maxDepth`
/// is an error, never a stack overflow); `lines` reads one value per line (JSON Lines).
public struct PositionedJSONReader {
    public static let maxDepth = 200

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0
    /// Characters (not bytes) before `i` on the current line are counted lazily from `lineStart`.

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The whole text as one JSON value (whitespace around it allowed).
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> PositionedJSON {
        var r = PositionedJSONReader(bytes)
        r.skipBOM()
        let v = try r.value(depth: 0)
        r.ws()
        guard r.i >= r.bytes.count else { throw r.error("expected the end of the text after the JSON value, found \(r.found)") }
        return v
    }

    /// One JSON value per non-blank line (JSON Lines, as `apoc.export.json` writes).
    public static func parseLines(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [PositionedJSON] {
        var r = PositionedJSONReader(bytes)
        r.skipBOM()
        var out: [PositionedJSON] = []
        while true {
            r.blank()
            if r.i >= r.bytes.count { return out }
            out.append(try r.value(depth: 0))
            r.spaces()
            if r.i < r.bytes.count, r.bytes[r.i] != 0x0A, r.bytes[r.i] != 0x0D {
                throw r.error("expected the end of the line after the JSON value, found \(r.found)",
                              )
            }
        }
    }

    private mutating func skipBOM() {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3; lineStart = 3 }
    }

    private var column: Int {
        // Count characters: every byte that does not continue a UTF-8 sequence.
        var c = 1
        var k = lineStart
        while k < i { if bytes[k] & 0xC0 != 0x80 { c += 1 }; k += 1 }
        return c
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: line, column: column)
    }

    private var found: String {
        guard i < bytes.count else { return "the end of the text" }
        let b = bytes[i]
        if b < 0x20 || b == 0x7F { return "control character U+" + String(b, radix: 16, uppercase: true) }
        if b < 0x80 { return "'\(Character(Unicode.Scalar(b)))'" }
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[i..<end], as: UTF8.self) + "'"
    }

    private mutating func newline() { line += 1; lineStart = i }

    mutating func ws() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; newline()
            default: return
            }
        }
    }

    /// Spaces and tabs only (the rest of a JSON Lines line).
    private mutating func spaces() { while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 } }

    /// Whitespace including line ends (between JSON Lines values).
    private mutating func blank() { ws() }

    private mutating func value(depth: Int) throws(JSONSyntaxError) -> PositionedJSON {
        ws()
        let (l, c) = (line, column)
        guard i < bytes.count else { throw error("expected a JSON value, found the end of the text") }
        func at(_ k: PositionedJSON.Kind) -> PositionedJSON { PositionedJSON(kind: k, line: l, column: c) }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            guard depth < Self.maxDepth else { throw error("JSON nested more than \(Self.maxDepth) levels deep") }
            return bytes[i] == UInt8(ascii: "{") ? at(try object(depth: depth + 1)) : at(try array(depth: depth + 1))
        case UInt8(ascii: "\""): return at(.string(try string()))
        case UInt8(ascii: "t"): try word("true"); return at(.bool(true))
        case UInt8(ascii: "f"): try word("false"); return at(.bool(false))
        case UInt8(ascii: "n"): try word("null"); return at(.null)
        default:
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            let text = String(decoding: bytes[start..<i], as: UTF8.self)
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let n = Int(text) { return at(.int(n)) }
            if !text.isEmpty, let d = Double(text), d.isFinite { return at(.float(d)) }
            i = start
            throw error(text.isEmpty ? "expected a JSON value, found \(found)" : "'\(text)' is not a JSON number")
        }
    }

    private mutating func object(depth: Int) throws(JSONSyntaxError) -> PositionedJSON.Kind {
        i += 1
        var members: [(key: String, value: PositionedJSON)] = []
        var seen = Set<String>()
        ws()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            ws()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(found)") }
            let keyError = error("")
            let key = try string()
            guard seen.insert(key).inserted else {
                throw JSONSyntaxError(message: "the key \"\(key)\" is given twice in one object", line: keyError.line, column: keyError.column)
            }
            ws()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':' after the key, found \(found)") }
            i += 1
            members.append((key, try value(depth: depth)))
            ws()
            guard i < bytes.count else { throw error("expected ',' or '}', found the end of the text") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            throw error("expected ',' or '}', found \(found)")
        }
    }

    private mutating func array(depth: Int) throws(JSONSyntaxError) -> PositionedJSON.Kind {
        i += 1
        var items: [PositionedJSON] = []
        ws()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth))
            ws()
            guard i < bytes.count else { throw error("expected ',' or ']', found the end of the text") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw error("expected ',' or ']', found \(found)")
        }
    }

    private mutating func word(_ w: String) throws(JSONSyntaxError) {
        let u = Array(w.utf8)
        guard i + u.count <= bytes.count, Array(bytes[i..<(i + u.count)]) == u else {
            throw error("expected a JSON value, found \(found)")
        }
        i += u.count
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        let open = error("")
        i += 1
        var out: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            if b == 0x0A || b == 0x0D || b < 0x20 {
                throw error("a control character (U+\(String(b, radix: 16, uppercase: true))) inside a string; write it as an escape such as \\n")
            }
            if b == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "u"):
                    i -= 2
                    let escapeAt = error("")
                    i += 2
                    func hex4(_ at: Int) -> UInt32? {
                        guard at + 4 <= bytes.count else { return nil }
                        return UInt32(String(decoding: bytes[at..<(at + 4)], as: UTF8.self), radix: 16)
                    }
                    guard var v = hex4(i) else {
                        throw JSONSyntaxError(message: "\\u needs four hex digits", line: escapeAt.line, column: escapeAt.column)
                    }
                    i += 4
                    if (0xD800..<0xDC00).contains(v), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
                       bytes[i + 1] == UInt8(ascii: "u"), let lo = hex4(i + 2), (0xDC00..<0xE000).contains(lo) {
                        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    }
                    out.append(contentsOf: Array(String(Unicode.Scalar(v) ?? "\u{FFFD}").utf8))
                default:
                    i -= 2
                    throw error("unknown escape '\\\(Character(Unicode.Scalar(e)))' in a string")
                }
                continue
            }
            out.append(b)
            i += 1
        }
        throw JSONSyntaxError(message: "unterminated string (no closing '\"')", line: open.line, column: open.column)
    }
}
