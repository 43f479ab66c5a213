import KGCore

/// Another statement a finding points at — the other side of a conflict — with where it is
/// written and the chain of its citations (document, line, quote, original source).
public struct RelatedStatement: Sendable, Hashable {
    public var focus: AuditFocus
    /// Where the statement is written in a graph file.
    public var location: SourceLocation?
    /// What it says, in a few words ("5 percent, 2016–2026").
    public var summary: String
    /// Its citations, each with the original source it is attributed to.
    public var citations: [CitationChain]

    public init(focus: AuditFocus, location: SourceLocation?, summary: String, citations: [CitationChain]) {
        self.focus = focus
        self.location = location
        self.summary = summary
        self.citations = citations
    }
}

/// One citation as a chain: statement ← quote at document:line ← original source (`via`).
public struct CitationChain: Sendable, Hashable {
    public var cited: CitedLocation
    /// Id of the original source the document attributes the statement to.
    public var via: String?
    /// Display name of that source, when it is in the graph.
    public var viaName: String?

    public init(cited: CitedLocation, via: String?, viaName: String?) {
        self.cited = cited
        self.via = via
        self.viaName = viaName
    }

    /// `000.txt:36 "grew as much as 16 percent" via CareerBliss`
    public var description: String {
        var s = cited.description
        if let q = cited.quote { s += " \"\(q)\"" }
        if let via { s += " via \(viaName ?? via)" }
        return s
    }
}
