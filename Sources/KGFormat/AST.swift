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
    /// Comments written before the statement (or inside it), kept by `kgq fmt`.
    public var comments: [String]
    public var location: SourceLocation
    /// Where the statement's own id is written (for duplicate-id errors); nil for an edge
    /// without an explicit id.
    public var idLocation: SourceLocation?
    /// For an edge: where its `from` and `to` ids are written (for dangling-id errors).
    public var endLocations: (from: SourceLocation, to: SourceLocation)?

    public init(body: Body, citations: [CiteEntry] = [], comments: [String] = [], location: SourceLocation,
                idLocation: SourceLocation? = nil, endLocations: (from: SourceLocation, to: SourceLocation)? = nil) {
        self.body = body
        self.citations = citations
        self.comments = comments
        self.location = location
        self.idLocation = idLocation
        self.endLocations = endLocations
    }

    /// Positions are not part of a statement's meaning.
    public static func == (a: Statement, b: Statement) -> Bool {
        a.body == b.body && a.citations == b.citations && a.comments == b.comments
    }
}

/// `key: value`, or `name@LANG: "text"` (language set).
public struct PropertyEntry: Sendable, Equatable {
    public var key: String
    public var language: String?
    public var value: Value
    public var location: SourceLocation

    public init(key: String, language: String? = nil, value: Value, location: SourceLocation) {
        self.key = key
        self.language = language
        self.value = value
        self.location = location
    }

    public static func == (a: PropertyEntry, b: PropertyEntry) -> Bool {
        a.key == b.key && a.language == b.language && a.value == b.value
    }
}

/// `cite DOC line N [col A-B] "QUOTE" [gloss "…"] [via SOURCE]`.
public struct CiteEntry: Sendable, Equatable {
    public var citation: Citation
    /// Positions of the document id and the via id, for dangling-id errors.
    public var documentLocation: SourceLocation
    public var viaLocation: SourceLocation?

    public init(citation: Citation, documentLocation: SourceLocation, viaLocation: SourceLocation? = nil) {
        self.citation = citation
        self.documentLocation = documentLocation
        self.viaLocation = viaLocation
    }

    public static func == (a: CiteEntry, b: CiteEntry) -> Bool { a.citation == b.citation && a.citation.span == b.citation.span }
}
