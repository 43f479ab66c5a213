/// How big and how deep a query value is: the elements of every list and the entries of every
/// map, at every level (`[[1, 2], [3]]` holds 5), and how deeply lists and maps nest (`[[1]]` is
/// 2 deep; a scalar 0).
///
/// The walk never descends past `maxDepth + 1` levels and stops as soon as either bound is
/// passed, so measuring a hostile value cannot overflow the stack. A list shared by several
/// parts of the value (`l + [l]` shares `l`'s storage) is walked once and its measure reused,
/// so a value that doubles at every step costs what its storage costs, not 2^steps.
struct ValueMeasure: Equatable {
    var size = 0
    var depth = 0

    /// Measures `value`; once `size > maxSize` or `depth > maxDepth` the numbers are only known
    /// to be past that bound.
    init(_ value: QueryValue, maxSize: Int = .max, maxDepth: Int = QueryLimits.maxValueDepth) {
        var walker = Walker(maxSize: maxSize, maxDepth: maxDepth)
        let m = walker.measure(value, level: 0)
        size = m.size
        depth = m.depth
    }

    init(size: Int, depth: Int) {
        self.size = size
        self.depth = depth
    }

    /// The most elements one measure walks (whatever `--max-value-size` allows): a value that
    /// shares its parts can hold far more elements than memory, and is refused as too large.
    static let maxVisits = 20_000_000

    /// `a + b`, or `Int.max` when that overflows (shared storage can make a value's logical
    /// size far larger than its memory).
    static func sum(_ a: Int, _ b: Int) -> Int {
        let (r, o) = a.addingReportingOverflow(b)
        return o ? .max : r
    }

    /// True when `v` is a list or map (the only values that hold others).
    static func isContainer(_ v: QueryValue) -> Bool {
        switch v {
        case .list, .map: return true
        default: return false
        }
    }

    private struct Walker {
        let maxSize: Int
        let maxDepth: Int
        /// Measures of the lists walked so far, by their storage (alive while the value is).
        var known: [UnsafeRawPointer: ValueMeasure] = [:]
        /// Lists and maps entered; past `ValueMeasure.maxVisits` the value counts as too large
        /// (it holds at least that many elements, and any walk over it would take as long).
        var visits = 0

        /// The measure of `v` found `level` levels down (its depth counted from `v`).
        mutating func measure(_ v: QueryValue, level: Int) -> ValueMeasure {
            switch v {
            case .list(let items):
                let key = items.isEmpty ? nil : items.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
                if let key, let m = known[key] { return m }
                let m = measure(items, level: level)
                if let key { known[key] = m }
                return m
            case .map(let entries):
                return measure(entries.values, level: level)
            default:
                return ValueMeasure(size: 0, depth: 0)
            }
        }

        private mutating func measure(_ items: some Collection<QueryValue>, level: Int) -> ValueMeasure {
            var m = ValueMeasure(size: items.count, depth: 1)
            visits = ValueMeasure.sum(visits, items.count)
            if visits > ValueMeasure.maxVisits { m.size = .max; return m }
            if m.size > maxSize || level + 1 > maxDepth { return m }
            for x in items where ValueMeasure.isContainer(x) {
                let inner = measure(x, level: level + 1)
                m.size = ValueMeasure.sum(m.size, inner.size)
                m.depth = Swift.max(m.depth, inner.depth + 1)
                if m.size > maxSize || level + m.depth > maxDepth { return m }
            }
            return m
        }
    }
}
