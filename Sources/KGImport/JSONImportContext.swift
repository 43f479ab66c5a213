import Foundation
import KGCore

/// What the JSON importers share: the file's text for messages, the problems found so far, and
/// the readers of the pieces both shapes have (strings, property maps, citations).
struct JSONImportContext {
    let path: String
    let bytes: [UInt8]
    var diagnostics: [Diagnostic] = []
    let maxDiagnostics: Int
    private var lineStarts: [Int]

    init(path: String, bytes: [UInt8], maxDiagnostics: Int) {
        self.path = path
        self.bytes = bytes
        self.maxDiagnostics = maxDiagnostics
        var starts = [0]
        for (k, b) in bytes.enumerated() where b == 0x0A { starts.append(k + 1) }
        lineStarts = starts
    }

    /// Reads a file for an importer: missing, unreadable, a folder, or not UTF-8 are Diagnostics.
    static func read(_ path: String) throws(DiagnosticList) -> [UInt8] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DiagnosticList([Diagnostic(.error, "no such file '\(path)'", help: "check the path given to --graph")])
        }
        guard !isFolder.boolValue else {
            throw DiagnosticList([Diagnostic(.error, "'\(path)' is a folder, not a file", help: "give the file itself")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList([Diagnostic(.error, "cannot read '\(path)'", help: "check that it is readable")])
        }
        let bytes = [UInt8](data)
        if String(validating: bytes, as: UTF8.self) == nil {
            var k = 0, line = 1, column = 1
            // Find the first byte that breaks UTF-8, for the position.
            while k < bytes.count {
                let b = bytes[k]
                let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
                if length == 0 || k + length > bytes.count || String(validating: bytes[k..<(k + length)], as: UTF8.self) == nil { break }
                if b == 0x0A { line += 1; column = 1 } else { column += 1 }
                k += length
            }
            throw DiagnosticList([Diagnostic(.error, "'\(path)' is not UTF-8 text (byte 0x\(String(bytes[min(k, bytes.count - 1)], radix: 16)) at byte \(k))",
                                             at: SourceLocation(file: path, line: line, column: column),
                                             help: "save the file as UTF-8")])
        }
        return bytes
    }

    /// The text of a 1-based line, for the caret under a message.
    func lineText(_ line: Int) -> String? {
        guard line >= 1, line <= lineStarts.count else { return nil }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    func location(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: column) }

    var full: Bool { diagnostics.count >= maxDiagnostics }

    mutating func fail(_ message: String, at v: PositionedJSON, help: String? = nil) {
        fail(message, line: v.line, column: v.column, help: help)
    }

    mutating func fail(_ message: String, line: Int, column: Int, help: String? = nil) {
        guard !full else { return }
        diagnostics.append(Diagnostic(.error, message, at: location(line, column), lineText: lineText(line), help: help))
    }

    func syntax(_ e: JSONSyntaxError, help: String) -> DiagnosticList {
        DiagnosticList([Diagnostic(.error, "bad JSON: \(e.message)", at: location(e.line, e.column), lineText: lineText(e.line), help: help)])
    }

    // MARK: Pieces

    /// A required string member; nil (with a message) when missing or not a string.
    mutating func string(_ key: String, of object: PositionedJSON, what: String) -> String? {
        guard let v = object[key] else {
            fail("\(what) has no \"\(key)\"", at: object, help: "give it as \"\(key)\": \"…\"")
            return nil
        }
        guard let s = v.string, !s.isEmpty else {
            fail("\"\(key)\" of \(what) must be a non-empty string, not \(v.kindName)", at: v)
            return nil
        }
        return s
    }

    /// An optional string member (null or absent: nil).
    mutating func optionalString(_ key: String, of object: PositionedJSON) -> String? {
        guard let v = object[key], !v.isNull else { return nil }
        guard let s = v.string else { fail("\"\(key)\" must be a string or null, not \(v.kindName)", at: v); return nil }
        return s
    }

    /// A list of non-empty strings (`labels`); nil with a message when it is something else.
    mutating func strings(_ v: PositionedJSON, what: String) -> [String]? {
        guard case .array(let items) = v.kind else { fail("\(what) must be a list of strings, not \(v.kindName)", at: v); return nil }
        var out: [String] = []
        for item in items {
            guard let s = item.string, !s.isEmpty else { fail("\(what) must hold non-empty strings, not \(item.kindName)", at: item); return nil }
            out.append(s)
        }
        return out
    }

    /// A property map, with the type hints of `types` applied (dates, times, durations read
    /// back from their text; see PropertyTypeHint).
    mutating func properties(_ v: PositionedJSON?, types: PositionedJSON?, what: String) -> [String: Value] {
        guard let v, !v.isNull else { return [:] }
        guard case .object(let members) = v.kind else {
            fail("the properties of \(what) must be an object, not \(v.kindName)", at: v); return [:]
        }
        var out: [String: Value] = [:]
        for m in members where !m.value.isNull { out[m.key] = m.value.value }
        guard let types, !types.isNull else { return out }
        guard case .object(let hints) = types.kind else {
            fail("\"types\" of \(what) must be an object of type names, not \(types.kindName)", at: types); return out
        }
        for hint in hints {
            guard let name = hint.value.string, PropertyTypeHint.isKnown(name), name != "json" else {
                fail("unknown type \(hint.value.string.map { "'\($0)'" } ?? hint.value.kindName) for the property '\(hint.key)'", at: hint.value,
                     help: "a type is date, time, localtime, datetime, localdatetime or duration, or one of them in brackets for a list ([date])")
                continue
            }
            guard let raw = out[hint.key], let position = members.first(where: { $0.key == hint.key })?.value else { continue }
            guard let typed = PropertyTypeHint.decode(raw, hint: name) else {
                fail("the property '\(hint.key)' of \(what) is said to be \(name) but \(raw) is not", at: position,
                     help: "write it in ISO form (dates 2016, 2016-05 or 2016-05-14), or remove it from \"types\"")
                continue
            }
            out[hint.key] = typed
        }
        return out
    }

    /// Citations in the graph-export shape: `[{"document", "line", "quote", "gloss", "via", "columns"}]`.
    mutating func citations(_ v: PositionedJSON?, what: String) -> [Citation] {
        guard let v, !v.isNull else { return [] }
        guard case .array(let items) = v.kind else { fail("the citations of \(what) must be a list, not \(v.kindName)", at: v); return [] }
        var out: [Citation] = []
        for c in items {
            guard case .object = c.kind else { fail("a citation must be an object, not \(c.kindName)", at: c); continue }
            guard let document = string("document", of: c, what: "a citation") else { continue }
            guard let lineValue = c["line"], case .int(let line) = lineValue.kind, line >= 0 else {
                fail("a citation's \"line\" must be a whole number", at: c["line"] ?? c, help: "the 1-based line of the quote in the document")
                continue
            }
            let quote = c["quote"]?.string ?? ""
            var span: ClosedRange<Int>?
            if let columns = c["columns"], !columns.isNull {
                if case .array(let pair) = columns.kind, pair.count == 2, case .int(let a) = pair[0].kind, case .int(let b) = pair[1].kind, a >= 1, a <= b {
                    span = a...b
                } else {
                    fail("a citation's \"columns\" must be two whole numbers [first, last], first ≥ 1", at: columns); continue
                }
            }
            out.append(Citation(document: document, line: line, span: span, quote: quote,
                                gloss: optionalString("gloss", of: c), via: optionalString("via", of: c),
                                location: location(c.line, c.column)))
        }
        return out
    }
}
