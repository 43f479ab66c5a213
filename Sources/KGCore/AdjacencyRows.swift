/// One direction of the graph's adjacency (the edges leaving, or entering, each node), grouped
/// by relationship type: node `i`'s entries are sorted by type code (then by when they were
/// added), so the edges of one type are one contiguous slice (`entries(_:typeCode:)`).
///
/// The loaded graph's rows are compressed sparse rows — `offsets` (one per node, plus one) into
/// one flat `entries` array, two allocations however many nodes — which a snapshot stores and
/// reads back with one copy each. The session's writes go to an overlay: the first change to a
/// node's row copies that row into `lists[i]` (and sets `listed[i]`), which from then on is the
/// node's row; nodes added after the rows were compacted are listed from the start.
/// `compact()` folds the overlay back into the flat arrays.
struct AdjacencyRows: Sendable {
    /// Node `i < baseCount`'s compacted row is `entries[offsets[i]..<offsets[i + 1]]`.
    private(set) var offsets: [Int32] = [0]
    private(set) var entries: [AdjacentEdge] = []
    /// The overlay: per node, its row once changed (meaningful only where `listed[i]`).
    private var lists: [[AdjacentEdge]] = []
    private var listed: [Bool] = []

    init() {}

    /// Rows as a snapshot stores them (`offsets` has `nodeCount + 1` entries), overlay empty.
    /// The caller has checked the offsets and entries (`check(nodeCount:edgeCount:typeCount:)`).
    init(offsets: [Int32], entries: [AdjacentEdge]) {
        self.offsets = offsets
        self.entries = entries
        let n = offsets.count - 1
        lists = [[AdjacentEdge]](repeating: [], count: n)
        listed = [Bool](repeating: false, count: n)
    }

    /// Number of nodes covered.
    var count: Int { listed.count }
    var baseCount: Int { offsets.count - 1 }

    mutating func reserveCapacity(_ n: Int) { lists.reserveCapacity(n); listed.reserveCapacity(n) }

    /// Node `i`'s row, as a slice of the flat entries or of its overlay list (no copy).
    @inline(__always)
    func row(_ i: Int) -> ArraySlice<AdjacentEdge> {
        if listed[i] { return lists[i][...] }
        return entries[Int(offsets[i])..<Int(offsets[i + 1])]
    }

    /// The number of entries in node `i`'s row.
    func rowCount(_ i: Int) -> Int { listed[i] ? lists[i].count : Int(offsets[i + 1] - offsets[i]) }

    /// Node `i`'s entries of type `code`: one contiguous slice (binary search for its bounds).
    func entries(_ i: Int, typeCode code: Int) -> ArraySlice<AdjacentEdge> {
        let r = row(i)
        let c = Int32(truncatingIfNeeded: code)
        let lo = AdjacencyRows.firstIndex(r, notBelow: c), hi = AdjacencyRows.firstIndex(r, notBelow: c &+ 1)
        return r[lo..<hi]
    }

    /// The first index of `r` whose type code is at least `c` (rows are sorted by type code).
    private static func firstIndex(_ r: ArraySlice<AdjacentEdge>, notBelow c: Int32) -> Int {
        var lo = r.startIndex, hi = r.endIndex
        while lo < hi {
            let mid = (lo + hi) >> 1
            if r[mid].typeCode < c { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: Writing (the overlay)

    /// Adds an empty row for a new node (listed: it has no compacted row).
    mutating func appendNode() { lists.append([]); listed.append(true) }

    /// Drops the last node's row (the revert of `appendNode`; its row is empty by then).
    mutating func removeLastNode() {
        lists.removeLast(); listed.removeLast()
        if listed.count < baseCount {
            // A compacted node is never removed (compaction happens between statements); keep
            // the offsets consistent anyway.
            offsets.removeLast(offsets.count - listed.count - 1)
        }
    }

    /// Makes node `i`'s row its own list (copying its compacted row the first time).
    private mutating func materialize(_ i: Int) {
        guard !listed[i] else { return }
        lists[i] = Array(entries[Int(offsets[i])..<Int(offsets[i + 1])])
        listed[i] = true
    }

    /// Adds `a` to node `i`'s row after the entries of its type (rows stay grouped by type).
    mutating func add(_ i: Int, _ a: AdjacentEdge) {
        materialize(i)
        if let last = lists[i].last, last.typeCode > a.typeCode {
            let at = AdjacencyRows.firstIndex(lists[i][...], notBelow: a.typeCode &+ 1)
            lists[i].insert(a, at: at)
        } else {
            lists[i].append(a)
        }
    }

    /// Removes edge `e`'s entry from node `i`'s row; returns where it was (for `insert`).
    @discardableResult
    mutating func remove(_ i: Int, edge e: Int) -> Int? {
        materialize(i)
        guard let at = lists[i].lastIndex(where: { $0.edge == e }) else { return nil }
        lists[i].remove(at: at)
        return at
    }

    /// Puts an entry back where `remove` took it from.
    mutating func insert(_ i: Int, _ a: AdjacentEdge, at: Int) {
        materialize(i)
        lists[i].insert(a, at: at)
    }

    /// Folds the overlay into the flat arrays: every row compacted, no overlay left.
    mutating func compact() {
        let n = listed.count
        var newOffsets: [Int32] = []
        newOffsets.reserveCapacity(n + 1)
        var total = 0
        for i in 0..<n { total += rowCount(i) }
        var newEntries: [AdjacentEdge] = []
        newEntries.reserveCapacity(total)
        newOffsets.append(0)
        for i in 0..<n {
            newEntries.append(contentsOf: row(i))
            newOffsets.append(Int32(truncatingIfNeeded: newEntries.count))
        }
        offsets = newOffsets
        entries = newEntries
        lists = [[AdjacentEdge]](repeating: [], count: n)
        listed = [Bool](repeating: false, count: n)
    }

    /// The rows as a snapshot stores them: offsets and entries of every row, overlay folded in.
    func compacted() -> (offsets: [Int32], entries: [AdjacentEdge]) {
        if !listed.contains(true) && baseCount == count { return (offsets, entries) }
        var c = self
        c.compact()
        return (c.offsets, c.entries)
    }

    /// Whether stored offsets and entries describe rows of `nodeCount` nodes whose entries point
    /// inside the tables and are grouped by type; nil when they do, else what is wrong.
    static func problem(offsets: [Int32], entries: [AdjacentEdge], nodeCount n: Int, edgeCount m: Int, typeCount t: Int) -> String? {
        guard offsets.count == n + 1, offsets.first == 0, Int(offsets[n]) == entries.count else {
            return "an adjacency table has \(offsets.count) offsets where \(n + 1) belong"
        }
        let n32 = UInt32(truncatingIfNeeded: n), m32 = UInt32(truncatingIfNeeded: m), t32 = Int32(truncatingIfNeeded: t)
        // Through buffers (no bounds check per entry): 2 million entries are checked at every open.
        return offsets.withUnsafeBufferPointer { o in
            entries.withUnsafeBufferPointer { e -> String? in
                for i in 0..<n {
                    let lo = Int(o[i]), hi = Int(o[i + 1])
                    // From offsets[0] = 0 on, each row starts where the last ended: inside the entries.
                    guard lo <= hi, hi <= e.count else { return "adjacency row \(i) runs backwards or past its table" }
                    var previous: Int32 = 0
                    var bad = false
                    for k in lo..<hi {
                        let a = e[k]
                        // Negative handles turn into large unsigned ones: one comparison each.
                        bad = bad || UInt32(bitPattern: a.edgeHandle) >= m32 || UInt32(bitPattern: a.otherNode) >= n32
                            || a.typeCode < previous || a.typeCode >= t32
                        previous = a.typeCode
                    }
                    if bad { return "an adjacency entry of node \(i) points outside its tables" }
                }
                return nil
            }
        }
    }

    /// Rows are equal when every node's row holds the same entries (compacted or not).
    func sameRows(as other: AdjacencyRows) -> Bool {
        count == other.count && (0..<count).allSatisfy { row($0).elementsEqual(other.row($0)) }
    }
}
