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
               "hours": "timmar", "hours/day": "timmar/dag", "USD/hour": "USD/timme",
               "USD/year": "USD/år", "jobs": "jobb", "people": "personer"],
    ]
    static let symbols: Set<String> = ["percent", "%", "USD", "EUR"]

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
        var names = 0, measures = 0, units = 0, statements = 0
        var isEmpty: Bool { names + measures + units + statements == 0 }
    }

    func untranslated(_ graph: Graph, _ nodes: [Int]) -> Untranslated {
        var out = Untranslated()
        for n in nodes {
            let node = graph.nodes[n]
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

    /// The legend's line: "Swedish where the graph has it; stayed English: 12 names, 3 measures".
    func note(_ u: Untranslated) -> String {
        if u.isEmpty { return "\(name) throughout" }
        func count(_ n: Int, _ word: String) -> String? { n == 0 ? nil : "\(n) \(word)\(n == 1 ? "" : "s")" }
        let parts = [count(u.names, "name"), count(u.measures, "measure"), count(u.units, "unit"),
                     count(u.statements, "claim statement")].compactMap { $0 }
        return "\(name) where the graph or kgq has it; stayed English: " + parts.joined(separator: ", ")
    }
}
