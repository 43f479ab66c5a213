/// The labels that code gives a meaning (provenance, figures, the audit's rules, the generator),
/// named once so a rule, an exporter and the generator cannot disagree on a spelling.
/// A graph may use any other label freely; these are the ones kgq reads.
public enum DomainLabel {
    /// A number stated in a source (`value`, `unit`, `measure`), linked by `MEASURES` to its subject.
    public static let figure = "Figure"
    /// A statement in words, cited like a figure.
    public static let claim = "Claim"
    /// An original source a document cites (`via:`), e.g. a statistics bureau.
    public static let source = "Source"
    /// A registered text (see `Document`).
    public static let document = "Document"
    public static let role = "Role"
    public static let sector = "Sector"
    public static let skill = "Skill"
    public static let qualification = "Qualification"
    public static let duty = "Duty"
    public static let person = "Person"
}

/// The relationship types that code gives a meaning, named once.
public enum DomainRelationship {
    /// Figure → the Role or Sector it is about.
    public static let measures = "MEASURES"
    /// Source → the Figure or Claim it reports.
    public static let reports = "REPORTS"
    /// Source → Document it published.
    public static let published = "PUBLISHED"
    /// Document → Source that published it.
    public static let publishedBy = "PUBLISHED_BY"
    /// Document → Source it cites.
    public static let cites = "CITES"
    /// Document → a node it mentions.
    public static let mentions = "MENTIONS"
    /// Role → Skill.
    public static let requires = "REQUIRES"
    /// Role → Sector.
    public static let worksIn = "WORKS_IN"
}
