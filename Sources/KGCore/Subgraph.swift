/// A selection of nodes and edges of a graph (a query result to draw or export).
/// Handles are kept sorted, so everything written from a subgraph is in a stable order.
public struct Subgraph: Sendable, Hashable {
    public private(set) var nodes: [Int]
    public private(set) var edges: [Int]

    public init(nodes: some Sequence<Int> = [], edges: some Sequence<Int> = []) {
        self.nodes = Array(Set(nodes)).sorted()
        self.edges = Array(Set(edges)).sorted()
    }

    /// The whole graph.
    public init(all graph: Graph) {
        self.nodes = graph.nodeHandles
        self.edges = graph.edgeHandles
    }

    /// Adds the end nodes of every edge, so no edge dangles.
    public func closed(in graph: Graph) -> Subgraph {
        Subgraph(nodes: nodes + edges.flatMap { [graph.from(edge: $0), graph.to(edge: $0)] }, edges: edges)
    }
}
