/// The rules kgq ships, in the order reports list them.
public enum BuiltinRules {
    public static let all: [any AuditRule] = [
        UncitedStatement(),
        UnknownReference(),
        DocumentChanged(),
        QuoteNotFound(),
        ValueNotInQuote(),
        MissingAttribution(),
        AttributionMismatch(),
        SecondHandOnly(),
        ConflictingStatements(),
        StaleFigure(),
        StaleStatement(),
        SingleSource(),
        UncapturedNumber(),
    ]

    /// The rule with this id.
    public static func rule(id: String) -> (any AuditRule)? { all.first { $0.id == id } }
}
