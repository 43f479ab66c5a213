/// The provenance of one statement: which document said it, where, in what words,
/// and which original source the document was citing.
///
/// A document that says "according to the BLS, …" is cited with `via: "source:bls"`:
/// the document is where we read it, the BLS is where the document says it comes from.
public struct Citation: Sendable, Hashable {
    /// Id of the Document node.
    public var document: String
    /// 1-based line in the document.
    public var line: Int
    /// Optional 1-based character columns (inclusive) of the quote on that line.
    public var span: ClosedRange<Int>?
    /// A short verbatim quote (at most about twelve words) in the document's language.
    public var quote: String
    /// An English gloss of the quote, for documents not in English.
    public var gloss: String?
    /// Id of the original Source node the document attributes the statement to.
    public var via: String?
    /// Where in a graph file this citation is written, when loaded from one.
    public var location: SourceLocation?

    public init(document: String, line: Int, span: ClosedRange<Int>? = nil, quote: String,
                gloss: String? = nil, via: String? = nil, location: SourceLocation? = nil) {
        self.document = document
        self.line = line
        self.span = span
        self.quote = quote
        self.gloss = gloss
        self.via = via
        self.location = location
    }

    /// Equality and hashing ignore `location`: two citations saying the same thing are the same.
    public static func == (a: Citation, b: Citation) -> Bool {
        a.document == b.document && a.line == b.line && a.span == b.span && a.quote == b.quote
            && a.gloss == b.gloss && a.via == b.via
    }

    public func hash(into h: inout Hasher) {
        h.combine(document); h.combine(line); h.combine(quote); h.combine(via)
    }
}
