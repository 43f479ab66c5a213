import Foundation
import KGCore

/// Finds where a document line attributes what it says to a Source of the graph: "according
/// to X", "X noted", "said X", "data gathered by X", "a survey from X", "volgens X", "aldus X",
/// "enligt X", "X konstaterar / noterar". X is any name (every language) or alias of a node
/// labelled Source. Only the sentence holding the quote counts: an attribution in the sentence
/// before does not reach it.
public struct Attribution: Sendable {
    /// Words right before a name that attribute ("according to the BLS").
    static let before = ["according to", "according to the", "said", "says", "gathered by", "survey from", "survey by",
                         "data from", "volgens", "volgens het", "volgens de", "aldus", "aldus het", "enligt",
                         "undersökning från", "undersökning av"]
    /// Words right after a name that attribute ("CareerBliss noted").
    static let after = ["noted", "notes", "said", "says", "finds", "found", "reports", "reported", "estimates",
                        "stelt", "meldt", "konstaterar", "noterar", "rapporterar", "uppger"]

    /// Source id and its names, lower-cased, longest first (so a longer name wins over its part).
    let names: [(source: String, name: String)]

    public init(graph: Graph) {
        var names: [(String, String)] = []
        for i in graph.nodes(labelled: DomainLabel.source) {
            let node = graph.nodes[i]
            var all = Graph.names(of: node)
            if case .list(let l)? = node.properties["aliases"] { all += l.compactMap(\.string) }
            for n in Set(all.map { $0.lowercased() }) where n.count >= 2 { names.append((node.id, n)) }
        }
        self.names = names.sorted { $0.1.count != $1.1.count ? $0.1.count > $1.1.count : $0 < $1 }
    }

    /// The sources the sentence of `line` holding `columns` (1-based, inclusive) attributes to,
    /// each with the words that do it ("enligt BLS").
    ///
    /// A concessive clause ("även om BLS konstaterar att …", "although …", "hoewel …", up to
    /// its comma or the sentence's end) is a scope of its own: an attribution inside it does not
    /// reach a quote outside it, nor one outside it a quote inside it.
    public func sources(inLine line: String, around columns: ClosedRange<Int>) -> [(source: String, words: String)] {
        let chars = Array(line)
        let range = Attribution.sentenceRange(of: chars, around: columns)
        let sentence = String(chars[range])
        let clauses = Attribution.concessiveClauses(in: Array(sentence.lowercased()))
        func clause(_ k: Int) -> Int { clauses.firstIndex { $0.contains(k) } ?? -1 }
        let quoteClause = clause(max(0, columns.lowerBound - 1 - range.lowerBound))
        return located(in: sentence).filter { clause($0.at) == quoteClause }.map { ($0.source, $0.words) }
    }

    /// Conjunctions that open a concessive clause, which then runs to its comma.
    static let concessive = ["även om", "trots att", "although", "though", "even though",
                             "hoewel", "ofschoon", "alhoewel"]

    /// The character ranges of a sentence's concessive clauses: from a conjunction at the start
    /// or after a comma to the next comma (or the end).
    static func concessiveClauses(in text: [Character]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var k = 0
        while k < text.count {
            // A clause may start here: at the sentence start, or after ", ".
            let atStart = k == 0 || (k >= 2 && text[k - 1] == " " && text[k - 2] == ",")
            if atStart, let c = concessive.first(where: { cue in
                let w = Array(cue)
                return k + w.count <= text.count && Array(text[k..<(k + w.count)]) == w
                    && (k + w.count == text.count || !text[k + w.count].isLetter)
            }) {
                var end = k + c.count
                while end < text.count && text[end] != "," { end += 1 }
                out.append(k..<end)
                k = end
            }
            k += 1
        }
        return out
    }

    /// The sources a sentence attributes to.
    public func sources(in sentence: String) -> [(source: String, words: String)] {
        located(in: sentence).map { ($0.source, $0.words) }
    }

    /// The attributions of a sentence with where each name stands (a character offset).
    func located(in sentence: String) -> [(source: String, words: String, at: Int)] {
        let text = Array(sentence.lowercased())
        var taken = [Bool](repeating: false, count: text.count)
        var out: [(String, String, Int)] = []
        for (source, name) in names {
            let needle = Array(name)
            var start = 0
            while let r = Attribution.find(needle, in: text, from: start) {
                start = r.upperBound
                guard !taken[r].contains(true) else { continue }
                let head = String(text[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
                let tail = String(text[r.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: " ,"))
                let cueBefore = Attribution.before.first { head.hasSuffix($0) && Attribution.wordStart(head, $0) }
                let cueAfter = Attribution.after.first { tail.hasPrefix($0) && Attribution.wordEnd(tail, $0) }
                guard let cue = cueBefore.map({ "\($0) \(String(sentence.dropFirst(r.lowerBound).prefix(needle.count)))" })
                        ?? cueAfter.map({ "\(String(sentence.dropFirst(r.lowerBound).prefix(needle.count))) \($0)" }) else { continue }
                for k in r { taken[k] = true }
                if !out.contains(where: { $0.0 == source }) { out.append((source, cue, r.lowerBound)) }
            }
        }
        return out
    }

    /// A whole-word occurrence of `needle` in `text` at or after `start`.
    static func find(_ needle: [Character], in text: [Character], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, text.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= text.count {
            if text[i..<(i + needle.count)].elementsEqual(needle),
               i == 0 || !text[i - 1].isLetter, i + needle.count == text.count || !text[i + needle.count].isLetter {
                return i..<(i + needle.count)
            }
            i += 1
        }
        return nil
    }

    static func wordStart(_ head: String, _ cue: String) -> Bool {
        head.count == cue.count || !(head.dropLast(cue.count).last?.isLetter ?? false)
    }

    static func wordEnd(_ tail: String, _ cue: String) -> Bool {
        tail.count == cue.count || !(tail.dropFirst(cue.count).first?.isLetter ?? false)
    }

    /// The sentence of a line that holds the columns: from after the last ". ", "! " or "? "
    /// before them to the first one after.
    static func sentence(of line: [Character], around columns: ClosedRange<Int>) -> String {
        String(line[sentenceRange(of: line, around: columns)])
    }

    static func sentenceRange(of line: [Character], around columns: ClosedRange<Int>) -> Range<Int> {
        func isEnd(_ k: Int) -> Bool {
            k + 1 < line.count && ".!?".contains(line[k]) && line[k + 1] == " "
                && !(k > 0 && line[k - 1].isUppercase && (k < 2 || line[k - 2] == "." || line[k - 2] == " "))   // "U.S. "
        }
        var cuts = [0]
        for k in line.indices where isEnd(k) { cuts.append(k + 2) }
        let start = cuts.last { $0 <= columns.lowerBound - 1 } ?? 0
        let end = cuts.first { $0 > columns.upperBound - 1 } ?? line.count
        return start..<max(start, end)
    }
}
