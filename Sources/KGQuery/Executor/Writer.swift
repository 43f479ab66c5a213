import KGCore

/// The write clauses: CREATE, MERGE's create half, SET, REMOVE, DELETE. Every change goes
/// through KGCore.Graph's API and is counted in the statement's stats.
struct Writer {
    let ctx: ExecutionContext

    private func propertyMap(_ e: Expr?, _ row: Row) throws(QueryError) -> [String: Value] {
        guard let e else { return [:] }
        let v = try ctx.eval(e, row)
        guard case .map(let m) = v else {
            throw ctx.runtimeError(.typeError, .invalidArgumentType, "expected a map of properties", at: e.span)
        }
        var out: [String: Value] = [:]
        for (k, x) in m {
            guard let s = ValueSemantics.storable(x) else {
                throw ctx.runtimeError(.typeError, .invalidPropertyType,
                                       "property '\(k)' cannot hold a \(ValueSemantics.typeName(x))", at: e.span)
            }
            if !s.isNull { out[k] = s }
        }
        return out
    }

    private func addLabelStat(_ l: String) {
        if ctx.addedLabels.insert(l).inserted { ctx.count(\.labelsAdded) }
    }

    func create(_ pattern: Pattern, _ row: Row, merging: Bool = false) throws(QueryError) -> Row {
        var r = row
        for part in pattern {
            var handles: [Int] = []
            for n in part.nodes {
                if let v = n.variable, case .node(let h) = r[v] ?? .null {
                    handles.append(h)
                    continue
                }
                if let v = n.variable, let existing = r[v], existing != .null {
                    throw ctx.runtimeError(.typeError, .variableTypeConflict, "'\(v)' is not a node", at: n.span)
                }
                let props = try propertyMap(n.properties, r)
                let node = Node(id: ctx.freshID(node: true), labels: uniq(n.labels), properties: props)
                let h: Int
                do { h = try ctx.write { (g: inout Graph) throws(Diagnostic) in try g.addNode(node) } } catch {
                    throw ctx.runtimeError(.runtimeError, .createFailed, error.message, at: n.span)
                }
                ctx.count(\.nodesCreated)
                ctx.count(\.propertiesSet, props.count)
                for l in uniq(n.labels) { addLabelStat(l) }
                if let v = n.variable { r[v] = .node(h) }
                handles.append(h)
            }
            var edges: [Int] = []
            for (i, rel) in part.rels.enumerated() {
                let props = try propertyMap(rel.properties, r)
                var (a, b) = (handles[i], handles[i + 1])
                if rel.direction == .incoming { swap(&a, &b) }
                let edge = Edge(id: ctx.freshID(node: false), type: rel.types.first ?? "RELATED", from: a, to: b, properties: props)
                let h: Int
                do { h = try ctx.write { (g: inout Graph) throws(Diagnostic) in try g.addEdge(edge) } } catch {
                    throw ctx.runtimeError(.entityNotFound, .deletedEntityAccess, error.message, at: rel.span)
                }
                ctx.count(\.relationshipsCreated)
                ctx.count(\.propertiesSet, props.count)
                if let v = rel.variable { r[v] = .edge(h) }
                edges.append(h)
            }
            if let pv = part.pathVariable { r[pv] = .path(Path(nodes: handles, edges: edges)) }
        }
        return r
    }

    private func uniq(_ l: [String]) -> [String] {
        var seen = Set<String>()
        return l.filter { seen.insert($0).inserted }
    }

    private func setProperty(_ target: QueryValue, _ key: String, _ value: QueryValue, _ span: SourceSpan) throws(QueryError) {
        guard let s = ValueSemantics.storable(value) else {
            throw ctx.runtimeError(.typeError, .invalidPropertyType, "a property cannot hold a \(ValueSemantics.typeName(value))", at: span)
        }
        switch target {
        case .null: return
        case .node(let h):
            if ctx.deletedNodes.contains(h) { throw ctx.runtimeError(.entityNotFound, .deletedEntityAccess, "node was deleted", at: span) }
            let had = ctx.graph.property(node: h, key) != nil
            if had { ctx.count(\.propertiesRemoved) }
            if !s.isNull { ctx.count(\.propertiesSet) }
            ctx.write { $0.setProperty(node: h, key, s) }
        case .edge(let h):
            if ctx.deletedEdges.contains(h) { throw ctx.runtimeError(.entityNotFound, .deletedEntityAccess, "relationship was deleted", at: span) }
            let had = ctx.graph.property(edge: h, key) != nil
            if had { ctx.count(\.propertiesRemoved) }
            if !s.isNull { ctx.count(\.propertiesSet) }
            ctx.write { $0.setProperty(edge: h, key, s) }
        default:
            throw ctx.runtimeError(.typeError, .invalidArgumentType, "cannot set a property on \(ValueSemantics.typeName(target))", at: span)
        }
    }

    private func properties(of v: QueryValue, _ span: SourceSpan) throws(QueryError) -> [String: QueryValue] {
        switch v {
        case .map(let m): return m
        case .node(let h): return ctx.graph.properties(node: h).mapValues(QueryValue.init)
        case .edge(let h): return ctx.graph.properties(edge: h).mapValues(QueryValue.init)
        default: throw ctx.runtimeError(.typeError, .invalidArgumentType, "expected a map", at: span)
        }
    }

    private func currentKeys(_ v: QueryValue) -> [String] {
        switch v {
        case .node(let h): return Array(ctx.graph.properties(node: h).keys)
        case .edge(let h): return Array(ctx.graph.properties(edge: h).keys)
        default: return []
        }
    }

    func set(_ item: SetItem, _ row: Row) throws(QueryError) {
        switch item {
        case .property(let targetExpr, let key, let valueExpr):
            let target = try ctx.eval(targetExpr, row)
            try setProperty(target, key, try ctx.eval(valueExpr, row), valueExpr.span)
        case .replace(let v, let e, let span):
            let target = row[v] ?? .null
            if case .null = target { return }
            let m = try properties(of: try ctx.eval(e, row), e.span)
            for k in currentKeys(target) where m[k] == nil { try setProperty(target, k, .null, span) }
            for (k, x) in m.sorted(by: { $0.key < $1.key }) { try setProperty(target, k, x, span) }
        case .merge(let v, let e, let span):
            let target = row[v] ?? .null
            if case .null = target { return }
            let m = try properties(of: try ctx.eval(e, row), e.span)
            for (k, x) in m.sorted(by: { $0.key < $1.key }) { try setProperty(target, k, x, span) }
        case .labels(let v, let labels, let span):
            switch row[v] ?? .null {
            case .null: return
            case .node(let h):
                for l in labels where !ctx.graph.labels(node: h).contains(l) {
                    ctx.write { $0.addLabel(node: h, l) }
                    addLabelStat(l)
                }
            default: throw ctx.runtimeError(.typeError, .invalidArgumentType, "labels can only be set on nodes", at: span)
            }
        }
    }

    func remove(_ item: RemoveItem, _ row: Row) throws(QueryError) {
        switch item {
        case .property(let targetExpr, let key):
            let target = try ctx.eval(targetExpr, row)
            switch target {
            case .node(let h): if ctx.graph.property(node: h, key) != nil { try setProperty(target, key, .null, targetExpr.span) }
            case .edge(let h): if ctx.graph.property(edge: h, key) != nil { try setProperty(target, key, .null, targetExpr.span) }
            case .null: return
            default: throw ctx.runtimeError(.typeError, .invalidArgumentType, "cannot remove a property of \(ValueSemantics.typeName(target))", at: targetExpr.span)
            }
        case .labels(let v, let labels, _):
            guard case .node(let h) = row[v] ?? .null else { return }
            for l in labels where ctx.graph.labels(node: h).contains(l) {
                ctx.write { $0.removeLabel(node: h, l) }
                ctx.count(\.labelsRemoved)
            }
        }
    }

    /// Deletes relationships at once; collects nodes, deleted after the whole clause
    /// (so `DELETE n, r` works whichever order the rows come in).
    func delete(_ v: QueryValue, detach: Bool, span: SourceSpan, nodes: inout [(Int, SourceSpan)]) throws(QueryError) {
        switch v {
        case .null: return
        case .node(let h): nodes.append((h, span))
        case .edge(let h): deleteEdge(h)
        case .path(let p):
            for e in p.edges { deleteEdge(e) }
            for n in p.nodes { nodes.append((n, span)) }
        case .list(let l):
            for x in l { try delete(x, detach: detach, span: span, nodes: &nodes) }
        default:
            throw ctx.runtimeError(.typeError, .invalidArgumentType, "DELETE expects a node, relationship or path", at: span)
        }
    }

    private func deleteEdge(_ h: Int) {
        guard ctx.graph.isAlive(edge: h) else { return }
        ctx.write { $0.deleteEdge(h) }
        ctx.deletedEdges.insert(h)
        ctx.count(\.relationshipsDeleted)
    }

    func deleteNodes(_ nodes: [(Int, SourceSpan)], detach: Bool) throws(QueryError) {
        for (h, span) in nodes where ctx.graph.isAlive(node: h) {
            if ctx.graph.degree(h) > 0 {
                guard detach else {
                    throw ctx.runtimeError(.constraintVerificationFailed, .deleteConnectedNode,
                                           "cannot delete node '\(ctx.graph.id(node: h))' because it still has relationships", at: span)
                }
                for e in ctx.graph.outgoing(h) + ctx.graph.incoming(h) { deleteEdge(e) }
            }
            do { try ctx.write { (g: inout Graph) throws(Diagnostic) in try g.deleteNode(h) } } catch {
                throw ctx.runtimeError(.constraintVerificationFailed, .deleteConnectedNode, error.message, at: span)
            }
            ctx.deletedNodes.insert(h)
            ctx.count(\.nodesDeleted)
        }
    }
}
