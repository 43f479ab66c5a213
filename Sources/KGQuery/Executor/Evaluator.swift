import KGCore

/// Expression evaluation over one row, with openCypher's null and type semantics.
extension ExecutionContext {
    func truth(_ e: Expr, _ row: Row) throws(QueryError) -> Bool? {
        let v = try eval(e, row)
        switch v {
        case .bool(let b): return b
        case .null: return nil
        default:
            throw runtimeError(.typeError, .invalidArgumentType, "expected a boolean but got \(ValueSemantics.typeName(v))", at: e.span)
        }
    }

    func eval(_ e: Expr, _ row: Row) throws(QueryError) -> QueryValue {
        switch e.kind {
        case .literal(let v): return v
        case .parameter(let name):
            guard let v = parameters[name] else {
                throw runtimeError(.parameterMissing, .missingParameter, "parameter $\(name) has no value", at: e.span)
            }
            return v
        case .variable(let v):
            return row[v] ?? .null
        case .property(let base, let key):
            return try property(try eval(base, row), key, e.span)
        case .index(let base, let idx):
            let b = try eval(base, row), i = try eval(idx, row)
            switch (b, i) {
            case (.null, _), (_, .null): return .null
            case let (.list(l), .int(k)):
                let j = k < 0 ? l.count + k : k
                return j >= 0 && j < l.count ? l[j] : .null
            case (.list, _):
                throw runtimeError(.typeError, .invalidArgumentType, "a list index must be an integer", at: idx.span)
            case let (.map, .string(k)), let (.node, .string(k)), let (.edge, .string(k)):
                return try property(b, k, e.span)
            case (.map, _), (.node, _), (.edge, _):
                throw runtimeError(.typeError, .mapElementAccessByNonString, "a map key must be a string", at: idx.span)
            default:
                throw runtimeError(.typeError, .invalidArgumentType, "cannot index into \(ValueSemantics.typeName(b))", at: base.span)
            }
        case .slice(let base, let lo, let hi):
            let b = try eval(base, row)
            let l = try lo.map { (x: Expr) throws(QueryError) in try eval(x, row) }
            let h = try hi.map { (x: Expr) throws(QueryError) in try eval(x, row) }
            if case .null = b { return .null }
            if l == .null || h == .null { return .null }
            guard case .list(let list) = b else {
                throw runtimeError(.typeError, .invalidArgumentType, "cannot slice \(ValueSemantics.typeName(b))", at: base.span)
            }
            func bound(_ v: QueryValue?, _ dflt: Int) throws(QueryError) -> Int {
                guard let v else { return dflt }
                guard case .int(let k) = v else {
                    throw runtimeError(.typeError, .invalidArgumentType, "a slice bound must be an integer", at: e.span)
                }
                let j = k < 0 ? list.count + k : k
                return max(0, min(list.count, j))
            }
            let a = try bound(l, 0), z = try bound(h, list.count)
            return a < z ? .list(Array(list[a..<z])) : .list([])
        case .list(let items):
            var out: [QueryValue] = []
            out.reserveCapacity(items.count)
            for x in items { out.append(try eval(x, row)) }
            return try bounded(.list(out), at: e.span)
        case .map(let entries):
            var m: [String: QueryValue] = [:]
            for (k, x) in entries { m[k] = try eval(x, row) }
            return try bounded(.map(m), at: e.span)
        case .unary(let op, let x):
            let v = try eval(x, row)
            switch op {
            case "NOT":
                switch v {
                case .null: return .null
                case .bool(let b): return .bool(!b)
                default: throw runtimeError(.typeError, .invalidArgumentType, "NOT expects a boolean", at: x.span)
                }
            case "-":
                switch v {
                case .null: return .null
                case .int(let i):
                    let (r, o) = Int(0).subtractingReportingOverflow(i)
                    if o { throw runtimeError(.arithmeticError, .integerOverflow, "integer overflow", at: e.span) }
                    return .int(r)
                case .float(let d): return .float(-d)
                default: throw runtimeError(.typeError, .invalidArgumentType, "cannot negate \(ValueSemantics.typeName(v))", at: x.span)
                }
            default:
                switch v {
                case .null, .int, .float: return v
                default: throw runtimeError(.typeError, .invalidArgumentType, "unary + expects a number", at: x.span)
                }
            }
        case .binary(let op, let a, let b):
            return try binary(op, a, b, row, e.span)
        case .comparison(let operands, let ops):
            var result: Bool? = true
            var left = try eval(operands[0], row)
            for (i, op) in ops.enumerated() {
                let right = try eval(operands[i + 1], row)
                let r = ValueSemantics.compare(op, left, right)
                result = Logic.and(result, r)
                if result == false { return .bool(false) }
                left = right
            }
            return result.map(QueryValue.bool) ?? .null
        case .isNull(let x, let negated):
            let v = try eval(x, row)
            let isNull = v == .null
            return .bool(negated ? !isNull : isNull)
        case .hasLabels(let x, let labels):
            let v = try eval(x, row)
            switch v {
            case .null: return .null
            case .node(let i): return .bool(labels.allSatisfy { graph.labels(node: i).contains($0) })
            case .edge(let i): return .bool(labels.allSatisfy { graph.type(edge: i) == $0 })
            default: throw runtimeError(.typeError, .invalidArgumentType, "labels can only be tested on nodes", at: x.span)
            }
        case .call(let name, _, let args):
            return try call(name, args, row, e.span)
        case .countStar:
            throw runtimeError(.semanticError, .invalidAggregation, "count(*) is not allowed here", at: e.span)
        case .caseExpr(let subject, let whens, let otherwise):
            if let subject {
                let s = try eval(subject, row)
                for (w, t) in whens where ValueSemantics.equals(s, try eval(w, row)) == true { return try eval(t, row) }
            } else {
                for (w, t) in whens {
                    if case .bool(true) = try eval(w, row) { return try eval(t, row) }
                }
            }
            return try otherwise.map { (x: Expr) throws(QueryError) in try eval(x, row) } ?? .null
        case .listComprehension(let v, let listExpr, let pred, let proj):
            let lv = try eval(listExpr, row)
            if case .null = lv { return .null }
            guard case .list(let list) = lv else {
                throw runtimeError(.typeError, .invalidArgumentType, "expected a list", at: listExpr.span)
            }
            var out: [QueryValue] = []
            var r = row
            for x in list {
                try tick()
                r[v] = x
                if let pred, try truth(pred, r) != true { continue }
                out.append(try proj.map { (p: Expr) throws(QueryError) in try eval(p, r) } ?? x)
            }
            return try bounded(.list(out), at: e.span)
        case .quantifier(let kind, let v, let listExpr, let pred):
            let lv = try eval(listExpr, row)
            if case .null = lv { return .null }
            guard case .list(let list) = lv else {
                throw runtimeError(.typeError, .invalidArgumentType, "expected a list", at: listExpr.span)
            }
            var trues = 0, nulls = 0
            var r = row
            for x in list {
                try tick()
                r[v] = x
                switch try pred.map({ (p: Expr) throws(QueryError) in try truth(p, r) }) ?? true {
                case .some(true): trues += 1
                case nil: nulls += 1
                default: break
                }
            }
            let falses = list.count - trues - nulls
            switch kind {
            case "ALL": return falses > 0 ? .bool(false) : (nulls > 0 ? .null : .bool(true))
            case "ANY": return trues > 0 ? .bool(true) : (nulls > 0 ? .null : .bool(false))
            case "NONE": return trues > 0 ? .bool(false) : (nulls > 0 ? .null : .bool(true))
            default: // SINGLE
                if trues > 1 { return .bool(false) }
                if nulls > 0 { return .null }
                return .bool(trues == 1)
            }
        case .reduce(let acc, let initial, let v, let listExpr, let body):
            var a = try eval(initial, row)
            let lv = try eval(listExpr, row)
            if case .null = lv { return .null }
            guard case .list(let list) = lv else {
                throw runtimeError(.typeError, .invalidArgumentType, "expected a list", at: listExpr.span)
            }
            if let appended = try reduceByAppending(acc, a, v, list, body, row, e.span) { return appended }
            var r = row
            for x in list {
                try tick()
                r[acc] = a
                r[v] = x
                a = try eval(body, r)
            }
            return a
        case .patternPredicate(let part):
            let m = subqueryMatcher(e.span.start, pattern: [part], predicate: nil, row: row)
            return .bool(try m.exists(row))
        case .exists(let pattern, let w):
            let m = subqueryMatcher(e.span.start, pattern: pattern, predicate: w, row: row)
            return .bool(try m.exists(row))
        case .patternComprehension(let pv, var part, let pred, let proj):
            part.pathVariable = pv
            let m = subqueryMatcher(e.span.start, pattern: [part], predicate: pred, row: row)
            var out: [QueryValue] = []
            try m.forEachMatch(row) { (r: Row) throws(QueryError) in out.append(try eval(proj, r)) }
            return try bounded(.list(out), at: e.span)
        case .mapProjection(let base, let items):
            let b = try eval(base, row)
            if case .null = b { return .null }
            var m: [String: QueryValue] = [:]
            for item in items {
                switch item {
                case .property(let k): m[k] = try property(b, k, e.span)
                case .allProperties:
                    switch b {
                    case .node(let i): for (k, v) in graph.properties(node: i) { m[k] = QueryValue(v) }
                    case .edge(let i): for (k, v) in graph.properties(edge: i) { m[k] = QueryValue(v) }
                    case .map(let mm): for (k, v) in mm { m[k] = v }
                    default: throw runtimeError(.typeError, .invalidArgumentType, "map projection needs a node, relationship or map", at: base.span)
                    }
                case .variable(let v): m[v] = row[v] ?? .null
                case .entry(let k, let x): m[k] = try eval(x, row)
                }
            }
            return try bounded(.map(m), at: e.span)
        }
    }

    /// The code of `key` among node properties now (-1: no node has it): the plan's, or, for
    /// a key the plan did not know in a statement that writes, looked up by name.
    @inline(__always)
    func nodeKeyCode(_ key: PropertyKey) -> Int {
        if key.position >= 0 {
            let c = nodeKeyCodes[Int(key.position)]
            if c >= 0 || keysAreFixed { return c }
        }
        return graph.nodeProperties.code(key.name)
    }

    @inline(__always)
    func edgeKeyCode(_ key: PropertyKey) -> Int {
        if key.position >= 0 {
            let c = edgeKeyCodes[Int(key.position)]
            if c >= 0 || keysAreFixed { return c }
        }
        return graph.edgeProperties.code(key.name)
    }

    /// Property `key` of `b`: for nodes and relationships through the code the plan resolved.
    func property(_ b: QueryValue, _ key: PropertyKey, _ span: SourceSpan) throws(QueryError) -> QueryValue {
        switch b {
        case .node(let i) where deletedNodes.isEmpty:
            return graph.nodeProperties.value(i, code: nodeKeyCode(key)).map(QueryValue.init) ?? .null
        case .edge(let i) where deletedEdges.isEmpty:
            return graph.edgeProperties.value(i, code: edgeKeyCode(key)).map(QueryValue.init) ?? .null
        default:
            return try property(b, key.name, span)
        }
    }

    /// ORDER BY keys for property `key` of the elements `binding(i)` of rows `0..<count`, read
    /// from the property column's bytes without making a `String`: nil unless every row binds a
    /// node or relationship holding an ASCII string there (and this statement deleted nothing).
    func byteSortKeys(_ key: PropertyKey, count: Int, of binding: (Int) -> QueryValue?) -> SortColumn? {
        guard deletedNodes.isEmpty && deletedEdges.isEmpty else { return nil }
        var keys = ByteKeys(capacity: count)
        let nodeCode = nodeKeyCode(key), edgeCode = edgeKeyCode(key)
        for i in 0..<count {
            let added: Bool?
            switch binding(i) {
            case .node(let h)?: added = graph.nodeProperties.withUTF8(h, code: nodeCode) { keys.add($0) }
            case .edge(let h)?: added = graph.edgeProperties.withUTF8(h, code: edgeCode) { keys.add($0) }
            default: return nil
            }
            guard added == true else { return nil }
        }
        return SortColumn(keys)
    }

    func property(_ b: QueryValue, _ key: String, _ span: SourceSpan) throws(QueryError) -> QueryValue {
        switch b {
        case .null: return .null
        case .node(let i):
            if !deletedNodes.isEmpty && deletedNodes.contains(i) {
                throw runtimeError(.entityNotFound, .deletedEntityAccess, "node was deleted by this statement", at: span)
            }
            return graph.nodeProperties.value(i, key: key).map(QueryValue.init) ?? .null
        case .edge(let i):
            if !deletedEdges.isEmpty && deletedEdges.contains(i) {
                throw runtimeError(.entityNotFound, .deletedEntityAccess, "relationship was deleted by this statement", at: span)
            }
            return graph.edgeProperties.value(i, key: key).map(QueryValue.init) ?? .null
        case .map(let m): return m[key] ?? .null
        case .date(let d):
            switch key {
            case "year": return .int(d.year)
            case "month": return d.month.map(QueryValue.int) ?? .null
            case "day": return d.day.map(QueryValue.int) ?? .null
            case "quarter": return d.month.map { .int(($0 - 1) / 3 + 1) } ?? .null
            case "dayOfWeek": return CalendarDay(d).map { .int($0.dayOfWeek) } ?? .null
            case "ordinalDay": return CalendarDay(d).map { .int($0.ordinalDay) } ?? .null
            default: return .null
            }
        case .temporal(let t):
            guard let v = t.field(key) else {
                var e = runtimeError(.argumentError, .invalidArgumentValue, "\(t.typeName) has no field '\(key)'", at: span)
                e.help = "fields are " + t.fieldNames.joined(separator: ", ")
                throw e
            }
            return QueryValue(v)
        default:
            throw runtimeError(.typeError, .invalidArgumentType, "cannot read property '\(key)' of \(ValueSemantics.typeName(b))", at: span)
        }
    }

    private func call(_ name: String, _ args: [Expr], _ row: Row, _ span: SourceSpan) throws(QueryError) -> QueryValue {
        let lower = name.lowercased()
        if lower == "exists" {
            if case .patternPredicate = args[0].kind { return try eval(args[0], row) }
            return .bool(try eval(args[0], row) != .null)
        }
        guard let f = functions.lookup(name) else {
            throw runtimeError(.semanticError, .unknownFunction, "unknown function '\(name)'", at: span)
        }
        var values: [QueryValue] = []
        values.reserveCapacity(args.count)
        for a in args { values.append(try eval(a, row)) }
        if ["labels", "keys", "properties"].contains(lower), let v = values.first {
            switch v {
            case .node(let h) where deletedNodes.contains(h),
                 .edge(let h) where deletedEdges.contains(h):
                throw runtimeError(.entityNotFound, .deletedEntityAccess, "\(name)() of an entity deleted by this statement", at: span)
            default: break
            }
        }
        do {
            return try bounded(try f.evaluate(values, functionContext), at: span)
        } catch let e as QueryError {
            throw positioned(e, span)
        } catch {
            throw runtimeError(.runtimeError, .functionFailed, "\(name)(): \(error)", at: span)
        }
    }

    private func binary(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ row: Row, _ span: SourceSpan) throws(QueryError) -> QueryValue {
        switch op {
        case .and, .or, .xor:
            let x = try truth(a, row)
            if op == .and && x == false { _ = try? truth(b, row); return .bool(false) }
            if op == .or && x == true { return .bool(true) }
            let y = try truth(b, row)
            let r: Bool?
            switch op {
            case .and: r = Logic.and(x, y)
            case .or: r = Logic.or(x, y)
            default: r = (x == nil || y == nil) ? nil : x! != y!
            }
            return r.map(QueryValue.bool) ?? .null
        default: break
        }
        if op == .startsWith || op == .endsWith || op == .contains, let r = try stringOpOnStoredProperty(op, a, b, row) { return r }
        let x = try eval(a, row), y = try eval(b, row)
        switch op {
        case .in:
            if case .null = y { return .null }
            guard case .list(let l) = y else {
                throw runtimeError(.typeError, .invalidArgumentType, "IN expects a list on its right", at: b.span)
            }
            var sawNull = false
            for v in l {
                switch ValueSemantics.equals(x, v) {
                case .some(true): return .bool(true)
                case nil: sawNull = true
                default: break
                }
            }
            return sawNull ? .null : .bool(false)
        case .startsWith, .endsWith, .contains:
            guard case .string(let s) = x, case .string(let t) = y else { return .null }
            switch op {
            case .startsWith: return .bool(s.hasPrefix(t))
            case .endsWith: return .bool(s.hasSuffix(t))
            default: return .bool(t.isEmpty || ValueSemantics.asciiContains(s, t) ?? (Substring(s).range(of: t) != nil))
            }
        case .regexMatch:
            guard case .string(let s) = x, case .string(let pattern) = y else { return .null }
            let re: RegularExpression
            do {
                re = try regexCache.expression(for: pattern)
            } catch {
                var e = runtimeError(.argumentError, .invalidArgumentValue,
                                     "invalid regular expression '\(pattern)' at character \(error.offset + 1): \(error.message)",
                                     at: b.span)
                e.help = "kgq's regular expressions follow Java's syntax; see \"Regular expressions\" in the README"
                throw e
            }
            return .bool(try re.wholeMatch(s) { () throws(QueryError) in try checkDeadline() })
        default:
            return try bounded(try Arithmetic.apply(op.rawValue, x, y) { (d, m) in runtimeError(.typeError, d, m, at: span) }, at: span)
        }
    }
}

extension ExecutionContext {
    /// `reduce(l = [], x IN list | l + expr)` where `expr` does not read `l`: appends to one list
    /// in place (amortised O(1) a step, where copying `l` at every step was quadratic), with the
    /// value bounds kept as it grows. Nil when the body has another shape or `l` is not a list.
    fileprivate func reduceByAppending(_ acc: String, _ initial: QueryValue, _ v: String, _ list: [QueryValue],
                                       _ body: Expr, _ row: Row, _ span: SourceSpan) throws(QueryError) -> QueryValue? {
        guard case .binary(.plus, let lhs, let rhs) = body.kind, case .variable(acc) = lhs.kind,
              case .list(var items) = initial, !rhs.freeVariables.contains(acc) else { return nil }
        let maxSize = limits.maxValueSize ?? .max
        var whole = ValueMeasure(initial, maxSize: maxSize)
        var r = row
        r[acc] = nil
        for x in list {
            try tick()
            r[v] = x
            let y = try eval(rhs, r)
            switch y {
            case .list(let more):
                let m = ValueMeasure(y, maxSize: maxSize)
                whole.size = ValueMeasure.sum(whole.size, m.size)
                whole.depth = Swift.max(whole.depth, m.depth)
                items.append(contentsOf: more)
            default:
                // An element (null included: `[1] + null` is `[1, null]`).
                let m = ValueMeasure(y, maxSize: maxSize)
                whole.size = ValueMeasure.sum(whole.size, ValueMeasure.sum(1, m.size))
                whole.depth = Swift.max(whole.depth, m.depth + 1)
                items.append(y)
            }
            if whole.depth > QueryLimits.maxValueDepth { throw tooDeep(at: span) }
            if whole.size > maxSize { throw tooLarge(at: span) }
        }
        return .list(items)
    }

    /// `n.key STARTS WITH / ENDS WITH / CONTAINS t` read from the property column's bytes, no
    /// String made per row (a scan over every node's name is the common case). Nil when the
    /// left side is not a node's stored property, or the bytes are not plain ASCII.
    fileprivate func stringOpOnStoredProperty(_ op: BinaryOperator, _ a: Expr, _ b: Expr, _ row: Row) throws(QueryError) -> QueryValue? {
        guard case .property(let base, let key) = a.kind, case .variable(let v) = base.kind,
              case .node(let i)? = row[v], deletedNodes.isEmpty else { return nil }
        guard case .string(var t) = try eval(b, row) else {
            // A non-string right side gives null, but a missing left variable must still be read.
            return nil
        }
        let code = nodeKeyCode(key)
        guard code >= 0 else { return .null }
        let r: Bool?? = t.withUTF8 { needle in graph.nodeProperties.withUTF8(i, code: code) { ValueSemantics.asciiStringOp(op, $0, needle) } }
        switch r {
        case .none: return graph.property(node: i, code: code) == nil ? .null : nil   // absent, or not a string
        case .some(.none): return nil                                                     // non-ASCII: compare Strings
        case .some(.some(let x)): return .bool(x)
        }
    }
}

/// Three-valued logic (nil is null).
enum Logic {
    static func and(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == false || b == false { return false }
        if a == nil || b == nil { return nil }
        return true
    }
    static func or(_ a: Bool?, _ b: Bool?) -> Bool? {
        if a == true || b == true { return true }
        if a == nil || b == nil { return nil }
        return false
    }
}
