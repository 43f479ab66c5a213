/// A hash table from byte strings (node ids as they appear in a CSV file) to node handles.
///
/// Resolving `:START_ID` / `:END_ID` is the hottest loop of a bulk load (two lookups per
/// relationship). Looking the raw bytes up here avoids making a String per field and
/// hashing it with SipHash; keys live in one contiguous arena, the table is open addressing
/// with linear probing, so a lookup touches one or two cache lines.
struct ByteKeyTable {
    private var arena: [UInt8] = []
    /// Per slot: key start in the arena, key length, value; `length == -1` marks an empty slot.
    private var starts: [Int] = []
    private var lengths: [Int32] = []
    private var values: [Int32] = []
    private var hashes: [UInt32] = []
    private(set) var count = 0
    private var mask = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        resize(to: size)
    }

    /// FNV-1a over the bytes, finished with a multiply-xorshift to spread the low bits.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }

    /// The value stored for `key`, if any.
    func value(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        let h = Self.hash(key)
        var slot = Int(truncatingIfNeeded: h) & mask
        let tag = UInt32(truncatingIfNeeded: h)
        while lengths[slot] >= 0 {
            if hashes[slot] == tag && Int(lengths[slot]) == key.count && equal(slot, key) { return Int(values[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Stores `value` for `key` unless the key is present; returns the value already stored then.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Int) -> Int? {
        if (count + 1) * 2 > mask + 1 { resize(to: (mask + 1) * 2) }
        let h = Self.hash(key)
        var slot = Int(truncatingIfNeeded: h) & mask
        let tag = UInt32(truncatingIfNeeded: h)
        while lengths[slot] >= 0 {
            if hashes[slot] == tag && Int(lengths[slot]) == key.count && equal(slot, key) { return Int(values[slot]) }
            slot = (slot + 1) & mask
        }
        starts[slot] = arena.count
        lengths[slot] = Int32(key.count)
        values[slot] = Int32(truncatingIfNeeded: value)
        hashes[slot] = tag
        arena.append(contentsOf: key)
        count += 1
        return nil
    }

    private func equal(_ slot: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[slot]
        return arena.withUnsafeBufferPointer { a in
            var i = 0
            while i < key.count {
                if a[start + i] != key[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func resize(to size: Int) {
        let old = (starts, lengths, values, hashes)
        starts = [Int](repeating: 0, count: size)
        lengths = [Int32](repeating: -1, count: size)
        values = [Int32](repeating: 0, count: size)
        hashes = [UInt32](repeating: 0, count: size)
        mask = size - 1
        for k in old.1.indices where old.1[k] >= 0 {
            // Re-probe with the stored start; the full hash is recomputed from the arena bytes.
            let start = old.0[k], length = Int(old.1[k])
            let h = arena.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while lengths[slot] >= 0 { slot = (slot + 1) & mask }
            starts[slot] = start
            lengths[slot] = old.1[k]
            values[slot] = old.2[k]
            hashes[slot] = old.3[k]
        }
    }
}
