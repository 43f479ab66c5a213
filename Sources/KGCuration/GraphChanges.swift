import KGCore

/// What a session changed in a graph: the nodes and relationships it added, changed (labels,
/// properties, names, citations) and removed, found by comparing the graph with the one loaded.
struct GraphChanges {
    /// Handles in the current graph.
    var addedNodes: [Int] = []
    var changedNodes: [Int] = []
    /// Ids of the loaded graph's nodes that are gone.
    var removedNodes: [String] = []
    var addedEdges: [Int] = []
    var changedEdges: [Int] = []
    var removedEdges: [String] = []

    var isEmpty: Bool {
        addedNodes.isEmpty && changedNodes.isEmpty && removedNodes.isEmpty
            && addedEdges.isEmpty && changedEdges.isEmpty && removedEdges.isEmpty
    }

    init(from base: Graph, to current: Graph) {
        let baseNodes = base.nodes, nodes = current.nodes
        for h in base.nodeHandles {
            let id = base.id(node: h)
            guard let now = current.node(id: id), current.isAlive(node: now) else { removedNodes.append(id); continue }
            let a = baseNodes[h], b = nodes[now]
            if a.labels != b.labels || a.properties != b.properties || a.names != b.names || a.citations != b.citations {
                changedNodes.append(now)
            }
        }
        for h in current.nodeHandles where base.node(id: current.id(node: h)).map({ !base.isAlive(node: $0) }) ?? true {
            addedNodes.append(h)
        }
        let baseEdges = base.edges, edges = current.edges
        for h in base.edgeHandles {
            let id = base.id(edge: h)
            guard let now = current.edge(id: id), current.isAlive(edge: now) else { removedEdges.append(id); continue }
            let a = baseEdges[h], b = edges[now]
            if a.properties != b.properties || a.citations != b.citations { changedEdges.append(now) }
        }
        for h in current.edgeHandles where base.edge(id: current.id(edge: h)).map({ !base.isAlive(edge: $0) }) ?? true {
            addedEdges.append(h)
        }
    }
}
