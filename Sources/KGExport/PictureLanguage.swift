import KGCore

/// What `--language nl|sv` translates in a picture, and what it could not: names the graph
/// has in that language (`name@sv`), a figure's measure when it has `measure_sv`, and the unit
/// words of figures from kgq's own small table; the legend says what stayed English.
///
///     let sv = PictureLanguage("sv")
///     sv.unit("USD/hour")    // "USD/timme"
struct PictureLanguage {
    let code: String

    init?(_ code: String?) {
        guard let code, code != "en", !code.isEmpty else { return nil }
        self.code = code
    }

    /// "Dutch", "Swedish", or the code.
    var name: String {
        switch code {
        case "nl": return "Dutch"
        case "sv": return "Swedish"
        case "de": return "German"
        case "fr": return "French"
        default: return code
        }
    }

    /// Unit words per language; "percent", "USD" and the like are symbols and need none.
    static let units: [String: [String: String]] = [
        "nl": ["minutes": "minuten", "years": "jaar", "weeks": "weken", "days": "dagen", "months": "maanden",
               "hours": "uur", "hours/day": "uur/dag", "time of day": "uur", "USD/hour": "USD/uur",
               "USD/year": "USD/jaar", "jobs": "banen", "people": "mensen"],
        "sv": ["minutes": "minuter", "years": "år", "weeks": "veckor", "days": "dagar", "months": "månader",
               "hours": "timmar", "hours/day": "timmar/dag", "time of day": "klockslag", "USD/hour": "USD/timme",
               "USD/year": "USD/år", "jobs": "jobb", "people": "personer"],
    ]
    static let symbols: Set<String> = ["percent", "%", "USD", "EUR"]

    /// kgq's own words in a picture that have a translation here: the period words of figures
    /// and claims and the line words of citation arrows. The legend's text, label and
    /// relationship names and a view's title stay English (the legend says so).
    static let words: [String: [String: String]] = [
        "nl": ["since": "sinds", "until": "tot", "as of": "per", "line": "regel", "lines": "regels"],
        "sv": ["since": "sedan", "until": "till", "as of": "per", "line": "rad", "lines": "rader"],
    ]

    /// One of kgq's words in this language, or the English word when there is none.
    func word(_ english: String) -> String { Self.words[code]?[english] ?? english }

    /// A caption's period ("since 2011", "as of 2018-05", "2016–2026") with its words in this
    /// language; nil when the period is the graph's own text (`period: "the coming decade"`),
    /// which stays as written.
    func period(_ text: String) -> String? {
        for english in ["since", "until", "as of"] where text.hasPrefix(english + " ") {
            guard let translated = Self.words[code]?[english] else { return nil }
            return translated + text.dropFirst(english.count)
        }
        return text.contains(where: \.isLetter) ? nil : text
    }

    /// The unit in this language, nil when kgq has no word for it (it stays English).
    func unit(_ unit: String) -> String? {
        if Self.symbols.contains(unit) { return unit }
        return Self.units[code]?[unit]
    }

    /// A figure's measure in this language (`measure_sv`), nil when the graph has none.
    func measure(_ node: Node) -> String? {
        node.properties["measure_\(code)"]?.string
    }

    /// What stayed English in a picture of these nodes.
    struct Untranslated: Equatable {
        var names = 0, measures = 0, units = 0, statements = 0, periods = 0
        /// The picture has a title (a view's first comment, or --title): it is drawn as written.
        var title = false
        var isEmpty: Bool { names + measures + units + statements + periods == 0 && !title }
    }

    func untranslated(_ graph: Graph, _ nodes: [Int], title: String? = nil) -> Untranslated {
        var out = Untranslated()
        out.title = title != nil
        for n in nodes {
            let node = graph.nodes[n]
            if node.hasLabel("Figure") || node.hasLabel("Claim"),
               let p = FigureCaption.period(node.properties), period(p) == nil {
                out.periods += 1
            }
            if node.hasLabel("Figure") {
                if node.properties["measure"] != nil && measure(node) == nil { out.measures += 1 }
                if let u = node.properties["unit"]?.string, unit(u) == nil { out.units += 1 }
            } else if node.hasLabel("Claim") {
                if node.properties["statement_\(code)"] == nil { out.statements += 1 }
            } else if node.hasLabel(Document.label) {
                continue
            } else if !node.names.contains(where: { $0.language == code }) {
                out.names += 1
            }
        }
        return out
    }

    /// The legend's line: "Swedish where the graph or kgq has it; stayed English: 12 names,
    /// 3 measures, the title, and kgq's legend, label and relationship names".
    func note(_ u: Untranslated) -> String {
        func count(_ n: Int, _ word: String) -> String? { n == 0 ? nil : "\(n) \(word)\(n == 1 ? "" : "s")" }
        let parts = [count(u.names, "name"), count(u.measures, "measure"), count(u.units, "unit"),
                     count(u.statements, "claim statement"), count(u.periods, "period"), u.title ? "the title" : nil].compactMap { $0 }
            + ["kgq's legend, label and relationship names"]
        return "\(name) where the graph or kgq has it; stayed English: " + parts.joined(separator: ", ")
    }
}
