import KGCore

/// "Did you mean" hints for labels, relationship types and property keys that a statement reads
/// but the graph does not have. Not errors (openCypher just finds nothing), so they are warnings.
/// Property keys are checked only when `checkKeys` (the caller's judgement that the result looks
/// like a misspelling); the graph's property tables answer "is this key held" in O(1).
enum NameHints {
    static func warnings(_ st: Statement, graph: Graph, source: SourceText, checkKeys: Bool) -> [Diagnostic] {
        var labels: [(String, SourceSpan)] = [], types: [(String, SourceSpan)] = [], keys: [(String, SourceSpan)] = []
        func visit(_ e: Expr) {
            switch e.kind {
            case .property(_, let k): keys.append((k.name, e.span))
            case .hasLabels(_, let ls): for l in ls { labels.append((l, e.span)) }
            case .patternPredicate(let part): visit(part)
            case .patternComprehension(_, let part, _, _): visit(part)
            case .exists(let pat, _): pat.forEach(visit)
            default: break
            }
            e.children.forEach(visit)
        }
        func visit(_ part: PatternPart) {
            for n in part.nodes {
                for l in n.labels { labels.append((l, n.span)) }
                if let p = n.properties { visit(p) }
                if let p = n.properties, case .map(let entries) = p.kind { for (k, _) in entries { keys.append((k, n.span)) } }
            }
            for r in part.rels {
                for t in r.types { types.append((t, r.span)) }
                if let p = r.properties { visit(p) }
            }
        }
        for q in st.queries {
            for c in q.clauses {
                switch c {
                case .match(let pat, _, let w, _):
                    pat.forEach(visit)
                    w.map(visit)
                case .unwind(let e, _, _): visit(e)
                case .with(let p, let w):
                    p.items.forEach { visit($0.expr) }
                    p.order.forEach { visit($0.expr) }
                    w.map(visit)
                case .ret(let p):
                    p.items.forEach { visit($0.expr) }
                    p.order.forEach { visit($0.expr) }
                default: break
                }
            }
        }
        var out: [Diagnostic] = []
        var seen = Set<String>()
        func warn(_ kind: String, _ prefix: String, _ name: String, _ span: SourceSpan, _ known: [String]) {
            guard seen.insert(kind + name).inserted else { return }
            let help = Suggest.closest(to: name, among: known).map { "did you mean '\(prefix)\($0)'?" }
            guard help != nil else { return }
            out.append(Diagnostic(.warning, "the graph has no \(kind) '\(prefix)\(name)'",
                                  at: span.line > 0 ? SourceLocation(file: "query", line: span.line + source.lineOffset, column: span.column) : nil,
                                  lineText: source.lineText(span.line), help: help))
        }
        let missingLabels = labels.filter { graph.estimatedCount(label: $0.0) == 0 }
        if !missingLabels.isEmpty {
            let known = graph.labelCounts.map(\.label)
            for (l, s) in missingLabels { warn("label", ":", l, s, known) }
        }
        let missingTypes = types.filter { graph.estimatedCount(type: $0.0) == 0 }
        if !missingTypes.isEmpty {
            let known = graph.typeCounts.map(\.type)
            for (t, s) in missingTypes { warn("relationship type", ":", t, s, known) }
        }
        if checkKeys {
            let missing = keys.filter { !graph.hasPropertyKey($0.0) }
            if !missing.isEmpty {
                let known = graph.propertyKeys
                for (k, s) in missing { warn("property", "", k, s, known) }
            }
        }
        return out
    }
}
