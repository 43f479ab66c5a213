import KGCore

/// Writes a parsed .kg file in canonical form: one blank line between statements, properties
/// one per line (`name`, then `name@LANG` in language order, then the rest sorted), edge
/// properties inline (over several lines when they hold comments), `cite` lines right under
/// their statement. Comments stay where they were written: above a statement, a property or a
/// cite line, or at the end of its line; a property's comments move with it when properties are
/// sorted.
/// `Parser.parse(Writer.write(f)) == f` for every file `f` (tested as a property).
public enum Writer {
    public static func write(_ file: KGFile) -> String {
        var out = ""
        for (n, s) in file.statements.enumerated() {
            if n > 0 { out += "\n" }
            for c in s.comments { out += "#\(c)\n" }
            let end = trailing(s.lineComment) + "\n"
            switch s.body {
            case .document(let id, let props):
                out += "document \(id)" + block(props, s) + end
            case .node(let id, let labels, let props):
                out += "node \(id) " + labels.map { ":" + $0 }.joined(separator: " ") + block(props, s) + end
            case .edge(let id, let from, let type, let to, let props):
                out += "edge " + (id.map { $0 + " " } ?? "") + "\(from) -[:\(type)"
                if s.blockHasComments {
                    out += block(props, s)
                } else if !props.isEmpty {
                    out += " {" + sorted(props).map(entry).joined(separator: ", ") + "}"
                }
                out += "]-> \(to)" + end
            }
            for c in s.citations {
                for line in c.comments { out += "#\(line)\n" }
                out += cite(c.citation) + trailing(c.trailingComment) + "\n"
            }
        }
        if !file.trailingComments.isEmpty {
            if !file.statements.isEmpty { out += "\n" }
            for c in file.trailingComments { out += "#\(c)\n" }
        }
        return out
    }

    /// A property block over several lines, with the comments of its properties and of `s`.
    static func block(_ props: [PropertyEntry], _ s: Statement) -> String {
        guard !props.isEmpty || s.openComment != nil || !s.blockEndComments.isEmpty else { return "" }
        var out = " {" + trailing(s.openComment) + "\n"
        for p in sorted(props) {
            for c in p.comments { out += "  #\(c)\n" }
            out += "  " + entry(p) + trailing(p.trailingComment) + "\n"
        }
        for c in s.blockEndComments { out += "  #\(c)\n" }
        return out + "}"
    }

    /// A comment at the end of a line (two spaces, then `#`), or nothing.
    static func trailing(_ comment: String?) -> String {
        comment.map { "  #" + $0 } ?? ""
    }

    /// `name` first, then names by language, then other keys alphabetically.
    static func sorted(_ props: [PropertyEntry]) -> [PropertyEntry] {
        func rank(_ p: PropertyEntry) -> (Int, String, String) {
            if p.key == "name" && p.language == nil { return (0, "", "") }
            if let l = p.language { return (1, l, "") }
            return (2, p.key, "")
        }
        // Stable: names in one language keep their written order.
        return props.enumerated().sorted { a, b in
            let ra = rank(a.element), rb = rank(b.element)
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
    }

    static func entry(_ p: PropertyEntry) -> String {
        p.key + (p.language.map { "@" + $0 } ?? "") + ": " + literal(p.value)
    }

    /// A value as .kg writes it (maps with sorted keys).
    public static func literal(_ v: Value) -> String {
        switch v {
        case .map(let m):
            return "{" + m.keys.sorted().map { "\($0): \(literal(m[$0]!))" }.joined(separator: ", ") + "}"
        case .list(let l):
            return "[" + l.map(literal).joined(separator: ", ") + "]"
        case .float(let d):
            // Keep the float-ness but avoid "1e+20" forms the lexer reads back differently.
            return Value.formatFloat(d).replacingPlusExponent()
        default:
            return v.description
        }
    }

    /// One `cite` line, as the canonical form writes it (no newline).
    public static func citeLine(_ c: Citation) -> String { cite(c) }

    static func cite(_ c: Citation) -> String {
        var s = "cite \(c.document) line \(c.line)"
        if let span = c.span { s += " col \(span.lowerBound)-\(span.upperBound)" }
        s += " \"\(Value.escape(c.quote))\""
        if let g = c.gloss { s += " gloss \"\(Value.escape(g))\"" }
        if let v = c.via { s += " via \(v)" }
        return s
    }
}

extension String {
    /// "1e+20" → "1e20" (the .kg lexer accepts both; the canonical form has no '+').
    func replacingPlusExponent() -> String {
        var out = ""
        var prev: Character = " "
        for ch in self {
            if ch == "+" && (prev == "e" || prev == "E") { prev = ch; continue }
            out.append(ch)
            prev = ch
        }
        return out
    }
}
