/// The graph's tables written as they lie in memory and read back without parsing values:
/// the body of a snapshot file (`GraphSnapshot` adds the header, the sources and checksums).
///
/// Flat tables (edge ends, type codes, adjacency rows, property columns, bitmaps, locations) are
/// one copy each; hash indexes whose keys are the graph's own ids or names (id → node, id → edge,
/// name → nodes) are not stored: they are built from the tables on first use (`DerivedIndex`),
/// so they cannot disagree with them and opening a snapshot does not pay for them.
extension Graph {
    /// The graph's tables as bytes (`init(snapshotTables:)` reads them back). Not while an undo
    /// log is being recorded: a snapshot holds committed state only.
    func encodeTables(into e: inout SnapshotEncoder) {
        precondition(!isRecordingUndo, "a snapshot is taken between statements, not while one is recorded")
        e.int(nodeIDs.count); e.int(edgeFromCount)
        e.int(nodeCount); e.int(edgeCount)
        e.strings(nodeIDs)
        // Label lists repeat (most nodes share a few combinations): a table of distinct lists
        // and an index per node, so reading them back shares one array per combination.
        var labelSetCodes: [[String]: Int32] = [:]
        var labelSets: [[String]] = []
        var labelSetOfNode: [Int32] = []
        labelSetOfNode.reserveCapacity(nodeLabelLists.count)
        for l in nodeLabelLists {
            if let c = labelSetCodes[l] { labelSetOfNode.append(c); continue }
            let c = Int32(labelSets.count)
            labelSetCodes[l] = c
            labelSets.append(l)
            labelSetOfNode.append(c)
        }
        e.int(labelSets.count)
        for l in labelSets { e.strings(l) }
        e.flat(labelSetOfNode)
        e.lists(nodeNameLists) { e, n in e.string(n.language); e.string(n.text) }
        e.lists(nodeCitationLists) { e, c in e.citation(c) }
        nodeLocations.encode(into: &e)
        nodeProperties.encode(into: &e)
        e.flat(nodeAlive.map { $0 ? UInt8(1) : 0 })
        e.flat(nodeLabelBits)
        e.int(labelCodes.count)
        for (label, code) in labelCodes.sorted(by: { $0.value < $1.value }) { e.string(label); e.int(code) }
        e.int(byLabel.count)
        for (label, handles) in byLabel.sorted(by: { $0.key < $1.key }) { e.string(label); e.flat(handles) }
        for rows in [outRows, inRows] {
            let (offsets, entries) = rows.compacted()
            e.flat(offsets); e.flat(entries)
        }

        e.strings(typeNames)
        e.int(byTypeCode.count)
        for list in byTypeCode { e.flat(list) }
        e.flat(typeStartLabels); e.flat(typeEndLabels)
        e.strings(edgeIDs)
        e.flat(edgeIDSlots)
        e.flat(edgeFrom); e.flat(edgeTo); e.flat(edgeTypeCodes)
        e.lists(edgeCitationLists) { e, c in e.citation(c) }
        edgeLocations.encode(into: &e)
        edgeProperties.encode(into: &e)
        e.flat(edgeAlive.map { $0 ? UInt8(1) : 0 })
    }

    private var edgeFromCount: Int { edgeFrom.count }

    /// Reads tables written by `encodeTables`, checking that their sizes agree and that every
    /// handle and code points inside its table, so a damaged snapshot is refused, not trusted.
    init(snapshotTables d: inout SnapshotDecoder) throws(SnapshotError) {
        self.init()
        let n = try d.int(), m = try d.int()
        guard n >= 0, m >= 0, n < Int(Int32.max), m < Int(Int32.max) else { throw SnapshotError("impossible table sizes \(n), \(m)") }
        nodeCount = try d.int(); edgeCount = try d.int()
        guard (0...n).contains(nodeCount), (0...m).contains(edgeCount) else { throw SnapshotError("live counts exceed the tables") }
        nodeIDs = try d.strings()
        guard nodeIDs.count == n else { throw SnapshotError("\(nodeIDs.count) node ids where \(n) belong") }
        let setCount = try d.count(itemSize: 8)
        var labelSets: [[String]] = []
        for _ in 0..<setCount { labelSets.append(try d.strings()) }
        let setOfNode = try d.flat(Int32.self)
        guard setOfNode.count == n else { throw SnapshotError("label table has \(setOfNode.count) rows where \(n) belong") }
        nodeLabelLists.reserveCapacity(n)
        for c in setOfNode {
            guard c >= 0 && Int(c) < labelSets.count else { throw SnapshotError("label set \(c) does not exist") }
            nodeLabelLists.append(labelSets[Int(c)])
        }
        nodeNameLists = try d.lists(rowCount: n) { (d) throws(SnapshotError) in LocalizedName(language: try d.string(), text: try d.string()) }
        nodeCitationLists = try d.lists(rowCount: n) { (d) throws(SnapshotError) in try d.citation() }
        nodeLocations = try LocationTable(snapshot: &d, rowCount: n)
        nodeProperties = try PropertyTable(snapshot: &d, rowCount: n)
        nodeAlive = try d.bools()
        nodeLabelBits = try d.flat(UInt64.self)
        guard nodeAlive.count == n, nodeLabelBits.count == n else { throw SnapshotError("node tables disagree in length") }
        let labelCount = try d.count(itemSize: 16)
        for k in 0..<labelCount {
            let label = try d.string()
            guard try d.int() == k, labelCodes.updateValue(k, forKey: label) == nil else { throw SnapshotError("the label table is out of order") }
            labelNames.append(label)
        }
        let byLabelCount = try d.count(itemSize: 16)
        for _ in 0..<byLabelCount {
            let label = try d.string()
            let handles = try d.flat(Int.self)
            guard handles.allSatisfy({ $0 >= 0 && $0 < n }) else { throw SnapshotError("label index of '\(label)' points outside the node table") }
            byLabel[label] = handles
        }
        let outOffsets = try d.flat(Int32.self), outEntries = try d.flat(AdjacentEdge.self)
        let inOffsets = try d.flat(Int32.self), inEntries = try d.flat(AdjacentEdge.self)

        typeNames = try d.strings()
        let t = typeNames.count
        for (c, name) in typeNames.enumerated() { typeCodes[name] = c }
        guard typeCodes.count == t else { throw SnapshotError("a relationship type is listed twice") }
        guard try d.int() == t else { throw SnapshotError("type index disagrees with the type table") }
        for _ in 0..<t {
            let list = try d.flat(Int.self)
            guard list.allSatisfy({ $0 >= 0 && $0 < m }) else { throw SnapshotError("type index points outside the relationship table") }
            byTypeCode.append(list)
        }
        typeStartLabels = try d.flat(UInt64.self); typeEndLabels = try d.flat(UInt64.self)
        guard typeStartLabels.count == t, typeEndLabels.count == t else { throw SnapshotError("type label tables disagree in length") }
        edgeIDs = try d.strings()
        edgeIDSlots = try d.flat(Int32.self)
        let explicit = Int32(edgeIDs.count)
        guard edgeIDSlots.allSatisfy({ $0 >= -1 && $0 < explicit }) else { throw SnapshotError("a relationship id slot points outside the id table") }
        edgeFrom = try d.flat(Int32.self); edgeTo = try d.flat(Int32.self); edgeTypeCodes = try d.flat(Int32.self)
        guard edgeIDSlots.count == m, edgeFrom.count == m, edgeTo.count == m, edgeTypeCodes.count == m else {
            throw SnapshotError("relationship tables disagree in length")
        }
        let n32 = Int32(n), t32 = Int32(t)
        guard edgeFrom.allSatisfy({ $0 >= 0 && $0 < n32 }), edgeTo.allSatisfy({ $0 >= 0 && $0 < n32 }),
              edgeTypeCodes.allSatisfy({ $0 >= 0 && $0 < t32 }) else {
            throw SnapshotError("a relationship end or type points outside its table")
        }
        for (offsets, entries) in [(outOffsets, outEntries), (inOffsets, inEntries)] {
            if let problem = AdjacencyRows.problem(offsets: offsets, entries: entries, nodeCount: n, edgeCount: m, typeCount: t) {
                throw SnapshotError(problem)
            }
        }
        outRows = AdjacencyRows(offsets: outOffsets, entries: outEntries)
        inRows = AdjacencyRows(offsets: inOffsets, entries: inEntries)
        edgeCitationLists = try d.lists(rowCount: m) { (d) throws(SnapshotError) in try d.citation() }
        edgeLocations = try LocationTable(snapshot: &d, rowCount: m)
        edgeProperties = try PropertyTable(snapshot: &d, rowCount: m)
        edgeAlive = try d.bools()
        guard edgeAlive.count == m else { throw SnapshotError("relationship tables disagree in length") }

        // The id and name indexes are built from the tables when first read.
        deferDerivedIndexes()
    }
}

extension LocationTable {
    func encode(into e: inout SnapshotEncoder) {
        e.strings(files)
        e.int(count)
        e.flat(entries)
    }

    init(snapshot d: inout SnapshotDecoder, rowCount: Int) throws(SnapshotError) {
        self.init()
        files = try d.strings()
        for (c, f) in files.enumerated() { fileCodes[f] = Int32(c) }
        count = try d.int()
        entries = try d.flat(LocationEntry.self)
        guard count == rowCount, entries.count <= rowCount else { throw SnapshotError("a location table has the wrong length") }
        let fileCount = Int32(files.count)
        guard entries.allSatisfy({ $0.file >= -1 && $0.file < fileCount }) else { throw SnapshotError("a location names an unknown file") }
    }
}

extension PropertyTable {
    func encode(into e: inout SnapshotEncoder) {
        e.int(rowCount)
        e.strings(keys)
        for c in columns { c.encode(into: &e) }
    }

    init(snapshot d: inout SnapshotDecoder, rowCount n: Int) throws(SnapshotError) {
        self.init()
        rowCount = try d.int()
        guard rowCount == n else { throw SnapshotError("a property table covers \(rowCount) rows where \(n) belong") }
        keys = try d.strings()
        for (c, k) in keys.enumerated() { codes[k] = c }
        guard codes.count == keys.count else { throw SnapshotError("a property key is listed twice") }
        columns.reserveCapacity(keys.count)
        for _ in keys { columns.append(try PropertyColumn(snapshot: &d, rowCount: n)) }
    }
}

extension PropertyColumn {
    private static let kinds: [Kind] = [.none, .int, .float, .bool, .string, .date, .value]

    func encode(into e: inout SnapshotEncoder) {
        e.u8(UInt8(PropertyColumn.kinds.firstIndex(of: kind)!))
        e.int(length); e.int(presentCount); e.int(garbage)
        e.flat(present)
        switch kind {
        case .none: break
        case .int: e.flat(ints)
        case .float: e.flat(floats)
        case .bool: e.flat(bools.map { $0 ? UInt8(1) : 0 })
        case .date: e.int(dates.count); for d in dates { e.date(d) }
        case .value: e.int(values.count); for v in values { e.value(v) }
        case .string: e.flat(bytes); e.flat(starts); e.flat(lengths)
        }
    }

    init(snapshot d: inout SnapshotDecoder, rowCount n: Int) throws(SnapshotError) {
        self.init()
        let k = Int(try d.u8())
        guard k < PropertyColumn.kinds.count else { throw SnapshotError("unknown column kind \(k)") }
        kind = PropertyColumn.kinds[k]
        length = try d.int(); presentCount = try d.int(); garbage = try d.int()
        guard (0...n).contains(length), (0...length).contains(presentCount), garbage >= 0 else { throw SnapshotError("a column's sizes are impossible") }
        present = try d.flat(UInt64.self)
        guard present.count == (length + 63) >> 6 else { throw SnapshotError("a column's bitmap has the wrong length") }
        guard present.reduce(0, { $0 + $1.nonzeroBitCount }) == presentCount else { throw SnapshotError("a column's bitmap disagrees with its count") }
        var stored = length
        switch kind {
        case .none: stored = 0
        case .int: ints = try d.flat(Int.self); stored = ints.count
        case .float: floats = try d.flat(Double.self); stored = floats.count
        case .bool: bools = try d.bools(); stored = bools.count
        case .date:
            stored = try d.count(itemSize: 24)
            dates.reserveCapacity(stored)
            for _ in 0..<stored { dates.append(try d.date()) }
        case .value:
            stored = try d.count(itemSize: 1)
            values.reserveCapacity(stored)
            for _ in 0..<stored { values.append(try d.value()) }
        case .string:
            bytes = try d.flat(UInt8.self); starts = try d.flat(Int.self); lengths = try d.flat(Int32.self)
            stored = starts.count
            guard lengths.count == length else { throw SnapshotError("a string column's tables disagree in length") }
            for r in 0..<length where isPresent(r) {
                let s = starts[r], l = Int(lengths[r])
                guard s >= 0, l >= 0, s <= bytes.count - l else { throw SnapshotError("a string column points outside its bytes") }
            }
        }
        guard kind == .none || stored == length else { throw SnapshotError("a column holds \(stored) values where \(length) belong") }
    }
}
