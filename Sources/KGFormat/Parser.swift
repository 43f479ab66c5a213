import KGCore

/// Recursive-descent parser of one .kg file. On an error it records a diagnostic and
/// skips to the next statement keyword, so one run reports many errors.
public struct Parser {
    static let keywords = ["document", "node", "edge", "cite"]
    static let maxErrors = 20

    private let source: SourceText
    /// Tokens come one at a time (a 70 MB graph would otherwise hold tens of millions at once).
    private var lexer: Lexer
    private var token: Token
    /// The first lexical error; the parse stops there and reports only it.
    private var lexicalError: Diagnostic?
    private var errors: [Diagnostic] = []
    /// Where the token before the current one ends (a comment on its line belongs to it).
    private var previousEnd = 0

    /// Parses `text` (already valid UTF-8) named `file`.
    public static func parse(file: String, text: String) throws(DiagnosticList) -> KGFile {
        try parse(file: file, bytes: Array(text.utf8))
    }

    /// Parses raw bytes; invalid UTF-8 is an error at the first bad byte.
    public static func parse(file: String, bytes: [UInt8]) throws(DiagnosticList) -> KGFile {
        let source = SourceText(name: file, bytes: bytes)
        if let bad = SourceText.firstInvalidUTF8(bytes) {
            throw DiagnosticList([source.diagnostic(
                "the file is not valid UTF-8 (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at offset \(bad))",
                at: bad, help: "save the file as UTF-8")])
        }
        var parser = Parser(source: source)
        let file = parser.parseFile()
        if let lexical = parser.lexicalError { throw DiagnosticList([lexical]) }
        if !parser.errors.isEmpty { throw DiagnosticList(parser.errors) }
        return file
    }

    private init(source: SourceText) {
        self.source = source
        self.lexer = Lexer(source)
        self.token = Token(kind: .end, start: 0, end: 0, spaceBefore: true)
        advance()
    }

    // MARK: - Token access

    /// Moves to the next token. After a lexical error every token is the end, so the parse
    /// winds down; `parse` then reports the lexical error alone.
    private mutating func advance() {
        guard lexicalError == nil else { return }
        previousEnd = token.end
        do { token = try lexer.next() } catch {
            lexicalError = error
            token = Token(kind: .end, start: source.bytes.count, end: source.bytes.count, spaceBefore: true)
        }
    }

    private func fail(_ message: String, at t: Token, help: String? = nil) -> Diagnostic {
        source.diagnostic(message, at: t.start, help: help)
    }

    private func expected(_ what: String, help: String? = nil) -> Diagnostic {
        // Running out of text mid-statement is most often a truncated file; say so.
        let help = help ?? (token.kind == .end ? "the file ends in the middle of a statement; is it truncated?" : nil)
        return fail("expected \(what), found \(token.describe)", at: token, help: help)
    }

    private func isPunct(_ c: Character) -> Bool { token.kind == .punct(c) }

    private mutating func expectPunct(_ c: Character, _ what: String? = nil, help: String? = nil) throws(Diagnostic) {
        guard isPunct(c) else { throw expected(what ?? "'\(c)'", help: help) }
        advance()
    }

    private mutating func skipComments(into comments: inout [String]) {
        while case .comment(let c) = token.kind { comments.append(c); advance() }
    }

    /// True when `t` is on the line where the previous token ends.
    private func onPreviousLine(_ t: Token) -> Bool {
        var k = previousEnd
        while k < t.start { if source.bytes[k] == 0x0A { return false }; k += 1 }
        return previousEnd > 0
    }

    /// What a `{ … }` property block holds: its properties and the comments that are not
    /// attached to one of them.
    private struct PropertyBlock {
        var entries: [PropertyEntry] = []
        var openComment: String?
        var endComments: [String] = []
    }

    static func temporalExample(_ kind: Temporal.Kind) -> String {
        switch kind {
        case .time: return "time(\"12:31:14+01:00\")"
        case .localtime: return "localtime(\"12:31:14\")"
        case .datetime: return "datetime(\"2015-07-21T21:40:32+01:00\")"
        case .localdatetime: return "localdatetime(\"2015-07-21T21:40:32\")"
        case .duration: return "duration(\"P1M2DT6M\")"
        }
    }

    /// Ids may hold ':' but labels, types, keys and language codes may not (byte test: `String.contains`
    /// goes through Foundation's string search, a hot spot when loading large files).
    static func hasColon(_ s: String) -> Bool { s.utf8.contains(0x3A) }

    private var word: String? { if case .word(let w) = token.kind { return w }; return nil }

    // MARK: - Statements

    private mutating func parseFile() -> KGFile {
        var statements: [Statement] = []
        var comments: [String] = []
        var lastWasCite = false
        while true {
            // A comment on the line of the previous statement's (or cite line's) end belongs to it.
            if case .comment(let c) = token.kind, comments.isEmpty, !statements.isEmpty, onPreviousLine(token) {
                let last = statements.count - 1
                if lastWasCite, !statements[last].citations.isEmpty {
                    statements[last].citations[statements[last].citations.count - 1].trailingComment = c
                } else {
                    statements[last].lineComment = c
                }
                advance()
                statements[last].extendText(to: previousEnd)
                continue
            }
            skipComments(into: &comments)
            if token.kind == .end { break }
            if errors.count >= Parser.maxErrors { break }
            do {
                if word == "cite" {
                    var cite = try parseCite()
                    if statements.isEmpty {
                        errors.append(source.diagnostic("'cite' has no statement before it to attach to", at: cite.start,
                                                        help: "write the cite line directly after the node or edge it supports"))
                    } else if case .document = statements[statements.count - 1].body {
                        errors.append(source.diagnostic("documents are not cited; 'cite' must follow a node or edge", at: cite.start,
                                                        help: "move the cite line under the node or edge it supports"))
                    } else {
                        cite.entry.comments = comments
                        comments = []
                        statements[statements.count - 1].citations.append(cite.entry)
                        statements[statements.count - 1].extendText(to: previousEnd)
                        lastWasCite = true
                    }
                    continue
                }
                let start = token.start
                var s = try parseStatement()
                s.textRange = start..<previousEnd
                s.comments = comments
                comments = []
                statements.append(s)
                lastWasCite = false
            } catch {
                lastWasCite = false
                errors.append(error)
                recover()
            }
        }
        return KGFile(name: source.name, statements: statements, trailingComments: comments)
    }

    /// Skips to the next token that starts a line with a statement keyword, or with a word
    /// close to one (a misspelt keyword is reported as such rather than swallowed).
    private mutating func recover() {
        advance()
        while token.kind != .end {
            if let w = word, startsLine(token),
               Parser.keywords.contains(w) || (!Parser.hasColon(w) && Suggest.closest(to: w, among: Parser.keywords) != nil) { return }
            advance()
        }
    }

    private func startsLine(_ t: Token) -> Bool {
        var i = t.start - 1
        while i >= 0, source.bytes[i] == 0x20 || source.bytes[i] == 0x09 { i -= 1 }
        return i < 0 || source.bytes[i] == 0x0A
    }

    private mutating func parseStatement() throws(Diagnostic) -> Statement {
        let start = token
        let location = source.location(of: start.start)
        guard let keyword = word else {
            throw expected("a statement (document, node, edge or cite)")
        }
        switch keyword {
        case "document":
            advance()
            let idLocation = source.location(of: token.start)
            let id = try parseID("a document id such as doc:careerbliss-2011")
            let block = isPunct("{") ? try parsePropertyBlock() : PropertyBlock()
            return Parser.statement(Statement(body: .document(id: id, properties: block.entries), location: location, idLocation: idLocation), block)
        case "node":
            advance()
            let idLocation = source.location(of: token.start)
            let id = try parseID("a node id such as role:customer-service-representative")
            var labels: [String] = []
            while isPunct(":") {
                advance()
                guard let l = word, !Parser.hasColon(l) else { throw expected("a label name after ':'") }
                labels.append(l)
                advance()
            }
            if labels.isEmpty {
                let help = id.split(separator: ":").count > 2
                    ? "put a space before the label: 'node \(id.split(separator: ":").dropLast().joined(separator: ":")) :\(id.split(separator: ":").last!)'"
                    : "every node needs at least one label, e.g. 'node \(id) :Role'"
                throw expected("a label such as ':Role' after the node id", help: help)
            }
            let block = isPunct("{") ? try parsePropertyBlock() : PropertyBlock()
            return Parser.statement(Statement(body: .node(id: id, labels: labels, properties: block.entries), location: location,
                                              idLocation: idLocation), block)
        case "edge":
            advance()
            let idAt = token.start
            var firstAt = idAt
            var first = try parseID("the start node id of the edge")
            var edgeID: String? = nil
            if word != nil {
                edgeID = first
                firstAt = token.start
                first = try parseID("the start node id of the edge")
            }
            // FROM -[:T {…}]-> TO   or   FROM <-[:T {…}]- TO  (then FROM is the end)
            var leftArrow = false
            if isPunct("<") {
                leftArrow = true
                advance()
                if isPunct("-"), token.spaceBefore {
                    throw fail("a space inside the arrow '<-[:TYPE]-'", at: token, help: "write the arrow without spaces: '<-[:TYPE]-'")
                }
            }
            try expectPunct("-", "an arrow '-[:TYPE]->' after '\(first)'", help: "write 'edge FROM -[:TYPE]-> TO' with spaces around the arrow")
            try expectPunct("[", "'[' in the arrow '-[:TYPE]->'")
            try expectPunct(":", "':' and a relationship type inside the arrow, as in -[:REQUIRES]->")
            guard let type = word, !Parser.hasColon(type) else { throw expected("a relationship type such as REQUIRES") }
            advance()
            let block = isPunct("{") ? try parsePropertyBlock() : PropertyBlock()
            let props = block.entries
            try expectPunct("]", "']' to close the arrow")
            try expectPunct("-", "'-' after ']' in the arrow")
            // `-[:T]- > b` would otherwise read as an arrow; the arrow is one word, without spaces.
            if isPunct(">"), token.spaceBefore {
                throw fail("a space inside the arrow '-[:\(type)]->'", at: token, help: "write the arrow without spaces: '-[:\(type)]->'")
            }
            if !leftArrow {
                try expectPunct(">", "'>' to finish the arrow '-[:\(type)]->'", help: "edges are directed; write '-[:\(type)]->' or '<-[:\(type)]-'")
            } else if isPunct(">") {
                throw fail("an arrow cannot point both ways", at: token, help: "write '-[:\(type)]->' or '<-[:\(type)]-'")
            }
            let secondAt = token.start
            let second = try parseID("the end node id of the edge")
            let (from, to) = leftArrow ? (second, first) : (first, second)
            let (a, b) = (source.location(of: firstAt), source.location(of: secondAt))
            return Parser.statement(Statement(body: .edge(id: edgeID, from: from, type: type, to: to, properties: props), location: location,
                                              idLocation: edgeID == nil ? nil : source.location(of: idAt),
                                              endLocations: leftArrow ? (from: b, to: a) : (from: a, to: b)), block)
        case "cite":
            throw expected("a statement")  // handled by parseFile
        default:
            let guess = Suggest.closest(to: keyword, among: Parser.keywords)
            throw fail("unknown keyword '\(keyword)'", at: start,
                       help: guess.map { "did you mean '\($0)'?" } ?? "statements start with document, node, edge or cite")
        }
    }

    /// `s` with the comments of its property block.
    private static func statement(_ s: Statement, _ block: PropertyBlock) -> Statement {
        var s = s
        s.openComment = block.openComment
        s.blockEndComments = block.endComments
        return s
    }

    private mutating func parseID(_ what: String) throws(Diagnostic) -> String {
        guard let w = word else { throw expected(what) }
        advance()
        return w
    }

    private mutating func parseCite() throws(Diagnostic) -> (entry: CiteEntry, start: Int) {
        let start = token.start
        advance()  // cite
        let docTok = token
        let document = try parseID("the document id after 'cite'")
        guard word == "line" else { throw expected("'line N' after the document id", help: "write: cite \(document) line 12 \"quote\"") }
        advance()
        guard case .integer(let line) = token.kind, line >= 1 else { throw expected("a line number (1 or more) after 'line'") }
        advance()
        var span: ClosedRange<Int>? = nil
        if word == "col" {
            advance()
            guard case .integer(let a) = token.kind, a >= 1 else { throw expected("a start column after 'col'") }
            advance()
            try expectPunct("-", "'-' between the columns, as in col 5-40")
            guard case .integer(let b) = token.kind, b >= a else { throw expected("an end column not before the start column") }
            advance()
            span = a...b
        }
        guard case .string(let quote) = token.kind else {
            throw expected("the quote as a string after the line number", help: "write: cite \(document) line \(line) \"verbatim words\"")
        }
        advance()
        var gloss: String? = nil, via: String? = nil
        var viaLocation: SourceLocation? = nil
        while let w = word, w == "gloss" || w == "via" {
            advance()
            if w == "gloss" {
                guard case .string(let g) = token.kind else { throw expected("an English gloss as a string after 'gloss'") }
                gloss = g
                advance()
            } else {
                viaLocation = source.location(of: token.start)
                via = try parseID("the id of the original source after 'via'")
            }
        }
        let citation = Citation(document: document, line: line, span: span, quote: quote, gloss: gloss, via: via,
                                location: source.location(of: start))
        return (CiteEntry(citation: citation, documentLocation: source.location(of: docTok.start), viaLocation: viaLocation), start)
    }

    // MARK: - Properties and values

    private mutating func parsePropertyBlock() throws(Diagnostic) -> PropertyBlock {
        let open = token
        advance()  // {
        var block = PropertyBlock()
        // Keys seen so far (a linear search per key made 80,000 properties take minutes).
        var seen = Set<String>()
        // Comments on their own lines, for the property that follows them (or the block's end).
        var pending: [String] = []
        while true {
            while case .comment(let c) = token.kind {
                // On the line of `{` or of a property's value: that line's comment; else the next property's.
                if pending.isEmpty, onPreviousLine(token) {
                    if block.entries.isEmpty { block.openComment = c } else { block.entries[block.entries.count - 1].trailingComment = c }
                } else {
                    pending.append(c)
                }
                advance()
            }
            if isPunct("}") { advance(); block.endComments = pending; return block }
            if token.kind == .end { throw fail("unclosed '{'", at: open, help: "close the property block with '}'") }
            if isPunct(",") { advance(); continue }
            let keyTok = token
            guard let key = word else { throw expected("a property name or '}'") }
            if Parser.hasColon(key) {
                throw fail("'\(key)' is not a property name", at: keyTok,
                           help: "write a space after the colon: '\(key.split(separator: ":", maxSplits: 1).joined(separator: ": "))'")
            }
            advance()
            var language: String? = nil
            if isPunct("@") {
                advance()
                guard let lang = word, !Parser.hasColon(lang) else { throw expected("a language code such as nl after '@'") }
                language = lang
                advance()
                if key != "name" {
                    throw fail("only 'name' takes a language ('name@\(lang)')", at: keyTok)
                }
            }
            try expectPunct(":", "':' after the property name '\(key)'")
            let value = try parseValue()
            if language != nil, value.string == nil {
                throw fail("a name in a language must be a string", at: keyTok)
            }
            if language == nil, !seen.insert(key).inserted {
                throw fail("property '\(key)' is given twice", at: keyTok, help: "keep one of them")
            }
            block.entries.append(PropertyEntry(key: key, language: language, value: value, location: source.location(of: keyTok.start),
                                               comments: pending))
            pending = []
        }
    }

    private mutating func parseValue(depth: Int = 0) throws(Diagnostic) -> Value {
        if depth > 64 { throw fail("values are nested too deeply (more than 64 levels)", at: token) }
        let t = token
        switch t.kind {
        case .string(let s): advance(); return .string(s)
        case .integer(let i): advance(); return .int(i)
        case .float(let d): advance(); return .float(d)
        case .word("true"): advance(); return .bool(true)
        case .word("false"): advance(); return .bool(false)
        case .word("null"): advance(); return .null
        case .word("date"):
            advance()
            try expectPunct("(", "'(' after date", help: "write date(\"2016-05\")")
            guard case .string(let text) = token.kind else { throw expected("a date string such as \"2016\", \"2016-05\" or \"2016-05-14\"") }
            guard let d = KGDate(text) else {
                throw fail("'\(text)' is not a valid date", at: token, help: "write \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\" with a real month and day")
            }
            advance()
            try expectPunct(")", "')' to close date(…)")
            return .date(d)
        case .word(let w) where Temporal.Kind(rawValue: w) != nil:
            let kind = Temporal.Kind(rawValue: w)!
            advance()
            try expectPunct("(", "'(' after \(w)", help: "write \(w)(\"…\")")
            guard case .string(let text) = token.kind else { throw expected("an ISO 8601 string in \(w)(…), such as \(Parser.temporalExample(kind))") }
            let value: Temporal
            do {
                value = try Temporal.parse(kind, text)
            } catch {
                throw fail("'\(text)' is not a valid \(w): \(error.message)", at: token, help: error.help ?? "write \(Parser.temporalExample(kind))")
            }
            advance()
            try expectPunct(")", "')' to close \(w)(…)")
            return .temporal(value)
        case .punct("["):
            advance()
            var items: [Value] = []
            while !isPunct("]") {
                if token.kind == .end { throw fail("unclosed '['", at: t, help: "close the list with ']'") }
                items.append(try parseValue(depth: depth + 1))
                if isPunct(",") { advance() } else if !isPunct("]") { throw expected("',' or ']' in the list") }
            }
            advance()
            return .list(items)
        case .punct("{"):
            advance()
            var map: [String: Value] = [:]
            while !isPunct("}") {
                if token.kind == .end { throw fail("unclosed '{'", at: t, help: "close the map with '}'") }
                guard let key = word, !Parser.hasColon(key) else { throw expected("a key in the map (write 'key: value')") }
                let keyTok = token
                advance()
                try expectPunct(":", "':' after the map key '\(key)'")
                let item = try parseValue(depth: depth + 1)
                if map.updateValue(item, forKey: key) != nil {
                    throw fail("key '\(key)' is given twice in the map", at: keyTok, help: "keep one of them")
                }
                if isPunct(",") { advance() } else if !isPunct("}") { throw expected("',' or '}' in the map") }
            }
            advance()
            return .map(map)
        case .word(let w):
            throw fail("expected a value, found '\(w)'", at: t,
                       help: "strings are written in double quotes: \"\(w)\"")
        default:
            throw expected("a value (a string, number, true, false, null, date(\"…\"), list or map)")
        }
    }
}
