import KGCore

/// Spreads a hub's leaves over a few ranks, as Graphviz's `unflatten -l 3` does: in a
/// left-to-right layout, forty leaves on one rank make a column forty nodes tall, while
/// edge lengths of 1, 2, 3, 1, 2, 3, … put them in three shorter columns side by side.
///
/// Leaves are nodes with at most ``maximumBranch`` edges. Only hubs with more than ``minimumLeaves`` leaves are staggered, so small pictures (and
/// the saved views) keep their straight columns.
struct LeafStagger {
    /// More leaves than this on one hub are staggered.
    static let minimumLeaves = 8
    /// A node with at most this many edges counts as a leaf of its hub.
    static let maximumBranch = 4
    /// Leaves go into this many ranks.
    static let ranks = 3

    /// The `minlen` of drawn edges that lead to a staggered leaf.
    private(set) var minlen: [Int: Int] = [:]
    /// The `minlen` of the edges to list nodes, by the group's index.
    private(set) var groupMinlen: [Int: Int] = [:]

    init(_ graph: Graph, _ edges: [Int], groups: [HubGrouping.Group]) {
        enum Leaf { case edge(Int), group(Int) }
        var degree: [Int: Int] = [:]
        for e in edges {
            let (a, b) = (graph.from(edge: e), graph.to(edge: e))
            degree[a, default: 0] += 1
            if a != b { degree[b, default: 0] += 1 }
        }
        for group in groups { degree[group.hub, default: 0] += 1 }

        var leaves: [Int: [Leaf]] = [:]
        var hubs: [Int] = []
        func add(_ hub: Int, _ leaf: Leaf) {
            if leaves[hub] == nil { hubs.append(hub) }
            leaves[hub, default: []].append(leaf)
        }
        // A leaf here is a node with few edges: an end, or a link in a short chain
        // (a figure between its source and what it measures), which moves with its rank.
        for e in edges {
            let (a, b) = (graph.from(edge: e), graph.to(edge: e))
            let (da, db) = (degree[a, default: 0], degree[b, default: 0])
            if db <= Self.maximumBranch && da > Self.minimumLeaves { add(a, .edge(e)) }
            else if da <= Self.maximumBranch && db > Self.minimumLeaves { add(b, .edge(e)) }
        }
        for (index, group) in groups.enumerated() { add(group.hub, .group(index)) }

        for hub in hubs {
            guard let list = leaves[hub], list.count > Self.minimumLeaves else { continue }
            for (i, leaf) in list.enumerated() {
                let length = 1 + i % Self.ranks
                switch leaf {
                case .edge(let e): minlen[e] = length
                case .group(let g): groupMinlen[g] = length
                }
            }
        }
    }
}
