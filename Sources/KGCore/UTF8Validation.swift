/// Checks bytes for well-formed UTF-8, so readers can refuse bad text with the offset of the
/// first bad byte instead of replacing it silently.
public enum UTF8Validation {
    /// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
    /// surrogates and code points past U+10FFFF included), or nil when all of `bytes` is UTF-8.
    public static func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let len: Int
            let minScalar: UInt32
            if b & 0xE0 == 0xC0 { len = 2; minScalar = 0x80 }
            else if b & 0xF0 == 0xE0 { len = 3; minScalar = 0x800 }
            else if b & 0xF8 == 0xF0 { len = 4; minScalar = 0x10000 }
            else { return i }
            guard i + len <= n else { return i }
            var scalar = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
            for k in 1..<len {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minScalar || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += len
        }
        return nil
    }

    /// "byte 0xFF at offset 8" for the first bad byte of `bytes`, or nil when they are UTF-8.
    public static func describeFirstInvalidByte(_ bytes: [UInt8]) -> String? {
        firstInvalidByte(bytes).map { "byte 0x\(String(bytes[$0], radix: 16, uppercase: true)) at offset \($0)" }
    }
}
