/// Builds CSV text in a byte buffer: fields are quoted only when they must be (a comma,
/// quote or line break inside), with quotes doubled, as RFC 4180 says.
struct CSVTextWriter {
    private(set) var bytes: [UInt8] = []
    private var atLineStart = true

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends a header or data line from already-typed fields.
    mutating func row(_ fields: String...) {
        for f in fields { field(f) }
        endRow()
    }

    /// Appends one field, quoting it when needed.
    mutating func field(_ s: String) {
        separate()
        var needsQuotes = false
        for c in s.utf8 where c == UInt8(ascii: ",") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") {
            needsQuotes = true
            break
        }
        guard needsQuotes else { bytes.append(contentsOf: s.utf8); return }
        bytes.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            if c == UInt8(ascii: "\"") { bytes.append(c) }
            bytes.append(c)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends an integer field without going through a String.
    mutating func field(_ value: Int) {
        separate()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var v = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[count] = UInt8(ascii: "0") + UInt8(v % 10)
                v /= 10
                count += 1
            } while v > 0
            while count > 0 { count -= 1; bytes.append(d[count]) }
        }
    }

    /// Appends an id made of a prefix and a number (`role:12`).
    mutating func id(_ prefix: String, _ number: Int) {
        separate()
        bytes.append(contentsOf: prefix.utf8)
        atLineStart = true   // no comma between prefix and number
        field(number)
    }

    /// Appends an empty field (no value).
    mutating func empty() { separate() }

    mutating func endRow() {
        bytes.append(UInt8(ascii: "\n"))
        atLineStart = true
    }

    private mutating func separate() {
        if atLineStart { atLineStart = false } else { bytes.append(UInt8(ascii: ",")) }
    }
}
