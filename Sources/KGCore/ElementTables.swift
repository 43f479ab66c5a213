/// The graph's nodes as `Node` values, indexed by handle (deleted ones included; check
/// `Graph.isAlive(node:)`). Each access assembles the node from the graph's tables.
public struct NodeTable: RandomAccessCollection, Sendable {
    let ids: [String]
    let labels: [[String]]
    let names: [[LocalizedName]]
    let citations: [[Citation]]
    let locations: LocationTable
    let properties: PropertyTable

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }

    public subscript(i: Int) -> Node {
        Node(id: ids[i], labels: labels[i], properties: properties.properties(i), names: names[i],
             citations: citations[i], location: locations[i])
    }
}

/// The graph's relationships as `Edge` values, indexed by handle (deleted ones included).
public struct EdgeTable: RandomAccessCollection, Sendable {
    let ids: [String]
    let idSlots: [Int32]
    let from: [Int32]
    let to: [Int32]
    let typeCodes: [Int32]
    let typeNames: [String]
    let citations: [[Citation]]
    let locations: LocationTable
    let properties: PropertyTable

    public var startIndex: Int { 0 }
    public var endIndex: Int { idSlots.count }

    public subscript(i: Int) -> Edge {
        Edge(id: idSlots[i] < 0 ? "rel:" + String(i + 1) : ids[Int(idSlots[i])], type: typeNames[Int(typeCodes[i])], from: Int(from[i]), to: Int(to[i]),
             properties: properties.properties(i), citations: citations[i], location: locations[i])
    }
}

/// Where each element was declared: file names interned, 12 bytes per element up to the last
/// element that has a location (elements after it — all of a CSV graph's — cost nothing).
struct LocationTable: Sendable, Equatable {
    var files: [String] = []
    var fileCodes: [String: Int32] = [:]
    /// Per element up to the last located one: file code (-1: no location), line, column.
    var entries: [LocationEntry] = []
    /// Number of elements covered (located or not).
    var count = 0

    static let none = LocationEntry(file: -1, line: 0, column: 0)

    subscript(i: Int) -> SourceLocation? {
        guard i < entries.count else { return nil }
        let e = entries[i]
        guard e.file >= 0 else { return nil }
        return SourceLocation(file: files[Int(e.file)], line: Int(e.line), column: Int(e.column))
    }

    mutating func append(_ location: SourceLocation?) {
        count += 1
        guard let location else { return }
        let code: Int32
        if let c = fileCodes[location.file] { code = c } else {
            code = Int32(files.count)
            fileCodes[location.file] = code
            files.append(location.file)
        }
        func clamp(_ n: Int) -> Int32 { Int32(clamping: n) }
        if entries.count < count - 1 { entries.append(contentsOf: repeatElement(LocationTable.none, count: count - 1 - entries.count)) }
        entries.append(LocationEntry(file: code, line: clamp(location.line), column: clamp(location.column)))
    }

    mutating func removeLast() {
        count -= 1
        if entries.count > count { entries.removeLast(entries.count - count) }
    }

    static func == (a: LocationTable, b: LocationTable) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { a[$0] == b[$0] }
    }
}

/// One element's location in a `LocationTable` (12 bytes, no padding, so a snapshot stores the
/// table as it lies in memory).
struct LocationEntry: Sendable, Equatable, BitwiseCopyable {
    var file: Int32
    var line: Int32
    var column: Int32
}
