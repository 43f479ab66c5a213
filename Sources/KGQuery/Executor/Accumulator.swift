/// The running state of one aggregate over one group of rows. The call it accumulates is
/// passed in, not stored: a group's accumulators are made and dropped by the thousand.
struct Accumulator {
    private var rows = 0
    private var values: [QueryValue] = []
    private var seen = Set<QueryValue>()
    private var percentile: QueryValue = .null

    /// `add` for a call without arguments (count(*)): only the rows are counted.
    mutating func addRow() { rows += 1 }

    mutating func add(_ call: AggregateCall, _ row: Row, _ ctx: ExecutionContext) throws(QueryError) {
        rows += 1
        guard let arg = call.args.first else { return }
        let v = try ctx.eval(arg, row)
        if call.args.count > 1 { percentile = try ctx.eval(call.args[1], row) }
        if case .null = v { return }
        if call.distinct && !seen.insert(ValueSemantics.groupKey(v)).inserted { return }
        values.append(v)
    }

    func result(_ call: AggregateCall, _ ctx: ExecutionContext) throws(QueryError) -> QueryValue {
        func err(_ m: String) -> QueryError { ctx.runtimeError("TypeError", "InvalidArgumentType", m, at: call.span) }
        switch call.name {
        case "count(*)": return .int(rows)
        case "count": return .int(values.count)
        case "collect": return .list(values)
        case "sum":
            var i = 0, d = 0.0, isFloat = false
            for v in values {
                switch v {
                case .int(let x):
                    let (r, o) = i.addingReportingOverflow(x)
                    if o { throw ctx.runtimeError("ArithmeticError", "IntegerOverflow", "sum() overflows", at: call.span) }
                    i = r
                case .float(let x): d += x; isFloat = true
                default: throw err("sum() expects numbers but got \(ValueSemantics.typeName(v))")
                }
            }
            return isFloat ? .float(d + Double(i)) : .int(i)
        case "avg":
            if values.isEmpty { return .null }
            var s = 0.0
            for v in values {
                guard let x = ValueSemantics.number(v) else { throw err("avg() expects numbers but got \(ValueSemantics.typeName(v))") }
                s += x
            }
            return .float(s / Double(values.count))
        case "min", "max":
            guard var best = values.first else { return .null }
            for v in values.dropFirst() {
                let c = ValueSemantics.order(v, best)
                if call.name == "min" ? c < 0 : c > 0 { best = v }
            }
            return best
        case "stdev", "stdevp":
            var xs: [Double] = []
            for v in values {
                guard let x = ValueSemantics.number(v) else { throw err("\(call.name)() expects numbers") }
                xs.append(x)
            }
            let n = Double(xs.count)
            let denom = call.name == "stdev" ? n - 1 : n
            if xs.isEmpty || denom <= 0 { return .float(0) }
            let mean = xs.reduce(0, +) / n
            let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return .float((ss / denom).squareRoot())
        case "percentiledisc", "percentilecont":
            guard let p = ValueSemantics.number(percentile) else { return .null }
            if p < 0 || p > 1 {
                throw ctx.runtimeError("ArgumentError", "NumberOutOfRange", "percentile must be between 0.0 and 1.0", at: call.span)
            }
            var xs: [QueryValue] = []
            for v in values {
                guard ValueSemantics.number(v) != nil else { throw err("\(call.name)() expects numbers") }
                xs.append(v)
            }
            xs.sort { ValueSemantics.order($0, $1) < 0 }
            if xs.isEmpty { return .null }
            if call.name == "percentiledisc" {
                let n = Double(xs.count)
                let idx = p == 0 ? 0 : Int((p * n).rounded(.up)) - 1
                return xs[max(0, min(xs.count - 1, idx))]
            }
            let pos = p * Double(xs.count - 1)
            let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
            let a = ValueSemantics.number(xs[lo])!, b = ValueSemantics.number(xs[hi])!
            return .float(a + (b - a) * (pos - Double(lo)))
        default:
            throw err("unknown aggregate \(call.name)")
        }
    }
}
