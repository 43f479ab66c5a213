import Foundation
import KGCore

/// The audited facts of a Figure or Claim node, read through the modelling conventions
/// (docs/kg-format.md): measure, subjects, period, region, number or assessment, sources.
public struct StatementFacts: Sendable, Hashable {
    public var handle: Int
    public var id: String
    public var isFigure: Bool
    /// `measure`, lower-cased and trimmed, so "Employment growth" and "employment growth" meet.
    public var measure: String?
    /// Ids of the MEASURES targets (the roles or sectors the statement is about).
    public var subjects: Set<String>
    public var period: Period?
    public var region: String?
    /// The number, or the range `low...high`; nil for a qualitative statement.
    public var number: ClosedRange<Double>?
    public var unit: String?
    /// `assessment`, lower-cased and trimmed ("faster than average").
    public var assessment: String?
    /// Original sources: every citation's `via` plus the sources with a REPORTS edge to it.
    public var sources: Set<String>

    /// A stretch of time in days-since-year-0 style ordinals; `start`/`end` nil means open.
    public struct Period: Sendable, Hashable {
        public var start: Int?
        public var end: Int?
        public var text: String

        public func overlaps(_ other: Period) -> Bool {
            (start ?? .min) <= (other.end ?? .max) && (other.start ?? .min) <= (end ?? .max)
        }
    }

    public init(node i: Int, in graph: Graph) {
        let node = graph.nodes[i]
        let p = node.properties
        handle = i
        id = node.id
        isFigure = node.hasLabel(DomainLabel.figure)
        measure = p["measure"]?.string.map(StatementFacts.key)
        region = p["region"]?.string
        unit = p["unit"]?.string
        assessment = p["assessment"]?.string.map(StatementFacts.key)
        if let v = p["value"]?.number {
            number = v...v
        } else if let lo = p["low"]?.number, let hi = p["high"]?.number, lo <= hi {
            number = lo...hi
        } else {
            number = nil
        }
        subjects = Set(graph.outgoing(i).map { graph.edges[$0] }.filter { $0.type == DomainRelationship.measures }
            .map { graph.nodes[$0.to].id })
        var sources = Set(node.citations.compactMap(\.via))
        for e in graph.incoming(i) where graph.edges[e].type == DomainRelationship.reports {
            sources.insert(graph.nodes[graph.edges[e].from].id)
        }
        self.sources = sources
        period = StatementFacts.period(of: p)
    }

    static func key(_ s: String) -> String { s.lowercased().trimmingCharacters(in: .whitespaces) }

    /// The statement's time: `period`, or `period_start`…`period_end`, or `as_of`.
    static func period(of p: [String: Value]) -> Period? {
        if case .date(let d)? = p["period"] {
            return Period(start: first(d), end: last(d), text: d.description)
        }
        let start = date(p["period_start"]), end = date(p["period_end"])
        if start != nil || end != nil {
            let text = switch (start, end) {
            case let (s?, e?): "\(s)–\(e)"
            case let (s?, nil): "since \(s)"
            case let (nil, e?): "until \(e)"
            case (nil, nil): ""
            }
            return Period(start: start.map(first), end: end.map(last), text: text)
        }
        if let asOf = date(p["as_of"]) {
            return Period(start: first(asOf), end: last(asOf), text: "as of \(asOf)")
        }
        return nil
    }

    /// The latest date the statement speaks of (for staleness): period end, period, as_of, start.
    public static func latestDate(of p: [String: Value]) -> (date: KGDate, property: String)? {
        var best: (KGDate, String)?
        for key in ["period", "period_end", "as_of", "period_start"] {
            guard let d = date(p[key]) else { continue }
            if best == nil || last(d) > last(best!.0) { best = (d, key) }
        }
        return best.map { (date: $0.0, property: $0.1) }
    }

    static func date(_ v: Value?) -> KGDate? {
        switch v {
        case .date(let d)?: return d
        case .string(let s)?: return KGDate(s)
        case .int(let y)?: return KGDate(year: y)
        default: return nil
        }
    }

    /// First and last day of a date at its precision, as sortable ordinals (yyyymmdd).
    static func first(_ d: KGDate) -> Int { d.year * 10000 + (d.month ?? 1) * 100 + (d.day ?? 1) }
    static func last(_ d: KGDate) -> Int {
        let m = d.month ?? 12
        return d.year * 10000 + m * 100 + (d.day ?? KGDate.daysInMonth(m, year: d.year))
    }

    /// "16 percent", "28000–34000 USD/year", "faster than average".
    public var summary: String {
        var parts: [String] = []
        if let n = number {
            let text = n.lowerBound == n.upperBound ? StatementFacts.format(n.lowerBound)
                : "\(StatementFacts.format(n.lowerBound))–\(StatementFacts.format(n.upperBound))"
            parts.append(unit.map { "\(text) \($0)" } ?? text)
        }
        if let assessment { parts.append("\"\(assessment)\"") }
        if let period { parts.append(period.text) }
        return parts.isEmpty ? id : parts.joined(separator: ", ")
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }
}

extension KGDate {
    /// Days in a month of a year (public twin of KGCore's internal helper).
    static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
