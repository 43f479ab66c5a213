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

/// Where each element was declared: file names interned, 12 bytes per element.
struct LocationTable: Sendable, Equatable {
    var files: [String] = []
    var fileCodes: [String: Int32] = [:]
    /// Per element: file code (-1: no location), line, column.
    var entries: [(file: Int32, line: Int32, column: Int32)] = []

    subscript(i: Int) -> SourceLocation? {
        let e = entries[i]
        guard e.file >= 0 else { return nil }
        return SourceLocation(file: files[Int(e.file)], line: Int(e.line), column: Int(e.column))
    }

    mutating func append(_ location: SourceLocation?) {
        guard let location else { entries.append((-1, 0, 0)); return }
        let code: Int32
        if let c = fileCodes[location.file] { code = c } else {
            code = Int32(files.count)
            fileCodes[location.file] = code
            files.append(location.file)
        }
        func clamp(_ n: Int) -> Int32 { Int32(clamping: n) }
        entries.append((code, clamp(location.line), clamp(location.column)))
    }

    mutating func removeLast() { entries.removeLast() }

    static func == (a: LocationTable, b: LocationTable) -> Bool {
        a.entries.count == b.entries.count && a.entries.indices.allSatisfy { a[$0] == b[$0] }
    }
}
