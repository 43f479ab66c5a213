import KGCore

/// Which leaves of a picture are drawn together as one list node, so a hub does not make a
/// broom: when a node has more than ``threshold`` neighbours of one label that hang off it by
/// one relationship type (in one direction) and touch nothing else, they become one node
/// "23 duties" that lists their names, joined to the hub by one edge.
///
/// A neighbour with any other relationship in the picture stays a node of its own, so no edge
/// is lost; `--expand` turns grouping off.
///
///     let grouping = HubGrouping(graph, sub, threshold: 6)
///     grouping.groups.first?.members   // node handles drawn inside the list node
struct HubGrouping {
    /// One list node: the leaves `members` (sorted by name) of `hub`, reached by `type`.
    struct Group {
        var hub: Int
        var type: String
        /// True when the edges go from the hub to the members.
        var outgoing: Bool
        var label: String
        var members: [Int]
        /// The edges the list node stands for.
        var edges: [Int]

        /// The DOT id of the list node.
        func id(_ graph: Graph) -> String {
            "kgq.group:\(graph.nodes[hub].id):\(outgoing ? "out" : "in"):\(type):\(label)"
        }
    }

    /// More neighbours than this in one group are drawn as a list node.
    static let defaultThreshold = 3

    private(set) var groups: [Group] = []
    /// Nodes and edges drawn inside a list node rather than on their own.
    private(set) var groupedNodes: Set<Int> = []
    private(set) var groupedEdges: Set<Int> = []

    /// Groups the leaves of `sub` (which must be closed); `threshold` nil groups nothing.
    init(_ graph: Graph, _ sub: Subgraph, threshold: Int?, labelOf: [Int: String]) {
        guard let threshold else { return }
        // A leaf has one neighbour, reached by edges of one type in one direction (parallel
        // edges included); its neighbour must have others.
        var neighbours: [Int: Set<Int>] = [:]
        var edgeCount: [Int: Int] = [:]
        for e in sub.edges {
            let (a, b) = (graph.from(edge: e), graph.to(edge: e))
            neighbours[a, default: []].insert(b)
            neighbours[b, default: []].insert(a)
            edgeCount[a, default: 0] += 1
            if a != b { edgeCount[b, default: 0] += 1 }
        }
        struct Key: Hashable { var hub: Int; var type: String; var outgoing: Bool; var label: String }
        var keysOf: [Int: Set<Key>] = [:]
        var edgesOf: [Int: [Int]] = [:]
        for e in sub.edges {
            let (a, b) = (graph.from(edge: e), graph.to(edge: e))
            guard a != b else { continue }
            let type = graph.edges[e].type
            if neighbours[b]?.count == 1 && neighbours[a, default: []].count > 1 {
                keysOf[b, default: []].insert(Key(hub: a, type: type, outgoing: true, label: labelOf[b] ?? ""))
                edgesOf[b, default: []].append(e)
            }
            if neighbours[a]?.count == 1 && neighbours[b, default: []].count > 1 {
                keysOf[a, default: []].insert(Key(hub: b, type: type, outgoing: false, label: labelOf[a] ?? ""))
                edgesOf[a, default: []].append(e)
            }
        }
        var candidates: [Key: (members: [Int], edges: [Int])] = [:]
        var order: [Key] = []
        for n in sub.nodes {
            guard let keys = keysOf[n], keys.count == 1, let key = keys.first,
                  edgesOf[n]?.count == edgeCount[n] else { continue }
            if candidates[key] == nil { order.append(key) }
            candidates[key, default: ([], [])].members.append(n)
            candidates[key]!.edges += edgesOf[n] ?? []
        }
        for key in order {
            guard let found = candidates[key], found.members.count > threshold else { continue }
            let members = found.members.sorted {
                (graph.nodes[$0].name.lowercased(), graph.nodes[$0].id) < (graph.nodes[$1].name.lowercased(), graph.nodes[$1].id)
            }
            groups.append(Group(hub: key.hub, type: key.type, outgoing: key.outgoing, label: key.label,
                                members: members, edges: found.edges))
            groupedNodes.formUnion(members)
            groupedEdges.formUnion(found.edges)
        }
    }

    /// "skills", "work conditions", "duties": a label as a plural noun for "23 duties".
    static func plural(_ label: String) -> String {
        var words: [String] = []
        var word = ""
        for ch in label {
            if ch.isUppercase && !word.isEmpty && !(word.last?.isUppercase ?? false) {
                words.append(word)
                word = ""
            }
            word.append(ch)
        }
        if !word.isEmpty { words.append(word) }
        let lower = words.map { $0.count > 1 && $0.allSatisfy(\.isUppercase) ? $0 : $0.lowercased() }
        guard var last = lower.last else { return label }
        if last.hasSuffix("y"), let before = last.dropLast().last, !"aeiou".contains(before) {
            last = String(last.dropLast()) + "ies"
        } else if ["s", "x", "ch", "sh"].contains(where: last.hasSuffix) {
            last += "es"
        } else {
            last += "s"
        }
        return (lower.dropLast() + [last]).joined(separator: " ")
    }
}
