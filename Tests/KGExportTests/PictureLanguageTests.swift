import Foundation
import KGTestSupport
import Testing

/// `--language nl|sv` on the default graph's saved views (issue 20 item 5): kgq's own period and
/// line words are translated, and the legend says what stayed English — the graph's untranslated
/// names, measures, statements and periods, the view's title, and kgq's legend, label and
/// relationship names.
@Suite(.enabled(if: ExportCLI.binaryExists, "build kgq first (swift build)"))
struct PictureLanguageTests {
    static let views = ["citation-map", "growth-figures", "role-skills", "wage-figures"]
    static let words = ["sv": (since: "sedan ", line: "rad "), "nl": (since: "sinds ", line: "regel ")]

    static func dot(_ view: String, _ language: String?) throws -> String {
        let run = KGTestSupport.runKGQ(["export", "--graph", "graphs/customer-service",
                                        "--query-file", "graphs/customer-service/views/\(view).cypher", "--format", "dot", "-o", "-"]
                                       + (language.map { ["--language", $0] } ?? []))
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout
    }

    /// The text Graphviz draws (labels), not tooltips.
    static func labels(_ dot: String) -> [String] {
        dot.components(separatedBy: "label=").dropFirst().map { rest -> String in
            let line = rest.prefix { $0 != "\n" }
            if line.hasPrefix("\"") {
                return "\"" + line.dropFirst().prefix { $0 != "\"" } + "\""
            }
            let end = [">, ", ">];", ">]"].compactMap { line.range(of: $0)?.lowerBound }.min() ?? line.endIndex
            return String(line[..<end])
        }
    }

    @Test(arguments: views, ["sv", "nl"]) func theLegendSaysWhatStayedEnglish(view: String, language: String) throws {
        let dot = try Self.dot(view, language)
        let name = language == "sv" ? "Swedish" : "Dutch"
        let note = try #require(dot.range(of: "language: \(name) where the graph or kgq has it; stayed English: "), "\(view): no language line")
        let line = String(dot[note.upperBound...].prefix { $0 != "<" })
        #expect(line.hasSuffix("the title, kgq's legend, label and relationship names"), "\(view) \(language): \(line)")
        let drawn = Self.labels(dot).joined(separator: "\n")
        for english in ["since 2", "until 2", "as of 2", "\"line ", "\"lines "] {
            #expect(!drawn.contains(english), "\(view) \(language): '\(english)' drawn in English")
        }
        // The English picture has none of it.
        let en = try Self.dot(view, nil)
        #expect(!en.contains("language: ") && !en.contains("stayed English"))
        if view == "growth-figures" {
            let w = try #require(Self.words[language])
            #expect(drawn.contains(w.since + "2011") && en.contains("since 2011"), "\(view) \(language)")
            #expect(drawn.contains("\"" + w.line + "17\"") && en.contains("\"line 17\""), "\(view) \(language)")
            // Names the graph has in the language are drawn in it; the count of those it lacks is said.
            #expect(drawn.contains(language == "sv" ? "kundtjänstrepresentant" : "klantenservicemedewerker"))
            #expect(line.contains(" names, ") && line.contains(" measures, ") && line.contains(" claim statements, "), "\(line)")
        }
    }
}
