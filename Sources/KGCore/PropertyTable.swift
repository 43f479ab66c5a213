/// The properties of one kind of element (the graph's nodes, or its relationships), stored
/// column by column: one column per property key, indexed by the element's handle.
///
/// Keys are interned as small integer codes (`code(_:)`), so a query resolves a key once and
/// reads each row with an array access instead of hashing a string. A column keeps its values
/// typed — integers, floats, booleans, dates, or strings in one UTF-8 arena — while every value
/// it has held is of one type, and falls back to general `Value`s when types mix. The column is
/// per key, not per label: schema-free graphs and multi-label nodes need nothing special.
///
/// A column covers the rows up to the last one that ever held its key (reading past its end is
/// "absent"), so a key that only a few early rows carry costs nothing for the rest.
public struct PropertyTable: Sendable {
    @usableFromInline var codes: [String: Int] = [:]
    /// Interned keys, by code.
    public internal(set) var keys: [String] = []
    @usableFromInline var columns: [PropertyColumn] = []
    /// Number of rows (handles) the table covers.
    public internal(set) var rowCount = 0

    public init() {}

    /// The code of `key`, or -1 when no row ever held it (a code that matches nothing).
    @inlinable public func code(_ key: String) -> Int { codeIfKnown(key) ?? -1 }

    @inlinable func codeIfKnown(_ key: String) -> Int? { codes[key] }

    /// Whether some row holds `key` now (rows of deleted elements included).
    public func holds(_ key: String) -> Bool { codes[key].map { columns[$0].presentCount > 0 } ?? false }

    /// The keys some row holds now, in interning order.
    public var keysInUse: [String] { keys.indices.filter { columns[$0].presentCount > 0 }.map { keys[$0] } }

    /// The value of key `code` in `row`, nil when absent.
    @inlinable public func value(_ row: Int, code: Int) -> Value? {
        guard code >= 0 && code < columns.count else { return nil }
        // Through a pointer, the column is read in place: `columns[code].value(row)` copies the
        // struct (a retain and release of each of its arrays) on every read.
        return columns.withUnsafeBufferPointer { PropertyColumn.value(in: $0.baseAddress! + code, row) }
    }

    @inlinable public func value(_ row: Int, key: String) -> Value? {
        guard let c = codes[key] else { return nil }
        return value(row, code: c)
    }

    /// Every property of `row`.
    public func properties(_ row: Int) -> [String: Value] {
        var out: [String: Value] = [:]
        for c in columns.indices {
            if let v = columns[c].value(row) { out[keys[c]] = v }
        }
        return out
    }

    /// Whether `row` has any property.
    public func isEmpty(_ row: Int) -> Bool { !columns.contains { $0.isPresent(row) } }

    /// Calls `body` with the UTF-8 bytes of the string stored under `code` in `row`; nil when the
    /// row holds no string there (absent, or another type). Scans read bytes without making Strings.
    @inlinable public func withUTF8<R>(_ row: Int, code: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard code >= 0 && code < columns.count else { return nil }
        // In place, as `value(_:code:)` reads: no copy of the column per row.
        return try columns.withUnsafeBufferPointer { try PropertyColumn.withUTF8(in: $0.baseAddress! + code, row, body) }
    }

    // MARK: Writing

    /// Adds a row holding `properties` (null values are not stored); its index is the old `rowCount`.
    public mutating func appendRow(_ properties: [String: Value]) {
        let row = rowCount
        rowCount += 1
        for (k, v) in properties where !v.isNull {
            let c = intern(k)
            columns[c].set(row, v)
        }
    }

    /// Removes the last row (the revert of `appendRow`).
    public mutating func removeLastRow() {
        rowCount -= 1
        for c in columns.indices { columns[c].truncate(to: rowCount) }
    }

    /// Sets (with nil or `.null`, removes) `key` in `row`; returns the value it replaced.
    @discardableResult
    public mutating func set(_ row: Int, _ key: String, _ value: Value?) -> Value? {
        if let value, !value.isNull {
            let c = intern(key)
            let old = columns[c].value(row)
            columns[c].set(row, value)
            return old
        }
        guard let c = codes[key] else { return nil }
        let old = columns[c].value(row)
        columns[c].remove(row)
        return old
    }

    /// Replaces every property of `row`; returns the ones it had.
    @discardableResult
    public mutating func replace(_ row: Int, with properties: [String: Value]) -> [String: Value] {
        let old = self.properties(row)
        for c in columns.indices where properties[keys[c]] == nil { columns[c].remove(row) }
        for (k, v) in properties { set(row, k, v) }
        return old
    }

    private mutating func intern(_ key: String) -> Int {
        if let c = codes[key] { return c }
        let c = keys.count
        codes[key] = c
        keys.append(key)
        columns.append(PropertyColumn())
        return c
    }

    /// Tables are equal when every row holds the same properties (interning order and the
    /// arena's layout are not compared).
    public func sameContents(as other: PropertyTable) -> Bool {
        guard rowCount == other.rowCount else { return false }
        for r in 0..<rowCount where properties(r) != other.properties(r) { return false }
        return true
    }
}

/// One key's values over the rows of a `PropertyTable`.
@usableFromInline
struct PropertyColumn: Sendable {
    @usableFromInline enum Kind: Sendable { case none, int, float, bool, string, date, value }
    @usableFromInline var kind = Kind.none
    /// A bit per row: whether the row holds the key.
    @usableFromInline var present: [UInt64] = []
    @usableFromInline var presentCount = 0
    /// Rows covered (every typed array below, for the column's kind, has this many entries).
    @usableFromInline var length = 0
    @usableFromInline var ints: [Int] = []
    @usableFromInline var floats: [Double] = []
    @usableFromInline var bools: [Bool] = []
    @usableFromInline var dates: [KGDate] = []
    @usableFromInline var values: [Value] = []
    /// Strings: the UTF-8 bytes of all of them, and each row's start and length in it.
    @usableFromInline var bytes: [UInt8] = []
    @usableFromInline var starts: [Int] = []
    @usableFromInline var lengths: [Int32] = []
    /// Bytes of the arena no row points to any more (compacted when they pass half of it).
    var garbage = 0

    @inlinable func isPresent(_ row: Int) -> Bool {
        row < length && present[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// `value(_:)` of the column at `c`, reading only the fields it needs.
    @inlinable static func value(in c: UnsafePointer<PropertyColumn>, _ row: Int) -> Value? {
        guard row < c.pointee.length, c.pointee.present[row >> 6] & (1 << UInt64(row & 63)) != 0 else { return nil }
        switch c.pointee.kind {
        case .none: return nil
        case .int: return .int(c.pointee.ints[row])
        case .float: return .float(c.pointee.floats[row])
        case .bool: return .bool(c.pointee.bools[row])
        case .date: return .date(c.pointee.dates[row])
        case .value: return c.pointee.values[row]
        case .string:
            let s = c.pointee.starts[row], n = Int(c.pointee.lengths[row])
            return .string(c.pointee.bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<(s + n)]), as: UTF8.self) })
        }
    }

    @inlinable func value(_ row: Int) -> Value? {
        guard isPresent(row) else { return nil }
        switch kind {
        case .none: return nil
        case .int: return .int(ints[row])
        case .float: return .float(floats[row])
        case .bool: return .bool(bools[row])
        case .date: return .date(dates[row])
        case .value: return values[row]
        case .string:
            let s = starts[row], n = Int(lengths[row])
            return .string(bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<(s + n)]), as: UTF8.self) })
        }
    }

    @inlinable static func withUTF8<R>(in c: UnsafePointer<PropertyColumn>, _ row: Int,
                                       _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard row < c.pointee.length, c.pointee.present[row >> 6] & (1 << UInt64(row & 63)) != 0 else { return nil }
        switch c.pointee.kind {
        case .value:
            guard case .string(var s) = c.pointee.values[row] else { return nil }
            return try s.withUTF8(body)
        case .string:
            let s = c.pointee.starts[row], n = Int(c.pointee.lengths[row])
            return try c.pointee.bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<(s + n)])) }
        default:
            return nil
        }
    }

    @inlinable func withUTF8<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        guard kind == .string || kind == .value, isPresent(row) else { return nil }
        if kind == .value {
            guard case .string(var s) = values[row] else { return nil }
            return try s.withUTF8(body)
        }
        let s = starts[row], n = Int(lengths[row])
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<(s + n)])) }
    }

    private static func kind(of v: Value) -> Kind {
        switch v {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .string: return .string
        case .date: return .date
        default: return .value
        }
    }

    mutating func set(_ row: Int, _ v: Value) {
        let k = PropertyColumn.kind(of: v)
        if kind == .none { kind = k; resize(length) }
        if k != kind && kind != .value { generalize() }
        if row >= length { resize(row + 1) }
        let word = row >> 6, bit = UInt64(1) << UInt64(row & 63)
        if present[word] & bit == 0 { present[word] |= bit; presentCount += 1 } else if kind == .string { garbage += Int(lengths[row]) }
        switch (kind, v) {
        case (.int, .int(let i)): ints[row] = i
        case (.float, .float(let d)): floats[row] = d
        case (.bool, .bool(let b)): bools[row] = b
        case (.date, .date(let d)): dates[row] = d
        case (.string, .string(var s)):
            starts[row] = bytes.count
            s.withUTF8 { bytes.append(contentsOf: $0) }
            lengths[row] = Int32(truncatingIfNeeded: bytes.count - starts[row])
            if garbage > 4096 && garbage > bytes.count / 2 { compact() }
        default: values[row] = v
        }
    }

    mutating func remove(_ row: Int) {
        guard isPresent(row) else { return }
        present[row >> 6] &= ~(UInt64(1) << UInt64(row & 63))
        presentCount -= 1
        switch kind {
        case .string: garbage += Int(lengths[row]); lengths[row] = 0
        case .value: values[row] = .null
        default: break
        }
    }

    /// Drops rows from `n` on.
    mutating func truncate(to n: Int) {
        guard n < length else { return }
        for r in n..<length where isPresent(r) { remove(r) }
        resize(n)
        if kind == .string, let last = (0..<n).last(where: isPresent) {
            let end = starts[last] + Int(lengths[last])
            if end < bytes.count { bytes.removeSubrange(end...) }
        } else if kind == .string && presentCount == 0 {
            bytes.removeAll(); garbage = 0
        }
    }

    /// Makes every typed array (and the bitmap) cover exactly `n` rows.
    private mutating func resize(_ n: Int) {
        func fit<T>(_ a: inout [T], _ fill: T) {
            if a.count < n {
                if a.capacity < n { a.reserveCapacity(Swift.max(n, a.capacity * 2)) }
                a.append(contentsOf: repeatElement(fill, count: n - a.count))
            } else if a.count > n { a.removeSubrange(n...) }
        }
        let words = (n + 63) >> 6
        if present.count < words {
            if present.capacity < words { present.reserveCapacity(Swift.max(words, present.capacity * 2)) }
            present.append(contentsOf: repeatElement(0, count: words - present.count))
        } else if present.count > words { present.removeSubrange(words...) }
        // Bits past the end are cleared (truncate removed their rows), so growing finds them absent.
        if n & 63 != 0 { present[words - 1] &= (UInt64(1) << UInt64(n & 63)) - 1 }
        switch kind {
        case .none: break
        case .int: fit(&ints, 0)
        case .float: fit(&floats, 0)
        case .bool: fit(&bools, false)
        case .date: fit(&dates, KGDate(year: 1)!)
        case .value: fit(&values, .null)
        case .string: fit(&starts, 0); fit(&lengths, 0)
        }
        length = n
    }

    /// Moves the values into the general `Value` array (a value of a second type arrived).
    private mutating func generalize() {
        var general: [Value] = []
        general.reserveCapacity(length)
        for r in 0..<length { general.append(value(r) ?? .null) }
        ints = []; floats = []; bools = []; dates = []; bytes = []; starts = []; lengths = []; garbage = 0
        values = general
        kind = .value
    }

    /// Rewrites the string arena without the bytes no row points to.
    private mutating func compact() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(bytes.count - garbage)
        for r in 0..<length where isPresent(r) {
            let s = starts[r], n = Int(lengths[r])
            starts[r] = fresh.count
            fresh.append(contentsOf: bytes[s..<(s + n)])
        }
        bytes = fresh
        garbage = 0
    }
}
