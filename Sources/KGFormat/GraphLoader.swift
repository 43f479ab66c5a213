import Foundation
import KGCore

/// Loads a graph folder (`graphs/NAME/*.kg`) into a `Graph`.
///
/// Files are read in name order; ids resolve across all of them. Every problem found is
/// reported at once (up to a limit per file) as a `DiagnosticList`.
///
///     let graph = try GraphLoader.load(folder: "graphs/customer-service")
public enum GraphLoader {
    /// The .kg files of a folder, sorted by name. A missing folder is an error; an empty one is fine.
    public static func files(in folder: String) throws(DiagnosticList) -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir) else {
            throw DiagnosticList([Diagnostic(.error, "graph folder '\(folder)' does not exist",
                                             help: "pass --graph PATH with a folder of .kg files (e.g. graphs/customer-service)")])
        }
        guard isDir.boolValue else {
            throw DiagnosticList([Diagnostic(.error, "'\(folder)' is not a folder",
                                             help: "--graph takes a folder of .kg files, not a single file")])
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw DiagnosticList([Diagnostic(.error, "cannot read folder '\(folder)': \(error.localizedDescription)")])
        }
        return names.filter { $0.hasSuffix(".kg") && !$0.hasPrefix(".") }.sorted().map { path(folder, $0) }
    }

    /// Parses every .kg file of a folder.
    public static func parse(folder: String) throws(DiagnosticList) -> [KGFile] {
        var parsed: [KGFile] = []
        var errors: [Diagnostic] = []
        for file in try files(in: folder) {
            do { parsed.append(try parse(path: file)) } catch { errors += error.diagnostics }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return parsed
    }

    /// Parses one .kg file from disk.
    public static func parse(path: String) throws(DiagnosticList) -> KGFile {
        // A FIFO would block the read, a folder or a broken link fail it: say which, before reading.
        if let why = FileProblem.reason(path) {
            throw DiagnosticList([Diagnostic(.error, "cannot read file '\(path)': \(why)",
                                             help: "a graph folder's .kg files must be regular files (or links to them)")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticList([Diagnostic(.error, FileProblem.cannotRead(path))])
        }
        return try Parser.parse(file: path, bytes: [UInt8](data))
    }

    /// Loads a folder of .kg files.
    public static func load(folder: String) throws(DiagnosticList) -> Graph {
        try build(parse(folder: folder))
    }

    /// Loads in-memory files (name, text); used by tests and by importers of .kg text.
    public static func load(files: [(name: String, text: String)]) throws(DiagnosticList) -> Graph {
        var parsed: [KGFile] = []
        var errors: [Diagnostic] = []
        for f in files {
            do { parsed.append(try Parser.parse(file: f.name, text: f.text)) } catch { errors += error.diagnostics }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }
        var texts: [String: String] = [:]
        for f in files { texts[f.name] = f.text }
        return try build(parsed, texts: texts)
    }

    /// Builds the graph from parsed files: nodes first (so ids resolve across files), then edges,
    /// then every citation's document and `via` are checked.
    ///
    /// Errors found here (duplicates, dangling ids) get the text of their line for the caret,
    /// from `texts` (file name → text) or else from the file on disk.
    public static func build(_ files: [KGFile], texts: [String: String]? = nil) throws(DiagnosticList) -> Graph {
        do { return try buildGraph(files) } catch {
            throw withLineText(error, texts: texts)
        }
    }

    /// Fills in `lineText` of diagnostics that have a position but no line yet.
    static func withLineText(_ list: DiagnosticList, texts: [String: String]?) -> DiagnosticList {
        var lines: [String: [Substring]] = [:]
        var out = list
        for i in out.diagnostics.indices {
            guard out.diagnostics[i].lineText == nil, let loc = out.diagnostics[i].location else { continue }
            if lines[loc.file] == nil {
                let text: String? = texts.map { $0[loc.file] } ?? FileManager.default.contents(atPath: loc.file)
                    .map { String(decoding: $0, as: UTF8.self) }
                lines[loc.file] = text.map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
            }
            if let file = lines[loc.file], loc.line >= 1, loc.line <= file.count {
                var line = String(file[loc.line - 1])
                if line.hasSuffix("\r") { line.removeLast() }
                out.diagnostics[i].lineText = line
            }
        }
        return out
    }

    /// What is wrong with a document's `date` / `date_basis`, for the message.
    static func describeDate(_ p: [String: Value]) -> String {
        let basis = p["date_basis"]
        if let b = basis, !(b.string.map(DocumentDate.bases.contains) ?? false) {
            return "date_basis must be \"published\" or \"retrieved\", found \(b)"
        }
        switch p["date"] {
        case nil: return "date_basis without a date"
        case .string(let s)? where s == DocumentDate.unknownWord: return "date_basis with an unknown date"
        case let v?: return "date must be a date such as date(\"2017-05\") or \"unknown\", found \(v)"
        }
    }

    private static func buildGraph(_ files: [KGFile]) throws(DiagnosticList) -> Graph {
        var graph = Graph()
        var errors: [Diagnostic] = []
        var edgeCount = 0
        for f in files { for s in f.statements { if case .edge = s.body { edgeCount += 1 } } }
        graph.reserveCapacity(nodes: files.reduce(0) { $0 + $1.statements.count } - edgeCount, edges: edgeCount)

        for f in files {
            for s in f.statements {
                switch s.body {
                case .document(let id, let props):
                    var node = makeNode(id: id, labels: [Document.label], props, s)
                    for key in ["file", "sha256", "language", "title", "kind"] where node.properties[key] == nil {
                        errors.append(Diagnostic(.error, "document '\(id)' has no '\(key)'", at: s.location,
                                                 help: "documents need file, sha256, language, title and kind"))
                    }
                    if DocumentDate(properties: node.properties) == nil {
                        let at = props.first { $0.key == "date" || $0.key == "date_basis" }?.location ?? s.location
                        errors.append(Diagnostic(.error, "document '\(id)' has a malformed date: \(GraphLoader.describeDate(node.properties))", at: at,
                                                 help: "write `date: date(\"2017-05\")` (with `date_basis: \"published\"` or `\"retrieved\"`), or `date: \"unknown\"` when nobody knows"))
                    }
                    node.citations = []
                    add(node, s, to: &graph, errors: &errors)
                case .node(let id, let labels, let props):
                    add(makeNode(id: id, labels: labels, props, s), s, to: &graph, errors: &errors)
                case .edge:
                    break
                }
            }
        }
        for f in files {
            for s in f.statements {
                guard case .edge(let id, let from, let type, let to, let props) = s.body else { continue }
                let a = resolve(from, in: graph, at: s.endLocations?.from ?? s.location, errors: &errors)
                let b = resolve(to, in: graph, at: s.endLocations?.to ?? s.location, errors: &errors)
                guard let a, let b else { continue }
                let edgeID = id ?? "\(from)-\(type)->\(to)"
                var properties: [String: Value] = [:]
                for p in props { properties[p.key] = p.value }
                let edge = Edge(id: edgeID, type: type, from: a, to: b, properties: properties,
                                citations: s.citations.map(\.citation), location: s.location)
                do { try graph.addEdge(edge) } catch {
                    var e = error
                    if let at = s.idLocation { e.location = at }
                    if id == nil { e.help = (e.help.map { $0 + "; " } ?? "") + "give one of them an explicit id: 'edge e:some-id \(from) -[:\(type)]-> \(to)'" }
                    errors.append(e)
                }
            }
        }
        for f in files {
            for s in f.statements {
                for c in s.citations { check(c, in: graph, errors: &errors) }
            }
        }
        if !errors.isEmpty { throw DiagnosticList(errors) }
        return graph
    }

    private static func makeNode(id: String, labels: [String], _ props: [PropertyEntry], _ s: Statement) -> Node {
        var properties: [String: Value] = [:]
        var names: [LocalizedName] = []
        for p in props {
            if let lang = p.language, let text = p.value.string {
                names.append(LocalizedName(language: lang, text: text))
            } else {
                properties[p.key] = p.value
            }
        }
        return Node(id: id, labels: labels, properties: properties, names: names,
                    citations: s.citations.map(\.citation), location: s.location)
    }

    /// Adds a node; a duplicate id is reported where the second id is written.
    private static func add(_ node: Node, _ s: Statement, to graph: inout Graph, errors: inout [Diagnostic]) {
        do { try graph.addNode(node) } catch {
            var e = error
            if let at = s.idLocation { e.location = at }
            errors.append(e)
        }
    }

    private static func resolve(_ id: String, in graph: Graph, at loc: SourceLocation, errors: inout [Diagnostic]) -> Int? {
        if let i = graph.node(id: id) { return i }
        errors.append(Diagnostic(.error, "edge refers to '\(id)', which no file of the graph declares", at: loc,
                                 help: suggestion(for: id, in: graph) ?? "declare it with 'node \(id) :Label'"))
        return nil
    }

    private static func check(_ entry: CiteEntry, in graph: Graph, errors: inout [Diagnostic]) {
        let c = entry.citation
        if let i = graph.node(id: c.document) {
            if !graph.nodes[i].hasLabel(Document.label) {
                errors.append(Diagnostic(.error, "cite names '\(c.document)', which is not a document", at: entry.documentLocation,
                                         help: "cite a document declared with 'document \(c.document) { … }'"))
            }
        } else {
            errors.append(Diagnostic(.error, "cite names the unknown document '\(c.document)'", at: entry.documentLocation,
                                     help: suggestion(for: c.document, in: graph, label: Document.label)
                                        ?? "declare it with 'document \(c.document) { file: …, sha256: …, language: …, title: …, kind: … }'"))
        }
        if let via = c.via, graph.node(id: via) == nil {
            errors.append(Diagnostic(.error, "cite is attributed 'via' the unknown source '\(via)'", at: entry.viaLocation ?? entry.documentLocation,
                                     help: suggestion(for: via, in: graph) ?? "declare it with 'node \(via) :Source { name: … }'"))
        }
    }

    /// "did you mean …" for an unknown id. Bounded so huge graphs do not pay for a typo.
    private static func suggestion(for id: String, in graph: Graph, label: String? = nil) -> String? {
        let candidates = label.map { graph.nodes(labelled: $0) } ?? Array(graph.nodeHandles.prefix(20_000))
        return Suggest.closest(to: id, among: candidates.map { graph.nodes[$0].id }, maxDistance: max(2, id.count / 4))
            .map { "did you mean '\($0)'?" }
    }

    static func path(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
