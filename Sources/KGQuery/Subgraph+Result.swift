import KGCore

/// Lives in KGQuery, not KGExport: the exporters read only KGCore's `Subgraph`, so KGExport
/// depends on KGCore alone.
extension Subgraph {
    /// The subgraph of a query result: every node, relationship and path in its rows,
    /// looking inside lists and maps (`collect(n)`, `{who: n}`).
    ///
    /// Relationships bring their end nodes only through ``closed(in:)``; exporters close
    /// the subgraph before writing, so a result of relationships alone still draws.
    public init(result: ResultSet) {
        var nodes: [Int] = []
        var edges: [Int] = []
        func collect(_ value: QueryValue) {
            switch value {
            case .node(let n): nodes.append(n)
            case .edge(let e): edges.append(e)
            case .path(let p):
                nodes += p.nodes
                edges += p.edges
            case .list(let items): items.forEach(collect)
            case .map(let entries): entries.values.forEach(collect)
            case .null, .bool, .int, .float, .string, .date, .temporal: break
            }
        }
        for row in result.rows { row.forEach(collect) }
        self.init(nodes: nodes, edges: edges)
    }
}
