/// The in-memory graph store: node and edge tables plus the indexes queries use.
///
/// Nodes and edges are addressed by their position in the tables (`Int` handles), which
/// never change: deleting marks a tombstone, so handles held by a running query stay valid.
/// Indexes:
/// - id → node, id → edge (hash);
/// - label → nodes, edge type → edges;
/// - per node, outgoing and incoming edges (adjacency lists);
/// - lower-cased name in any language → nodes (the `name` property and every localized name).
///
/// Relationship types are interned as integer codes (`typeCode`).
///
/// Label, type and name indexes are maintained lazily on removal: readers re-check the
/// entry, so a removal costs O(1) and a lookup never returns a stale hit.
///
/// Memory: an edge is ~100 bytes plus its id, so 1M edges fit in a few hundred MiB.
public struct Graph: Sendable {
    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []
    private var nodeAlive: [Bool] = []
    private var edgeAlive: [Bool] = []
    private var nodeByID: [String: Int] = [:]
    private var edgeByID: [String: Int] = [:]
    private var byLabel: [String: [Int]] = [:]
    /// Relationship types interned as small integers (codes), so matching compares integers.
    private var typeCodes: [String: Int] = [:]
    private var typeNames: [String] = []
    /// Per type code: its edges, in insertion order.
    private var byTypeCode: [[Int]] = []
    /// Per edge: its type code.
    private var edgeTypeCodes: [Int32] = []
    private var byName: [String: [Int]] = [:]
    private var outgoing: [[AdjacentEdge]] = []
    private var incoming: [[AdjacentEdge]] = []
    /// Labels interned as codes; per node, a bit per label code below 64 (others: string check).
    private var labelCodes: [String: Int] = [:]
    private var nodeLabelBits: [UInt64] = []
    public private(set) var nodeCount = 0
    public private(set) var edgeCount = 0

    public init() {}

    /// Reserves table space before a bulk load.
    public mutating func reserveCapacity(nodes n: Int, edges e: Int) {
        nodes.reserveCapacity(n); nodeAlive.reserveCapacity(n)
        outgoing.reserveCapacity(n); incoming.reserveCapacity(n); nodeLabelBits.reserveCapacity(n)
        nodeByID.reserveCapacity(n)
        edges.reserveCapacity(e); edgeAlive.reserveCapacity(e); edgeByID.reserveCapacity(e)
        edgeTypeCodes.reserveCapacity(e)
    }

    // MARK: - Reading

    public func isAlive(node i: Int) -> Bool { i >= 0 && i < nodes.count && nodeAlive[i] }
    public func isAlive(edge i: Int) -> Bool { i >= 0 && i < edges.count && edgeAlive[i] }

    /// Handle of the live node with this id.
    public func node(id: String) -> Int? { nodeByID[id] }
    /// Handle of the live edge with this id.
    public func edge(id: String) -> Int? { edgeByID[id] }

    /// All live node handles, in insertion order.
    public var nodeHandles: [Int] { nodes.indices.filter { nodeAlive[$0] } }
    /// All live edge handles, in insertion order.
    public var edgeHandles: [Int] { edges.indices.filter { edgeAlive[$0] } }

    /// Live nodes carrying `label`, in insertion order.
    public func nodes(labelled label: String) -> [Int] {
        let code = labelCode(label)
        return (byLabel[label] ?? []).filter { nodeAlive[$0] && hasLabel(node: $0, code: code) }
    }

    /// Number of index entries for `label` (an upper bound of `nodes(labelled:).count`, O(1)).
    public func estimatedCount(label: String) -> Int { byLabel[label]?.count ?? 0 }

    /// Live edges of `type`, in insertion order.
    public func edges(ofType type: String) -> [Int] {
        guard let code = typeCodes[type] else { return [] }
        return byTypeCode[code].filter { edgeAlive[$0] }
    }

    public func estimatedCount(type: String) -> Int { typeCodes[type].map { byTypeCode[$0].count } ?? 0 }

    /// The code of a relationship type (a small integer, stable for the graph's lifetime),
    /// or -1 when no edge ever had this type. Compare codes instead of strings in hot loops.
    public func typeCode(_ type: String) -> Int { typeCodes[type] ?? -1 }

    /// The type code of edge `i` (see `typeCode(_:)`).
    public func typeCode(edge i: Int) -> Int { Int(edgeTypeCodes[i]) }

    /// Edges leaving node `i` (it is their `from`).
    public func outgoing(_ i: Int) -> [Int] { outgoing[i].map(\.edge) }
    /// Edges entering node `i` (it is their `to`).
    public func incoming(_ i: Int) -> [Int] { incoming[i].map(\.edge) }
    /// Edges leaving node `i` with their end node and type code (no copy; for hot loops).
    public func outgoingAdjacency(_ i: Int) -> [AdjacentEdge] { outgoing[i] }
    /// Edges entering node `i` with their start node and type code.
    public func incomingAdjacency(_ i: Int) -> [AdjacentEdge] { incoming[i] }

    /// The code of a label (-1 when no node ever carried it), for `hasLabel(node:code:)`.
    public func labelCode(_ label: String) -> Int { labelCodes[label] ?? -1 }

    /// Whether node `i` carries the label with this code; integer work for codes below 64.
    public func hasLabel(node i: Int, code: Int) -> Bool {
        if code < 0 { return false }
        if code < 64 { return nodeLabelBits[i] & (1 << UInt64(code)) != 0 }
        return labelCodes.first { $0.value == code }.map { nodes[i].labels.contains($0.key) } ?? false
    }
    /// Number of edges touching node `i` (a self-loop counts twice).
    public func degree(_ i: Int) -> Int { outgoing[i].count + incoming[i].count }

    /// Live nodes whose `name` or any localized name equals `name`, ignoring case.
    public func nodes(named name: String) -> [Int] {
        let key = Graph.nameKey(name)
        return (byName[key] ?? []).filter { i in
            nodeAlive[i] && Graph.names(of: nodes[i]).contains { Graph.nameKey($0) == key }
        }
    }

    /// Every label in use with its count of live nodes, sorted by label.
    public var labelCounts: [(label: String, count: Int)] {
        byLabel.keys.sorted().map { ($0, nodes(labelled: $0).count) }.filter { $0.1 > 0 }
    }

    /// Every relationship type in use with its count of live edges, sorted by type.
    public var typeCounts: [(type: String, count: Int)] {
        typeNames.sorted().map { ($0, edges(ofType: $0).count) }.filter { $0.1 > 0 }
    }

    /// Registered documents (nodes labelled `Document`), in insertion order.
    public var documents: [Document] { nodes(labelled: Document.label).compactMap { Document(node: nodes[$0]) } }

    /// The document with this id.
    public func document(id: String) -> Document? { node(id: id).flatMap { Document(node: nodes[$0]) } }

    // MARK: - Writing

    /// Adds a node. Throws when the id is already taken.
    @discardableResult
    public mutating func addNode(_ node: Node) throws(Diagnostic) -> Int {
        let i = nodes.count
        // Adjacency entries store node handles as Int32.
        guard i < Int(Int32.max) else {
            throw Diagnostic(.error, "the graph cannot hold more than \(Int32.max) nodes", at: node.location)
        }
        if let existing = nodeByID.updateValue(i, forKey: node.id) {
            nodeByID[node.id] = existing
            throw Diagnostic(.error, "duplicate node id '\(node.id)'", at: node.location,
                             help: nodes[existing].location.map { "first declared at \($0)" })
        }
        nodes.append(node)
        nodeAlive.append(true)
        outgoing.append([])
        incoming.append([])
        nodeLabelBits.append(0)
        for label in node.labels {
            byLabel[label, default: []].append(i)
            setLabelBit(i, label)
        }
        indexNames(of: i)
        nodeCount += 1
        return i
    }

    /// Adds an edge between two live nodes. Throws when the id is taken or an end is missing.
    @discardableResult
    public mutating func addEdge(_ edge: Edge) throws(Diagnostic) -> Int {
        guard isAlive(node: edge.from), isAlive(node: edge.to) else {
            throw Diagnostic(.error, "relationship '\(edge.id)' has an end that is not in the graph", at: edge.location)
        }
        let i = edges.count
        // Adjacency entries store edge handles as Int32 (checked here, so the conversions never truncate).
        guard i < Int(Int32.max) else {
            throw Diagnostic(.error, "the graph cannot hold more than \(Int32.max) relationships", at: edge.location)
        }
        // One hash of the id for both the duplicate check and the insert (bulk loads add millions).
        if let existing = edgeByID.updateValue(i, forKey: edge.id) {
            edgeByID[edge.id] = existing
            throw Diagnostic(.error, "duplicate relationship id '\(edge.id)'", at: edge.location,
                             help: edges[existing].location.map { "first declared at \($0)" })
        }
        edges.append(edge)
        edgeAlive.append(true)
        let code: Int
        if let c = typeCodes[edge.type] { code = c } else {
            code = typeNames.count
            typeCodes[edge.type] = code
            typeNames.append(edge.type)
            byTypeCode.append([])
        }
        byTypeCode[code].append(i)
        edgeTypeCodes.append(Int32(truncatingIfNeeded: code))
        outgoing[edge.from].append(AdjacentEdge(edge: i, other: edge.to, typeCode: code))
        incoming[edge.to].append(AdjacentEdge(edge: i, other: edge.from, typeCode: code))
        edgeCount += 1
        return i
    }

    /// Sets (or with `.null`, removes) a node property.
    public mutating func setProperty(node i: Int, _ key: String, _ value: Value) {
        if value.isNull { nodes[i].properties[key] = nil } else { nodes[i].properties[key] = value }
        if key == "name" { indexNames(of: i) }
    }

    /// Replaces all properties of a node.
    public mutating func setProperties(node i: Int, _ properties: [String: Value]) {
        nodes[i].properties = properties.filter { !$0.value.isNull }
        indexNames(of: i)
    }

    /// Sets (or with `.null`, removes) an edge property.
    public mutating func setProperty(edge i: Int, _ key: String, _ value: Value) {
        if value.isNull { edges[i].properties[key] = nil } else { edges[i].properties[key] = value }
    }

    public mutating func setProperties(edge i: Int, _ properties: [String: Value]) {
        edges[i].properties = properties.filter { !$0.value.isNull }
    }

    /// Adds a localized name (and indexes it for lookup).
    public mutating func addName(node i: Int, _ name: LocalizedName) {
        nodes[i].names.append(name)
        indexNames(of: i)
    }

    public mutating func addLabel(node i: Int, _ label: String) {
        guard !nodes[i].labels.contains(label) else { return }
        nodes[i].labels.append(label)
        setLabelBit(i, label)
        if !(byLabel[label]?.contains(i) ?? false) { byLabel[label, default: []].append(i) }
    }

    public mutating func removeLabel(node i: Int, _ label: String) {
        nodes[i].labels.removeAll { $0 == label }
        if let c = labelCodes[label], c < 64 { nodeLabelBits[i] &= ~(1 << UInt64(c)) }
    }

    public mutating func addCitation(node i: Int, _ c: Citation) { nodes[i].citations.append(c) }
    public mutating func addCitation(edge i: Int, _ c: Citation) { edges[i].citations.append(c) }

    /// Deletes an edge.
    public mutating func deleteEdge(_ i: Int) {
        guard isAlive(edge: i) else { return }
        edgeAlive[i] = false
        edgeByID[edges[i].id] = nil
        outgoing[edges[i].from].removeAll { $0.edge == i }
        incoming[edges[i].to].removeAll { $0.edge == i }
        edgeCount -= 1
    }

    /// Deletes a node; with `detach`, its edges too. Without, a node that still has edges
    /// is an error (openCypher's DeleteConnectedNode).
    public mutating func deleteNode(_ i: Int, detach: Bool = false) throws(Diagnostic) {
        guard isAlive(node: i) else { return }
        if degree(i) > 0 {
            guard detach else {
                throw Diagnostic(.error, "cannot delete node '\(nodes[i].id)' because it still has relationships",
                                 help: "use DETACH DELETE to delete it with its relationships")
            }
            for e in (outgoing[i] + incoming[i]).map(\.edge) { deleteEdge(e) }
        }
        nodeAlive[i] = false
        nodeByID[nodes[i].id] = nil
        nodeCount -= 1
    }

    private mutating func setLabelBit(_ i: Int, _ label: String) {
        let code: Int
        if let c = labelCodes[label] { code = c } else { code = labelCodes.count; labelCodes[label] = code }
        if code < 64 { nodeLabelBits[i] |= 1 << UInt64(code) }
    }

    // MARK: - Names

    /// Every name of a node: its `name` property and all localized names.
    public static func names(of node: Node) -> [String] {
        var out: [String] = []
        if let n = node.properties["name"]?.string { out.append(n) }
        for n in node.names { out.append(n.text) }
        return out
    }

    static func nameKey(_ s: String) -> String { s.lowercased() }

    private mutating func indexNames(of i: Int) {
        for name in Graph.names(of: nodes[i]) {
            let key = Graph.nameKey(name)
            if !(byName[key]?.contains(i) ?? false) { byName[key, default: []].append(i) }
        }
    }
}
