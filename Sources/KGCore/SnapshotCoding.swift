import Foundation

/// The byte-level writer and reader of graph snapshots (see `GraphSnapshot`).
///
/// Arrays of plain numbers are written as their count and their raw little-endian bytes, so
/// reading one back is a single copy, never a value-by-value parse. Every read checks that the
/// bytes it needs are there: a truncated or damaged snapshot throws `SnapshotError`, never traps.
struct SnapshotEncoder {
    var bytes: [UInt8] = []

    init(reserving n: Int = 0) { bytes.reserveCapacity(n) }

    mutating func int(_ v: Int) { withUnsafeBytes(of: Int64(v).littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { int($0.count); bytes.append(contentsOf: $0) }
    }

    mutating func optionalString(_ s: String?) {
        if let s { bool(true); string(s) } else { bool(false) }
    }

    /// Count, then the elements' bytes as they lie in memory (only for types without padding).
    mutating func flat<T: BitwiseCopyable>(_ a: [T]) {
        int(a.count)
        a.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func strings(_ a: [String]) {
        int(a.count)
        for s in a { string(s) }
    }

    mutating func value(_ v: Value) {
        switch v {
        case .null: u8(0)
        case .bool(let b): u8(1); bool(b)
        case .int(let i): u8(2); int(i)
        case .float(let d): u8(3); int(Int(truncatingIfNeeded: d.bitPattern))
        case .string(let s): u8(4); string(s)
        case .date(let d): u8(5); date(d)
        case .temporal(let t): u8(6); string(t.kind.rawValue); string(t.description)
        case .list(let l): u8(7); int(l.count); for x in l { value(x) }
        case .map(let m): u8(8); int(m.count); for k in m.keys.sorted() { string(k); value(m[k]!) }
        }
    }

    mutating func date(_ d: KGDate) {
        int(d.year); int(d.month ?? 0); int(d.day ?? 0)
    }

    mutating func location(_ l: SourceLocation?) {
        guard let l else { bool(false); return }
        bool(true); string(l.file); int(l.line); int(l.column)
    }

    mutating func citation(_ c: Citation) {
        string(c.document); int(c.line)
        if let s = c.span { bool(true); int(s.lowerBound); int(s.upperBound) } else { bool(false) }
        string(c.quote); optionalString(c.gloss); optionalString(c.via); location(c.location)
    }

    /// Lists of lists as per-row counts (one flat array) and then the items of the non-empty rows.
    mutating func lists<T>(_ rows: [[T]], _ item: (inout SnapshotEncoder, T) -> Void) {
        flat(rows.map { Int32(truncatingIfNeeded: $0.count) })
        for row in rows { for x in row { item(&self, x) } }
    }

    /// Overwrites 8 bytes at `offset` (for lengths and checksums known only at the end).
    mutating func patch(_ v: UInt64, at offset: Int) {
        withUnsafeBytes(of: v.littleEndian) { raw in
            for k in 0..<8 { bytes[offset + k] = raw[k] }
        }
    }
}

/// Why a snapshot could not be read: said under `--verbose`, then the graph is loaded from its files.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

struct SnapshotDecoder {
    let base: UnsafeRawBufferPointer
    private(set) var at: Int
    /// Whether `base` is a private read-only mapping whose pages may be dropped once copied.
    var releasesCopiedPages = false

    init(_ base: UnsafeRawBufferPointer, at: Int = 0) {
        self.base = base
        self.at = at
    }

    var remaining: Int { base.count - at }

    private mutating func need(_ n: Int) throws(SnapshotError) {
        guard n >= 0 && n <= remaining else { throw SnapshotError("ends early at byte \(at) (needs \(n) more bytes, has \(remaining))") }
    }

    mutating func int() throws(SnapshotError) -> Int {
        try need(8)
        let v = Int64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: Int64.self))
        at += 8
        return Int(v)
    }

    mutating func u8() throws(SnapshotError) -> UInt8 {
        try need(1)
        defer { at += 1 }
        return base[at]
    }

    mutating func bool() throws(SnapshotError) -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        case let b: throw SnapshotError("byte \(at - 1) holds \(b) where a boolean (0 or 1) belongs")
        }
    }

    /// A count of items of at least `size` bytes each, checked against the bytes left.
    mutating func count(itemSize size: Int) throws(SnapshotError) -> Int {
        let n = try int()
        guard n >= 0, n <= remaining / Swift.max(size, 1) else { throw SnapshotError("a count of \(n) at byte \(at - 8) exceeds what is left") }
        return n
    }

    mutating func string() throws(SnapshotError) -> String {
        let n = try count(itemSize: 1)
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: base[at..<(at + n)]).bindMemory(to: UInt8.self), as: UTF8.self)
        at += n
        return s
    }

    mutating func optionalString() throws(SnapshotError) -> String? {
        try bool() ? try string() : nil
    }

    mutating func flat<T: BitwiseCopyable>(_: T.Type) throws(SnapshotError) -> [T] {
        let n = try count(itemSize: MemoryLayout<T>.stride)
        let size = n * MemoryLayout<T>.stride
        let start = at
        at += size
        let copy = [T](unsafeUninitializedCapacity: n) { buffer, initialized in
            if size > 0 {
                UnsafeMutableRawPointer(buffer.baseAddress!).copyMemory(from: base.baseAddress! + start, byteCount: size)
            }
            initialized = n
        }
        if releasesCopiedPages && size >= 1 << 16 { release(start, size) }
        return copy
    }

    /// Drops the whole pages of `base[start ..< start + size]` from memory (a read-only private
    /// mapping: a later read faults them in again from the file, nothing is lost).
    private func release(_ start: Int, _ size: Int) {
        #if os(Linux)
        let page = 4096
        let from = (Int(bitPattern: base.baseAddress!) + start + page - 1) & ~(page - 1)
        let to = (Int(bitPattern: base.baseAddress!) + start + size) & ~(page - 1)
        if to > from { _ = madvise(UnsafeMutableRawPointer(bitPattern: from), to - from, MADV_DONTNEED) }
        #endif
    }

    /// A flat array of booleans, each byte checked to be 0 or 1.
    mutating func bools() throws(SnapshotError) -> [Bool] {
        let raw = try flat(UInt8.self)
        guard raw.allSatisfy({ $0 <= 1 }) else { throw SnapshotError("a boolean array holds a byte other than 0 or 1") }
        return raw.map { $0 == 1 }
    }

    mutating func strings() throws(SnapshotError) -> [String] {
        let n = try count(itemSize: 8)
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    mutating func value(depth: Int = 0) throws(SnapshotError) -> Value {
        guard depth < 10_000 else { throw SnapshotError("values nested too deeply at byte \(at)") }
        switch try u8() {
        case 0: return .null
        case 1: return .bool(try bool())
        case 2: return .int(try int())
        case 3: return .float(Double(bitPattern: UInt64(truncatingIfNeeded: try int())))
        case 4: return .string(try string())
        case 5: return .date(try date())
        case 6:
            let kindText = try string(), text = try string()
            guard let kind = Temporal.Kind(rawValue: kindText), let t = try? Temporal.parse(kind, text) else {
                throw SnapshotError("unreadable temporal value '\(text)'")
            }
            return .temporal(t)
        case 7:
            let n = try count(itemSize: 1)
            var l: [Value] = []
            l.reserveCapacity(n)
            for _ in 0..<n { l.append(try value(depth: depth + 1)) }
            return .list(l)
        case 8:
            let n = try count(itemSize: 9)
            var m: [String: Value] = [:]
            m.reserveCapacity(n)
            for _ in 0..<n { let k = try string(); m[k] = try value(depth: depth + 1) }
            return .map(m)
        case let tag: throw SnapshotError("unknown value tag \(tag) at byte \(at - 1)")
        }
    }

    mutating func date() throws(SnapshotError) -> KGDate {
        let y = try int(), m = try int(), d = try int()
        guard let date = KGDate(year: y, month: m == 0 ? nil : m, day: d == 0 ? nil : d) else {
            throw SnapshotError("invalid date \(y)-\(m)-\(d)")
        }
        return date
    }

    mutating func location() throws(SnapshotError) -> SourceLocation? {
        guard try bool() else { return nil }
        return SourceLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func citation() throws(SnapshotError) -> Citation {
        let document = try string(), line = try int()
        var span: ClosedRange<Int>?
        if try bool() {
            let lo = try int(), hi = try int()
            guard lo <= hi else { throw SnapshotError("a citation span \(lo)...\(hi) runs backwards") }
            span = lo...hi
        }
        return Citation(document: document, line: line, span: span, quote: try string(), gloss: try optionalString(),
                        via: try optionalString(), location: try location())
    }

    /// The inverse of `SnapshotEncoder.lists`: rows of `rowCount` (checked), empty rows shared.
    mutating func lists<T>(rowCount: Int, _ item: (inout SnapshotDecoder) throws(SnapshotError) -> T) throws(SnapshotError) -> [[T]] {
        let counts = try flat(Int32.self)
        guard counts.count == rowCount else { throw SnapshotError("a table has \(counts.count) rows where \(rowCount) belong") }
        var rows = [[T]](repeating: [], count: rowCount)
        for r in 0..<rowCount where counts[r] != 0 {
            let n = Int(counts[r])
            guard n > 0 && n <= remaining else { throw SnapshotError("row \(r) claims \(n) items") }
            var row: [T] = []
            row.reserveCapacity(n)
            for _ in 0..<n { row.append(try item(&self)) }
            rows[r] = row
        }
        return rows
    }
}

/// A 64-bit checksum of a byte range, four lanes wide so it runs near memory speed. It detects
/// damage (a flipped byte, a lost tail), not tampering; the sources' SHA-256 identify content.
enum SnapshotChecksum {
    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let p1: UInt64 = 0x9E37_79B1_85EB_CA87, p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var h: (UInt64, UInt64, UInt64, UInt64) = (p1, p2, p1 ^ p2, p1 &+ p2)
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = h ^ (w &* p2)
            return ((x << 31) | (x >> 33)) &* p1
        }
        let n = bytes.count
        var i = 0
        while i + 32 <= n {
            h.0 = mix(h.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h.1 = mix(h.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            h.2 = mix(h.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            h.3 = mix(h.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var tail = h.0 ^ ((h.1 << 7) | (h.1 >> 57)) ^ ((h.2 << 13) | (h.2 >> 51)) ^ ((h.3 << 29) | (h.3 >> 35))
        while i < n { tail = mix(tail, UInt64(bytes[i]) &+ UInt64(i)); i += 1 }
        tail = mix(tail, UInt64(n))
        tail ^= tail >> 29
        return tail &* p2 ^ (tail >> 32)
    }
}
