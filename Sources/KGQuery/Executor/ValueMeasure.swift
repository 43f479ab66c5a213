/// How big and how deep a query value is: the elements of every list and the entries of every
/// map, at every level (`[[1, 2], [3]]` holds 5), and how deeply lists and maps nest (`[[1]]` is
/// 2 deep; a scalar 0).
///
/// The walk never descends past `maxDepth + 1` levels and stops as soon as either bound is
/// passed, so measuring a hostile value costs no more than the bounds allow and cannot overflow
/// the stack.
struct ValueMeasure: Equatable {
    var size = 0
    var depth = 0

    /// Measures `value`; once `size > maxSize` or `depth > maxDepth` the numbers are only known
    /// to be past that bound.
    init(_ value: QueryValue, maxSize: Int = .max, maxDepth: Int = QueryLimits.maxValueDepth) {
        walk(value, level: 0, maxSize: maxSize, maxDepth: maxDepth)
    }

    /// True when `v` is a list or map (the only values that hold others).
    static func isContainer(_ v: QueryValue) -> Bool {
        switch v {
        case .list, .map: return true
        default: return false
        }
    }

    private mutating func walk(_ v: QueryValue, level: Int, maxSize: Int, maxDepth: Int) {
        let here = level + 1
        switch v {
        case .list(let items):
            size += items.count
            depth = Swift.max(depth, here)
            if size > maxSize || depth > maxDepth { return }
            for x in items where ValueMeasure.isContainer(x) {
                walk(x, level: here, maxSize: maxSize, maxDepth: maxDepth)
                if size > maxSize || depth > maxDepth { return }
            }
        case .map(let entries):
            size += entries.count
            depth = Swift.max(depth, here)
            if size > maxSize || depth > maxDepth { return }
            for x in entries.values where ValueMeasure.isContainer(x) {
                walk(x, level: here, maxSize: maxSize, maxDepth: maxDepth)
                if size > maxSize || depth > maxDepth { return }
            }
        default:
            return
        }
    }
}
