import KGCore

/// The parsed form of one .kg file: its statements in order, with positions.
/// Both the loader (AST → Graph) and the canonical writer (AST → text) read it.
public struct KGFile: Sendable, Equatable {
    public var name: String
    public var statements: [Statement]
    /// Comments after the last statement.
    public var trailingComments: [String]

    public init(name: String, statements: [Statement], trailingComments: [String] = []) {
        self.name = name
        self.statements = statements
        self.trailingComments = trailingComments
    }
}

/// A `document`, `node` or `edge` statement with the `cite` lines that follow it.
public struct Statement: Sendable, Equatable {
    public enum Body: Sendable, Equatable {
        case document(id: String, properties: [PropertyEntry])
        case node(id: String, labels: [String], properties: [PropertyEntry])
        /// `id` is nil when the file gives none (the loader derives FROM-TYPE->TO).
        case edge(id: String?, from: String, type: String, to: String, properties: [PropertyEntry])
    }

    public var body: Body
    public var citations: [CiteEntry]
    /// Comments written on their own lines before the statement, kept by `kgq fmt` (a comment's
    /// text is what follows `#`).
    public var comments: [String]
    /// A comment on the line of the property block's `{`, after it.
    public var openComment: String?
    /// Comments on their own lines after the block's last property, before its `}`.
    public var blockEndComments: [String] = []
    /// A comment after the statement's last token (its `}`, its end id, its last label), on that line.
    public var lineComment: String?
    public var location: SourceLocation
    /// Where the statement's own id is written (for duplicate-id errors); nil for an edge
    /// without an explicit id.
    public var idLocation: SourceLocation?
    /// For an edge: where its `from` and `to` ids are written (for dangling-id errors).
    public var endLocations: (from: SourceLocation, to: SourceLocation)?
    /// The bytes of the file the statement was parsed from: from its keyword to the end of its
    /// last token (its `cite` lines and the comment ending its last line included; the comments
    /// above it not). `:save` rewrites just these bytes of an edited statement. Nil when built in code.
    public var textRange: Range<Int>?

    mutating func extendText(to end: Int) {
        if let r = textRange { textRange = r.lowerBound..<max(r.upperBound, end) }
    }

    public init(body: Body, citations: [CiteEntry] = [], comments: [String] = [], location: SourceLocation,
                idLocation: SourceLocation? = nil, endLocations: (from: SourceLocation, to: SourceLocation)? = nil) {
        self.body = body
        self.citations = citations
        self.comments = comments
        self.location = location
        self.idLocation = idLocation
        self.endLocations = endLocations
    }

    /// Positions are not part of a statement's meaning; comments are part of its text.
    public static func == (a: Statement, b: Statement) -> Bool {
        a.body == b.body && a.citations == b.citations && a.comments == b.comments && a.openComment == b.openComment
            && a.blockEndComments == b.blockEndComments && a.lineComment == b.lineComment
    }

    /// True when the statement's property block holds a comment (an edge's block is then
    /// written over several lines, as a node's is).
    public var blockHasComments: Bool {
        let props: [PropertyEntry]
        switch body {
        case .document(_, let p), .node(_, _, let p), .edge(_, _, _, _, let p): props = p
        }
        return openComment != nil || !blockEndComments.isEmpty || props.contains { !$0.comments.isEmpty || $0.trailingComment != nil }
    }
}

/// `key: value`, or `name@LANG: "text"` (language set).
public struct PropertyEntry: Sendable, Equatable {
    public var key: String
    public var language: String?
    public var value: Value
    public var location: SourceLocation
    /// Comments on their own lines just before the property (they move with it when `kgq fmt`
    /// sorts the properties).
    public var comments: [String] = []
    /// A comment after the property's value, on its line.
    public var trailingComment: String?

    public init(key: String, language: String? = nil, value: Value, location: SourceLocation,
                comments: [String] = [], trailingComment: String? = nil) {
        self.key = key
        self.language = language
        self.value = value
        self.location = location
        self.comments = comments
        self.trailingComment = trailingComment
    }

    public static func == (a: PropertyEntry, b: PropertyEntry) -> Bool {
        a.key == b.key && a.language == b.language && a.value == b.value && a.comments == b.comments
            && a.trailingComment == b.trailingComment
    }
}

/// `cite DOC line N [col A-B] "QUOTE" [gloss "…"] [via SOURCE]`.
public struct CiteEntry: Sendable, Equatable {
    public var citation: Citation
    /// Positions of the document id and the via id, for dangling-id errors.
    public var documentLocation: SourceLocation
    public var viaLocation: SourceLocation?
    /// Comments on their own lines just before the `cite` line.
    public var comments: [String] = []
    /// A comment after the `cite` line's last token, on that line.
    public var trailingComment: String?

    public init(citation: Citation, documentLocation: SourceLocation, viaLocation: SourceLocation? = nil,
                comments: [String] = [], trailingComment: String? = nil) {
        self.citation = citation
        self.documentLocation = documentLocation
        self.viaLocation = viaLocation
        self.comments = comments
        self.trailingComment = trailingComment
    }

    public static func == (a: CiteEntry, b: CiteEntry) -> Bool {
        a.citation == b.citation && a.citation.span == b.citation.span && a.comments == b.comments
            && a.trailingComment == b.trailingComment
    }
}
