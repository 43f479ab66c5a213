import KGCore

/// A fix so mechanical that `kgq audit --fix` may apply it without asking: one line of a
/// .kg file changes, and the audit knows exactly how.
public enum MechanicalFix: Sendable, Hashable {
    /// The `cite` line at `file:line` names line `from` of `document`, but the quote stands
    /// (verbatim) on line `to`: its `line` (and `col A-B`, when it gives columns) are rewritten.
    case reanchorQuote(file: String, line: Int, document: String, from: Int, to: Int, columns: ClosedRange<Int>?)
    /// The document declared at `file:line` changed, but every quote citing it still stands
    /// (or is re-anchored): its `sha256` becomes `new`.
    case documentHash(file: String, line: Int, document: String, old: String, new: String)

    /// The .kg file it edits.
    public var file: String {
        switch self {
        case .reanchorQuote(let f, _, _, _, _, _), .documentHash(let f, _, _, _, _): return f
        }
    }

    /// "re-anchor the quote of doc:a from line 5 to line 6", for reports.
    public var description: String {
        switch self {
        case .reanchorQuote(_, _, let d, let from, let to, let columns):
            let cols = columns.map { " col \($0.lowerBound)-\($0.upperBound)" } ?? ""
            return from == to ? "set the columns of the quote of \(d) on line \(to) to\(cols)"
                : "re-anchor the quote of \(d) from line \(from) to line \(to)\(cols)"
        case .documentHash(_, _, let d, _, let new):
            return "set the sha256 of \(d) to \(new.prefix(12))…"
        }
    }
}

/// Applies mechanical fixes to the text of .kg files: all of them or, where one no longer
/// fits the text (the line was edited meanwhile), none of that one — never a guess.
public enum FixApplier {
    /// One changed line, for the diff.
    public struct Change: Sendable, Hashable {
        public var file: String
        public var line: Int
        public var old: String
        public var new: String
        public var reason: String
    }

    public struct Result: Sendable {
        /// The new text of every file that changed.
        public var texts: [String: String]
        public var changes: [Change]
        /// Fixes that did not fit their line, with why.
        public var skipped: [(fix: MechanicalFix, reason: String)]
    }

    /// Applies `fixes` to `texts` (file path → content). Duplicate fixes apply once.
    public static func apply(_ fixes: [MechanicalFix], to texts: [String: String]) -> Result {
        var lines: [String: [String]] = [:]
        var changes: [Change] = []
        var skipped: [(MechanicalFix, String)] = []
        var seen = Set<MechanicalFix>()
        for fix in fixes where seen.insert(fix).inserted {
            guard let text = texts[fix.file] else { skipped.append((fix, "cannot read \(fix.file)")); continue }
            var file = lines[fix.file] ?? text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            switch edit(fix, &file) {
            case .success(let change):
                changes.append(change)
                lines[fix.file] = file
            case .failure(let why):
                skipped.append((fix, why.message))
            }
        }
        var out: [String: String] = [:]
        for (path, l) in lines { out[path] = l.joined(separator: "\n") }
        return Result(texts: out, changes: changes.sorted { ($0.file, $0.line) < ($1.file, $1.line) }, skipped: skipped)
    }

    struct Misfit: Error { var message: String }

    static func edit(_ fix: MechanicalFix, _ file: inout [String]) -> Swift.Result<Change, Misfit> {
        switch fix {
        case .reanchorQuote(let path, let line, let document, let from, let to, let columns):
            guard line >= 1, line <= file.count else { return .failure(Misfit(message: "\(path) has no line \(line)")) }
            let old = file[line - 1]
            var words = old.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            // `cite DOC line N [col A-B] "…"`: the tokens before the quote.
            guard let cite = words.firstIndex(where: { !$0.isEmpty }), words[cite] == "cite",
                  cite + 3 < words.count, words[cite + 1] == document, words[cite + 2] == "line",
                  Int(words[cite + 3].trimmingCharacters(in: ["\r"])) == from else {
                return .failure(Misfit(message: "\(path):\(line) is not `cite \(document) line \(from) …` any more"))
            }
            words[cite + 3] = String(to)
            if let columns, cite + 5 < words.count, words[cite + 4] == "col" {
                words[cite + 5] = "\(columns.lowerBound)-\(columns.upperBound)"
            }
            let new = words.joined(separator: " ")
            file[line - 1] = new
            return .success(Change(file: path, line: line, old: old, new: new, reason: fix.description))
        case .documentHash(let path, let line, let document, let oldHash, let newHash):
            guard line >= 1, line <= file.count, !oldHash.isEmpty else {
                return .failure(Misfit(message: oldHash.isEmpty ? "\(document) has no sha256 to replace" : "\(path) has no line \(line)"))
            }
            // The declaration runs from its line to the first line closing it.
            var i = line - 1
            while i < file.count {
                if let r = file[i].range(of: "\"\(oldHash)\""), file[i][..<r.lowerBound].contains("sha256") {
                    let old = file[i]
                    file[i].replaceSubrange(r, with: "\"\(newHash)\"")
                    return .success(Change(file: path, line: i + 1, old: old, new: file[i], reason: fix.description))
                }
                if file[i].contains("}") { break }
                i += 1
            }
            return .failure(Misfit(message: "the declaration of \(document) at \(path):\(line) has no sha256 \"\(oldHash.prefix(12))…\" any more"))
        }
    }

    /// The changes as a unified-diff-like text: per change `--- file:line`, `-old`, `+new`.
    public static func diff(_ changes: [Change], relativeTo options: ReportOptions = ReportOptions()) -> String {
        changes.map { c in
            "--- \(options.relative(c.file)):\(c.line)  (\(c.reason))\n-\(c.old)\n+\(c.new)\n"
        }.joined()
    }
}
