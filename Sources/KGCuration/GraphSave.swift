import Foundation
import KGCore
import KGFormat

/// What saving a session's edits would write: the new text of each file that changes, and
/// each statement added, changed or removed. Nothing is written until `GraphSave.apply`.
public struct SavePlan: Sendable {
    /// One file to write.
    public struct FileChange: Sendable {
        /// Path of the file (in the graph folder).
        public var path: String
        public var text: String
        /// The file does not exist yet.
        public var isNew: Bool
        public var insertions: Int
        public var deletions: Int
    }

    /// One statement, as the summary lists it.
    public struct StatementChange: Sendable, Equatable {
        public enum Kind: String, Sendable { case added = "+", changed = "~", removed = "-" }
        public var kind: Kind
        /// File name, in the graph folder.
        public var file: String
        /// `node skill:empathy :Skill`, `edge a -[:T]-> b`, with what changed for a changed one.
        public var description: String
    }

    public var folder: String
    public var files: [FileChange]
    public var statements: [StatementChange]
    /// Ids the new nodes got (the session's id → the saved one).
    public var newIDs: [(session: String, saved: String)]

    /// Nothing to write.
    public var isEmpty: Bool { files.isEmpty }

    /// Like `git diff --stat`, then the statements: `+` added, `~` changed, `-` removed.
    public var summary: String {
        guard !isEmpty else { return "nothing to save: the session changed nothing in \(folder)\n" }
        let names = files.map { ($0.path as NSString).lastPathComponent + ($0.isNew ? " (new)" : "") }
        let width = names.map(\.count).max() ?? 0
        let counts = files.map { String($0.insertions + $0.deletions) }
        let countWidth = counts.map(\.count).max() ?? 0
        var out = ""
        for (i, f) in files.enumerated() {
            let total = f.insertions + f.deletions
            let scale = total > 40 ? 40.0 / Double(total) : 1
            let plus = Int((Double(f.insertions) * scale).rounded(.up)), minus = Int((Double(f.deletions) * scale).rounded(.up))
            out += " " + names[i].padding(toLength: width, withPad: " ", startingAt: 0) + " | "
                + String(repeating: " ", count: countWidth - counts[i].count) + counts[i] + " "
                + String(repeating: "+", count: plus) + String(repeating: "-", count: minus) + "\n"
        }
        let ins = files.reduce(0) { $0 + $1.insertions }, del = files.reduce(0) { $0 + $1.deletions }
        out += " \(files.count) file\(files.count == 1 ? "" : "s") changed, \(ins) insertion\(ins == 1 ? "" : "s")(+), "
            + "\(del) deletion\(del == 1 ? "" : "s")(-)\n"
        for s in statements { out += "\(s.kind.rawValue) \(s.file): \(s.description)\n" }
        return out
    }
}

/// Writes a session's edits back into its graph folder as .kg text, the way a person would
/// have: a changed statement is rewritten in place in the file that declares it (through
/// `kgq fmt`'s writer; its comments kept), a removed one is cut out, a new one is appended to
/// the file that already declares most statements of its label (relationships: of its type;
/// documents: the file of most documents), else to `statements.kg` when the folder has one (as
/// `kgq init` makes it), else to a new `new.kg`. Every other byte of every file stays as it was. New nodes get readable ids
/// from their label and name (`skill:empathy`, on a clash `skill:empathy-2`; without a name
/// `figure:1`). All files are written or none, and not over a folder that changed on disk
/// since it was loaded unless forced.
public enum GraphSave {
    /// The file new statements go to when no file declares their label or type.
    public static let newStatementsFile = "new.kg"

    /// Works out what saving `current` (the session's graph) over the folder of `point` writes.
    /// Throws when the folder changed on disk (unless `force`), when an edit cannot be written
    /// as .kg, or when the files would not load back; nothing is written then.
    public static func plan(_ point: SavePoint, current: Graph, force: Bool) throws(DiagnosticList) -> SavePlan {
        let folder = point.folder
        do throws(Diagnostic) {
            let changed = try point.changesOnDisk()
            if !changed.isEmpty && !force {
                throw Diagnostic(.error, "the graph folder '\(folder)' changed on disk since it was loaded ("
                                 + changed.joined(separator: ", ") + "); nothing was saved, so those changes are not overwritten",
                                 help: "load it again and redo the edits, or save with --force (:save --force) to write the edits into the files as they are now")
            }
        } catch {
            throw DiagnosticList([error])
        }

        // The files as they are now: edits are placed by id in what is on disk.
        var sources: [(path: String, bytes: [UInt8], file: KGFile)] = []
        var problems: [Diagnostic] = []
        for path in try GraphLoader.files(in: folder) {
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append(Diagnostic(.error, FileProblem.cannotRead(path)))
                continue
            }
            let bytes = [UInt8](data)
            do { sources.append((path, bytes, try Parser.parse(file: path, bytes: bytes))) } catch { problems += error.diagnostics }
        }
        if !problems.isEmpty { throw DiagnosticList(problems) }

        var builder = Builder(folder: folder, current: current, sources: sources)
        do { try builder.build(GraphChanges(from: point.graph, to: current)) } catch { throw DiagnosticList([error]) }
        let plan = builder.plan()

        // The new texts must load with the rest of the folder, or nothing is written.
        var check: [KGFile] = []
        var texts: [String: String] = [:]
        for s in sources where !plan.files.contains(where: { $0.path == s.path }) { check.append(s.file) }
        for f in plan.files {
            texts[f.path] = f.text
            do { check.append(try Parser.parse(file: f.path, text: f.text)) } catch { problems += error.diagnostics }
        }
        if problems.isEmpty {
            do { _ = try GraphLoader.build(check.sorted { $0.name < $1.name }, texts: texts) } catch { problems += error.diagnostics }
        }
        if !problems.isEmpty {
            throw DiagnosticList([Diagnostic(.error, "the edits would not load back from \(folder); nothing was saved",
                                             help: "fix what the errors below name (e.g. SET a label on a new node), then save again")] + problems)
        }
        return plan
    }

    /// Writes the plan's files, all or none.
    public static func apply(_ plan: SavePlan) throws(Diagnostic) {
        try FileSetWrite.write(plan.files.map { (path: $0.path, bytes: Array($0.text.utf8)) })
    }

    /// A test's way in: the rename of file `failBeforeRename` fails.
    static func apply(_ plan: SavePlan, failBeforeRename: Int?) throws(Diagnostic) {
        try FileSetWrite.write(plan.files.map { (path: $0.path, bytes: Array($0.text.utf8)) }, failBeforeRename: failBeforeRename)
    }

    /// A readable id for a new node: `label:name` as a slug, unique among `taken`.
    static func readableID(for node: Node, taken: Set<String>) -> String {
        let prefix = labelSlug(node.labels.first ?? "node")
        let name = node.properties["name"]?.string ?? node.names.first?.text ?? node.properties["title"]?.string
        if let name, case let slug = DocumentRegistrar.slug(name), !slug.isEmpty {
            return DocumentRegistrar.unique(prefix + ":" + slug, avoiding: taken)
        }
        var n = 1
        while taken.contains("\(prefix):\(n)") { n += 1 }
        return "\(prefix):\(n)"
    }

    /// "Skill" → "skill", "JobTitle" → "job-title".
    static func labelSlug(_ label: String) -> String {
        var spaced = ""
        var previousLower = false
        for ch in label {
            if ch.isUppercase && previousLower { spaced.append(" ") }
            previousLower = ch.isLowercase || ch.isNumber
            spaced.append(ch)
        }
        let slug = DocumentRegistrar.slug(spaced)
        return slug.isEmpty ? "node" : slug
    }

    /// An id the session made up for a new element (`_n12`, `_e40`), which is not kept.
    static func isSessionID(_ id: String) -> Bool {
        id.count > 2 && (id.hasPrefix("_n") || id.hasPrefix("_e")) && id.dropFirst(2).allSatisfy(\.isNumber)
    }
}

/// Turns the changes into edits of the files' bytes.
private struct Builder {
    let folder: String
    let current: Graph
    var sources: [(path: String, bytes: [UInt8], file: KGFile)]
    /// Byte-range replacements per file index.
    var edits: [Int: [(range: Range<Int>, replacement: [UInt8])]] = [:]
    /// Statements appended, per file path (existing or new).
    var appended: [String: [String]] = [:]
    var statements: [SavePlan.StatementChange] = []
    var newIDs: [(session: String, saved: String)] = []
    /// Session id → saved id of new nodes.
    var renamed: [String: String] = [:]
    /// Where each statement of the files is: node/document ids and edge ids.
    var nodeAt: [String: (file: Int, statement: Int)] = [:]
    var edgeAt: [String: (file: Int, statement: Int)] = [:]

    init(folder: String, current: Graph, sources: [(path: String, bytes: [UInt8], file: KGFile)]) {
        self.folder = folder
        self.current = current
        self.sources = sources
        for (f, source) in sources.enumerated() {
            for (i, s) in source.file.statements.enumerated() {
                switch s.body {
                case .document(let id, _), .node(let id, _, _): nodeAt[id] = (f, i)
                case .edge(let id, let from, let type, let to, _): edgeAt[id ?? "\(from)-\(type)->\(to)"] = (f, i)
                }
            }
        }
    }

    func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    mutating func build(_ changes: GraphChanges) throws(Diagnostic) {
        let nodes = current.nodes, edges = current.edges
        // New nodes' ids first: relationships and citations may name them.
        var taken = Set(current.nodeHandles.map { current.id(node: $0) }).union(nodeAt.keys)
        for h in changes.addedNodes where GraphSave.isSessionID(current.id(node: h)) {
            let id = GraphSave.readableID(for: nodes[h], taken: taken)
            taken.insert(id)
            renamed[current.id(node: h)] = id
            newIDs.append((current.id(node: h), id))
        }
        for id in changes.removedNodes {
            guard let at = nodeAt[id] else { continue }   // already gone from the files (a forced save)
            remove(at, describe(sources[at.file].file.statements[at.statement]))
        }
        for id in changes.removedEdges {
            guard let at = edgeAt[id] else { continue }
            remove(at, describe(sources[at.file].file.statements[at.statement]))
        }
        for h in changes.changedNodes {
            let node = renamedNode(nodes[h])
            guard let at = nodeAt[node.id] else { try append(node: node); continue }
            let old = sources[at.file].file.statements[at.statement]
            let fresh = try GraphWriter.statement(node: node, document: isDocument(node))
            let merged = merge(old, fresh)
            replace(at, with: merged, note: difference(old, merged))
        }
        for h in changes.changedEdges {
            let edge = renamedEdge(edges[h])
            guard let at = edgeAt[edge.id] else { try append(edge: edge); continue }
            let old = sources[at.file].file.statements[at.statement]
            let fresh = try GraphWriter.statement(edge: edge, from: ends(edge).from, to: ends(edge).to)
            var merged = merge(old, fresh)
            if case .edge(_, let f, let t, let to, let p) = merged.body, case .edge(let id, _, _, _, _) = old.body {
                merged.body = .edge(id: id, from: f, type: t, to: to, properties: p)   // the id as written
            }
            replace(at, with: merged, note: difference(old, merged))
        }
        for h in changes.addedNodes { try append(node: renamedNode(nodes[h])) }
        var edgeIDs = Set(current.edgeHandles.map { current.id(edge: $0) })
        for h in changes.addedEdges {
            var edge = renamedEdge(edges[h])
            if GraphSave.isSessionID(edge.id) {
                let (from, to) = ends(edge)
                let derived = "\(from)-\(edge.type)->\(to)"
                if !edgeIDs.contains(derived) && edgeAt[derived] == nil {
                    edge.id = derived
                } else {
                    edge.id = DocumentRegistrar.unique(GraphSave.labelSlug(edge.type) + ":" + DocumentRegistrar.slug(from + " " + to),
                                                       avoiding: edgeIDs.union(edgeAt.keys))
                }
                edgeIDs.insert(edge.id)
            }
            try append(edge: edge)
        }
    }

    func isDocument(_ n: Node) -> Bool { n.labels == [Document.label] }

    func renamedNode(_ n: Node) -> Node {
        var node = n
        node.id = renamed[n.id] ?? n.id
        node.citations = n.citations.map(renamedCitation)
        return node
    }

    func renamedEdge(_ e: Edge) -> Edge {
        var edge = e
        edge.citations = e.citations.map(renamedCitation)
        return edge
    }

    func renamedCitation(_ c: Citation) -> Citation {
        var out = c
        out.document = renamed[c.document] ?? c.document
        out.via = c.via.map { renamed[$0] ?? $0 }
        return out
    }

    func ends(_ e: Edge) -> (from: String, to: String) {
        let from = current.id(node: e.from), to = current.id(node: e.to)
        return (renamed[from] ?? from, renamed[to] ?? to)
    }

    // MARK: - Statements

    /// `fresh` (written from the graph) with what `old` (as written in the file) has that it may
    /// keep: the comments of its block, of properties whose value stayed and of cite lines that
    /// stayed.
    func merge(_ old: Statement, _ fresh: Statement) -> Statement {
        func entries(_ s: Statement) -> [PropertyEntry] {
            switch s.body { case .document(_, let p), .node(_, _, let p), .edge(_, _, _, _, let p): return p }
        }
        var unused = entries(old)
        var properties: [PropertyEntry] = []
        for e in entries(fresh) {
            if let i = unused.firstIndex(where: { $0.key == e.key && $0.language == e.language && $0.value == e.value })
                ?? unused.firstIndex(where: { $0.key == e.key && $0.language == e.language }) {
                var kept = unused.remove(at: i)
                kept.value = e.value
                properties.append(kept)
            } else {
                properties.append(e)
            }
        }
        var unusedCites = old.citations
        var cites: [CiteEntry] = []
        for c in fresh.citations {
            if let i = unusedCites.firstIndex(where: { $0.citation == c.citation && $0.citation.span == c.citation.span }) {
                cites.append(unusedCites.remove(at: i))
            } else {
                cites.append(c)
            }
        }
        var merged = old
        switch fresh.body {
        case .document(let id, _): merged.body = .document(id: id, properties: properties)
        case .node(let id, let labels, _): merged.body = .node(id: id, labels: labels, properties: properties)
        case .edge(let id, let from, let type, let to, _): merged.body = .edge(id: id, from: from, type: type, to: to, properties: properties)
        }
        merged.citations = cites
        merged.comments = []
        return merged
    }

    /// What changed, in words: "properties wage, level; labels; 1 citation added".
    func difference(_ old: Statement, _ new: Statement) -> String {
        func props(_ s: Statement) -> [String: [Value]] {
            var out: [String: [Value]] = [:]
            switch s.body {
            case .document(_, let p), .node(_, _, let p), .edge(_, _, _, _, let p):
                for e in p { out[e.key + (e.language.map { "@" + $0 } ?? ""), default: []].append(e.value) }
            }
            return out
        }
        var parts: [String] = []
        let a = props(old), b = props(new)
        let keys = Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
        if !keys.isEmpty { parts.append("propert\(keys.count == 1 ? "y" : "ies") " + keys.joined(separator: ", ")) }
        if case .node(_, let la, _) = old.body, case .node(_, let lb, _) = new.body, la != lb {
            parts.append("labels " + lb.map { ":" + $0 }.joined(separator: " "))
        }
        let added = new.citations.filter { c in !old.citations.contains { $0.citation == c.citation } }.count
        let removed = old.citations.filter { c in !new.citations.contains { $0.citation == c.citation } }.count
        if added > 0 { parts.append("\(added) citation\(added == 1 ? "" : "s") added") }
        if removed > 0 { parts.append("\(removed) citation\(removed == 1 ? "" : "s") removed") }
        return parts.joined(separator: "; ")
    }

    func describe(_ s: Statement) -> String {
        switch s.body {
        case .document(let id, _): return "document \(id)"
        case .node(let id, let labels, _): return "node \(id) " + labels.map { ":" + $0 }.joined(separator: " ")
        case .edge(let id, let from, let type, let to, _): return "edge " + (id.map { $0 + " " } ?? "") + "\(from) -[:\(type)]-> \(to)"
        }
    }

    /// The canonical text of one statement, without its comments and final newline.
    func text(_ s: Statement) -> String {
        var bare = s
        bare.comments = []
        return String(Writer.write(KGFile(name: "", statements: [bare])).dropLast())
    }

    mutating func replace(_ at: (file: Int, statement: Int), with s: Statement, note: String) {
        let old = sources[at.file].file.statements[at.statement]
        guard let range = old.textRange else { return }
        let replacement = Array(text(s).utf8)
        guard Array(sources[at.file].bytes[range]) != replacement else { return }
        edits[at.file, default: []].append((range, replacement))
        statements.append(.init(kind: .changed, file: name(sources[at.file].path), description: describe(s) + (note.isEmpty ? "" : " (\(note))")))
    }

    /// Cuts a statement out with its line(s); the comments above it stay. One blank line of
    /// those around it goes too, so statements stay one blank line apart.
    mutating func remove(_ at: (file: Int, statement: Int), _ what: String) {
        let s = sources[at.file].file.statements[at.statement]
        guard let r = s.textRange else { return }
        let bytes = sources[at.file].bytes
        let newline = UInt8(ascii: "\n")
        var start = r.lowerBound, end = r.upperBound
        while start > 0, bytes[start - 1] != newline { start -= 1 }
        while end < bytes.count, bytes[end] != newline { end += 1 }
        if end < bytes.count { end += 1 }
        let blankBefore = start == 0 || (start >= 2 && bytes[start - 1] == newline && bytes[start - 2] == newline)
        if blankBefore, end < bytes.count, bytes[end] == newline {
            end += 1
        } else if end == bytes.count, start >= 2, bytes[start - 1] == newline, bytes[start - 2] == newline {
            start -= 1
        }
        edits[at.file, default: []].append((start..<end, []))
        statements.append(.init(kind: .removed, file: name(sources[at.file].path), description: what))
    }

    /// The file a new statement goes to: the one declaring most statements like it, else new.kg.
    func target(where matches: (Statement) -> Bool) -> String {
        var best: (path: String, count: Int)?
        for s in sources {
            let n = s.file.statements.reduce(0) { $0 + (matches($1) ? 1 : 0) }
            if n > 0, n > (best?.count ?? 0) { best = (s.path, n) }
        }
        if let best { return best.path }
        // A folder made by `kgq init` has a statements file for them.
        if let initial = sources.first(where: { name($0.path) == GraphFolder.statementsFile }) { return initial.path }
        return (folder as NSString).appendingPathComponent(GraphSave.newStatementsFile)
    }

    mutating func append(node: Node) throws(Diagnostic) {
        let document = isDocument(node)
        let s = try GraphWriter.statement(node: node, document: document)
        let label = node.labels.first
        let path = target { st in
            switch st.body {
            case .document: return document
            case .node(_, let labels, _): return !document && label.map(labels.contains) ?? false
            case .edge: return false
            }
        }
        appended[path, default: []].append(text(s))
        statements.append(.init(kind: .added, file: name(path), description: describe(s)))
    }

    mutating func append(edge: Edge) throws(Diagnostic) {
        let (from, to) = ends(edge)
        let s = try GraphWriter.statement(edge: edge, from: from, to: to)
        var path = target { st in
            if case .edge(_, _, let type, _, _) = st.body { return type == edge.type }
            return false
        }
        if !sources.contains(where: { $0.path == path }) || name(path) == GraphFolder.statementsFile, let at = nodeAt[from] {
            path = sources[at.file].path   // beside the node it starts from
        }
        appended[path, default: []].append(text(s))
        statements.append(.init(kind: .added, file: name(path), description: describe(s)))
    }

    // MARK: - The plan

    func plan() -> SavePlan {
        var files: [SavePlan.FileChange] = []
        let paths = Set(edits.keys.map { sources[$0].path }).union(appended.filter { !$0.value.isEmpty }.keys)
        for path in paths.sorted() {
            let index = sources.firstIndex { $0.path == path }
            var bytes = index.map { sources[$0].bytes } ?? []
            var insertions = 0, deletions = 0
            for edit in (index.flatMap { edits[$0] } ?? []).sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                let counts = LineDiff.counts(Array(bytes[edit.range]), edit.replacement)
                insertions += counts.insertions
                deletions += counts.deletions
                bytes.replaceSubrange(edit.range, with: edit.replacement)
            }
            if let added = appended[path], !added.isEmpty {
                var tail = index == nil
                    ? "# Statements added by kgq (kgq query --write, :save in the shell); move them to other files at will.\n\n"
                    : ""
                if !bytes.isEmpty {
                    if bytes.last != UInt8(ascii: "\n") { tail = "\n" + tail }
                    if !(bytes.suffix(2) == [10, 10]) { tail = "\n" + tail }
                }
                tail += added.joined(separator: "\n\n") + "\n"
                insertions += LineDiff.lines(Array(tail.utf8)).count
                bytes += Array(tail.utf8)
            }
            files.append(.init(path: path, text: String(decoding: bytes, as: UTF8.self), isNew: index == nil,
                               insertions: insertions, deletions: deletions))
        }
        let order: [SavePlan.StatementChange.Kind: Int] = [.removed: 0, .changed: 1, .added: 2]
        let sorted = statements.enumerated().sorted {
            ($0.element.file, order[$0.element.kind]!, $0.offset) < ($1.element.file, order[$1.element.kind]!, $1.offset)
        }.map(\.element)
        return SavePlan(folder: folder, files: files, statements: sorted, newIDs: newIDs)
    }
}

/// Lines inserted and deleted between two texts (a longest common subsequence of lines), for
/// the `--stat`-like summary.
enum LineDiff {
    static func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !bytes.isEmpty else { return [] }
        var out = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if bytes.last == UInt8(ascii: "\n") { out.removeLast() }
        return out
    }

    static func counts(_ old: [UInt8], _ new: [UInt8]) -> (insertions: Int, deletions: Int) {
        let a = lines(old), b = lines(new)
        guard !a.isEmpty, !b.isEmpty else { return (b.count, a.count) }
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            var diagonal = 0
            for j in 1...b.count {
                let above = row[j]
                row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : max(row[j], row[j - 1])
                diagonal = above
            }
        }
        let common = row[b.count]
        return (b.count - common, a.count - common)
    }
}
