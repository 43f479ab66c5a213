/// What a writing statement changed: the counters of `ResultSet.stats`.
///
/// JSON and the table footer show the non-zero counters by their short names, in `counters`'
/// order: `{"+labels": 1, "+nodes": 2, "+properties": 3}`.
public struct WriteStatistics: Sendable, Hashable {
    public var nodesCreated = 0
    public var nodesDeleted = 0
    public var relationshipsCreated = 0
    public var relationshipsDeleted = 0
    public var propertiesSet = 0
    public var propertiesRemoved = 0
    public var labelsAdded = 0
    public var labelsRemoved = 0
    /// Citations `CALL kgq.cite` added.
    public var citationsAdded = 0

    public init(nodesCreated: Int = 0, nodesDeleted: Int = 0, relationshipsCreated: Int = 0, relationshipsDeleted: Int = 0,
                propertiesSet: Int = 0, propertiesRemoved: Int = 0, labelsAdded: Int = 0, labelsRemoved: Int = 0) {
        self.nodesCreated = nodesCreated
        self.nodesDeleted = nodesDeleted
        self.relationshipsCreated = relationshipsCreated
        self.relationshipsDeleted = relationshipsDeleted
        self.propertiesSet = propertiesSet
        self.propertiesRemoved = propertiesRemoved
        self.labelsAdded = labelsAdded
        self.labelsRemoved = labelsRemoved
    }

    /// Every counter with its short name, in the order they are printed (by name).
    public var all: [(name: String, count: Int)] {
        [("+citations", citationsAdded), ("+labels", labelsAdded), ("+nodes", nodesCreated), ("+properties", propertiesSet),
         ("+relationships", relationshipsCreated), ("-labels", labelsRemoved), ("-nodes", nodesDeleted),
         ("-properties", propertiesRemoved), ("-relationships", relationshipsDeleted)]
    }

    /// The non-zero counters by short name, in print order.
    public var counters: [(name: String, count: Int)] { all.filter { $0.count != 0 } }

    /// The non-zero counters keyed by short name (`["+nodes": 1]`).
    public var byName: [String: Int] {
        Dictionary(uniqueKeysWithValues: counters.map { ($0.name, $0.count) })
    }

    /// True when the statement changed nothing.
    public var isEmpty: Bool { counters.isEmpty }
}
