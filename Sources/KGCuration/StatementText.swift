import KGCore

/// Finds the text of one statement in a .kg file, so that one block can be rewritten while
/// every other byte of the file (comments, layout of other statements) stays as it is.
enum StatementText {
    /// `text` with the statement that starts at `location` (its keyword) up to the `}` closing
    /// its property block replaced by `replacement`.
    static func replacingBlock(at location: SourceLocation, in text: String, with replacement: String) throws(Diagnostic) -> String {
        let bytes = Array(text.utf8)
        guard let start = offset(of: location, in: bytes), let end = blockEnd(from: start, in: bytes) else {
            throw Diagnostic(.error, "cannot find the block of the statement at \(location) to rewrite",
                             help: "run 'kgq check' on the folder; it may have changed while kgq was running")
        }
        return String(decoding: bytes[..<start], as: UTF8.self) + replacement + String(decoding: bytes[end...], as: UTF8.self)
    }

    /// The byte offset of a 1-based line and column (columns count Unicode scalars).
    static func offset(of location: SourceLocation, in bytes: [UInt8]) -> Int? {
        var line = 1, i = 0
        while line < location.line {
            guard let nl = bytes[i...].firstIndex(of: 0x0A) else { return nil }
            i = nl + 1
            line += 1
        }
        var column = 1
        while column < location.column {
            guard i < bytes.count, bytes[i] != 0x0A else { return nil }
            i += 1
            while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return i
    }

    /// The offset just after the `}` that closes the first `{` at or after `start`, skipping
    /// strings (with their escapes) and comments.
    static func blockEnd(from start: Int, in bytes: [UInt8]) -> Int? {
        var depth = 0, i = start
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                    if bytes[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            case UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
