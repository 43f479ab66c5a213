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
/// Writes change the tables in place. Between `beginUndo()` and `commitUndo()` every change is
/// also recorded in an undo log, and `rollBack()` reverts them in reverse order, which leaves
/// the graph equal (`==`) to what it was at `beginUndo()`: a failed statement is undone without
/// the graph ever being copied.
///
/// Storage is columnar: ids, labels, names, citations and locations in their own tables,
/// properties in a `PropertyTable` per element kind (a typed column per key), edge ends and
/// type codes in flat arrays. `nodes[i]` and `edges[i]` assemble a `Node` or `Edge` value from
/// them, for code that wants the whole element; hot paths read the tables directly
/// (`property(node:code:)`, `labels(node:)`, `ends(edge:)`, …).
public struct Graph: Sendable, Equatable {
    @usableFromInline var nodeIDs: [String] = []
    @usableFromInline var nodeLabelLists: [[String]] = []
    @usableFromInline var nodeNameLists: [[LocalizedName]] = []
    @usableFromInline var nodeCitationLists: [[Citation]] = []
    var nodeLocations = LocationTable()
    /// Node properties, a column per key, indexed by node handle.
    public internal(set) var nodeProperties = PropertyTable()
    /// Ids the files gave (or queries created); an edge whose id is `rel:N` with N its handle + 1
    /// (what the CSV importer derives) stores none: `edgeIDSlots` holds -1 and `id(edge:)` makes it.
    @usableFromInline var edgeIDs: [String] = []
    /// Per edge: its index in `edgeIDs`, or -1 when its id is derived (`rel:` handle + 1).
    @usableFromInline var edgeIDSlots: [Int32] = []
    @usableFromInline var edgeFrom: [Int32] = []
    @usableFromInline var edgeTo: [Int32] = []
    @usableFromInline var edgeCitationLists: [[Citation]] = []
    var edgeLocations = LocationTable()
    /// Relationship properties, a column per key, indexed by edge handle.
    public internal(set) var edgeProperties = PropertyTable()
    @usableFromInline var nodeAlive: [Bool] = []
    @usableFromInline var edgeAlive: [Bool] = []
    /// id → node, id → edge (explicit ids only) and name key → nodes: derived from the tables,
    /// built on first use (see `DerivedIndex`), kept up to date by every write after that.
    private var nodeIndex = DerivedIndex<[String: Int]>(built: [:])
    private var edgeIndex = DerivedIndex<[String: Int]>(built: [:])
    private var nameIndex = DerivedIndex<[String: [Int]]>(built: [:])
    var byLabel: [String: [Int]] = [:]
    /// Relationship types interned as small integers (codes), so matching compares integers.
    @usableFromInline var typeCodes: [String: Int] = [:]
    @usableFromInline var typeNames: [String] = []
    /// Per type code: its edges, in insertion order.
    var byTypeCode: [[Int]] = []
    /// Per edge: its type code.
    @usableFromInline var edgeTypeCodes: [Int32] = []
    /// Per direction, each node's live edges grouped by type: compressed sparse rows for the
    /// loaded graph and an overlay for the rows the session changed (see `AdjacencyRows`).
    var outRows = AdjacencyRows()
    var inRows = AdjacencyRows()
    /// Per type code: the label bits (codes below 64) every start node, and every end node, of
    /// an edge of that type has had since the edge was added. Conservative: removing a label
    /// clears its bit everywhere, and nothing sets a bit back, so a set bit is always true.
    var typeStartLabels: [UInt64] = []
    var typeEndLabels: [UInt64] = []
    /// Labels interned as codes; per node, a bit per label code below 64 (others: a check of
    /// the node's few labels against `labelNames[code]`).
    @usableFromInline var labelCodes: [String: Int] = [:]
    /// Label names by code.
    @usableFromInline var labelNames: [String] = []
    @usableFromInline var nodeLabelBits: [UInt64] = []
    public internal(set) var nodeCount = 0
    public internal(set) var edgeCount = 0
    /// The changes since `beginUndo()`, oldest first; nil when not recording.
    private var undoLog: [Undo]?

    public init() {}

    /// Reserves table space before a bulk load.
    public mutating func reserveCapacity(nodes n: Int, edges e: Int) {
        nodeIDs.reserveCapacity(n); nodeLabelLists.reserveCapacity(n); nodeNameLists.reserveCapacity(n)
        nodeCitationLists.reserveCapacity(n); nodeAlive.reserveCapacity(n)
        outRows.reserveCapacity(n); inRows.reserveCapacity(n); nodeLabelBits.reserveCapacity(n)
        nodeByID.reserveCapacity(n)
        edgeIDSlots.reserveCapacity(e); edgeFrom.reserveCapacity(e); edgeTo.reserveCapacity(e)
        edgeCitationLists.reserveCapacity(e); edgeAlive.reserveCapacity(e)
        edgeTypeCodes.reserveCapacity(e)
    }

    /// Folds the session's adjacency changes into the compressed rows (`AdjacencyRows`): after
    /// a bulk load, every node's edges lie in two flat arrays per direction. Between statements.
    public mutating func compactAdjacency() {
        precondition(!isRecordingUndo, "adjacency is compacted between statements")
        outRows.compact()
        inRows.compact()
    }

    // MARK: - Reading

    @inlinable public func isAlive(node i: Int) -> Bool { i >= 0 && i < nodeAlive.count && nodeAlive[i] }
    @inlinable public func isAlive(edge i: Int) -> Bool { i >= 0 && i < edgeAlive.count && edgeAlive[i] }

    /// Handle of the live node with this id.
    public func node(id: String) -> Int? { nodeByID[id] }
    /// Handle of the live edge with this id.
    public func edge(id: String) -> Int? { edgeByID[id] ?? derivedEdge(id) }

    // The derived indexes: read through the box (built on first read); written only once the
    // box is this graph's own and built.
    var nodeByID: [String: Int] {
        get { nodeIndex.read { Graph.buildNodeIndex(nodeIDs, nodeAlive) } }
        _modify {
            if !isKnownUniquelyReferenced(&nodeIndex) || !nodeIndex.isBuilt { nodeIndex = DerivedIndex(built: nodeByID) }
            yield &nodeIndex.unique
        }
    }
    var edgeByID: [String: Int] {
        get { edgeIndex.read { Graph.buildEdgeIndex(edgeIDs, edgeIDSlots, edgeAlive) } }
        _modify {
            if !isKnownUniquelyReferenced(&edgeIndex) || !edgeIndex.isBuilt { edgeIndex = DerivedIndex(built: edgeByID) }
            yield &edgeIndex.unique
        }
    }
    var byName: [String: [Int]] {
        get { nameIndex.read { buildNameIndex() } }
        _modify {
            if !isKnownUniquelyReferenced(&nameIndex) || !nameIndex.isBuilt { nameIndex = DerivedIndex(built: byName) }
            yield &nameIndex.unique
        }
    }

    /// Leaves the id and name indexes to be built on first use (a graph read from a snapshot).
    mutating func deferDerivedIndexes() {
        nodeIndex = DerivedIndex(unbuilt: [:]); edgeIndex = DerivedIndex(unbuilt: [:]); nameIndex = DerivedIndex(unbuilt: [:])
    }

    /// Whether the id index of nodes has been built (tests: a snapshot opens without building it).
    var isNodeIndexBuilt: Bool { nodeIndex.isBuilt }

    static func buildNodeIndex(_ ids: [String], _ alive: [Bool]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for i in ids.indices where alive[i] { index[ids[i]] = i }
        return index
    }

    static func buildEdgeIndex(_ ids: [String], _ slots: [Int32], _ alive: [Bool]) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for i in slots.indices where alive[i] && slots[i] >= 0 { index[ids[Int(slots[i])]] = i }
        return index
    }

    /// Every node (deleted ones too: readers re-check) under each of its lookup names.
    func buildNameIndex() -> [String: [Int]] {
        var index: [String: [Int]] = [:]
        index.reserveCapacity(nodeIDs.count)
        // Handles come in order, so a node already listed under a key is the list's last.
        func add(_ i: Int, to list: inout [Int]) { if list.last != i { list.append(i) } }
        for i in nodeIDs.indices {
            for name in lookupNames(ofNode: i) { add(i, to: &index[Graph.nameKey(name), default: []]) }
        }
        return index
    }

    /// The live edge whose derived id is `id` (`rel:N`, handle N - 1), if any.
    @usableFromInline func derivedEdge(_ id: String) -> Int? {
        guard let n = Graph.derivedNumber(id) else { return nil }
        let h = n - 1
        return h < edgeIDSlots.count && edgeIDSlots[h] < 0 && edgeAlive[h] ? h : nil
    }

    /// N of an id `rel:N` (N ≥ 1, decimal, no leading zero), else nil.
    static func derivedNumber(_ id: String) -> Int? {
        var u = id.utf8[...]
        guard u.count > 4, u.count <= 4 + 18, u.starts(with: "rel:".utf8) else { return nil }
        u = u.dropFirst(4)
        guard u.first != UInt8(ascii: "0") else { return nil }
        var n = 0
        for b in u {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }

    /// All live node handles, in insertion order.
    public var nodeHandles: [Int] { nodeAlive.indices.filter { nodeAlive[$0] } }
    /// All live edge handles, in insertion order.
    public var edgeHandles: [Int] { edgeAlive.indices.filter { edgeAlive[$0] } }

    /// Every node ever added (deleted ones included), indexed by handle, as `Node` values.
    public var nodes: NodeTable {
        NodeTable(ids: nodeIDs, labels: nodeLabelLists, names: nodeNameLists, citations: nodeCitationLists,
                  locations: nodeLocations, properties: nodeProperties)
    }
    /// Every edge ever added (deleted ones included), indexed by handle, as `Edge` values.
    public var edges: EdgeTable {
        EdgeTable(ids: edgeIDs, idSlots: edgeIDSlots, from: edgeFrom, to: edgeTo, typeCodes: edgeTypeCodes, typeNames: typeNames,
                  citations: edgeCitationLists, locations: edgeLocations, properties: edgeProperties)
    }

    // Parts of one element, without assembling the whole of it.
    @inlinable public func id(node i: Int) -> String { nodeIDs[i] }
    @inlinable public func labels(node i: Int) -> [String] { nodeLabelLists[i] }
    @inlinable public func names(node i: Int) -> [LocalizedName] { nodeNameLists[i] }
    @inlinable public func citations(node i: Int) -> [Citation] { nodeCitationLists[i] }
    public func location(node i: Int) -> SourceLocation? { nodeLocations[i] }
    public func properties(node i: Int) -> [String: Value] { nodeProperties.properties(i) }
    @inlinable public func property(node i: Int, _ key: String) -> Value? { nodeProperties.value(i, key: key) }
    /// A node property by key code (`nodeProperties.code(_:)`): an array read, no hashing.
    @inlinable public func property(node i: Int, code: Int) -> Value? { nodeProperties.value(i, code: code) }
    @inlinable public func id(edge i: Int) -> String {
        let s = edgeIDSlots[i]
        return s < 0 ? "rel:" + String(i + 1) : edgeIDs[Int(s)]
    }
    @inlinable public func type(edge i: Int) -> String { typeNames[Int(edgeTypeCodes[i])] }
    @inlinable public func from(edge i: Int) -> Int { Int(edgeFrom[i]) }
    @inlinable public func to(edge i: Int) -> Int { Int(edgeTo[i]) }
    @inlinable public func citations(edge i: Int) -> [Citation] { edgeCitationLists[i] }
    public func location(edge i: Int) -> SourceLocation? { edgeLocations[i] }
    public func properties(edge i: Int) -> [String: Value] { edgeProperties.properties(i) }
    @inlinable public func property(edge i: Int, _ key: String) -> Value? { edgeProperties.value(i, key: key) }
    @inlinable public func property(edge i: Int, code: Int) -> Value? { edgeProperties.value(i, code: code) }
    /// Whether some node or relationship holds property `key` (O(1)).
    public func hasPropertyKey(_ key: String) -> Bool { nodeProperties.holds(key) || edgeProperties.holds(key) }
    /// Every property key some node or relationship holds, sorted.
    public var propertyKeys: [String] { Array(Set(nodeProperties.keysInUse + edgeProperties.keysInUse)).sorted() }

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
    @inlinable public func typeCode(_ type: String) -> Int { typeCodes[type] ?? -1 }

    /// The type code of edge `i` (see `typeCode(_:)`).
    @inlinable public func typeCode(edge i: Int) -> Int { Int(edgeTypeCodes[i]) }

    /// Edges leaving node `i` (it is their `from`), grouped by type.
    public func outgoing(_ i: Int) -> [Int] { outRows.row(i).map(\.edge) }
    /// Edges entering node `i` (it is their `to`), grouped by type.
    public func incoming(_ i: Int) -> [Int] { inRows.row(i).map(\.edge) }
    /// Edges leaving node `i` with their end node and type code, grouped by type.
    public func outgoingAdjacency(_ i: Int) -> [AdjacentEdge] { Array(outRows.row(i)) }
    /// Edges entering node `i` with their start node and type code, grouped by type.
    public func incomingAdjacency(_ i: Int) -> [AdjacentEdge] { Array(inRows.row(i)) }
    /// `outgoingAdjacency` or `incomingAdjacency` without a copy: a slice of the adjacency rows.
    public func adjacency(_ i: Int, outgoing out: Bool) -> ArraySlice<AdjacentEdge> { out ? outRows.row(i) : inRows.row(i) }
    /// The edges of type `code` leaving (`outgoing`) or entering node `i`: one contiguous slice
    /// of its adjacency row (rows are grouped by type), found by binary search.
    public func adjacency(_ i: Int, typeCode code: Int, outgoing out: Bool) -> ArraySlice<AdjacentEdge> {
        out ? outRows.entries(i, typeCode: code) : inRows.entries(i, typeCode: code)
    }

    /// The code of a label (-1 when no node ever carried it), for `hasLabel(node:code:)`.
    @inlinable public func labelCode(_ label: String) -> Int { labelCodes[label] ?? -1 }

    /// Whether node `i` carries the label with this code; integer work for codes below 64.
    @inlinable public func hasLabel(node i: Int, code: Int) -> Bool {
        if code < 0 { return false }
        if code < 64 { return nodeLabelBits[i] & (1 << UInt64(code)) != 0 }
        return hasWideLabel(node: i, code: code)
    }

    /// `hasLabel` for label codes from 64 on (no bit of their own): the node's own labels (a
    /// few) compared with the code's name, so a 100th label costs what a 2nd does.
    @usableFromInline func hasWideLabel(node i: Int, code: Int) -> Bool {
        guard code < labelNames.count else { return false }
        let name = labelNames[code]
        return nodeLabelLists[i].contains(name)
    }
    /// The number of live edges of type `code` leaving (`outgoing`) or entering node `i`.
    public func degree(_ i: Int, typeCode code: Int, outgoing out: Bool) -> Int {
        adjacency(i, typeCode: code, outgoing: out).count
    }

    /// Whether every edge of type `code` has, at its end (`atEnd`) or its start, a node with the
    /// label of code `label` — so a hop along that type needs no label check. False when unknown.
    public func typeImpliesLabel(_ code: Int, label: Int, atEnd: Bool) -> Bool {
        guard code >= 0 && code < typeEndLabels.count && label >= 0 && label < 64 else { return false }
        return (atEnd ? typeEndLabels[code] : typeStartLabels[code]) & (1 << UInt64(label)) != 0
    }

    /// Number of edges touching node `i` (a self-loop counts twice).
    public func degree(_ i: Int) -> Int { outRows.rowCount(i) + inRows.rowCount(i) }

    /// Live nodes whose `name`, any localized name or any of its `aliases` equals `name`,
    /// ignoring case (`nodes(named: "BLS")` finds the Source whose aliases hold "BLS").
    public func nodes(named name: String) -> [Int] {
        let key = Graph.nameKey(name)
        return (byName[key] ?? []).filter { i in
            nodeAlive[i] && lookupNames(ofNode: i).contains { Graph.nameKey($0) == key }
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
    public var documents: [Document] { let table = nodes; return nodes(labelled: Document.label).compactMap { Document(node: table[$0]) } }

    /// The document with this id.
    public func document(id: String) -> Document? { node(id: id).flatMap { Document(node: nodes[$0]) } }

    // MARK: - Writing

    /// Adds a node. Throws when the id is already taken.
    @discardableResult
    public mutating func addNode(_ node: Node) throws(Diagnostic) -> Int {
        let i = nodeIDs.count
        // Adjacency entries store node handles as Int32.
        guard i < Int(Int32.max) else {
            throw Diagnostic(.error, "the graph cannot hold more than \(Int32.max) nodes", at: node.location)
        }
        if let existing = nodeByID.updateValue(i, forKey: node.id) {
            nodeByID[node.id] = existing
            throw Diagnostic(.error, "duplicate node id '\(node.id)'", at: node.location,
                             help: nodeLocations[existing].map { "first declared at \($0)" })
        }
        nodeIDs.append(node.id)
        nodeLabelLists.append(node.labels)
        nodeNameLists.append(node.names)
        nodeCitationLists.append(node.citations)
        nodeLocations.append(node.location)
        nodeProperties.appendRow(node.properties)
        nodeAlive.append(true)
        outRows.appendNode()
        inRows.appendNode()
        nodeLabelBits.append(0)
        var newKeys: [String] = [], newCodes: [String] = []
        for label in node.labels {
            if byLabel[label] == nil { newKeys.append(label) }
            byLabel[label, default: []].append(i)
            if setLabelBit(i, label) { newCodes.append(label) }
        }
        let names = indexNames(of: i)
        nodeCount += 1
        log(.addedNode(newLabelKeys: newKeys, newLabelCodes: newCodes, names: names))
        return i
    }

    /// Adds an edge between two live nodes. Throws when the id is taken or an end is missing.
    @discardableResult
    public mutating func addEdge(_ edge: Edge) throws(Diagnostic) -> Int {
        guard isAlive(node: edge.from), isAlive(node: edge.to) else {
            throw Diagnostic(.error, "relationship '\(edge.id)' has an end that is not in the graph", at: edge.location)
        }
        let i = edgeIDSlots.count
        // Adjacency entries store edge handles as Int32 (checked here, so the conversions never truncate).
        guard i < Int(Int32.max) else {
            throw Diagnostic(.error, "the graph cannot hold more than \(Int32.max) relationships", at: edge.location)
        }
        // One hash of the id for both the duplicate check and the insert (bulk loads add millions).
        let derived = Graph.derivedNumber(edge.id) == i + 1
        if let existing = edgeByID[edge.id] ?? derivedEdge(edge.id) {
            throw Diagnostic(.error, "duplicate relationship id '\(edge.id)'", at: edge.location,
                             help: edgeLocations[existing].map { "first declared at \($0)" })
        }
        if derived { edgeIDSlots.append(-1) } else {
            edgeIDSlots.append(Int32(truncatingIfNeeded: edgeIDs.count))
            edgeIDs.append(edge.id)
            edgeByID[edge.id] = i
        }
        edgeFrom.append(Int32(truncatingIfNeeded: edge.from))
        edgeTo.append(Int32(truncatingIfNeeded: edge.to))
        edgeCitationLists.append(edge.citations)
        edgeLocations.append(edge.location)
        edgeProperties.appendRow(edge.properties)
        edgeAlive.append(true)
        let code: Int
        let newType = typeCodes[edge.type] == nil
        log(.addedEdge(newType: newType))
        if let c = typeCodes[edge.type] { code = c } else {
            code = typeNames.count
            typeCodes[edge.type] = code
            typeNames.append(edge.type)
            byTypeCode.append([])
            typeStartLabels.append(~0)
            typeEndLabels.append(~0)
        }
        typeStartLabels[code] &= nodeLabelBits[edge.from]
        typeEndLabels[code] &= nodeLabelBits[edge.to]
        byTypeCode[code].append(i)
        edgeTypeCodes.append(Int32(truncatingIfNeeded: code))
        outRows.add(edge.from, AdjacentEdge(edge: i, other: edge.to, typeCode: code))
        inRows.add(edge.to, AdjacentEdge(edge: i, other: edge.from, typeCode: code))
        edgeCount += 1
        return i
    }

    /// Sets (or with `.null`, removes) a node property.
    public mutating func setProperty(node i: Int, _ key: String, _ value: Value) {
        let old = nodeProperties.set(i, key, value)
        let names = key == "name" || key == "aliases" ? indexNames(of: i) : []
        log(.nodeProperty(i, key, old, names: names))
    }

    /// Replaces all properties of a node.
    public mutating func setProperties(node i: Int, _ properties: [String: Value]) {
        let old = nodeProperties.replace(i, with: properties.filter { !$0.value.isNull })
        let names = indexNames(of: i)
        log(.nodeProperties(i, old, names: names))
    }

    /// Sets (or with `.null`, removes) an edge property.
    public mutating func setProperty(edge i: Int, _ key: String, _ value: Value) {
        let old = edgeProperties.set(i, key, value)
        log(.edgeProperty(i, key, old))
    }

    public mutating func setProperties(edge i: Int, _ properties: [String: Value]) {
        let old = edgeProperties.replace(i, with: properties.filter { !$0.value.isNull })
        log(.edgeProperties(i, old))
    }

    /// Adds a localized name (and indexes it for lookup).
    public mutating func addName(node i: Int, _ name: LocalizedName) {
        nodeNameLists[i].append(name)
        let names = indexNames(of: i)
        log(.addedName(i, names: names))
    }

    public mutating func addLabel(node i: Int, _ label: String) {
        guard !nodeLabelLists[i].contains(label) else { return }
        nodeLabelLists[i].append(label)
        let newCode = setLabelBit(i, label)
        let newKey = byLabel[label] == nil
        let indexed = !(byLabel[label]?.contains(i) ?? false)
        if indexed { byLabel[label, default: []].append(i) }
        log(.addedLabel(i, label, newCode: newCode, indexed: indexed, newKey: newKey))
    }

    public mutating func removeLabel(node i: Int, _ label: String) {
        guard let at = nodeLabelLists[i].firstIndex(of: label) else { return }
        let bits = nodeLabelBits[i]
        nodeLabelLists[i].remove(at: at)
        if let c = labelCodes[label], c < 64 {
            nodeLabelBits[i] &= ~(1 << UInt64(c))
            for t in typeStartLabels.indices { typeStartLabels[t] &= ~(1 << UInt64(c)); typeEndLabels[t] &= ~(1 << UInt64(c)) }
        }
        log(.removedLabel(i, label, at: at, bits: bits))
    }

    public mutating func addCitation(node i: Int, _ c: Citation) { nodeCitationLists[i].append(c); log(.nodeCitation(i)) }
    public mutating func addCitation(edge i: Int, _ c: Citation) { edgeCitationLists[i].append(c); log(.edgeCitation(i)) }

    /// Deletes an edge.
    public mutating func deleteEdge(_ i: Int) {
        guard isAlive(edge: i) else { return }
        edgeAlive[i] = false
        if edgeIDSlots[i] >= 0 { edgeByID[edgeIDs[Int(edgeIDSlots[i])]] = nil }
        let (from, to) = (Int(edgeFrom[i]), Int(edgeTo[i]))
        let outAt = outRows.remove(from, edge: i)
        let inAt = inRows.remove(to, edge: i)
        edgeCount -= 1
        log(.deletedEdge(i, outAt: outAt, inAt: inAt))
    }

    /// Deletes a node; with `detach`, its edges too. Without, a node that still has edges
    /// is an error (openCypher's DeleteConnectedNode).
    public mutating func deleteNode(_ i: Int, detach: Bool = false) throws(Diagnostic) {
        guard isAlive(node: i) else { return }
        if degree(i) > 0 {
            guard detach else {
                throw Diagnostic(.error, "cannot delete node '\(nodeIDs[i])' because it still has relationships",
                                 help: "use DETACH DELETE to delete it with its relationships")
            }
            for e in outgoing(i) + incoming(i) { deleteEdge(e) }
        }
        nodeAlive[i] = false
        nodeByID[nodeIDs[i]] = nil
        nodeCount -= 1
        log(.deletedNode(i))
    }

    /// Interns `label` and sets its bit on node `i`; true when the label got a new code.
    @discardableResult
    private mutating func setLabelBit(_ i: Int, _ label: String) -> Bool {
        let code: Int, new: Bool
        if let c = labelCodes[label] { (code, new) = (c, false) } else {
            (code, new) = (labelNames.count, true)
            labelCodes[label] = code
            labelNames.append(label)
            // Edges added before the label existed say nothing about it.
            if code < 64 { for t in typeStartLabels.indices { typeStartLabels[t] &= ~(1 << UInt64(code)); typeEndLabels[t] &= ~(1 << UInt64(code)) } }
        }
        if code < 64 { nodeLabelBits[i] |= 1 << UInt64(code) }
        return new
    }

    // MARK: - Undo

    /// One change, with what it takes to revert it (applied in reverse order, each revert
    /// finds the graph exactly as the change left it).
    private enum Undo: Sendable {
        case addedNode(newLabelKeys: [String], newLabelCodes: [String], names: [NameEntry])
        case addedEdge(newType: Bool)
        case nodeProperty(Int, String, Value?, names: [NameEntry])
        case nodeProperties(Int, [String: Value], names: [NameEntry])
        case edgeProperty(Int, String, Value?)
        case edgeProperties(Int, [String: Value])
        case addedName(Int, names: [NameEntry])
        case addedLabel(Int, String, newCode: Bool, indexed: Bool, newKey: Bool)
        case removedLabel(Int, String, at: Int, bits: UInt64)
        case nodeCitation(Int)
        case edgeCitation(Int)
        case deletedEdge(Int, outAt: Int?, inAt: Int?)
        case deletedNode(Int)
    }

    /// A name-index entry a change appended (and whether it created the key).
    private struct NameEntry: Sendable {
        var key: String
        var created: Bool
    }

    /// Whether changes are being recorded (between `beginUndo()` and `commitUndo()`/`rollBack()`).
    public var isRecordingUndo: Bool { undoLog != nil }

    /// Starts recording changes, so `rollBack()` can revert them.
    public mutating func beginUndo() { undoLog = [] }

    /// Keeps the changes since `beginUndo()` and stops recording.
    public mutating func commitUndo() { undoLog = nil }

    /// Reverts every change since `beginUndo()`, newest first, and stops recording.
    public mutating func rollBack() {
        guard let changes = undoLog else { return }
        undoLog = nil
        for change in changes.reversed() { revert(change) }
    }

    @inline(__always)
    private mutating func log(_ change: Undo) {
        if undoLog != nil { undoLog!.append(change) }
    }

    private mutating func unindex(_ names: [NameEntry]) {
        for n in names.reversed() {
            byName[n.key]!.removeLast()
            if n.created { byName[n.key] = nil }
        }
    }

    private mutating func revert(_ change: Undo) {
        switch change {
        case .addedNode(let newKeys, let newCodes, let names):
            unindex(names)
            let id = nodeIDs.removeLast()
            let labels = nodeLabelLists.removeLast()
            nodeNameLists.removeLast(); nodeCitationLists.removeLast(); nodeLocations.removeLast()
            nodeProperties.removeLastRow()
            for label in labels.reversed() { byLabel[label]!.removeLast() }
            for label in newKeys { byLabel[label] = nil }
            for label in newCodes { labelCodes[label] = nil; labelNames.removeLast() }
            nodeAlive.removeLast(); outRows.removeLastNode(); inRows.removeLastNode(); nodeLabelBits.removeLast()
            nodeByID[id] = nil
            nodeCount -= 1
        case .addedEdge(let newType):
            if edgeIDSlots.removeLast() >= 0 { edgeByID[edgeIDs.removeLast()] = nil }
            let from = Int(edgeFrom.removeLast()), to = Int(edgeTo.removeLast())
            edgeCitationLists.removeLast(); edgeLocations.removeLast(); edgeProperties.removeLastRow()
            let code = Int(edgeTypeCodes.removeLast())
            edgeAlive.removeLast()
            byTypeCode[code].removeLast()
            if newType {
                typeCodes[typeNames[code]] = nil; typeNames.removeLast(); byTypeCode.removeLast()
                typeStartLabels.removeLast(); typeEndLabels.removeLast()
            }
            let e = edgeIDSlots.count
            outRows.remove(from, edge: e)
            inRows.remove(to, edge: e)
            edgeCount -= 1
        case .nodeProperty(let i, let key, let old, let names):
            unindex(names)
            nodeProperties.set(i, key, old)
        case .nodeProperties(let i, let old, let names):
            unindex(names)
            nodeProperties.replace(i, with: old)
        case .edgeProperty(let i, let key, let old):
            edgeProperties.set(i, key, old)
        case .edgeProperties(let i, let old):
            edgeProperties.replace(i, with: old)
        case .addedName(let i, let names):
            unindex(names)
            nodeNameLists[i].removeLast()
        case .addedLabel(let i, let label, let newCode, let indexed, let newKey):
            if indexed { byLabel[label]!.removeLast() }
            if newKey { byLabel[label] = nil }
            if let c = labelCodes[label], c < 64 { nodeLabelBits[i] &= ~(1 << UInt64(c)) }
            if newCode { labelCodes[label] = nil; labelNames.removeLast() }
            nodeLabelLists[i].removeLast()
        case .removedLabel(let i, let label, let at, let bits):
            nodeLabelLists[i].insert(label, at: at)
            nodeLabelBits[i] = bits
        case .nodeCitation(let i):
            nodeCitationLists[i].removeLast()
        case .edgeCitation(let i):
            edgeCitationLists[i].removeLast()
        case .deletedEdge(let i, let outAt, let inAt):
            let (from, to) = (Int(edgeFrom[i]), Int(edgeTo[i]))
            let code = Int(edgeTypeCodes[i])
            if let inAt { inRows.insert(to, AdjacentEdge(edge: i, other: from, typeCode: code), at: inAt) }
            if let outAt { outRows.insert(from, AdjacentEdge(edge: i, other: to, typeCode: code), at: outAt) }
            edgeAlive[i] = true
            if edgeIDSlots[i] >= 0 { edgeByID[edgeIDs[Int(edgeIDSlots[i])]] = i }
            edgeCount += 1
        case .deletedNode(let i):
            nodeAlive[i] = true
            nodeByID[nodeIDs[i]] = i
            nodeCount += 1
        }
    }

    /// Graphs are equal when their tables and indexes are (the undo log is not compared, nor the
    /// id and name indexes: they are derived from the tables, and readers re-check their hits;
    /// adjacency rows compare by content, compacted or not).
    public static func == (a: Graph, b: Graph) -> Bool {
        a.nodeIDs == b.nodeIDs && a.nodeLabelLists == b.nodeLabelLists && a.nodeNameLists == b.nodeNameLists
            && a.nodeCitationLists == b.nodeCitationLists && a.nodeLocations == b.nodeLocations
            && a.nodeProperties.sameContents(as: b.nodeProperties)
            && a.edgeIDs == b.edgeIDs && a.edgeIDSlots == b.edgeIDSlots && a.edgeFrom == b.edgeFrom && a.edgeTo == b.edgeTo
            && a.edgeCitationLists == b.edgeCitationLists && a.edgeLocations == b.edgeLocations
            && a.edgeProperties.sameContents(as: b.edgeProperties) && a.nodeAlive == b.nodeAlive && a.edgeAlive == b.edgeAlive
            && a.byLabel == b.byLabel
            && a.typeCodes == b.typeCodes && a.typeNames == b.typeNames && a.byTypeCode == b.byTypeCode
            && a.edgeTypeCodes == b.edgeTypeCodes && a.outRows.sameRows(as: b.outRows)
            && a.inRows.sameRows(as: b.inRows) && a.labelCodes == b.labelCodes && a.labelNames == b.labelNames
            && a.nodeLabelBits == b.nodeLabelBits
            && a.nodeCount == b.nodeCount && a.edgeCount == b.edgeCount
    }

    // MARK: - Name index

    /// Adds node `i` under each of its names not indexed yet; returns the entries added.
    @discardableResult
    private mutating func indexNames(of i: Int) -> [NameEntry] {
        var added: [NameEntry] = []
        for name in lookupNames(ofNode: i) {
            let key = Graph.nameKey(name)
            let list = byName[key]
            if !(list?.contains(i) ?? false) {
                byName[key, default: []].append(i)
                added.append(NameEntry(key: key, created: list == nil))
            }
        }
        return added
    }
}
