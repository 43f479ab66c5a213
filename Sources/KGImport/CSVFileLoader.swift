import Foundation
import KGCore

/// Loads the records of one CSV file into a graph. Works on the file's raw bytes; strings are
/// made only for values that are stored. Problems are collected as Diagnostics (the caller
/// stops when it has enough), so one run reports many bad rows at once.
struct CSVFileLoader {
    let path: String
    let bytes: UnsafeBufferPointer<UInt8>
    var diagnostics: [Diagnostic] = []
    let maxDiagnostics: Int
    /// A reusable buffer for fields with doubled quotes.
    private var scratch: [UInt8] = []

    init(path: String, bytes: UnsafeBufferPointer<UInt8>, maxDiagnostics: Int) {
        self.path = path
        self.bytes = bytes
        self.maxDiagnostics = maxDiagnostics
    }

    var isFull: Bool { diagnostics.count >= maxDiagnostics }

    // MARK: - Header

    /// Reads and classifies the header line. Nil (with diagnostics) when it is unusable.
    mutating func readHeader(_ reader: inout CSVReader) -> CSVHeader? {
        var fields: [CSVField] = []
        do {
            guard try reader.nextRecord(into: &fields), !(fields.count == 1 && fields[0].isEmpty && !fields[0].quoted) else {
                report("empty file: expected a header line",
                       help: "node files start with a header such as 'id:ID,:LABEL,name', relationship files with ':START_ID,:END_ID,:TYPE'",
                       line: 1, lineStart: 0, offset: 0)
                return nil
            }
        } catch {
            report(error)
            return nil
        }
        var texts: [String] = []
        for f in fields {
            guard let t = text(f) else { return nil }
            texts.append(t.trimmingASCIISpaces())
        }
        switch CSVHeader.parse(texts) {
        case .success(let header): return header
        case .failure(let problems):
            for p in problems.list {
                let f = p.column < fields.count ? fields[p.column] : fields[fields.count - 1]
                let offset = p.column < fields.count ? f.offset : f.end
                report(p.message, help: p.help, line: f.line, lineStart: f.lineStart, offset: offset)
            }
            return nil
        }
    }

    // MARK: - Nodes

    /// Loads nodes; `ids` learns each node's id bytes for fast relationship resolution.
    mutating func loadNodes(_ header: CSVHeader, _ reader: inout CSVReader, into graph: inout Graph, ids: inout ByteKeyTable) {
        guard let idColumn = header.idColumn else { return }
        var fields: [CSVField] = []
        fields.reserveCapacity(header.columns.count)
        while !isFull {
            do { guard try reader.nextRecord(into: &fields) else { return } } catch { report(error); return }
            if isBlank(fields) { continue }
            guard checkWidth(fields, header) else { continue }
            let idField = fields[idColumn]
            guard !idField.isEmpty, let id = text(idField) else {
                if idField.isEmpty { report("empty node id", help: "every node needs an id in the :ID column", at: idField) }
                continue
            }
            var labels: [String] = []
            var properties: [String: Value] = [:]
            var names: [LocalizedName] = []
            var citations: [Citation] = []
            guard readRow(fields, header, labels: &labels, properties: &properties, names: &names, citations: &citations) else { continue }
            if case .id(let property?, _) = header.columns[idColumn] { properties[property] = .string(id) }
            let location = SourceLocation(file: path, line: fields[0].line, column: 1)
            do {
                let handle = try graph.addNode(Node(id: id, labels: labels, properties: properties, names: names,
                                                    citations: citations, location: location))
                var key = id
                _ = key.withUTF8 { ids.insert($0, handle) }
            } catch {
                report(error.message, help: error.help, at: idField)
            }
        }
    }

    // MARK: - Relationships

    /// Loads relationships; `ordinal` numbers them across files for derived ids (`rel:N`).
    mutating func loadRelationships(_ header: CSVHeader, _ reader: inout CSVReader, into graph: inout Graph,
                                    ids: ByteKeyTable, ordinal: inout Int) {
        guard let startColumn = header.startColumn, let endColumn = header.endColumn, let typeColumn = header.typeColumn else { return }
        var fields: [CSVField] = []
        fields.reserveCapacity(header.columns.count)
        var lastType = ""
        var lastTypeBytes: [UInt8] = []
        let needsRow = header.columns.count > 3 || header.relationshipIDColumn != nil
        var labels: [String] = []
        while !isFull {
            do { guard try reader.nextRecord(into: &fields) else { return } } catch { report(error); return }
            if isBlank(fields) { continue }
            guard checkWidth(fields, header) else { continue }
            ordinal += 1
            guard let from = endpoint(fields[startColumn], ":START_ID", graph, ids),
                  let to = endpoint(fields[endColumn], ":END_ID", graph, ids) else { continue }
            let typeField = fields[typeColumn]
            if typeField.isEmpty {
                report("empty relationship type", help: "every relationship needs a type in the :TYPE column, such as REQUIRES", at: typeField)
                continue
            }
            // Files usually hold one type: reuse its string instead of decoding it per row.
            if !equalBytes(typeField, lastTypeBytes) {
                guard let t = text(typeField) else { continue }
                lastType = t
                lastTypeBytes = Array(bytes[typeField.start..<typeField.end])
            }
            var properties: [String: Value] = [:]
            var names: [LocalizedName] = []
            var citations: [Citation] = []
            if needsRow {
                guard readRow(fields, header, labels: &labels, properties: &properties, names: &names, citations: &citations) else { continue }
            }
            var id: String
            if let idColumn = header.idColumn {
                guard let given = text(fields[idColumn]), !given.isEmpty else {
                    report("empty relationship id", help: "every row needs an id in the :ID column, or leave the column out", at: fields[idColumn])
                    continue
                }
                id = given
                if case .id(let property?, _) = header.columns[idColumn] { properties[property] = .string(given) }
            } else if let idColumn = header.relationshipIDColumn, let given = properties.removeValue(forKey: "id") {
                guard case .string(let s) = given else {
                    report("a relationship id must be a string", at: fields[idColumn]); continue
                }
                id = s
            } else {
                id = "rel:"
                id += String(ordinal)
            }
            let location = SourceLocation(file: path, line: fields[0].line, column: 1)
            do {
                try graph.addEdge(Edge(id: id, type: lastType, from: from, to: to, properties: properties,
                                       citations: citations, location: location))
            } catch {
                report(error.message, help: error.help, at: fields[0])
            }
        }
    }

    private mutating func endpoint(_ field: CSVField, _ column: String, _ graph: Graph, _ ids: ByteKeyTable) -> Int? {
        // Fast path: the raw bytes as the node file wrote them.
        if !field.hasEscapedQuotes, let handle = ids.value(for: UnsafeBufferPointer(rebasing: bytes[field.start..<field.end])) {
            return handle
        }
        guard !field.isEmpty else {
            report("empty \(column)", help: "give the id of a node declared in a node file", at: field)
            return nil
        }
        guard let id = text(field) else { return nil }
        guard let handle = graph.node(id: id) else {
            report("unknown node id '\(id)' in \(column)", help: "no node file of this folder declares it", at: field)
            return nil
        }
        return handle
    }

    // MARK: - Rows

    /// Converts the property, label, name and citation fields of one row. False when a field is malformed.
    private mutating func readRow(_ fields: [CSVField], _ header: CSVHeader, labels: inout [String],
                                  properties: inout [String: Value], names: inout [LocalizedName],
                                  citations: inout [Citation]) -> Bool {
        labels.removeAll(keepingCapacity: true)
        var ok = true
        var cite: [CitationField: [Value]] = [:]
        var citeField: CSVField?
        for (i, column) in header.columns.enumerated() {
            let f = fields[i]
            switch column {
            case .id, .startID, .endID, .type, .ignore: continue
            case .label:
                guard !f.isEmpty, let all = text(f) else { continue }
                for part in all.split(separator: ";") {
                    let label = part.trimmingASCIISpaces()
                    if !label.isEmpty && !labels.contains(label) { labels.append(label) }
                }
            case .property(let name, let type, let isArray):
                if f.isEmpty && !f.quoted { continue }
                guard let v = value(f, type: type, isArray: isArray, column: name) else { ok = false; continue }
                properties[name] = v
            case .localizedName(let language):
                if f.isEmpty { continue }
                guard let t = text(f) else { ok = false; continue }
                names.append(LocalizedName(language: language, text: t))
            case .citationsJSON:
                if f.isEmpty { continue }
                guard let json = text(f) else { ok = false; continue }
                guard let parsed = Self.citations(json: json) else {
                    report("expected a JSON array of citations such as [{\"document\": \"doc:x\", \"line\": 3, \"quote\": \"…\"}]",
                           help: "each citation needs document, line and quote; gloss, via and columns [a, b] are optional", at: f)
                    ok = false
                    continue
                }
                citations += parsed
            case .citation(let field, let isArray):
                if f.isEmpty && !f.quoted { continue }
                guard let v = value(f, type: field.valueType, isArray: isArray, column: field.rawValue) else { ok = false; continue }
                if case .list(let items) = v { cite[field] = items } else { cite[field] = [v] }
                if citeField == nil { citeField = f }
            }
        }
        if header.hasCitations, !cite.isEmpty, let at = citeField {
            guard let built = buildCitations(cite, at: at) else { return false }
            citations += built
        }
        return ok
    }

    /// Parses a `citations` column: `[{"document", "line", "quote", "gloss"?, "via"?, "columns"?: [a, b]}]`.
    static func citations(json: String) -> [Citation]? {
        guard let array = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else { return nil }
        var out: [Citation] = []
        for item in array {
            guard let object = item as? [String: Any], let document = object["document"] as? String,
                  let line = object["line"] as? Int, let quote = object["quote"] as? String else { return nil }
            var span: ClosedRange<Int>?
            if let columns = object["columns"] as? [Int], columns.count == 2, columns[0] <= columns[1] { span = columns[0]...columns[1] }
            out.append(Citation(document: document, line: line, span: span, quote: quote,
                                gloss: object["gloss"] as? String, via: object["via"] as? String))
        }
        return out
    }

    /// Zips the citation columns of one row into citations.
    private mutating func buildCitations(_ cite: [CitationField: [Value]], at field: CSVField) -> [Citation]? {
        let documents = cite[.document] ?? []
        guard !documents.isEmpty else {
            report("a citation column is filled but cite_document is empty",
                   help: "give the id of the Document node in cite_document, or leave all cite_* columns empty", at: field)
            return nil
        }
        for key in [CitationField.line, .quote] where (cite[key]?.count ?? 0) != documents.count {
            report("\(documents.count) citation(s) in cite_document but \(cite[key]?.count ?? 0) in \(key.rawValue)",
                   help: "a citation needs cite_document, cite_line:int and cite_quote; with array columns give each the same number of items", at: field)
            return nil
        }
        var out: [Citation] = []
        out.reserveCapacity(documents.count)
        for k in documents.indices {
            guard let document = documents[k].string, case .int(let line)? = cite[.line]?[k], let quote = cite[.quote]?[k].string else { return nil }
            let gloss = cite[.gloss].flatMap { k < $0.count ? $0[k].string : nil }
            let via = cite[.via].flatMap { k < $0.count ? $0[k].string : nil }
            out.append(Citation(document: document, line: line, quote: quote, gloss: gloss, via: via))
        }
        return out
    }

    /// Converts one field to a value of its column's type; reports and returns nil when malformed.
    private mutating func value(_ f: CSVField, type: CSVValueType, isArray: Bool, column: String) -> Value? {
        guard let raw = text(f) else { return nil }
        if isArray {
            if raw.isEmpty { return .list([]) }
            var items: [Value] = []
            for part in raw.split(separator: ";", omittingEmptySubsequences: false) {
                guard let v = scalar(String(part), type: type) else {
                    report("expected \(type.expectation) in array column '\(column):\(type.rawValue)[]', found '\(part)'",
                           help: "separate array items with ';'", at: f)
                    return nil
                }
                items.append(v)
            }
            return .list(items)
        }
        guard let v = scalar(raw, type: type) else {
            report("expected \(type.expectation) in column '\(column):\(type.rawValue)', found '\(raw)'",
                   help: "leave the field empty for no value", at: f)
            return nil
        }
        return v
    }

    private func scalar(_ text: String, type: CSVValueType) -> Value? {
        if type == .string { return .string(text) }
        let t = text.trimmingASCIISpaces()
        switch type {
        case .string: return .string(text)
        case .int: return Int(t).map(Value.int)
        case .float:
            guard !t.isEmpty, let d = Double(t) else { return nil }
            return .float(d)
        case .boolean:
            switch t.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .date: return KGDate(t).map(Value.date)
        case .time, .localtime, .datetime, .localdatetime, .duration:
            return (try? Temporal.parse(Temporal.Kind(rawValue: type.rawValue)!, t)).map(Value.temporal)
        }
    }

    // MARK: - Bytes to text

    /// The field's text, with doubled quotes collapsed; reports invalid UTF-8.
    mutating func text(_ f: CSVField) -> String? {
        let s: String?
        if !f.hasEscapedQuotes {
            s = String(validating: UnsafeBufferPointer(rebasing: bytes[f.start..<f.end]), as: UTF8.self)
        } else {
            scratch.removeAll(keepingCapacity: true)
            var i = f.start
            while i < f.end {
                let c = bytes[i]
                scratch.append(c)
                i += (c == UInt8(ascii: "\"") && i + 1 < f.end && bytes[i + 1] == c) ? 2 : 1
            }
            s = String(validating: scratch, as: UTF8.self)
        }
        if s == nil { report("invalid UTF-8 in this field", help: "save the file as UTF-8", at: f) }
        return s
    }

    private func equalBytes(_ f: CSVField, _ other: [UInt8]) -> Bool {
        guard f.end - f.start == other.count, !f.hasEscapedQuotes else { return false }
        var i = 0
        while i < other.count { if bytes[f.start + i] != other[i] { return false }; i += 1 }
        return true
    }

    private func isBlank(_ fields: [CSVField]) -> Bool {
        fields.count == 1 && fields[0].isEmpty && !fields[0].quoted
    }

    private mutating func checkWidth(_ fields: [CSVField], _ header: CSVHeader) -> Bool {
        let want = header.columns.count
        if fields.count == want { return true }
        if fields.count < want {
            let last = fields[fields.count - 1]
            report("expected \(want) fields as in the header, found \(fields.count)",
                   help: "add the missing fields (empty fields are allowed: 'a,,c'); quote fields that contain commas",
                   line: last.line, lineStart: last.lineStart, offset: last.end + (last.quoted ? 1 : 0))
        } else {
            report("expected \(want) fields as in the header, found \(fields.count)",
                   help: "quote fields that contain commas: \"a, b\"", at: fields[want])
        }
        return false
    }

    // MARK: - Diagnostics

    private mutating func report(_ error: CSVSyntaxError) {
        report(error.message, help: error.help, line: error.line, lineStart: error.lineStart, offset: error.offset)
    }

    private mutating func report(_ message: String, help: String? = nil, at f: CSVField) {
        report(message, help: help, line: f.line, lineStart: f.lineStart, offset: f.offset)
    }

    /// Records a diagnostic; the column counts characters (not bytes) from the start of the line.
    mutating func report(_ message: String, help: String? = nil, line: Int, lineStart: Int, offset: Int) {
        guard diagnostics.count < maxDiagnostics else { return }
        var column = 1
        var i = lineStart
        while i < offset && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        var lineEnd = lineStart
        while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") && bytes[lineEnd] != UInt8(ascii: "\r") { lineEnd += 1 }
        let lineText = String(decoding: UnsafeBufferPointer(rebasing: bytes[min(lineStart, bytes.count)..<lineEnd]), as: UTF8.self)
        diagnostics.append(Diagnostic(.error, message, at: SourceLocation(file: path, line: line, column: column),
                                      lineText: lineText, help: help))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}
