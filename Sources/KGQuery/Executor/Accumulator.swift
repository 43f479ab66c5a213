/// The aggregate functions, resolved once by the binder from the name written in the query.
public enum AggregateKind: String, Sendable, CaseIterable {
    case countStar = "count(*)"
    case count, sum, avg, min, max, collect, stdev, stdevp
    case percentileDisc = "percentiledisc", percentileCont = "percentilecont"

    /// The aggregate a call names (case-insensitive), nil for a scalar function.
    init?(call name: String) {
        guard let k = AggregateKind(rawValue: name.lowercased()), k != .countStar else { return nil }
        self = k
    }

    /// The name as users write it, for messages.
    var displayName: String {
        switch self {
        case .countStar: return "count(*)"
        case .percentileDisc: return "percentileDisc"
        case .percentileCont: return "percentileCont"
        default: return rawValue
        }
    }

    /// Whether the aggregate keeps every value it sees (the others keep O(1) running state).
    var keepsValues: Bool { self == .collect || self == .percentileDisc || self == .percentileCont }
}

/// The running state of one aggregate over one group of rows. The call it accumulates is
/// passed in, not stored: a group's accumulators are made and dropped by the thousand.
///
/// `count`, `sum`, `avg`, `min`, `max`, `stdev` and `stdevp` keep O(1) state (a count, a
/// running sum, the best value so far, Welford's mean and squared deviations); `collect` and the
/// percentiles keep their values, bounded by the value-size limit. `DISTINCT` keeps the set of
/// values seen.
struct Accumulator {
    private var rows = 0
    /// Non-null values counted (count, avg, stdev).
    private var n = 0
    private var intSum = 0
    private var floatSum = 0.0
    private var isFloat = false
    /// min/max: the best value so far (null before the first).
    private var best: QueryValue = .null
    /// stdev, stdevp: Welford's running mean and sum of squared deviations.
    private var mean = 0.0
    private var m2 = 0.0
    private var values: [QueryValue] = []
    /// collect(): elements of the list so far, nested ones included.
    private var collected = 0
    private var seen = Set<QueryValue>()
    private var percentile: QueryValue = .null

    /// `add` for count(*), with `weight` rows at once (a factorised count adds many).
    mutating func addRows(_ weight: Int = 1) { rows += weight }

    /// Adds one row's argument value, `weight` times (rows that differ only in variables the
    /// aggregate does not read: a factorised count).
    mutating func add(_ call: AggregateCall, _ row: Row, _ ctx: ExecutionContext, weight: Int = 1) throws(QueryError) {
        rows += weight
        guard let arg = call.args.first else { return }
        let v = try ctx.eval(arg, row)
        if call.args.count > 1 { percentile = try ctx.eval(call.args[1], row) }
        if case .null = v { return }
        if call.distinct && !seen.insert(ValueSemantics.groupKey(v)).inserted { return }
        try fold(call, v, ctx, weight: call.distinct ? 1 : weight)
    }

    private mutating func fold(_ call: AggregateCall, _ v: QueryValue, _ ctx: ExecutionContext, weight: Int) throws(QueryError) {
        func typeError(_ what: String) -> QueryError {
            ctx.runtimeError(.typeError, .invalidArgumentType,
                             "\(call.kind.displayName)() expects \(what) but got \(ValueSemantics.typeName(v))", at: call.span)
        }
        switch call.kind {
        case .countStar: return
        case .count: n += weight
        case .sum:
            switch v {
            case .int(let x):
                let (p, o1) = x.multipliedReportingOverflow(by: weight)
                let (s, o2) = intSum.addingReportingOverflow(p)
                if o1 || o2 { throw ctx.runtimeError(.arithmeticError, .integerOverflow, "sum() overflows", at: call.span) }
                intSum = s
            case .float(let x): floatSum += x * Double(weight); isFloat = true
            default: throw typeError("numbers")
            }
        case .avg:
            guard let x = ValueSemantics.number(v) else { throw typeError("numbers") }
            floatSum += x * Double(weight); n += weight
        case .min, .max:
            if case .null = best { best = v; return }
            let c = ValueSemantics.order(v, best)
            if call.kind == .min ? c < 0 : c > 0 { best = v }
        case .stdev, .stdevp:
            guard let x = ValueSemantics.number(v) else { throw typeError("numbers") }
            for _ in 0..<weight {
                n += 1
                let d = x - mean
                mean += d / Double(n)
                m2 += d * (x - mean)
            }
        case .collect, .percentileDisc, .percentileCont:
            if call.kind != .collect && ValueSemantics.number(v) == nil { throw typeError("numbers") }
            if call.kind == .collect {
                // The list collect() builds is one value: its elements at every level count toward
                // --max-value-size, and it is one level deeper than the deepest value collected.
                let maxSize = ctx.limits.maxValueSize ?? .max
                let m = ValueMeasure(v, maxSize: maxSize)
                if m.depth + 1 > QueryLimits.maxValueDepth { throw ctx.tooDeep(at: call.span) }
                let (each, o1) = ValueMeasure.sum(1, m.size).multipliedReportingOverflow(by: weight)
                let (total, o2) = collected.addingReportingOverflow(each)
                if o1 || o2 || total > maxSize {
                    var e = ctx.limitError(.valueTooLarge,
                                           "collect() gathered more than \(maxSize) elements, counted over every nested list and map",
                                           flag: "--max-value-size N", hint: "collect fewer or smaller values")
                    e = ctx.positioned(e, call.span)
                    throw e
                }
                collected = total
            }
            for _ in 0..<weight { values.append(v) }
        }
    }

    func result(_ call: AggregateCall, _ ctx: ExecutionContext) throws(QueryError) -> QueryValue {
        switch call.kind {
        case .countStar: return .int(rows)
        case .count: return .int(n)
        case .collect: return .list(values)
        case .sum: return isFloat ? .float(floatSum + Double(intSum)) : .int(intSum)
        case .avg: return n == 0 ? .null : .float(floatSum / Double(n))
        case .min, .max: return best
        case .stdev, .stdevp:
            let denom = call.kind == .stdev ? Double(n - 1) : Double(n)
            if n == 0 || denom <= 0 { return .float(0) }
            return .float((m2 / denom).squareRoot())
        case .percentileDisc, .percentileCont:
            guard let p = ValueSemantics.number(percentile) else { return .null }
            // Written so that NaN fails the check too.
            guard p >= 0 && p <= 1 else {
                throw ctx.runtimeError(.argumentError, .numberOutOfRange, "percentile must be between 0.0 and 1.0", at: call.span)
            }
            let xs = values.sorted { ValueSemantics.order($0, $1) < 0 }
            if xs.isEmpty { return .null }
            if call.kind == .percentileDisc {
                let count = Double(xs.count)
                let idx = p == 0 ? 0 : Int((p * count).rounded(.up)) - 1
                return xs[Swift.max(0, Swift.min(xs.count - 1, idx))]
            }
            let pos = p * Double(xs.count - 1)
            let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
            let a = ValueSemantics.number(xs[lo])!, b = ValueSemantics.number(xs[hi])!
            return .float(a + (b - a) * (pos - Double(lo)))
        }
    }
}
