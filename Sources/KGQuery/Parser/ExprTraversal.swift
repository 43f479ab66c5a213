/// The one place that knows the shape of every expression: its direct sub-expressions, and
/// how to rebuild it with rewritten ones. Passes (binder checks, aggregate extraction,
/// planner analysis) use these instead of repeating a switch.
extension Expr {
    /// Direct sub-expressions (not those inside nested patterns' property maps).
    var children: [Expr] {
        switch kind {
        case .literal, .parameter, .variable, .countStar: return []
        case .property(let e, _), .unary(_, let e), .isNull(let e, _), .hasLabels(let e, _): return [e]
        case .index(let a, let b): return [a, b]
        case .slice(let a, let b, let c): return [a] + [b, c].compactMap { $0 }
        case .list(let l): return l
        case .map(let m): return m.map(\.1)
        case .binary(_, let a, let b): return [a, b]
        case .comparison(let l, _): return l
        case .call(_, _, let args): return args
        case .caseExpr(let s, let whens, let o): return [s].compactMap { $0 } + whens.flatMap { [$0.0, $0.1] } + [o].compactMap { $0 }
        case .listComprehension(_, let l, let p, let q): return [l] + [p, q].compactMap { $0 }
        case .quantifier(_, _, let l, let p): return [l] + [p].compactMap { $0 }
        case .reduce(_, let i, _, let l, let b): return [i, l, b]
        case .patternComprehension(_, _, let p, let q): return [p].compactMap { $0 } + [q]
        case .patternPredicate: return []
        case .exists(_, let w): return [w].compactMap { $0 }
        case .mapProjection(let e, let items):
            return [e] + items.compactMap { if case .entry(_, let x) = $0 { return x }; return nil }
        }
    }

    /// Rebuilds the expression bottom-up, replacing any node for which `f` returns a value.
    func rewritten(_ f: (Expr) -> Expr?) -> Expr {
        if let r = f(self) { return r }
        func g(_ e: Expr) -> Expr { e.rewritten(f) }
        func go(_ e: Expr?) -> Expr? { e.map(g) }
        var k = kind
        switch kind {
        case .literal, .parameter, .variable, .countStar, .patternPredicate: return self
        case .property(let e, let key): k = .property(g(e), key)
        case .unary(let op, let e): k = .unary(op, g(e))
        case .isNull(let e, let n): k = .isNull(g(e), negated: n)
        case .hasLabels(let e, let l): k = .hasLabels(g(e), l)
        case .index(let a, let b): k = .index(g(a), g(b))
        case .slice(let a, let b, let c): k = .slice(g(a), go(b), go(c))
        case .list(let l): k = .list(l.map(g))
        case .map(let m): k = .map(m.map { ($0.0, g($0.1)) })
        case .binary(let op, let a, let b): k = .binary(op, g(a), g(b))
        case .comparison(let l, let ops): k = .comparison(l.map(g), ops)
        case .call(let n, let d, let args): k = .call(name: n, distinct: d, args: args.map(g))
        case .caseExpr(let s, let whens, let o): k = .caseExpr(subject: go(s), whens: whens.map { (g($0.0), g($0.1)) }, otherwise: go(o))
        case .listComprehension(let v, let l, let p, let q): k = .listComprehension(variable: v, list: g(l), predicate: go(p), projection: go(q))
        case .quantifier(let kd, let v, let l, let p): k = .quantifier(kind: kd, variable: v, list: g(l), predicate: go(p))
        case .reduce(let a, let i, let v, let l, let b): k = .reduce(accumulator: a, initial: g(i), variable: v, list: g(l), body: g(b))
        case .patternComprehension(let pv, let pat, let p, let q): k = .patternComprehension(path: pv, pattern: pat, predicate: go(p), projection: g(q))
        case .exists(let pat, let w): k = .exists(pat, go(w))
        case .mapProjection(let e, let items):
            k = .mapProjection(g(e), items.map { if case .entry(let n, let x) = $0 { return .entry(n, g(x)) }; return $0 })
        }
        return Expr(k, span)
    }

    /// True when `f` holds for this expression or any sub-expression.
    func contains(where f: (Expr) -> Bool) -> Bool {
        f(self) || children.contains { $0.contains(where: f) }
    }

    var isAggregate: Bool {
        switch kind {
        case .countStar: return true
        case .call(let name, _, _): return FunctionRegistry.aggregateNames.contains(name.lowercased())
        default: return false
        }
    }

    var containsAggregate: Bool { contains { $0.isAggregate } }

    /// Variables referenced and not bound inside the expression itself (comprehension variables excluded).
    var freeVariables: Set<String> {
        switch kind {
        case .variable(let v): return [v]
        case .listComprehension(let v, let l, let p, let q):
            return l.freeVariables.union(([p, q].compactMap { $0 }.reduce(Set<String>()) { $0.union($1.freeVariables) }).subtracting([v]))
        case .quantifier(_, let v, let l, let p):
            return l.freeVariables.union((p?.freeVariables ?? []).subtracting([v]))
        case .reduce(let a, let i, let v, let l, let b):
            return i.freeVariables.union(l.freeVariables).union(b.freeVariables.subtracting([a, v]))
        case .patternPredicate(let part):
            return part.variables
        case .patternComprehension(let pv, let part, let p, let q):
            let local = part.variables.union([pv].compactMap { $0 })
            let inner = [p, q].compactMap { $0 }.reduce(Set<String>()) { $0.union($1.freeVariables) }
            // Pattern variables may be outer ones; counting them all keeps pushdown conservative.
            return part.propertyVariables.union(inner.subtracting(local)).union(part.variables)
        case .exists(let pat, let w):
            let local = pat.reduce(Set<String>()) { $0.union($1.variables) }
            return (w?.freeVariables ?? []).subtracting(local).union(pat.reduce(Set<String>()) { $0.union($1.propertyVariables) })
                .union(local)
        default:
            return children.reduce(Set<String>()) { $0.union($1.freeVariables) }
        }
    }
}

extension PatternPart {
    /// Node, relationship and path variables the part names.
    var variables: Set<String> {
        var s = Set<String>()
        for n in nodes { if let v = n.variable { s.insert(v) } }
        for r in rels { if let v = r.variable { s.insert(v) } }
        if let p = pathVariable { s.insert(p) }
        return s
    }

    /// Variables used inside the part's property maps.
    var propertyVariables: Set<String> {
        var s = Set<String>()
        for n in nodes { if let e = n.properties { s.formUnion(e.freeVariables) } }
        for r in rels { if let e = r.properties { s.formUnion(e.freeVariables) } }
        return s
    }
}
