/// Structural equality of expressions: the same operators, names, literals and operands, in
/// the same shape, wherever they were written. The binder matches ORDER BY keys, grouping keys
/// and the expressions beside aggregates to projection items this way — never by their text,
/// which confuses `s CONTAINS ' '` with `s CONTAINS ''` once whitespace is dropped.
///
/// Expressions holding a pattern (EXISTS, pattern predicates and comprehensions) are never
/// equal to another: the binder then evaluates them again instead of reusing a column, which
/// is always correct.
extension Expr {
    func isStructurallyEqual(to other: Expr) -> Bool {
        switch (kind, other.kind) {
        case (.literal(let a), .literal(let b)):
            return a == b && ValueSemantics.typeName(a) == ValueSemantics.typeName(b)
        case (.parameter(let a), .parameter(let b)), (.variable(let a), .variable(let b)):
            return a == b
        case (.property(let a, let k), .property(let b, let l)):
            return k == l && a.isStructurallyEqual(to: b)
        case (.index(let a, let i), .index(let b, let j)):
            return a.isStructurallyEqual(to: b) && i.isStructurallyEqual(to: j)
        case (.slice(let a, let f, let t), .slice(let b, let g, let u)):
            return a.isStructurallyEqual(to: b) && Expr.same(f, g) && Expr.same(t, u)
        case (.list(let a), .list(let b)):
            return Expr.same(a, b)
        case (.map(let a), .map(let b)):
            return a.map(\.0) == b.map(\.0) && Expr.same(a.map(\.1), b.map(\.1))
        case (.unary(let o, let a), .unary(let p, let b)):
            return o == p && a.isStructurallyEqual(to: b)
        case (.binary(let o, let a, let x), .binary(let p, let b, let y)):
            return o == p && a.isStructurallyEqual(to: b) && x.isStructurallyEqual(to: y)
        case (.comparison(let a, let o), .comparison(let b, let p)):
            return o == p && Expr.same(a, b)
        case (.isNull(let a, let n), .isNull(let b, let m)):
            return n == m && a.isStructurallyEqual(to: b)
        case (.hasLabels(let a, let l), .hasLabels(let b, let m)):
            return l == m && a.isStructurallyEqual(to: b)
        case (.call(let n, let d, let a), .call(let m, let e, let b)):
            return n.lowercased() == m.lowercased() && d == e && Expr.same(a, b)
        case (.countStar, .countStar):
            return true
        case (.caseExpr(let s, let w, let o), .caseExpr(let t, let v, let p)):
            return Expr.same(s, t) && Expr.same(o, p) && w.count == v.count
                && zip(w, v).allSatisfy { $0.0.isStructurallyEqual(to: $1.0) && $0.1.isStructurallyEqual(to: $1.1) }
        case (.listComprehension(let v, let l, let p, let q), .listComprehension(let w, let m, let r, let s)):
            return v == w && l.isStructurallyEqual(to: m) && Expr.same(p, r) && Expr.same(q, s)
        case (.quantifier(let k, let v, let l, let p), .quantifier(let j, let w, let m, let q)):
            return k == j && v == w && l.isStructurallyEqual(to: m) && Expr.same(p, q)
        case (.reduce(let a, let i, let v, let l, let b), .reduce(let c, let j, let w, let m, let d)):
            return a == c && v == w && i.isStructurallyEqual(to: j) && l.isStructurallyEqual(to: m) && b.isStructurallyEqual(to: d)
        case (.mapProjection(let a, let x), .mapProjection(let b, let y)):
            guard a.isStructurallyEqual(to: b), x.count == y.count else { return false }
            return zip(x, y).allSatisfy { p, q in
                switch (p, q) {
                case (.property(let k), .property(let l)), (.variable(let k), .variable(let l)): return k == l
                case (.allProperties, .allProperties): return true
                case (.entry(let k, let e), .entry(let l, let f)): return k == l && e.isStructurallyEqual(to: f)
                default: return false
                }
            }
        default:
            return false
        }
    }

    private static func same(_ a: Expr?, _ b: Expr?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return x.isStructurallyEqual(to: y)
        default: return false
        }
    }

    private static func same(_ a: [Expr], _ b: [Expr]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.isStructurallyEqual(to: $1) }
    }
}
