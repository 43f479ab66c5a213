/// A place in a registered document: the document it is, its file, the line and
/// (when known) the column, with the quote that is or should be there.
public struct CitedLocation: Sendable, Hashable {
    /// Id of the Document node.
    public var document: String
    /// The document's file name (relative to the documents folder), when registered.
    public var file: String?
    /// 1-based line.
    public var line: Int
    /// 1-based column, when known.
    public var column: Int?
    /// The quote cited there, or the text found there.
    public var quote: String?

    public init(document: String, file: String? = nil, line: Int, column: Int? = nil, quote: String? = nil) {
        self.document = document
        self.file = file
        self.line = line
        self.column = column
        self.quote = quote
    }

    /// `000_4aa2.txt:36` (or `doc:x:36` when the file is not known).
    public var description: String { "\(file ?? document):\(line)" }
}
