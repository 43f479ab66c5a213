#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A projection's rows of column values in one flat array, row `i`'s column `c` at
/// `i * width + c`: no allocation per row.
struct ValueTable {
    let width: Int
    var cells: [QueryValue] = []
    var count = 0

    init(width: Int) { self.width = width }

    mutating func reserve(_ rows: Int) { cells.reserveCapacity(rows * width) }

    mutating func append(row: [QueryValue]) {
        cells.append(contentsOf: row)
        count += 1
    }

    subscript(i: Int, c: Int) -> QueryValue {
        get { cells[i * width + c] }
        set { cells[i * width + c] = newValue }
    }

    func row(_ i: Int) -> ArraySlice<QueryValue> { cells[(i * width)..<((i + 1) * width)] }
}

/// ASCII strings as sort keys, added one by one: each key's first eight bytes as one big-endian
/// integer, and all the bytes in one arena (row `i`'s from `offsets[i]` to the next offset).
struct ByteKeys {
    var prefixes: [UInt64] = []
    var offsets: [Int] = []
    var arena: [UInt8] = []

    init(capacity: Int) {
        prefixes.reserveCapacity(capacity)
        offsets.reserveCapacity(capacity + 1)
    }

    /// Adds one key; false (and nothing added) when the bytes are not ASCII.
    mutating func add(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        var high: UInt8 = 0
        for b in u { high |= b }
        if high >= 0x80 { return false }
        var p: UInt64 = 0
        for n in 0..<min(8, u.count) { p |= UInt64(u[n]) << UInt64(56 - 8 * n) }
        prefixes.append(p)
        offsets.append(arena.count)
        arena.append(contentsOf: u)
        return true
    }
}

/// One ORDER BY key's values for every row — as plain integers, floats or byte keys when they
/// all have that type (the common case: one property), so comparing two rows compares two plain
/// values instead of switching over two `QueryValue`s; openCypher's order of mixed values otherwise.
///
/// Strings that are all ASCII get sort keys in the manner of DuckDB's normalised keys: each
/// string's first eight bytes as one big-endian integer, and all the bytes in one arena. For
/// ASCII, byte order is the order of Swift's `<` (Unicode scalar order), so two keys compare
/// by one integer comparison and, when their first eight bytes agree, one `memcmp` — no `String`
/// comparison, no retain or release. A class with constant storage, so the comparator reads
/// its arrays without copying them or checking exclusive access.
final class SortColumn {
    enum Kind { case ints, floats, bytes, strings, values }
    let kind: Kind
    private let ints: [Int]
    private let floats: [Double]
    private let prefixes: [UInt64]
    /// Row `i`'s bytes are `arena[offsets[i] ..< offsets[i + 1]]`.
    private let offsets: [Int]
    private let arena: [UInt8]
    private let strings: [String]
    private let values: [QueryValue]

    /// A column of byte keys (`kind == .bytes`).
    init(_ keys: ByteKeys) {
        kind = .bytes
        (ints, floats, strings, values) = ([], [], [], [])
        (prefixes, offsets, arena) = (keys.prefixes, keys.offsets + [keys.arena.count], keys.arena)
    }

    init(_ column: [QueryValue]) {
        var ints: [Int] = [], floats: [Double] = [], prefixes: [UInt64] = [], offsets: [Int] = []
        var arena: [UInt8] = [], strings: [String] = [], values: [QueryValue] = []
        if column.allSatisfy({ if case .int = $0 { return true }; return false }) {
            kind = .ints
            ints = column.map { if case .int(let i) = $0 { return i }; return 0 }
        } else if column.allSatisfy({ if case .float(let d) = $0 { return !d.isNaN }; return false }) {
            kind = .floats
            floats = column.map { if case .float(let d) = $0 { return d }; return 0 }
        } else if column.allSatisfy({ if case .string = $0 { return true }; return false }) {
            strings = column.map { if case .string(let s) = $0 { return s }; return "" }
            if SortColumn.byteKeys(strings, &prefixes, &offsets, &arena) {
                kind = .bytes
                strings = []
            } else {
                kind = .strings
            }
        } else {
            kind = .values
            values = column
        }
        (self.ints, self.floats, self.prefixes, self.offsets, self.arena, self.strings, self.values) =
            (ints, floats, prefixes, offsets, arena, strings, values)
    }

    /// Fills the byte keys of `strings`; false when one is not ASCII (those compare as strings).
    private static func byteKeys(_ strings: [String], _ prefixes: inout [UInt64], _ offsets: inout [Int],
                                 _ arena: inout [UInt8]) -> Bool {
        var keys = ByteKeys(capacity: strings.count)
        for i in strings.indices {
            var s = strings[i]
            guard s.withUTF8({ keys.add($0) }) else { return false }
        }
        (prefixes, offsets, arena) = (keys.prefixes, keys.offsets + [keys.arena.count], keys.arena)
        return true
    }

    /// `positions` (ascending) sorted by this key alone, ties by position, when its values are
    /// plain integers, floats or byte keys: each key mapped to a 64-bit unsigned integer of the
    /// same order and sorted by radix, no comparison per element (byte keys whose first eight
    /// bytes agree are then ordered by the rest). Nil for keys of other kinds.
    func sorted(_ positions: [Int], descending: Bool) -> [Int]? {
        let flip: UInt64 = descending ? ~0 : 0
        switch kind {
        case .ints:
            return SortColumn.radixSorted(positions.map { (UInt64(bitPattern: Int64(ints[$0])) ^ (1 << 63) ^ flip, $0) }).map(\.1)
        case .floats:
            return SortColumn.radixSorted(positions.map { (SortColumn.orderedBits(floats[$0]) ^ flip, $0) }).map(\.1)
        case .bytes:
            var pairs = SortColumn.radixSorted(positions.map { (prefixes[$0] ^ flip, $0) })
            // Runs of keys whose first eight bytes agree: the rest, then the length, decide;
            // the sort is stable, so ties stay in position order.
            var i = 0
            while i < pairs.count {
                var j = i + 1
                while j < pairs.count && pairs[j].0 == pairs[i].0 { j += 1 }
                if j - i > 1 {
                    pairs[i..<j].sort { x, y in
                        let c = byteOrder(x.1, y.1)
                        return descending ? c > 0 : c < 0
                    }
                }
                i = j
            }
            return pairs.map(\.1)
        case .strings, .values: return nil
        }
    }

    /// A float's bits as an unsigned integer of the same order (-0.0 and 0.0 equal).
    private static func orderedBits(_ d: Double) -> UInt64 {
        let bits = (d == 0 ? 0.0 : d).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Pairs sorted by their key, stable (ties keep their order): least significant byte first,
    /// one counting pass for all eight bytes, and no pass for a byte every key shares.
    static func radixSorted(_ pairs: [(UInt64, Int)]) -> [(UInt64, Int)] {
        let n = pairs.count
        guard n > 64 else { return pairs.sorted { $0.0 < $1.0 } }
        var counts = [Int](repeating: 0, count: 8 * 256)
        for (k, _) in pairs {
            for b in 0..<8 { counts[b &* 256 &+ Int(truncatingIfNeeded: k >> UInt64(8 &* b)) & 0xFF] &+= 1 }
        }
        var source = pairs, target = pairs
        for b in 0..<8 {
            let shift = UInt64(8 * b)
            if counts[b * 256 + Int(truncatingIfNeeded: source[0].0 >> shift) & 0xFF] == n { continue }
            var next = [Int](repeating: 0, count: 256), total = 0
            for d in 0..<256 { next[d] = total; total += counts[b * 256 + d] }
            source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { to in
                    next.withUnsafeMutableBufferPointer { next in
                        for p in from {
                            let d = Int(truncatingIfNeeded: p.0 >> shift) & 0xFF
                            to[next[d]] = p
                            next[d] &+= 1
                        }
                    }
                }
            }
            swap(&source, &target)
        }
        return source
    }

    /// -1, 0 or 1 as row `a`'s key sorts before, with or after row `b`'s.
    @inline(__always)
    func order(_ a: Int, _ b: Int) -> Int {
        switch kind {
        case .ints: return ints[a] < ints[b] ? -1 : (ints[a] > ints[b] ? 1 : 0)
        case .floats: return floats[a] < floats[b] ? -1 : (floats[a] > floats[b] ? 1 : 0)
        case .bytes: return byteOrder(a, b)
        case .strings: return strings[a] == strings[b] ? 0 : (strings[a] < strings[b] ? -1 : 1)
        case .values: return ValueSemantics.order(values[a], values[b])
        }
    }

    @inline(__always)
    private func byteOrder(_ a: Int, _ b: Int) -> Int {
        let pa = prefixes[a], pb = prefixes[b]
        if pa != pb { return pa < pb ? -1 : 1 }
        let oa = offsets[a], ob = offsets[b]
        let la = offsets[a + 1] - oa, lb = offsets[b + 1] - ob
        let common = min(la, lb)
        if common > 8 {
            let c = arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + oa + 8, $0.baseAddress! + ob + 8, common - 8) }
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return la == lb ? 0 : (la < lb ? -1 : 1)
    }
}
