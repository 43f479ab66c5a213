/// The relationships a match already uses (openCypher's relationship uniqueness: one match
/// binds a relationship at most once).
///
/// A fixed-length pattern uses a handful, so they live in a short array scanned linearly — no
/// hashing per candidate relationship, which is what every expansion asks about — and move to a
/// hash set once there are more than `limit` (long variable-length paths).
struct UsedEdges {
    private var small: [Int] = []
    private var large: Set<Int>? = nil
    private static let limit = 16

    /// The used relationships (in no particular order).
    var elements: [Int] { large.map(Array.init) ?? small }

    var isEmpty: Bool { large.map { $0.isEmpty } ?? small.isEmpty }

    @inline(__always)
    func contains(_ e: Int) -> Bool {
        if let large { return large.contains(e) }
        for x in small where x == e { return true }
        return false
    }

    mutating func insert(_ e: Int) {
        if large != nil { large!.insert(e); return }
        small.append(e)
        if small.count > UsedEdges.limit { large = Set(small); small = [] }
    }

    /// Removes `e` (the most recent insertion first: matching backtracks in order).
    mutating func remove(_ e: Int) {
        if large != nil { large!.remove(e); return }
        if let i = small.lastIndex(of: e) { small.remove(at: i) }
    }

    mutating func formUnion(_ es: [Int]) { for e in es { insert(e) } }
    mutating func subtract(_ es: [Int]) { for e in es.reversed() { remove(e) } }
}
