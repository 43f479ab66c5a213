/// A hash table from byte strings (node ids as they appear in a CSV file) to node handles.
///
/// Resolving `:START_ID` / `:END_ID` is the hottest loop of a bulk load (two lookups per
/// relationship). Looking the raw bytes up here avoids making a String per field and
/// hashing it with SipHash. Keys live in one contiguous arena; each slot is 16 bytes
/// (hash tag, length, key start, value) in one array, open addressing with linear probing,
/// so a lookup usually costs one cache line for the slot and one for the key bytes.
struct ByteKeyTable {
    private struct Slot {
        var tag: UInt32 = 0
        /// Key length; -1 marks an empty slot.
        var length: Int32 = -1
        var start: Int32 = 0
        var value: Int32 = 0
    }

    private var arena: [UInt8] = []
    private var slots: [Slot] = []
    private(set) var count = 0
    private var mask = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
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
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        return slots.withUnsafeBufferPointer { s in
            arena.withUnsafeBufferPointer { a in
                var k = Int(truncatingIfNeeded: h) & mask
                while s[k].length >= 0 {
                    if s[k].tag == tag && Int(s[k].length) == key.count && Self.equal(a, Int(s[k].start), key) {
                        return Int(s[k].value)
                    }
                    k = (k + 1) & mask
                }
                return nil
            }
        }
    }

    /// Stores `value` for `key` unless the key is present; returns the value already stored then.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, _ value: Int) -> Int? {
        if let existing = self.value(for: key) { return existing }
        if (count + 1) * 2 > mask + 1 { grow() }
        let h = Self.hash(key)
        var k = Int(truncatingIfNeeded: h) & mask
        while slots[k].length >= 0 { k = (k + 1) & mask }
        slots[k] = Slot(tag: UInt32(truncatingIfNeeded: h >> 32), length: Int32(key.count),
                        start: Int32(arena.count), value: Int32(truncatingIfNeeded: value))
        arena.append(contentsOf: key)
        count += 1
        return nil
    }

    private static func equal(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < key.count {
            if arena[start + i] != key[i] { return false }
            i += 1
        }
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        arena.withUnsafeBufferPointer { a in
            for slot in old where slot.length >= 0 {
                let h = Self.hash(UnsafeBufferPointer(rebasing: a[Int(slot.start)..<Int(slot.start) + Int(slot.length)]))
                var k = Int(truncatingIfNeeded: h) & mask
                while slots[k].length >= 0 { k = (k + 1) & mask }
                slots[k] = slot
            }
        }
    }
}
