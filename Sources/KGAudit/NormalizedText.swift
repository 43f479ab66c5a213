import Foundation

/// Text folded for comparing a quote with a document: NFC, typographic quotes and dashes made
/// plain, ellipsis spelt `...`, every run of whitespace (no-break spaces too) one space, and
/// lower-cased — a quote that differs from its document only in such ways is not a misquote.
///
/// Each folded character remembers the column (1-based, in characters) it came from, so a
/// match can be reported at its place in the original line.
public struct NormalizedText: Sendable, Hashable {
    public private(set) var characters: [Character] = []
    /// `columns[i]` is the 1-based column in the original text of `characters[i]`.
    public private(set) var columns: [Int] = []

    public init(_ text: String) {
        var pendingSpace = false
        for (offset, ch) in text.precomposedStringWithCanonicalMapping.enumerated() {
            let column = offset + 1
            if ch.isWhitespace || ch == "\u{00A0}" || ch == "\u{202F}" {
                pendingSpace = !characters.isEmpty
                continue
            }
            if pendingSpace {
                characters.append(" "); columns.append(column)
                pendingSpace = false
            }
            for folded in NormalizedText.fold(ch) {
                characters.append(folded); columns.append(column)
            }
        }
    }

    public var string: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    static func fold(_ ch: Character) -> [Character] {
        switch ch {
        case "\u{2018}", "\u{2019}", "\u{201A}", "\u{201B}", "\u{2032}", "`", "\u{00B4}": return ["'"]
        case "\u{201C}", "\u{201D}", "\u{201E}", "\u{201F}", "\u{2033}", "\u{00AB}", "\u{00BB}": return ["\""]
        case "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2015}", "\u{2212}": return ["-"]
        case "\u{2026}": return [".", ".", "."]
        default: return Array(String(ch).lowercased())
        }
    }

    /// Where `needle` first occurs, as an index range into `characters`.
    public func firstRange(of needle: ArraySlice<Character>, from start: Int = 0) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= characters.count else { return nil }
        var i = start
        while i + needle.count <= characters.count {
            if characters[i] == needle.first, characters[i..<(i + needle.count)].elementsEqual(needle) {
                return i..<(i + needle.count)
            }
            i += 1
        }
        return nil
    }

    /// Finds a quote; `...` in the quote stands for omitted words, so its pieces must occur
    /// in order. Returns the 1-based columns (inclusive) the match covers in the original.
    public func locate(_ quote: NormalizedText) -> ClosedRange<Int>? {
        let pieces = quote.pieces
        guard !pieces.isEmpty else { return nil }
        var start = 0
        var first: Int?
        var last = 0
        for piece in pieces {
            guard let r = firstRange(of: piece, from: start) else { return nil }
            if first == nil { first = r.lowerBound }
            last = r.upperBound - 1
            start = r.upperBound
        }
        guard let first else { return nil }
        return columns[first]...columns[last]
    }

    /// The quote split at `...` (an omission), each piece trimmed of spaces.
    var pieces: [ArraySlice<Character>] {
        var out: [ArraySlice<Character>] = []
        var pieceStart = 0
        var i = 0
        func flush(_ end: Int) {
            var s = pieceStart, e = end
            while s < e, characters[s] == " " { s += 1 }
            while e > s, characters[e - 1] == " " { e -= 1 }
            if s < e { out.append(characters[s..<e]) }
        }
        while i < characters.count {
            if i + 2 < characters.count, characters[i] == ".", characters[i + 1] == ".", characters[i + 2] == "." {
                flush(i)
                i += 3
                while i < characters.count, characters[i] == "." { i += 1 }
                pieceStart = i
            } else {
                i += 1
            }
        }
        flush(characters.count)
        return out
    }
}
