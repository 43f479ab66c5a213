/// One field of a CSV record: where its content lies in the file's bytes and how it was written.
struct CSVField {
    /// First content byte (after the opening quote when quoted).
    var start: Int
    /// One past the last content byte (before the closing quote when quoted).
    var end: Int
    /// Whether the field was enclosed in double quotes (a quoted empty field is an empty string,
    /// an unquoted empty field is absent).
    var quoted: Bool
    /// Whether the content holds doubled quotes (`""`) that must be collapsed.
    var hasEscapedQuotes: Bool
    /// Byte offset where the field begins (its opening quote when quoted), for positions.
    var offset: Int
    /// 1-based physical line on which the field begins.
    var line: Int
    /// Byte offset of the start of that line.
    var lineStart: Int

    var isEmpty: Bool { start == end }
}

/// A syntax error of the CSV layer, positioned by byte offset; the importer turns it into
/// a Diagnostic with file:line:column.
struct CSVSyntaxError: Error {
    var message: String
    var help: String?
    var offset: Int
    var line: Int
    var lineStart: Int
}

/// An RFC 4180 record reader working on raw bytes: `,` separates fields, `"` encloses fields
/// that hold commas, quotes (doubled) or line breaks; records end with LF, CRLF or a lone CR.
///
/// It never copies: fields are byte ranges into the caller's buffer, so one record costs no
/// allocation once the field array has grown to the width of the file.
struct CSVReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int
    /// 1-based physical line of `position`.
    private(set) var line = 1
    private(set) var lineStart: Int

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Creates a reader; a UTF-8 byte-order mark at the start is skipped.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        position = start
        lineStart = start
    }

    var atEnd: Bool { position >= bytes.count }

    /// Reads the next record into `fields` (cleared first). Returns false at the end of input.
    mutating func nextRecord(into fields: inout [CSVField]) throws(CSVSyntaxError) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        if position >= n { return false }
        while true {
            let fieldOffset = position
            let fieldLine = line
            let fieldLineStart = lineStart
            if position < n && bytes[position] == CSVReader.quote {
                position += 1
                let start = position
                var escaped = false
                var end = 0
                while true {
                    guard position < n else {
                        throw CSVSyntaxError(message: "unterminated quoted field: the closing '\"' is missing",
                                             help: "close the field with '\"', and double every quote inside it (\"\")",
                                             offset: fieldOffset, line: fieldLine, lineStart: fieldLineStart)
                    }
                    let c = bytes[position]
                    if c == CSVReader.quote {
                        if position + 1 < n && bytes[position + 1] == CSVReader.quote {
                            escaped = true
                            position += 2
                            continue
                        }
                        end = position
                        position += 1
                        break
                    }
                    position += 1
                    if c == CSVReader.lf { newLine() }
                    else if c == CSVReader.cr && (position >= n || bytes[position] != CSVReader.lf) { newLine() }
                }
                fields.append(CSVField(start: start, end: end, quoted: true, hasEscapedQuotes: escaped,
                                       offset: fieldOffset, line: fieldLine, lineStart: fieldLineStart))
                if position >= n { return true }
                let c = bytes[position]
                if c == CSVReader.comma { position += 1; continue }
                if endOfLine() { return true }
                throw CSVSyntaxError(message: "expected ',' or the end of the line after a closing quote",
                                     help: "double a quote that belongs to the text (\"\")",
                                     offset: position, line: line, lineStart: lineStart)
            } else {
                let start = position
                while position < n {
                    let c = bytes[position]
                    if c == CSVReader.comma || c == CSVReader.lf || c == CSVReader.cr { break }
                    if c == CSVReader.quote {
                        throw CSVSyntaxError(message: "a '\"' inside an unquoted field",
                                             help: "enclose the whole field in quotes and double the quote: \"say \"\"hi\"\"\"",
                                             offset: position, line: line, lineStart: lineStart)
                    }
                    position += 1
                }
                fields.append(CSVField(start: start, end: position, quoted: false, hasEscapedQuotes: false,
                                       offset: fieldOffset, line: fieldLine, lineStart: fieldLineStart))
                if position >= n { return true }
                if bytes[position] == CSVReader.comma { position += 1; continue }
                _ = endOfLine()
                return true
            }
        }
    }

    /// Consumes a line break at `position` (LF, CRLF or CR); false when there is none.
    private mutating func endOfLine() -> Bool {
        let c = bytes[position]
        if c == CSVReader.lf { position += 1; newLine(); return true }
        if c == CSVReader.cr {
            position += 1
            if position < bytes.count && bytes[position] == CSVReader.lf { position += 1 }
            newLine()
            return true
        }
        return false
    }

    private mutating func newLine() {
        line += 1
        lineStart = position
    }
}
