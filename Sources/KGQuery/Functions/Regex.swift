/// kgq's own regular expressions, behind `=~`: Java's syntax (which openCypher specifies) compiled
/// to a small program that a Thompson-NFA simulation runs over the input's Unicode scalars. Every
/// input position is visited once with the set of program states alive there, so a match takes
/// time proportional to (input length × program size) whatever the pattern: `(a+)+$` on forty
/// `a`s and a `!`, or `(.*)*b` on megabytes, cannot run away.
///
/// What cannot be matched that way — backreferences (`\1`, `\k<name>`), lookahead and lookbehind,
/// atomic groups and possessive quantifiers — is refused when the pattern is compiled, with an
/// error naming the construct. `=~` only asks whether the whole string matches, so greedy and lazy
/// quantifiers give the same answer and groups capture nothing.
///
/// Character classes are Unicode-aware, as Java's are with `(?U)`: `\d` is any decimal digit,
/// `\w` letters, marks, digits and connector punctuation, `\s` Unicode white space, and `(?i)`
/// compares letters of every script (as with Java's `(?iu)`).
///
///     let re = try RegularExpression("(?i)kund.*")
///     try re.wholeMatch("Kundtjänst", checkpoint: {})    // true
struct RegularExpression: Sendable {
    /// The pattern as written.
    let pattern: String
    fileprivate let program: [RegexInstruction]
    fileprivate let sets: [RegexCharacterSet]
    /// Whether any instruction compares letters case-insensitively (the matcher then maps each
    /// input scalar to its lower and upper case once).
    fileprivate let foldsCase: Bool

    /// The largest count a repetition `{n,m}` may give, and the largest program a pattern may
    /// compile to: bounds on the matcher's work per input scalar.
    static let maxRepetition = 1000
    static let maxProgramSize = 100_000
    /// Groups nested deeper than this are refused (the parser and compiler recurse on them).
    static let maxNesting = 250
    /// Work units (states visited) between two calls of the checkpoint.
    static let checkpointInterval = 4096

    /// Compiles `pattern`, or throws a `RegexSyntaxError` saying what is wrong and where.
    init(_ pattern: String) throws(RegexSyntaxError) {
        self.pattern = pattern
        var parser = RegexParser(pattern)
        let tree = try parser.parse()
        var compiler = RegexCompiler()
        try compiler.emit(tree)
        compiler.append(.match)
        program = compiler.program
        sets = compiler.sets
        foldsCase = compiler.foldsCase
    }

    /// True when the whole of `text` matches (Java's `matches()`, openCypher's `=~`).
    /// `checkpoint` is called every few thousand steps; whatever it throws (a timeout, a
    /// cancellation) ends the match.
    func wholeMatch<E: Error>(_ text: String, checkpoint: () throws(E) -> Void) throws(E) -> Bool {
        let input = Array(text.unicodeScalars.lazy.map(\.value))
        let count = input.count
        // The states of the current and of the next position, and for each state the last
        // step that added it (so each state is added once per position).
        var current: [Int32] = [], next: [Int32] = []
        current.reserveCapacity(program.count)
        next.reserveCapacity(program.count)
        var addedAt = [Int](repeating: -1, count: program.count)
        var stack: [Int32] = []
        var work = 0

        /// Adds state `pc` and every state reachable from it without reading input, at `pos`.
        func add(_ pc: Int32, at pos: Int, to list: inout [Int32]) throws(E) {
            stack.append(pc)
            while let pc = stack.popLast() {
                let i = Int(pc)
                if addedAt[i] == pos { continue }
                addedAt[i] = pos
                work &+= 1
                if work % Self.checkpointInterval == 0 { try checkpoint() }
                switch program[i] {
                case .jump(let to): stack.append(to)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .assert(let a): if holds(a, at: pos, in: input) { stack.append(pc + 1) }
                default: list.append(pc)
                }
            }
        }

        try add(0, at: 0, to: &current)
        var pos = 0
        while !current.isEmpty {
            if pos == count {
                return current.contains { if case .match = program[Int($0)] { return true } else { return false } }
            }
            let c = input[pos]
            var lower = c, upper = c
            if foldsCase { (lower, upper) = RegexCase.lowerAndUpper(c) }
            next.removeAll(keepingCapacity: true)
            for pc in current {
                work &+= 1
                if work % Self.checkpointInterval == 0 { try checkpoint() }
                let matches: Bool
                switch program[Int(pc)] {
                case .scalar(let s): matches = c == s
                case .scalarIgnoringCase(let s, let sLower, let sUpper): matches = c == s || lower == sLower || upper == sUpper
                case .set(let k): matches = sets[k].contains(c, lower: lower, upper: upper)
                default: matches = false
                }
                if matches { try add(pc + 1, at: pos + 1, to: &next) }
            }
            swap(&current, &next)
            pos += 1
        }
        return false
    }

    private func holds(_ a: RegexAssertion, at pos: Int, in input: [UInt32]) -> Bool {
        let count = input.count
        switch a {
        case .inputStart: return pos == 0
        case .inputEnd: return pos == count
        case .lineStart(let unixLines):
            // Java: never at the very end of the input, even after a line terminator; not between \r and \n.
            if pos == count { return false }
            if pos == 0 { return true }
            let before = input[pos - 1]
            guard RegexCase.isLineTerminator(before, unixLines: unixLines) else { return false }
            return !(before == 0x0D && input[pos] == 0x0A && !unixLines)
        case .lineEnd(let multiline, let unixLines):
            if pos == count { return true }
            if !multiline {
                // Before a final line terminator (\r\n counting as one).
                if pos == count - 2 { return !unixLines && input[pos] == 0x0D && input[pos + 1] == 0x0A }
                if pos < count - 2 { return false }
            }
            let c = input[pos]
            guard RegexCase.isLineTerminator(c, unixLines: unixLines) else { return false }
            if c == 0x0A && !unixLines && pos > 0 && input[pos - 1] == 0x0D { return false }
            return true
        case .wordBoundary(let negated):
            let before = pos > 0 && RegexCharacterSet.isWord(input[pos - 1])
            let after = pos < count && RegexCharacterSet.isWord(input[pos])
            return (before != after) != negated
        }
    }
}

/// A pattern that does not compile: what is wrong, and where (a 0-based offset in Unicode
/// scalars into the pattern).
struct RegexSyntaxError: Error, Sendable, Equatable {
    var message: String
    var offset: Int
}

/// Compiled patterns of one statement, so a pattern applied to every row is compiled once.
/// Patterns vary by row only when they are computed; the cache is emptied when it fills.
struct RegexCache {
    private var compiled: [String: RegularExpression] = [:]
    static let capacity = 256

    mutating func expression(for pattern: String) throws(RegexSyntaxError) -> RegularExpression {
        if let re = compiled[pattern] { return re }
        let re = try RegularExpression(pattern)
        if compiled.count >= Self.capacity { compiled.removeAll(keepingCapacity: true) }
        compiled[pattern] = re
        return re
    }
}

// MARK: - Program

fileprivate enum RegexInstruction: Sendable {
    case scalar(UInt32)
    /// A letter under `(?i)`: the scalar itself, or one whose lower or upper case is the same.
    case scalarIgnoringCase(UInt32, lower: UInt32, upper: UInt32)
    case set(Int)
    case split(Int32, Int32)
    case jump(Int32)
    case assert(RegexAssertion)
    case match
}

fileprivate enum RegexAssertion: Sendable, Hashable {
    case inputStart, inputEnd
    case lineStart(unixLines: Bool)
    case lineEnd(multiline: Bool, unixLines: Bool)
    case wordBoundary(negated: Bool)
}

/// A set of scalars: a class `[…]`, `.`, `\d`, `\p{Lu}`, and their unions, intersections and
/// complements. Membership of ASCII scalars is precomputed into a bitmap.
fileprivate struct RegexCharacterSet: Sendable {
    indirect enum Item: Sendable {
        case range(UInt32, UInt32)
        case predicate(RegexPredicate)
        case union([Item])
        case intersection(Item, Item)
        case complement(Item)
    }
    /// The set before a class's `^`: under `(?i)` letters are added in either case first, and
    /// the complement taken after (so `(?i)[^a]` refuses `A` too).
    let item: Item
    let negated: Bool
    let ignoresCase: Bool
    private let asciiLow: UInt64, asciiHigh: UInt64

    init(_ item: Item, ignoresCase: Bool) {
        if case .complement(let inner) = item {
            self.item = inner
            negated = true
        } else {
            self.item = item
            negated = false
        }
        self.ignoresCase = ignoresCase
        var low: UInt64 = 0, high: UInt64 = 0
        for c in UInt32(0)..<128 {
            let (l, u) = RegexCase.lowerAndUpper(c)
            if Self.positive(self.item, ignoresCase, c, lower: l, upper: u) != negated {
                if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
            }
        }
        asciiLow = low
        asciiHigh = high
    }

    private func positive(_ c: UInt32, lower: UInt32, upper: UInt32) -> Bool {
        Self.positive(item, ignoresCase, c, lower: lower, upper: upper)
    }

    private static func positive(_ item: Item, _ ignoresCase: Bool, _ c: UInt32, lower: UInt32, upper: UInt32) -> Bool {
        if member(item, c) { return true }
        guard ignoresCase else { return false }
        let (l, u) = lower == c && upper == c ? RegexCase.lowerAndUpper(c) : (lower, upper)
        return member(item, l) || member(item, u)
    }

    func contains(_ c: UInt32, lower: UInt32, upper: UInt32) -> Bool {
        if c < 64 { return asciiLow & (1 << UInt64(c)) != 0 }
        if c < 128 { return asciiHigh & (1 << UInt64(c - 64)) != 0 }
        return positive(c, lower: lower, upper: upper) != negated
    }

    static func member(_ item: Item, _ c: UInt32) -> Bool {
        switch item {
        case .range(let lo, let hi): return lo <= c && c <= hi
        case .predicate(let p): return p.contains(c)
        case .union(let items): return items.contains { member($0, c) }
        case .intersection(let a, let b): return member(a, c) && member(b, c)
        case .complement(let a): return !member(a, c)
        }
    }

    static func isWord(_ c: UInt32) -> Bool { RegexPredicate.word.contains(c) }
}

/// The named classes: `\d \w \s \h \v`, `.`, and the `\p{…}` properties.
fileprivate enum RegexPredicate: Sendable, Hashable {
    case digit, word, space, horizontalSpace, verticalSpace
    case notLineTerminator(unixLines: Bool)
    case category(Set<Unicode.GeneralCategory>)
    case alphabetic, uppercase, lowercase, whiteSpace, hexDigit, ideographic, ascii
    case alphanumeric, graph, printable, blank

    func contains(_ c: UInt32) -> Bool {
        if c < 128 {
            // ASCII fast paths for the common classes.
            switch self {
            case .digit: return c >= 0x30 && c <= 0x39
            case .word:
                return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
            case .space, .whiteSpace: return c == 0x20 || (c >= 0x09 && c <= 0x0D)
            case .notLineTerminator(let unix): return !RegexCase.isLineTerminator(c, unixLines: unix)
            case .ascii: return true
            default: break
            }
        } else if case .ascii = self {
            return false
        }
        guard let s = Unicode.Scalar(c) else { return false }
        let p = s.properties
        switch self {
        case .digit: return p.generalCategory == .decimalNumber
        case .word:
            switch p.generalCategory {
            case .decimalNumber, .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return p.isAlphabetic || p.isJoinControl
            }
        case .space, .whiteSpace: return p.isWhitespace
        case .horizontalSpace: return c == 0x09 || (p.generalCategory == .spaceSeparator)
        case .verticalSpace: return (c >= 0x0A && c <= 0x0D) || c == 0x85 || c == 0x2028 || c == 0x2029
        case .notLineTerminator(let unix): return !RegexCase.isLineTerminator(c, unixLines: unix)
        case .category(let cats): return cats.contains(p.generalCategory)
        case .alphabetic: return p.isAlphabetic
        case .uppercase: return p.isUppercase
        case .lowercase: return p.isLowercase
        case .hexDigit: return p.isHexDigit
        case .ideographic: return p.isIdeographic
        case .ascii: return c < 128
        case .alphanumeric: return p.isAlphabetic || p.generalCategory == .decimalNumber
        case .blank: return c == 0x09 || p.generalCategory == .spaceSeparator
        case .graph, .printable:
            switch p.generalCategory {
            case .control, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator: return false
            case .spaceSeparator: return self == .printable
            default: return true
            }
        }
    }

    /// The property named in `\p{name}`: general categories (`L`, `Lu`, `IsLu`, `gc=Lu`), Unicode
    /// binary properties (`IsAlphabetic`, `IsWhite_Space`, …) and the POSIX names (`Alpha`, `Digit`, …).
    static func property(named raw: String) -> RegexPredicate? {
        var name = raw
        for prefix in ["general_category=", "gc=", "Is", "is"] where name.hasPrefix(prefix) && name.count > prefix.count {
            name = String(name.dropFirst(prefix.count))
            break
        }
        if let cats = categories[name] { return .category(cats) }
        let key = name.lowercased().filter { $0 != "_" && $0 != " " && $0 != "-" }
        switch key {
        case "alphabetic", "alpha", "letter": return key == "letter" ? categories["L"].map(RegexPredicate.category) : .alphabetic
        case "digit": return .digit
        case "uppercase", "upper": return .uppercase
        case "lowercase", "lower": return .lowercase
        case "whitespace", "space": return .whiteSpace
        case "hexdigit", "xdigit": return .hexDigit
        case "ideographic": return .ideographic
        case "punctuation", "punct": return categories["P"].map(RegexPredicate.category)
        case "control", "cntrl": return .category([.control])
        case "ascii": return .ascii
        case "alnum": return .alphanumeric
        case "graph": return .graph
        case "print": return .printable
        case "blank": return .blank
        default: return nil
        }
    }

    static let categories: [String: Set<Unicode.GeneralCategory>] = {
        let single: [String: Unicode.GeneralCategory] = [
            "Lu": .uppercaseLetter, "Ll": .lowercaseLetter, "Lt": .titlecaseLetter, "Lm": .modifierLetter, "Lo": .otherLetter,
            "Mn": .nonspacingMark, "Mc": .spacingMark, "Me": .enclosingMark,
            "Nd": .decimalNumber, "Nl": .letterNumber, "No": .otherNumber,
            "Pc": .connectorPunctuation, "Pd": .dashPunctuation, "Ps": .openPunctuation, "Pe": .closePunctuation,
            "Pi": .initialPunctuation, "Pf": .finalPunctuation, "Po": .otherPunctuation,
            "Sm": .mathSymbol, "Sc": .currencySymbol, "Sk": .modifierSymbol, "So": .otherSymbol,
            "Zs": .spaceSeparator, "Zl": .lineSeparator, "Zp": .paragraphSeparator,
            "Cc": .control, "Cf": .format, "Cs": .surrogate, "Co": .privateUse, "Cn": .unassigned,
        ]
        var all: [String: Set<Unicode.GeneralCategory>] = single.mapValues { [$0] }
        for major in ["L", "M", "N", "P", "S", "Z", "C"] {
            all[major] = Set(single.filter { $0.key.hasPrefix(major) }.values)
        }
        all["LC"] = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter]
        return all
    }()
}

/// Case mapping and line terminators as the matcher needs them.
fileprivate enum RegexCase {
    /// The single-scalar lower and upper case of `c` (itself where the mapping is not one scalar).
    static func lowerAndUpper(_ c: UInt32) -> (UInt32, UInt32) {
        if c < 128 {
            if c >= 0x41 && c <= 0x5A { return (c + 32, c) }
            if c >= 0x61 && c <= 0x7A { return (c, c - 32) }
            return (c, c)
        }
        guard let s = Unicode.Scalar(c) else { return (c, c) }
        let p = s.properties
        guard p.changesWhenCaseMapped else { return (c, c) }
        return (single(p.lowercaseMapping) ?? c, single(p.uppercaseMapping) ?? c)
    }

    private static func single(_ s: String) -> UInt32? {
        var it = s.unicodeScalars.makeIterator()
        guard let first = it.next(), it.next() == nil else { return nil }
        return first.value
    }

    static func isLineTerminator(_ c: UInt32, unixLines: Bool) -> Bool {
        if unixLines { return c == 0x0A }
        return c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029
    }
}

// MARK: - Parser

/// The pattern's syntax tree.
fileprivate indirect enum RegexNode {
    case empty
    case scalar(UInt32, ignoringCase: Bool)
    case set(RegexCharacterSet.Item, ignoringCase: Bool)
    case assert(RegexAssertion)
    case sequence([RegexNode])
    case alternation([RegexNode])
    case repetition(RegexNode, min: Int, max: Int?)
}

/// The inline flags in force: `(?i)` case-insensitive, `(?s)` dot matches line terminators,
/// `(?m)` `^`/`$` at lines, `(?x)` spaces and `#` comments ignored, `(?d)` only `\n` ends a line;
/// `(?u)` and `(?U)` are accepted (kgq is always Unicode-aware).
fileprivate struct RegexFlags {
    var ignoreCase = false, dotAll = false, multiline = false, comments = false, unixLines = false
}

fileprivate struct RegexParser {
    let s: [Unicode.Scalar]
    var i = 0
    var flags = RegexFlags()
    var depth = 0

    init(_ pattern: String) { s = Array(pattern.unicodeScalars) }

    func error(_ message: String, at offset: Int? = nil) -> RegexSyntaxError {
        RegexSyntaxError(message: message, offset: offset ?? i)
    }

    /// A construct kgq's linear-time matcher cannot run.
    func refused(_ construct: String, at offset: Int) -> RegexSyntaxError {
        error("\(construct) is not supported: it needs a backtracking matcher, and kgq's regular expressions "
              + "run in time linear in the input; rewrite the pattern without it", at: offset)
    }

    var atEnd: Bool { i >= s.count }
    func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        let tree = try alternation()
        if !atEnd {
            // alternation() stops only at ')' here.
            throw error("unmatched ')': there is no '(' for it; write \\) for a literal parenthesis")
        }
        return tree
    }

    /// Skips spaces and `#` comments in `(?x)` mode.
    mutating func skipComments() {
        guard flags.comments else { return }
        while let c = peek() {
            if c.properties.isWhitespace { i += 1; continue }
            if c == "#" {
                while let d = peek(), d != "\n" { i += 1 }
                continue
            }
            break
        }
    }

    mutating func alternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try sequence()]
        while peek() == "|" {
            i += 1
            branches.append(try sequence())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    mutating func sequence() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while true {
            skipComments()
            guard let c = peek(), c != "|", c != ")" else { break }
            let start = i
            guard let atom = try atom() else { continue }  // a flag group such as (?i)
            items.append(try quantified(atom, start: start))
        }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    mutating func quantified(_ atom: RegexNode, start: Int) throws(RegexSyntaxError) -> RegexNode {
        skipComments()
        guard let c = peek() else { return atom }
        let qStart = i
        var min = 0, max: Int? = nil
        switch c {
        case "*": i += 1
        case "+": i += 1; min = 1
        case "?": i += 1; max = 1
        case "{":
            guard let (lo, hi) = try repetitionBounds() else { return atom }
            min = lo; max = hi
        default: return atom
        }
        if peek() == "+" { throw refused("a possessive quantifier (\(String(String.UnicodeScalarView(s[qStart...i]))))", at: qStart) }
        if peek() == "?" { i += 1 }  // lazy: the same answer for a whole-string match
        skipComments()
        if let d = peek(), d == "*" || d == "+" || d == "?" || (d == "{" && looksLikeRepetition()) {
            throw error("a quantifier cannot follow another quantifier; group the first one: (?:…)\(d)")
        }
        return .repetition(atom, min: min, max: max)
    }

    func looksLikeRepetition() -> Bool {
        guard peek() == "{", let d = peek(1) else { return false }
        return d.value >= 0x30 && d.value <= 0x39
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor.
    mutating func repetitionBounds() throws(RegexSyntaxError) -> (Int, Int?)? {
        let start = i
        i += 1
        guard let lo = number() else {
            throw error("'{' must start a repetition such as {2}, {2,} or {2,5}; write \\{ for a literal brace", at: start)
        }
        var hi: Int? = lo
        if peek() == "," {
            i += 1
            hi = peek() == "}" ? nil : number()
            if hi == nil && peek() != "}" {
                throw error("a repetition needs a number or nothing after ',', as in {2,5} or {2,}", at: i)
            }
        }
        guard peek() == "}" else { throw error("a repetition must end with '}', as in {2,5}", at: i) }
        i += 1
        if let hi, hi < lo { throw error("the repetition {\(lo),\(hi)} has its maximum below its minimum", at: start) }
        if lo > RegularExpression.maxRepetition || (hi ?? 0) > RegularExpression.maxRepetition {
            throw error("a repetition count may be at most \(RegularExpression.maxRepetition)", at: start)
        }
        return (lo, hi)
    }

    mutating func number() -> Int? {
        var n = 0, digits = 0
        while let c = peek(), c.value >= 0x30 && c.value <= 0x39 {
            n = n > 1_000_000 ? n : n * 10 + Int(c.value - 0x30)
            digits += 1
            i += 1
        }
        return digits > 0 ? n : nil
    }

    /// One atom, or nil for a group that only sets flags.
    mutating func atom() throws(RegexSyntaxError) -> RegexNode? {
        let start = i
        let c = s[i]
        i += 1
        switch c {
        case "(": return try group(start: start)
        case "[":
            let item = try characterClass(start: start)
            return .set(item, ignoringCase: flags.ignoreCase)
        case ".":
            return .set(flags.dotAll ? .range(0, 0x10FFFF) : .predicate(.notLineTerminator(unixLines: flags.unixLines)),
                        ignoringCase: false)
        case "^": return .assert(flags.multiline ? .lineStart(unixLines: flags.unixLines) : .inputStart)
        case "$": return .assert(.lineEnd(multiline: flags.multiline, unixLines: flags.unixLines))
        case "\\": return try escape(start: start)
        case "*", "+", "?":
            throw error("'\(c)' has nothing to repeat; write \\\(c) for a literal '\(c)'", at: start)
        case "{":
            throw error("'{' has nothing to repeat; write \\{ for a literal brace", at: start)
        default: return literal(c.value)
        }
    }

    func literal(_ c: UInt32) -> RegexNode { .scalar(c, ignoringCase: flags.ignoreCase) }

    mutating func group(start: Int) throws(RegexSyntaxError) -> RegexNode? {
        var saved = flags
        if peek() == "?" {
            i += 1
            switch peek() {
            case ":": i += 1
            case "=": throw refused("lookahead (?=…)", at: start)
            case "!": throw refused("negative lookahead (?!…)", at: start)
            case ">": throw refused("an atomic group (?>…)", at: start)
            case "<":
                if peek(1) == "=" { throw refused("lookbehind (?<=…)", at: start) }
                if peek(1) == "!" { throw refused("negative lookbehind (?<!…)", at: start) }
                i += 1
                let nameStart = i
                while let d = peek(), d.isASCII, d.properties.isAlphabetic || d.properties.numericType != nil { i += 1 }
                guard i > nameStart, peek() == ">" else {
                    throw error("a named group is written (?<name>…) with a name of letters and digits", at: start)
                }
                i += 1
            default:
                // Flags: (?imsx-imsx) for the rest of the enclosing group, or (?imsx-imsx:…) for this group.
                var on = true
                var f = flags
                while let d = peek(), d != ")", d != ":" {
                    switch d {
                    case "-": on = false
                    case "i": f.ignoreCase = on
                    case "s": f.dotAll = on
                    case "m": f.multiline = on
                    case "x": f.comments = on
                    case "d": f.unixLines = on
                    case "u", "U": break
                    default:
                        throw error("unknown flag '\(d)' in (?…): kgq knows i (ignore case), s (dot matches newlines), "
                                    + "m (^ and $ at lines), x (comments), d (Unix lines), u and U", at: i)
                    }
                    i += 1
                }
                guard let end = peek() else { throw error("unclosed group: '(' has no ')'", at: start) }
                i += 1
                if end == ")" {
                    flags = f
                    return nil
                }
                saved = flags
                flags = f
            }
        }
        depth += 1
        if depth > RegularExpression.maxNesting {
            throw error("groups are nested more than \(RegularExpression.maxNesting) deep", at: start)
        }
        let inner = try alternation()
        depth -= 1
        guard peek() == ")" else { throw error("unclosed group: '(' has no ')'", at: start) }
        i += 1
        flags = saved
        return inner
    }

    /// After a backslash, outside a class.
    mutating func escape(start: Int) throws(RegexSyntaxError) -> RegexNode {
        guard let c = peek() else { throw error("the pattern ends with a lone backslash; write \\\\ for a backslash", at: start) }
        switch c {
        case "b", "B":
            i += 1
            if peek() == "{" { throw error("\\b{…} boundaries are not supported", at: start) }
            return .assert(.wordBoundary(negated: c == "B"))
        case "A", "G": i += 1; return .assert(.inputStart)
        case "z": i += 1; return .assert(.inputEnd)
        case "Z": i += 1; return .assert(.lineEnd(multiline: false, unixLines: flags.unixLines))
        case "1"..."9": throw refused("a backreference (\\\(c))", at: start)
        case "k": throw refused("a named backreference (\\k<…>)", at: start)
        case "Q":
            i += 1
            var items: [RegexNode] = []
            while let d = peek() {
                if d == "\\" && peek(1) == "E" { i += 2; return .sequence(items) }
                items.append(literal(d.value))
                i += 1
            }
            return .sequence(items)
        case "R": throw refused("the linebreak matcher \\R", at: start)
        case "X": throw refused("the grapheme cluster matcher \\X", at: start)
        default:
            switch try classEscape(start: start) {
            case .scalar(let v): return literal(v)
            case .set(let item): return .set(item, ignoringCase: flags.ignoreCase)
            }
        }
    }

    enum ClassEscape { case scalar(UInt32), set(RegexCharacterSet.Item) }

    /// Escapes valid both inside and outside a class: `\d \D \w \W \s \S \h \H \v \V \p{…} \P{…}`,
    /// `\t \n \r \f \a \e \0oo \xhh \x{h…} \uhhhh \cX`, and a backslash before any other
    /// non-letter (the character itself).
    mutating func classEscape(start: Int) throws(RegexSyntaxError) -> ClassEscape {
        guard let c = peek() else { throw error("the pattern ends with a lone backslash; write \\\\ for a backslash", at: start) }
        i += 1
        func named(_ p: RegexPredicate, _ negated: Bool) -> ClassEscape {
            negated ? .set(.complement(.predicate(p))) : .set(.predicate(p))
        }
        switch c {
        case "d", "D": return named(.digit, c == "D")
        case "w", "W": return named(.word, c == "W")
        case "s", "S": return named(.space, c == "S")
        case "h", "H": return named(.horizontalSpace, c == "H")
        case "v", "V": return named(.verticalSpace, c == "V")
        case "p", "P":
            let name: String
            if peek() == "{" {
                i += 1
                let nameStart = i
                while let d = peek(), d != "}" { i += 1 }
                guard peek() == "}" else { throw error("\\\(c){ has no closing '}'", at: start) }
                name = String(String.UnicodeScalarView(s[nameStart..<i]))
                i += 1
            } else if let d = peek() {
                i += 1
                name = String(d)
            } else {
                throw error("\\\(c) needs a property name, as in \\\(c){Lu}", at: start)
            }
            guard let p = RegexPredicate.property(named: name) else {
                throw error("unknown character property '\(name)': kgq knows the general categories (L, Lu, Nd, P, …), "
                            + "IsAlphabetic, IsLetter, IsDigit, IsUppercase, IsLowercase, IsWhite_Space, IsPunctuation, "
                            + "and the POSIX classes (Alpha, Digit, Alnum, Upper, Lower, Punct, Space, …)", at: start)
            }
            return named(p, c == "P")
        case "t": return .scalar(0x09)
        case "n": return .scalar(0x0A)
        case "r": return .scalar(0x0D)
        case "f": return .scalar(0x0C)
        case "a": return .scalar(0x07)
        case "e": return .scalar(0x1B)
        case "0":
            var v: UInt32 = 0, digits = 0
            while digits < 3, let d = peek(), let o = d.isASCII ? UInt32(String(d), radix: 8) : nil, v * 8 + o <= 0o377 {
                v = v * 8 + o
                digits += 1
                i += 1
            }
            guard digits > 0 else { throw error("\\0 must be followed by an octal number, as in \\011", at: start) }
            return .scalar(v)
        case "x":
            if peek() == "{" {
                i += 1
                let h = hexDigits(max: 8)
                guard let h, peek() == "}" else { throw error("\\x{…} needs hexadecimal digits and a closing '}'", at: start) }
                i += 1
                guard Unicode.Scalar(h) != nil else { throw error("\\x{\(String(h, radix: 16))} is not a Unicode scalar", at: start) }
                return .scalar(h)
            }
            guard let h = hexDigits(exactly: 2) else { throw error("\\x must be followed by two hexadecimal digits, as in \\x41", at: start) }
            return .scalar(h)
        case "u":
            guard let h = hexDigits(exactly: 4) else {
                throw error("\\u must be followed by four hexadecimal digits, as in \\u00e9", at: start)
            }
            // A surrogate pair written as two \u escapes is one scalar.
            if (0xD800...0xDBFF).contains(h), peek() == "\\", peek(1) == "u" {
                let save = i
                i += 2
                if let low = hexDigits(exactly: 4), (0xDC00...0xDFFF).contains(low) {
                    return .scalar(0x10000 + ((h - 0xD800) << 10) + (low - 0xDC00))
                }
                i = save
            }
            guard Unicode.Scalar(h) != nil else { throw error("\\u\(String(h, radix: 16)) is a lone surrogate", at: start) }
            return .scalar(h)
        case "c":
            guard let d = peek(), d.isASCII else { throw error("\\c must be followed by a letter, as in \\cM", at: start) }
            i += 1
            return .scalar(d.value ^ 0x40)
        case "1"..."9": throw refused("a backreference (\\\(c))", at: start)
        default:
            if c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil) {
                throw error("unknown escape '\\\(c)'; write the letter alone, or \\\\ for a backslash", at: start)
            }
            return .scalar(c.value)
        }
    }

    mutating func hexDigits(exactly n: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in 0..<n {
            guard let d = peek(k), d.isASCII, let x = UInt32(String(d), radix: 16) else { return nil }
            v = v * 16 + x
        }
        i += n
        return v
    }

    mutating func hexDigits(max n: Int) -> UInt32? {
        var v: UInt32 = 0, count = 0
        while count < n, let d = peek(), d.isASCII, let x = UInt32(String(d), radix: 16) {
            v = v * 16 + x
            count += 1
            i += 1
        }
        return count > 0 ? v : nil
    }

    /// A class after its `[`: `[abc]`, `[^a-z]`, nested `[a[bc]]`, intersections `[a-z&&[^aeiou]]`.
    mutating func characterClass(start: Int) throws(RegexSyntaxError) -> RegexCharacterSet.Item {
        depth += 1
        defer { depth -= 1 }
        if depth > RegularExpression.maxNesting {
            throw error("classes are nested more than \(RegularExpression.maxNesting) deep", at: start)
        }
        var negated = false
        if peek() == "^" { negated = true; i += 1 }
        var operands: [RegexCharacterSet.Item] = []  // intersected
        var items: [RegexCharacterSet.Item] = []       // united
        var first = true
        while true {
            skipComments()
            guard let c = peek() else { throw error("unclosed class: '[' has no ']'", at: start) }
            if c == "]" && !first { i += 1; break }
            first = false
            if c == "&" && peek(1) == "&" {
                i += 2
                operands.append(.union(items))
                items = []
                continue
            }
            if c == "[" {
                let nestedStart = i
                i += 1
                items.append(try characterClass(start: nestedStart))
                continue
            }
            let itemStart = i
            let lo: UInt32
            if c == "\\" {
                i += 1
                switch try classEscape(start: itemStart) {
                case .set(let set): items.append(set); continue
                case .scalar(let v): lo = v
                }
            } else {
                i += 1
                lo = c.value
            }
            // A range lo-hi, unless '-' is the last character of the class.
            skipComments()
            if peek() == "-", let next = peek(1), next != "]", next != "[" {
                i += 1
                skipComments()
                let hiStart = i
                let hi: UInt32
                if peek() == "\\" {
                    i += 1
                    guard case .scalar(let v) = try classEscape(start: hiStart) else {
                        throw error("a range cannot end with a class such as \\d; write the '-' last for a literal '-'", at: hiStart)
                    }
                    hi = v
                } else {
                    hi = peek()!.value
                    i += 1
                }
                guard lo <= hi else {
                    throw error("the range \(Self.show(lo))-\(Self.show(hi)) is backwards; write the smaller character first", at: itemStart)
                }
                items.append(.range(lo, hi))
            } else {
                items.append(.range(lo, lo))
            }
        }
        operands.append(.union(items))
        var set = operands[0]
        for o in operands.dropFirst() { set = .intersection(set, o) }
        return negated ? .complement(set) : set
    }

    static func show(_ c: UInt32) -> String {
        guard let s = Unicode.Scalar(c), !s.properties.isWhitespace, s.value >= 0x20 else {
            let hex = String(c, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return String(s)
    }
}

// MARK: - Compiler

fileprivate struct RegexCompiler {
    var program: [RegexInstruction] = []
    var sets: [RegexCharacterSet] = []
    var foldsCase = false

    mutating func append(_ i: RegexInstruction) {
        program.append(i)
    }

    var here: Int32 { Int32(program.count) }

    mutating func check() throws(RegexSyntaxError) {
        if program.count > RegularExpression.maxProgramSize {
            throw RegexSyntaxError(message: "the pattern is too large: its repetitions expand to more than "
                                   + "\(RegularExpression.maxProgramSize) steps; use smaller counts in {n,m}", offset: 0)
        }
    }

    mutating func emit(_ node: RegexNode) throws(RegexSyntaxError) {
        try check()
        switch node {
        case .empty: break
        case .scalar(let c, let ignoringCase):
            let (lower, upper) = RegexCase.lowerAndUpper(c)
            if ignoringCase && (lower != c || upper != c) {
                foldsCase = true
                append(.scalarIgnoringCase(c, lower: lower, upper: upper))
            } else {
                append(.scalar(c))
            }
        case .set(let item, let ignoringCase):
            if ignoringCase { foldsCase = true }
            sets.append(RegexCharacterSet(item, ignoresCase: ignoringCase))
            append(.set(sets.count - 1))
        case .assert(let a): append(.assert(a))
        case .sequence(let items):
            for n in items { try emit(n) }
        case .alternation(let branches):
            // split L1, next; L1: a; jump end; next: split L2, … ; last branch
            var jumps: [Int] = []
            for (k, b) in branches.enumerated() {
                if k < branches.count - 1 {
                    let split = program.count
                    append(.split(here + 1, 0))
                    try emit(b)
                    jumps.append(program.count)
                    append(.jump(0))
                    program[split] = .split(Int32(split + 1), here)
                } else {
                    try emit(b)
                }
            }
            for j in jumps { program[j] = .jump(here) }
        case .repetition(let n, let min, let max):
            if let max {
                for _ in 0..<min { try emit(n) }
                // (n(n(n)?)?)? for the optional copies.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    append(.split(here + 1, 0))
                    try emit(n)
                }
                for s in splits { program[s] = .split(Int32(s + 1), here) }
            } else if min > 0 {
                // n{min,}: min - 1 copies, then one that loops back on itself.
                for _ in 0..<(min - 1) { try emit(n) }
                let loopStart = program.count
                try emit(n)
                append(.split(Int32(loopStart), here + 1))
            } else {
                let loop = program.count
                append(.split(here + 1, 0))
                try emit(n)
                append(.jump(Int32(loop)))
                program[loop] = .split(Int32(loop + 1), here)
            }
        }
        try check()
    }
}
