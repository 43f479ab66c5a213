import KGCore

/// What a citation check (the `kgq cite` matcher, given by the tool that opened the graph
/// folder) says about the quote of a `kgq.cite` call.
public enum CitationVerdict: Sendable, Equatable {
    /// The quote stands in the document: the citation as it is kept (the line found when none
    /// was given, the columns, the document's own words for a match after normalising), and
    /// how it matched (`exact`, `normalized`).
    case confirmed(Citation, match: String)
    /// The document's file is not there (or not readable): the citation is kept as given, with a warning.
    case unchecked(reason: String)
    /// The quote is not at the line (or not in the document): the statement fails.
    case rejected(message: String, help: String?)
}

/// Checks a citation against its document's text; nil in a session that has no documents.
public typealias CitationCheck = @Sendable (_ citation: Citation, _ graph: Graph) -> CitationVerdict

/// `CALL kgq.cite(x, 'doc:…', line, 'quote' [, {via: 'source:…', gloss: '…'}])`: gives the node
/// or relationship `x` a citation, as a `cite` line under its statement in a .kg file does.
///
/// A procedure rather than a new clause: openCypher's own way to extend the language, so the
/// statement still parses in any openCypher tool. It is answered around the parser (the query
/// language has no CALL clause): the calls must end the statement. Their arguments are
/// evaluated for each row of what comes before them (`CREATE …`, `MATCH … SET …`, `UNWIND …`),
/// and the citations are added before the statement commits — a quote that is not found fails
/// the whole statement and leaves the graph as it was. Alone in a statement, `x` is the id of a
/// node or relationship: `CALL kgq.cite('skill:empathy', 'doc:a', 3, 'empathy')`.
///
/// `line` may be null: the line the quote is found on is taken. Each citation added is a row
/// of the result: `element`, `document`, `line`, `quote`, `via`, `match`.
enum CiteProcedure {
    static let name = "kgq.cite"
    static let columns = ["element", "document", "line", "quote", "via", "match"]

    /// One `CALL kgq.cite(…)`: the text of each argument and where the call starts.
    struct Call {
        var arguments: [String]
        var line: Int
        var column: Int
    }

    /// The statement split into what runs before the calls and the calls; nil when the
    /// statement calls no `kgq.cite`.
    /// Whether `text` has "cite" in it, in any case (every call of kgq.cite does).
    static func mayCall(_ text: String) -> Bool {
        let word: [UInt8] = Array("cite".utf8)
        var matched = 0
        for b in text.utf8 {
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            matched = lower == word[matched] ? matched + 1 : (lower == word[0] ? 1 : 0)
            if matched == word.count { return true }
        }
        return false
    }

    static func split(_ text: String) throws(QueryError) -> (head: String, calls: [Call])? {
        // Most statements never name the procedure: a scan of the bytes spares them a second lexing.
        guard mayCall(text) else { return nil }
        let source = SourceText(text)
        guard let tokens = try? Lexer.tokenize(source) else { return nil }   // the parser reports lexical errors
        func isCall(_ i: Int) -> Bool {
            i + 4 < tokens.count && tokens[i].isKeyword("CALL") && tokens[i + 1].kind == .name
                && tokens[i + 1].text.lowercased() == "kgq" && tokens[i + 2].isSymbol(".")
                && tokens[i + 3].kind == .name && tokens[i + 3].text.lowercased() == "cite"
        }
        guard let first = tokens.indices.first(where: isCall) else { return nil }
        var calls: [Call] = []
        var i = first
        while i < tokens.count, tokens[i].kind != .end {
            if tokens[i].isSymbol(";") { i += 1; continue }
            guard isCall(i) else {
                throw usage("CALL kgq.cite(…) must end the statement; found '\(tokens[i].text)' after it",
                            at: tokens[i], help: "put RETURN, WITH and other clauses before the CALL, or in a statement of their own")
            }
            let start = tokens[i]
            guard tokens[i + 4].isSymbol("(") else {
                throw usage("expected '(' after kgq.cite", at: tokens[i + 4], help: signature)
            }
            i += 5
            var arguments: [String] = []
            var depth = 0, argumentStart = i
            while true {
                let t = tokens[i]
                if t.kind == .end { throw usage("the call of kgq.cite has no closing ')'", at: start, help: signature) }
                if t.isSymbol("(") || t.isSymbol("[") || t.isSymbol("{") { depth += 1 }
                if depth == 0 && (t.isSymbol(",") || t.isSymbol(")")) {
                    if i > argumentStart {
                        arguments.append(source.slice(tokens[argumentStart].offset, tokens[i - 1].endOffset))
                    } else if t.isSymbol(",") || !arguments.isEmpty {
                        throw usage("an argument of kgq.cite is missing", at: t, help: signature)
                    }
                    argumentStart = i + 1
                    if t.isSymbol(")") { break }
                } else if t.isSymbol(")") || t.isSymbol("]") || t.isSymbol("}") {
                    depth -= 1
                }
                i += 1
            }
            i += 1
            guard (4...5).contains(arguments.count) else {
                throw usage("kgq.cite takes 4 or 5 arguments, not \(arguments.count)", at: start, help: signature)
            }
            calls.append(Call(arguments: arguments, line: start.line, column: start.column))
        }
        return (source.slice(0, tokens[first].offset), calls)
    }

    static let signature = "write CALL kgq.cite(x, 'doc:ID', LINE, 'quote', {via: 'source:ID'}) after the clause that binds x"

    static func usage(_ message: String, at t: Token? = nil, help: String) -> QueryError {
        QueryError(type: .syntaxError, detail: .invalidProcedureCall, phase: .compileTime, message: message,
                   line: t?.line, column: t?.column, help: help)
    }

    /// The statement that evaluates the calls' arguments, one column per argument, per row of `head`.
    static func evaluation(head: String, calls: [Call]) -> String {
        let items = calls.enumerated().flatMap { c, call in
            call.arguments.enumerated().map { a, text in "\(text) AS `kgq.cite \(c) \(a)`" }
        }
        let trimmed = Procedures.trim(Substring(head), extra: ";")
        return (trimmed.isEmpty ? "" : trimmed + " ") + "RETURN " + items.joined(separator: ", ")
    }

    /// Adds the citations the evaluated rows ask for to `graph`; returns the result rows and
    /// the warnings (quotes not checked). Throws, and the caller rolls back, on the first bad one.
    static func apply(_ calls: [Call], rows: ResultSet, to graph: inout Graph, check: CitationCheck?)
        throws(QueryError) -> (rows: [[QueryValue]], warnings: [Diagnostic]) {
        var out: [[QueryValue]] = []
        var warnings: [Diagnostic] = []
        var column = 0
        var offsets: [Int] = []
        for call in calls { offsets.append(column); column += call.arguments.count }
        for row in rows.rows {
            for (c, call) in calls.enumerated() {
                let args = Array(row[offsets[c]..<(offsets[c] + call.arguments.count)])
                func fail(_ message: String, _ help: String? = nil, detail: QueryErrorDetail = .invalidArgument) -> QueryError {
                    QueryError(type: .procedureError, detail: detail, phase: .runtime, message: "kgq.cite: " + message,
                               line: call.line, column: call.column, help: help)
                }
                // The element.
                var node: Int?, edge: Int?
                switch args[0] {
                case .node(let h): node = h
                case .edge(let h): edge = h
                case .string(let id):
                    if let h = graph.node(id: id), graph.isAlive(node: h) { node = h }
                    else if let h = graph.edge(id: id), graph.isAlive(edge: h) { edge = h }
                    else {
                        let ids = graph.nodeHandles.prefix(20_000).map { graph.id(node: $0) }
                        throw fail("there is no node or relationship '\(id)'",
                                   Suggest.closest(to: id, among: ids).map { "did you mean '\($0)'?" }
                                       ?? "give a node or relationship, or the id of one", detail: .entityNotFound)
                    }
                default:
                    throw fail("the first argument must be a node, a relationship or an id, not \(ValueSemantics.typeName(args[0]))",
                               signature)
                }
                if let h = node, graph.labels(node: h).contains(Document.label) {
                    throw fail("'\(graph.id(node: h))' is a document, and documents are not cited",
                               "cite the node or relationship the document supports")
                }
                // The document.
                guard case .string(let documentID) = args[1] else {
                    throw fail("the document must be an id string such as 'doc:report', not \(ValueSemantics.typeName(args[1]))", signature)
                }
                guard let d = graph.node(id: documentID), graph.labels(node: d).contains(Document.label) else {
                    let ids = graph.documents.map(\.id)
                    throw fail("there is no document '\(documentID)'",
                               ids.isEmpty ? "register one first: kgq doc add FILE --graph DIR"
                                   : (Suggest.closest(to: documentID, among: ids).map { "did you mean '\($0)'? " } ?? "")
                                       + "documents: " + ids.prefix(8).joined(separator: ", "),
                               detail: .documentNotFound)
                }
                // The line (null: found), the quote, the options.
                var line = 0
                switch args[2] {
                case .null: break
                case .int(let n) where n >= 1: line = n
                default: throw fail("the line must be a whole number from 1 (or null to find it), not \(ValueSemantics.typeName(args[2]))", signature)
                }
                guard case .string(let quote) = args[3], quote.contains(where: { !$0.isWhitespace }) else {
                    throw fail("the quote must be a non-empty string", signature)
                }
                var via: String?, gloss: String?
                if args.count == 5 {
                    guard case .map(let options) = args[4] else {
                        throw fail("the options must be a map such as {via: 'source:bls', gloss: '…'}", signature)
                    }
                    for (key, value) in options {
                        switch (key, value) {
                        case (_, .null): continue
                        case ("via", .string(let s)): via = s
                        case ("gloss", .string(let s)): gloss = s
                        default:
                            throw fail("unknown option '\(key)' (or not a string)", "the options are via: 'source:ID' and gloss: 'English words'")
                        }
                    }
                }
                if let via, graph.node(id: via) == nil {
                    let sources = graph.nodes(labelled: "Source").map { graph.id(node: $0) }
                    throw fail("the via source '\(via)' is not a node of the graph",
                               Suggest.closest(to: via, among: sources).map { "did you mean '\($0)'?" } ?? "declare it first: CREATE (:Source {name: …})",
                               detail: .entityNotFound)
                }
                var citation = Citation(document: documentID, line: line, quote: quote, gloss: gloss, via: via)
                var match = "unchecked"
                switch check?(citation, graph) ?? .unchecked(reason: "no document files in this session") {
                case .confirmed(let c, let how):
                    citation = c
                    match = how
                case .unchecked(let reason):
                    guard line >= 1 else {
                        throw fail("the line is null and the quote cannot be looked for: \(reason)", "give the line number")
                    }
                    warnings.append(Diagnostic(.warning, "kgq.cite: the quote for \(documentID) line \(line) was not checked: \(reason)"))
                case .rejected(let message, let help):
                    throw fail(message, help, detail: .quoteNotFound)
                }
                if let h = node { graph.addCitation(node: h, citation) } else if let h = edge { graph.addCitation(edge: h, citation) }
                out.append([.string(node.map { graph.id(node: $0) } ?? graph.id(edge: edge!)), .string(citation.document),
                            .int(citation.line), .string(citation.quote), citation.via.map(QueryValue.string) ?? .null,
                            .string(match)])
            }
        }
        return (out, warnings)
    }
}
