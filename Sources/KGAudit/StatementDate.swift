import KGCore

/// When a statement holds: its own date (`period`, `period_end`, `as_of`, `period_start`), else
/// the date of the documents it cites — an undated statement inherits its document's date (the
/// latest known one when several documents state it) — else unknown.
public enum StatementDate: Sendable, Hashable {
    /// The statement's own date and the property it comes from.
    case own(KGDate, property: String)
    /// The date of the document it cites (the latest known among them).
    case document(KGDate, id: String, DocumentDate)
    /// Neither it nor any document it cites has a known date; the documents, sorted.
    case unknown(documents: [String])

    /// Reads a statement's date through the modelling conventions.
    public init(properties: [String: Value], citations: [Citation], in graph: Graph) {
        if let own = StatementFacts.latestDate(of: properties) {
            self = .own(own.date, property: own.property)
            return
        }
        var best: (KGDate, String, DocumentDate)?
        var documents = Set<String>()
        for c in citations {
            documents.insert(c.document)
            guard let doc = graph.document(id: c.document), let d = doc.date.known else { continue }
            if best == nil || StatementFacts.last(d) > StatementFacts.last(best!.0) { best = (d, doc.id, doc.date) }
        }
        if let (d, id, date) = best {
            self = .document(d, id: id, date)
        } else {
            self = .unknown(documents: documents.sorted())
        }
    }

    /// The date, when known.
    public var date: KGDate? {
        switch self {
        case .own(let d, _), .document(let d, _, _): return d
        case .unknown: return nil
        }
    }

    /// The focus property of a finding about it: the own date's property, else nil.
    public var property: String? {
        if case .own(_, let p) = self { return p }
        return nil
    }

    /// "dates from 2011 (period_start)", "has no date of its own; its document doc:a was published 2017-05".
    public var description: String {
        switch self {
        case .own(let d, let p): return "dates from \(d) (\(p))"
        case .document(_, let id, let date): return "has no date of its own; its document \(id) was \(date.description)"
        case .unknown(let docs): return "has no date, and its documents' dates are unknown (\(docs.joined(separator: ", ")))"
        }
    }

    /// True when the date ended before `settings`' cut-off (today moved back `staleYears`).
    func isStale(_ settings: AuditSettings) -> Bool {
        guard let d = date else { return false }
        return StatementFacts.last(d) < settings.staleCutoff
    }
}

extension AuditSettings {
    /// Today moved back `staleYears` years, as a sortable yyyymmdd ordinal.
    var staleCutoff: Int { (today.year - staleYears) * 10000 + (today.month ?? 1) * 100 + (today.day ?? 1) }
}
