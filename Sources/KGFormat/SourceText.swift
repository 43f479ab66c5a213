import KGCore

/// The bytes of one .kg file with its name, and the arithmetic that turns byte offsets
/// into 1-based line/column positions (columns count Unicode scalars, as editors do).
struct SourceText {
    let name: String
    let bytes: [UInt8]
    /// Byte offset of the start of each line.
    let lineStarts: [Int]
    /// The line index found last: the parser asks for positions in file order, so the next
    /// answer is almost always on that line or a few after it (no binary search).
    private let cursor = Cursor()
    private final class Cursor { var line = 0 }

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line of a byte offset.
    func line(of offset: Int) -> Int {
        var l = cursor.line
        if l < lineStarts.count, lineStarts[l] <= offset {
            for _ in 0..<8 where l + 1 < lineStarts.count && lineStarts[l + 1] <= offset { l += 1 }
            if l + 1 == lineStarts.count || lineStarts[l + 1] > offset {
                cursor.line = l
                return l + 1
            }
        }
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        cursor.line = lo
        return lo + 1
    }

    /// The text of a 1-based line, without its newline.
    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    func location(of offset: Int) -> SourceLocation {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        // Count scalar starts (bytes that are not UTF-8 continuation bytes) before the offset.
        var column = 1
        var i = start
        while i < min(offset, bytes.count) {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(file: name, line: line, column: column)
    }

    func diagnostic(_ message: String, at offset: Int, help: String? = nil) -> Diagnostic {
        let loc = location(of: offset)
        return Diagnostic(.error, message, at: loc, lineText: lineText(loc.line), help: help)
    }

    /// Offset of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        UTF8Validation.firstInvalidByte(bytes)
    }
}
