import KGCore

/// Reads what Neo4j's `cypher-shell --format plain` prints for a query that returns whole
/// nodes, relationships and paths, e.g.
///
///     cypher-shell --format plain 'MATCH (n) OPTIONAL MATCH (n)-[r]->(m) RETURN n, r, m' > graph.txt
///
/// The first line holds the column names; each row after it holds cells separated by `, `,
/// written as cypher-shell writes values: a node `(:Role:Job {name: "A", id: "role:a"})`, a
/// relationship `[:REQUIRES {level: "core"}]`, a path `(:A)-[:R]->(:B)<-[:S]-(:C)`, `NULL`,
/// strings in double quotes, numbers, booleans, lists, maps, and dates, times and durations
/// unquoted (`2016-05-14`, `PT1H`).
///
/// The plain format prints no element ids, so:
/// - a relationship cell joins the node cell before it to the node cell after it in the same
///   row (`RETURN n, r, m` of `(n)-[r]->(m)`); a path keeps its own direction;
/// - `NULL` in place of a relationship and its end (OPTIONAL MATCH found none) adds nothing;
/// - an element is named by its id property (`id`, or `_id`, `__id`, …: the one with the most
///   underscores any element has, as kgq's Cypher export chooses), else a node by its label and
///   name (`role:customer-service`) and a relationship by `FROM-TYPE->TO`; the same element
///   printed in several rows is one element;
/// - `name_LANG` properties are names per language and the `cite_*` lists citations, as in
///   ``Neo4jJSONImporter``.
///
/// A cell that is not a node, relationship, path or NULL (`RETURN n.name`) is an error naming
/// its line and column.
public struct CypherShellImporter: Sendable {
    public var maxDiagnostics: Int
    public init(maxDiagnostics: Int = 50) { self.maxDiagnostics = maxDiagnostics }

    public var name: String { "cypher-shell" }
    /// `--graph FILE.txt` is read as cypher-shell output only when its second line starts like a
    /// node, relationship or path (see ``looksLikeCypherShell(_:)``); `--graph-format cypher-shell` always.
    public var fileExtensions: [String] { ["txt"] }

    /// True when `bytes` look like cypher-shell plain output of graph elements: a first line of
    /// column names, and a second line that starts with `(`, `[:` or `NULL`.
    public static func looksLikeCypherShell(_ bytes: some Collection<UInt8>) -> Bool {
        guard let newline = bytes.firstIndex(of: 0x0A) else { return false }
        let second = bytes[bytes.index(after: newline)...]
        guard let first = second.first else { return false }
        if first == UInt8(ascii: "(") { return true }
        return second.starts(with: Array("[:".utf8)) || second.starts(with: Array("NULL".utf8))
    }

    public func load(file path: String) throws(DiagnosticList) -> Graph {
        try load(bytes: try JSONImportContext.read(path), path: path)
    }

    /// One value as cypher-shell prints it.
    enum Cell {
        case value(Value, line: Int, column: Int)
        case node(Printed)
        case relationship(Printed)
        /// nodes[0] steps[0] nodes[1] …; `forward` is `-[…]->`.
        case path(nodes: [Printed], steps: [(rel: Printed, forward: Bool)])
        case null
    }

    /// A node or relationship as printed: labels (or the one type), properties, where it starts.
    struct Printed {
        var labels: [String]
        var properties: [String: Value]
        var line: Int
        var column: Int
    }

    struct SyntaxError: Error {
        var message: String
        var offset: Int
    }

    public func load(bytes: [UInt8], path: String) throws(DiagnosticList) -> Graph {
        var cx = JSONImportContext(path: path, bytes: bytes, maxDiagnostics: maxDiagnostics)
        var reader = Reader(bytes: bytes)
        var rows: [[Cell]] = []
        do {
            reader.skipLine()   // the column names
            while !reader.atEnd {
                if reader.peek == 0x0A || reader.peek == 0x0D { reader.skipLine(); continue }
                rows.append(try reader.row())
            }
        } catch {
            let (line, column) = reader.position(of: error.offset)
            cx.fail(error.message, line: line, column: column,
                    help: "cypher-shell --format plain prints rows like (:Role {name: \"A\"}), [:REQUIRES], (:Skill {name: \"B\"})")
            throw DiagnosticList(cx.diagnostics)
        }

        // The id property: the `_…id` key with the most underscores that any element has.
        var idKey = "id"
        func consider(_ p: Printed) {
            for key in p.properties.keys where key.hasSuffix("id") && key.dropLast(2).allSatisfy({ $0 == "_" }) && key.count > idKey.count {
                idKey = key
            }
        }
        for row in rows {
            for cell in row {
                switch cell {
                case .node(let p), .relationship(let p): consider(p)
                case .path(let nodes, let steps): nodes.forEach(consider); steps.forEach { consider($0.rel) }
                default: break
                }
            }
        }

        var graph = Graph()
        var nodeByKey: [String: Int] = [:]
        var edgeKeys: Set<String> = []
        var ordinal = 0

        func addNode(_ p: Printed) -> Int? {
            var properties = p.properties
            let given = properties.removeValue(forKey: idKey)?.string
            let key = given.map { "id " + $0 } ?? "text " + p.labels.joined(separator: ":") + " " + Self.canonical(.map(p.properties))
            if let n = nodeByKey[key] { return n }
            let names = Neo4jJSONImporter.names(&properties)
            let citations = Self.citations(&properties, p, &cx)
            var id = given ?? Self.readableID(labels: p.labels, properties: properties)
            if given == nil {
                let base = id
                var k = 1
                while graph.node(id: id) != nil { k += 1; id = "\(base)-\(k)" }
            }
            do {
                let n = try graph.addNode(Node(id: id, labels: p.labels, properties: properties, names: names, citations: citations,
                                               location: cx.location(p.line, p.column)))
                nodeByKey[key] = n
                return n
            } catch {
                cx.fail(error.message, line: p.line, column: p.column, help: error.help)
                return nil
            }
        }

        func addEdge(_ p: Printed, from: Int, to: Int) {
            var properties = p.properties
            let type = p.labels.first ?? ""
            let given = properties.removeValue(forKey: idKey)?.string
            let key = given.map { "id " + $0 } ?? "\(from) \(type) \(to) " + Self.canonical(.map(p.properties))
            guard edgeKeys.insert(key).inserted else { return }
            let citations = Self.citations(&properties, p, &cx)
            var id = given ?? ""
            if id.isEmpty {
                let base = "\(graph.id(node: from))-\(type)->\(graph.id(node: to))"
                id = base
                while graph.edge(id: id) != nil { ordinal += 1; id = "\(base)#\(ordinal)" }
            }
            do {
                try graph.addEdge(Edge(id: id, type: type, from: from, to: to, properties: properties, citations: citations,
                                       location: cx.location(p.line, p.column)))
            } catch {
                cx.fail(error.message, line: p.line, column: p.column, help: error.help)
            }
        }

        for row in rows {
            guard !cx.full else { break }
            var previous: Int?
            var pending: Printed?
            for cell in row {
                switch cell {
                case .node(let p):
                    guard let n = addNode(p) else { previous = nil; pending = nil; continue }
                    if let r = pending, let from = previous { addEdge(r, from: from, to: n) }
                    pending = nil
                    previous = n
                case .relationship(let p):
                    if previous == nil {
                        cx.fail("a relationship needs the node it starts from in the cell before it", line: p.line, column: p.column,
                                help: "return the start node, the relationship and the end node in that order (RETURN n, r, m), or a path (RETURN p)")
                    }
                    pending = p
                case .path(let nodes, let steps):
                    let handles = nodes.map(addNode)
                    for (k, step) in steps.enumerated() {
                        guard let a = handles[k], let b = handles[k + 1] else { continue }
                        if step.forward { addEdge(step.rel, from: a, to: b) } else { addEdge(step.rel, from: b, to: a) }
                    }
                    previous = handles.last ?? nil
                    pending = nil
                case .null:
                    // OPTIONAL MATCH found no relationship (its end is NULL too): nothing to join.
                    pending = nil
                case .value(let v, let line, let column):
                    cx.fail("a cell holds \(Self.kindName(v)), not a node, relationship, path or NULL", line: line, column: column,
                            help: "return whole nodes and relationships (RETURN n, r, m), not their properties (RETURN n.name)")
                }
            }
            if let r = pending, previous != nil {
                cx.fail("the relationship has no end node after it in its row", line: r.line, column: r.column,
                        help: "return the end node after the relationship (RETURN n, r, m), or a path (RETURN p)")
            }
        }
        if !cx.diagnostics.isEmpty { throw DiagnosticList(cx.diagnostics) }
        return graph
    }

    static func kindName(_ v: Value) -> String {
        switch v {
        case .null: return "NULL"
        case .bool: return "a boolean"
        case .int, .float: return "a number"
        case .string: return "a string"
        case .date, .temporal: return "a date or time"
        case .list: return "a list"
        case .map: return "a map"
        }
    }

    /// `skill:active-listening` from the first label and the name; the label alone without a name.
    static func readableID(labels: [String], properties: [String: Value]) -> String {
        let prefix = labels.first.map(slug).flatMap { $0.isEmpty ? nil : $0 } ?? "node"
        guard let name = properties["name"]?.string, !slug(name).isEmpty else { return prefix }
        return prefix + ":" + slug(name)
    }

    /// Lower-case letters and digits, anything else one `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber { out.append(ch) } else if !out.isEmpty, out.last != "-" { out.append("-") }
        }
        while out.last == "-" { out.removeLast() }
        return out
    }

    /// A value as text that is the same for equal values (map keys sorted), for telling elements apart.
    static func canonical(_ v: Value) -> String {
        switch v {
        case .map(let m): return "{" + m.keys.sorted().map { "\($0): \(canonical(m[$0]!))" }.joined(separator: ", ") + "}"
        case .list(let items): return "[" + items.map(canonical).joined(separator: ", ") + "]"
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        default: return v.description
        }
    }

    static let citeKeys = ["cite_document", "cite_line", "cite_quote", "cite_gloss", "cite_via"]

    /// The parallel `cite_*` lists of kgq's Cypher export as citations (`""` gloss or via: none).
    static func citations(_ properties: inout [String: Value], _ p: Printed, _ cx: inout JSONImportContext) -> [Citation] {
        guard case .list(let docs)? = properties["cite_document"] else { return [] }
        var lists: [[Value]] = []
        for key in citeKeys {
            guard case .list(let items)? = properties[key], items.count == docs.count else {
                cx.fail("the citation property \(key) is missing, not a list, or not as long as cite_document", line: p.line, column: p.column,
                        help: "kgq's Cypher export writes cite_document, cite_line, cite_quote, cite_gloss and cite_via as lists of one length")
                return []
            }
            lists.append(items)
        }
        for key in citeKeys { properties[key] = nil }
        var out: [Citation] = []
        for k in docs.indices {
            guard let document = lists[0][k].string, case .int(let line) = lists[1][k] else {
                cx.fail("citation \(k + 1): cite_document must hold strings and cite_line whole numbers", line: p.line, column: p.column)
                continue
            }
            out.append(Citation(document: document, line: line, quote: lists[2][k].string ?? "",
                                gloss: lists[3][k].string.flatMap { $0.isEmpty ? nil : $0 },
                                via: lists[4][k].string.flatMap { $0.isEmpty ? nil : $0 },
                                location: cx.location(p.line, p.column)))
        }
        return out
    }
}

extension CypherShellImporter {
    /// A recursive-descent reader of cypher-shell's printed values over the file's bytes.
    struct Reader {
        let bytes: [UInt8]
        var at = 0

        var atEnd: Bool { at >= bytes.count }
        var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

        func peek(_ text: String) -> Bool {
            let u = Array(text.utf8)
            return at + u.count <= bytes.count && Array(bytes[at..<at + u.count]) == u
        }

        /// 1-based line and column (in characters) of a byte offset.
        func position(of offset: Int) -> (line: Int, column: Int) {
            var line = 1, column = 1
            for b in bytes[0..<min(offset, bytes.count)] {
                if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            }
            return (line, column)
        }

        func fail(_ message: String, _ offset: Int? = nil) -> SyntaxError { SyntaxError(message: message, offset: offset ?? at) }

        var found: String {
            guard let b = peek else { return "the end of the file" }
            if b == 0x0A || b == 0x0D { return "the end of the line" }
            let end = bytes[at...].prefix(12).firstIndex { $0 == 0x0A || $0 == 0x0D } ?? min(at + 12, bytes.count)
            return "'" + String(decoding: bytes[at..<end], as: UTF8.self) + "'"
        }

        mutating func skipLine() {
            while let b = peek, b != 0x0A { at += 1 }
            if !atEnd { at += 1 }
        }

        mutating func skipSpaces() { while peek == 0x20 || peek == 0x09 { at += 1 } }

        mutating func expect(_ text: String, what: String) throws(SyntaxError) {
            guard peek(text) else { throw fail("expected \(what), found \(found)") }
            at += text.utf8.count
        }

        /// One row: cells separated by `, ` up to the end of the line.
        mutating func row() throws(SyntaxError) -> [Cell] {
            var cells: [Cell] = []
            while true {
                skipSpaces()
                cells.append(try cell())
                skipSpaces()
                if peek == 0x2C { at += 1; continue }
                if peek == 0x0D { at += 1 }
                if atEnd { return cells }
                guard peek == 0x0A else { throw fail("expected ', ' or the end of the row, found \(found)") }
                at += 1
                return cells
            }
        }

        mutating func cell() throws(SyntaxError) -> Cell {
            let start = at
            if peek == UInt8(ascii: "(") {
                let first = try node()
                var nodes = [first], steps: [(rel: Printed, forward: Bool)] = []
                while peek("-[") || peek("<-[") {
                    let backward = peek("<-")
                    at += backward ? 2 : 1
                    let rel = try relationship()
                    if backward { try expect("-", what: "'-' after the relationship of '<-['") } else {
                        try expect("->", what: "'->' after the relationship of '-['")
                    }
                    guard peek == UInt8(ascii: "(") else { throw fail("expected the node after the relationship, found \(found)") }
                    nodes.append(try node())
                    steps.append((rel, !backward))
                }
                return steps.isEmpty ? .node(first) : .path(nodes: nodes, steps: steps)
            }
            if peek("[:") { return .relationship(try relationship()) }
            let v = try value()
            if v == .null { return .null }
            let (line, column) = position(of: start)
            return .value(v, line: line, column: column)
        }

        /// `(:A:B {k: v})`, `()`.
        mutating func node() throws(SyntaxError) -> Printed {
            let (line, column) = position(of: at)
            try expect("(", what: "'('")
            var labels: [String] = []
            while peek == UInt8(ascii: ":") {
                at += 1
                labels.append(try name(what: "a label"))
            }
            skipSpaces()
            var properties: [String: Value] = [:]
            if peek == UInt8(ascii: "{") { properties = try map(); skipSpaces() }
            try expect(")", what: "')' closing the node")
            return Printed(labels: labels, properties: properties, line: line, column: column)
        }

        /// `[:TYPE {k: v}]`.
        mutating func relationship() throws(SyntaxError) -> Printed {
            let (line, column) = position(of: at)
            try expect("[:", what: "'[:' and a relationship type")
            let type = try name(what: "a relationship type")
            skipSpaces()
            var properties: [String: Value] = [:]
            if peek == UInt8(ascii: "{") { properties = try map(); skipSpaces() }
            try expect("]", what: "']' closing the relationship")
            return Printed(labels: [type], properties: properties, line: line, column: column)
        }

        /// A label, type or key: letters, digits, `_` and any non-ASCII character, or in backticks.
        mutating func name(what: String) throws(SyntaxError) -> String {
            if peek == UInt8(ascii: "`") {
                at += 1
                var out: [UInt8] = []
                while true {
                    guard let b = peek, b != 0x0A else { throw fail("the backtick-quoted \(what) is not closed") }
                    at += 1
                    if b == UInt8(ascii: "`") {
                        if peek == UInt8(ascii: "`") { out.append(b); at += 1; continue }
                        break
                    }
                    out.append(b)
                }
                guard !out.isEmpty else { throw fail("an empty \(what)", at - 2) }
                return String(decoding: out, as: UTF8.self)
            }
            let start = at
            while let b = peek, b >= 0x80 || b == UInt8(ascii: "_") || b == UInt8(ascii: "$")
                    || (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) { at += 1 }
            guard at > start else { throw fail("expected \(what), found \(found)") }
            return String(decoding: bytes[start..<at], as: UTF8.self)
        }

        /// `{k: v, …}`.
        mutating func map() throws(SyntaxError) -> [String: Value] {
            try expect("{", what: "'{'")
            var out: [String: Value] = [:]
            skipSpaces()
            if peek == UInt8(ascii: "}") { at += 1; return out }
            while true {
                skipSpaces()
                let keyAt = at
                let key = try name(what: "a property name")
                try expect(":", what: "':' after the property name '\(key)'")
                skipSpaces()
                let v = try value()
                if out.updateValue(v, forKey: key) != nil { throw fail("the property '\(key)' is given twice", keyAt) }
                skipSpaces()
                if peek == UInt8(ascii: ",") { at += 1; continue }
                try expect("}", what: "',' or '}' in the map")
                return out
            }
        }

        mutating func value() throws(SyntaxError) -> Value {
            switch peek {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"): return .map(try map())
            case UInt8(ascii: "["):
                at += 1
                var items: [Value] = []
                skipSpaces()
                if peek == UInt8(ascii: "]") { at += 1; return .list(items) }
                while true {
                    skipSpaces()
                    items.append(try value())
                    skipSpaces()
                    if peek == UInt8(ascii: ",") { at += 1; continue }
                    try expect("]", what: "',' or ']' in the list")
                    return .list(items)
                }
            default: return try atom()
            }
        }

        /// A string in double quotes. cypher-shell writes `\"` and `\\` for a quote and a
        /// backslash; an unescaped `"` ends the string only where a value may end (before `,`,
        /// `}`, `]`, `)` or the end of the line), so older shells' unescaped quotes read too.
        mutating func string() throws(SyntaxError) -> String {
            let start = at
            at += 1
            var out: [UInt8] = []
            while true {
                guard let b = peek else { throw fail("the string is not closed (no '\"' before the end of the file)", start) }
                at += 1
                if b == UInt8(ascii: "\\"), let next = peek, next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") {
                    out.append(next); at += 1; continue
                }
                if b == UInt8(ascii: "\"") {
                    var k = at
                    while k < bytes.count, bytes[k] == 0x20 { k += 1 }
                    if k >= bytes.count || [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"), 0x0A, 0x0D].contains(bytes[k]) {
                        return String(decoding: out, as: UTF8.self)
                    }
                }
                out.append(b)
            }
        }

        /// An unquoted value: NULL, true, false, a number, a date, time, datetime or duration.
        mutating func atom() throws(SyntaxError) -> Value {
            let start = at
            while let b = peek, ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"), 0x0A, 0x0D, 0x20].contains(b) { at += 1 }
            let text = String(decoding: bytes[start..<at], as: UTF8.self)
            guard !text.isEmpty else { throw fail("expected a value, found \(found)") }
            switch text {
            case "NULL", "null": return .null
            case "true", "TRUE": return .bool(true)
            case "false", "FALSE": return .bool(false)
            case "NaN": return .float(.nan)
            case "Infinity": return .float(.infinity)
            case "-Infinity": return .float(-.infinity)
            default: break
            }
            if let i = Int(text) { return .int(i) }
            if text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true, !text.contains(":"),
               text.dropFirst().contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(text) {
                return .float(d)
            }
            if text.utf8.count == 10, let d = KGDate(text), d.day != nil { return .date(d) }
            let kinds: [Temporal.Kind] = text.hasPrefix("P") || text.hasPrefix("-P") ? [.duration]
                : text.contains("T") ? [.localdatetime, .datetime] : text.contains(":") ? [.localtime, .time] : []
            for kind in kinds {
                if let t = try? Temporal.parse(kind, text) { return .temporal(t) }
            }
            throw fail("cannot read '\(text)' as a value (a number, NULL, true, false, a date, time or duration)", start)
        }
    }
}
