import KGCore

extension Subgraph {
    /// Drops handles of nodes and relationships deleted since the result was made.
    public func alive(in graph: Graph) -> Subgraph {
        Subgraph(nodes: nodes.filter(graph.isAlive(node:)), edges: edges.filter(graph.isAlive(edge:)))
    }
}
