/// Tab completion that knows the query language and the graph's schema.
///
/// Given everything before the cursor (the unfinished statement's earlier lines too, so
/// variables bound there are known), it finds the word being typed and what may stand there:
/// `:commands` at the start of a line, labels after `(x:`, relationship types after `[r:` or
/// `|`, property keys after `x.` (of the labels `x` is bound to), parameters after `$`,
/// keywords and function names elsewhere.
public struct Completer: Sendable {
    /// Characters that end a word; libedit is given the same set so both agree on the word.
    public static let wordBreaks = " \t\n\"'`@><=;|&{}()[],.:$+-*/%!^~"

    public var schema: Schema
    public var keywords: [String]
    public var functions: [String]
    public var parameters: [String]
    public var commands: [ReplCommand]
    /// Export format names (`:export FORMAT`), from the plugin registry.
    public var exportFormats: [String] = []

    public init(schema: Schema, keywords: [String], functions: [String], parameters: [String], commands: [ReplCommand]) {
        self.schema = schema
        self.keywords = keywords
        self.functions = functions
        self.parameters = parameters
        self.commands = commands
    }

    /// What the word before the cursor can become.
    public struct Completion: Sendable, Hashable {
        /// The partial word (the text completion replaces).
        public var word: String
        /// Whole words that may replace it, sorted; empty when nothing fits.
        public var candidates: [String]
        /// The word is a file name (after `:source`, `:graph`, `:export FORMAT`): the line editor
        /// should complete file names itself.
        public var files: Bool
        /// Whether a completed word is followed by a space: after keywords and commands yes;
        /// after labels, types, properties and parameters no (a `)`, `]` or operator follows).
        public var appendsSpace: Bool = true
    }

    /// Completes `before`, the text before the cursor (pending lines joined with "\n").
    public func complete(_ before: String) -> Completion {
        let chars = Array(before)
        var start = chars.count
        while start > 0, !Completer.wordBreaks.contains(chars[start - 1]) { start -= 1 }
        let word = String(chars[start...])
        let prev: Character? = start > 0 ? chars[start - 1] : nil
        func fit(_ all: [String], caseInsensitive: Bool = false) -> Completion {
            Completer.fit(word, all, caseInsensitive: caseInsensitive)
        }

        // A :command line: the command name, then its arguments.
        let lineStart = chars[..<start].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let lineHead = String(chars[lineStart..<start])
        if lineHead.trimmingWhitespace.hasPrefix(":") && lineStart == 0 {
            let head = lineHead.trimmingWhitespace
            if head == ":" { return fit(commands.map(\.name)) }
            let parts = head.dropFirst().split(separator: " ", omittingEmptySubsequences: true)
            guard let name = parts.first, let command = commands.first(where: { $0.name == String(name) || $0.aliases.contains(String(name)) }) else {
                return Completion(word: word, candidates: [], files: false)
            }
            let index = parts.count - 1
            let choices = command.argumentChoices(index, self)
            if choices == nil { return Completion(word: word, candidates: [], files: true) }
            return fit(choices ?? [])
        }

        var c = completeInStatement(word: word, prev: prev, chars: chars, start: start, before: before)
        if prev == "$" || prev == ":" || prev == "|" || prev == "." { c.appendsSpace = false }
        return c
    }

    /// The candidates among `all` that start with `word`, sorted and without repeats.
    static func fit(_ word: String, _ all: [String], caseInsensitive: Bool = false) -> Completion {
        let lw = word.lowercased()
        let c = all.filter { caseInsensitive ? $0.lowercased().hasPrefix(lw) : $0.hasPrefix(word) }
        return Completion(word: word, candidates: Array(Set(c)).sorted(), files: false)
    }

    private func completeInStatement(word: String, prev: Character?, chars: [Character], start: Int, before: String) -> Completion {
        func fit(_ all: [String], caseInsensitive: Bool = false) -> Completion {
            Completer.fit(word, all, caseInsensitive: caseInsensitive)
        }
        switch prev {
        case "$":
            return fit(parameters)
        case ":", "|":
            return fit(enclosingBracket(chars, before: start - 1) == "[" ? schema.types.map(\.name) : schema.labels.map(\.name))
        case ".":
            var v = start - 1
            while v > 0, !Completer.wordBreaks.contains(chars[v - 1]) { v -= 1 }
            let variable = String(chars[v..<(start - 1)])
            if variable.isEmpty || variable.first?.isNumber == true { return Completion(word: word, candidates: [], files: false) }
            return fit(schema.propertyKeys(labels: Completer.bindings(in: before)[variable] ?? []))
        default:
            if word.isEmpty { return Completion(word: word, candidates: [], files: false) }
            let upper = word.first?.isUppercase ?? true
            let kw = keywords.map { upper ? $0.uppercased() : $0.lowercased() }
            var c = fit(kw, caseInsensitive: true)
            c.candidates = Array(Set(c.candidates + fit(functions, caseInsensitive: true).candidates)).sorted()
            return c
        }
    }

    /// The innermost unclosed `(` or `[` before position `end`, ignoring strings.
    func enclosingBracket(_ chars: [Character], before end: Int) -> Character? {
        var depth = 0
        var i = end - 1
        while i >= 0 {
            switch chars[i] {
            case ")", "]": depth += 1
            case "(", "[":
                if depth == 0 { return chars[i] }
                depth -= 1
            default: break
            }
            i -= 1
        }
        return nil
    }

    /// The labels (or relationship types) each variable is bound to in `(x:A:B` / `[r:T|U` patterns.
    public static func bindings(in text: String) -> [String: [String]] {
        var out: [String: [String]] = [:]
        let chars = Array(text)
        var i = 0
        func isName(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        func skipSpace() { while i < chars.count, chars[i].isWhitespace { i += 1 } }
        func name() -> String {
            let s = i
            if i < chars.count, chars[i] == "`" {
                i += 1
                while i < chars.count, chars[i] != "`" { i += 1 }
                let n = String(chars[(s + 1)..<min(i, chars.count)])
                if i < chars.count { i += 1 }
                return n
            }
            while i < chars.count, isName(chars[i]) { i += 1 }
            return String(chars[s..<i])
        }
        while i < chars.count {
            let c = chars[i]
            i += 1
            guard c == "(" || c == "[" else { continue }
            skipSpace()
            let variable = name()
            guard !variable.isEmpty else { continue }
            skipSpace()
            while i < chars.count, chars[i] == ":" || chars[i] == "|" {
                i += 1
                skipSpace()
                let label = name()
                if !label.isEmpty, !(out[variable]?.contains(label) ?? false) { out[variable, default: []].append(label) }
                skipSpace()
            }
        }
        return out
    }
}
