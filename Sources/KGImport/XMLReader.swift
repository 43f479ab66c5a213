/// An element of an XML document with where it starts (for GraphML's messages).
public struct XMLTree: Sendable {
    public struct Attribute: Sendable {
        public var name: String
        public var value: String
        public var line: Int
        public var column: Int
    }

    /// The name as written, prefix included (`y:NodeLabel`).
    public var name: String
    public var attributes: [Attribute]
    public var children: [XMLTree]
    /// The character data directly inside the element (entities and CDATA resolved).
    public var text: String
    public var line: Int
    public var column: Int

    /// The name without its namespace prefix (`NodeLabel`).
    public var localName: String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    public func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    public func attributeEntry(_ name: String) -> Attribute? { attributes.first { $0.name == name } }
    public func children(named local: String) -> [XMLTree] { children.filter { $0.localName == local } }
}

/// A syntax error of XML text at a line and column.
public struct XMLSyntaxError: Error, Sendable {
    public var message: String
    public var line: Int
    public var column: Int
}

/// A small XML reader of kgq's own, enough for GraphML as Gephi, yEd and NetworkX write it:
/// elements, attributes, character data, the five named entities and character references,
/// CDATA, comments, processing instructions and a DOCTYPE (skipped). Exact positions in every
/// error; nesting bounded, so no input overflows the stack. Namespaces are kept as prefixes.
public struct XMLReader {
    public static let maxDepth = 500

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var lineStart = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The document's root element.
    public static func parse(_ bytes: [UInt8]) throws(XMLSyntaxError) -> XMLTree {
        var r = XMLReader(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { r.i = 3; r.lineStart = 3 }
        try r.misc()
        guard r.i < r.bytes.count, r.peek("<") else { throw r.error("expected the root element '<…>', found \(r.found)") }
        let root = try r.parseElement(depth: 0)
        try r.misc()
        guard r.i >= r.bytes.count else { throw r.error("expected the end of the document after the root element, found \(r.found)") }
        return root
    }

    // MARK: Positions and messages

    private var column: Int {
        var c = 1, k = lineStart
        while k < i { if bytes[k] & 0xC0 != 0x80 { c += 1 }; k += 1 }
        return c
    }

    private func error(_ message: String) -> XMLSyntaxError { XMLSyntaxError(message: message, line: line, column: column) }

    private var found: String {
        guard i < bytes.count else { return "the end of the text" }
        let b = bytes[i]
        if b < 0x20 { return "control character U+" + String(b, radix: 16, uppercase: true) }
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return "'" + String(decoding: bytes[i..<end], as: UTF8.self) + "'"
    }

    private func peek(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return i + u.count <= bytes.count && bytes[i..<(i + u.count)].elementsEqual(u)
    }

    private mutating func advance() {
        if bytes[i] == 0x0A { i += 1; line += 1; lineStart = i } else { i += 1 }
    }

    private mutating func skip(_ n: Int) { for _ in 0..<n where i < bytes.count { advance() } }

    private mutating func ws() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { advance() } }

    /// Skips up to and including `terminator`; an error naming `what` when it never comes.
    private mutating func skipPast(_ terminator: String, what: String) throws(XMLSyntaxError) {
        let start = error("")
        while i < bytes.count, !peek(terminator) { advance() }
        guard i < bytes.count else {
            throw XMLSyntaxError(message: "\(what) is not closed with '\(terminator)'", line: start.line, column: start.column)
        }
        skip(terminator.utf8.count)
    }

    /// Comments, processing instructions, a DOCTYPE and whitespace outside the root.
    private mutating func misc() throws(XMLSyntaxError) {
        while true {
            ws()
            if peek("<?") { try skipPast("?>", what: "the processing instruction") }
            else if peek("<!--") { try skipPast("-->", what: "the comment") }
            else if peek("<!DOCTYPE") { try doctype() }
            else { return }
        }
    }

    private mutating func doctype() throws(XMLSyntaxError) {
        let start = error("")
        var depth = 0
        while i < bytes.count {
            let b = bytes[i]
            advance()
            if b == UInt8(ascii: "[") { depth += 1 }
            if b == UInt8(ascii: "]") { depth -= 1 }
            if b == UInt8(ascii: ">"), depth <= 0 { return }
        }
        throw XMLSyntaxError(message: "the DOCTYPE is not closed with '>'", line: start.line, column: start.column)
    }

    // MARK: Elements

    private static func isNameByte(_ b: UInt8) -> Bool {
        b >= 0x80 || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            || b == UInt8(ascii: "_") || b == UInt8(ascii: ":") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private mutating func name(what: String) throws(XMLSyntaxError) -> String {
        let start = i
        while i < bytes.count, Self.isNameByte(bytes[i]) { i += 1 }
        guard i > start else { throw error("expected \(what), found \(found)") }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func parseElement(depth: Int) throws(XMLSyntaxError) -> XMLTree {
        guard depth < Self.maxDepth else { throw error("elements nested more than \(Self.maxDepth) deep") }
        let (l, c) = (line, column)
        skip(1)   // <
        let tag = try name(what: "an element name after '<'")
        var element = XMLTree(name: tag, attributes: [], children: [], text: "", line: l, column: c)
        // Attributes, then '>' or '/>'.
        while true {
            let before = i
            ws()
            guard i < bytes.count else { throw error("the tag <\(tag)> is not closed with '>'") }
            if peek("/>") { skip(2); return element }
            if peek(">") { skip(1); break }
            guard i > before else { throw error("expected whitespace, '>' or '/>' in <\(tag)>, found \(found)") }
            let (al, ac) = (line, column)
            let attribute = try name(what: "an attribute name, '>' or '/>' in <\(tag)>")
            ws()
            guard peek("=") else { throw error("expected '=' after the attribute \(attribute), found \(found)") }
            skip(1)
            ws()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
                throw error("expected the value of \(attribute) in quotes, found \(found)")
            }
            let quote = bytes[i]
            skip(1)
            let value = try characters(until: quote, what: "the value of \(attribute)")
            skip(1)
            if element.attributes.contains(where: { $0.name == attribute }) {
                throw XMLSyntaxError(message: "the attribute \(attribute) is given twice in <\(tag)>", line: al, column: ac)
            }
            element.attributes.append(.init(name: attribute, value: value, line: al, column: ac))
        }
        // Content up to the matching end tag.
        while true {
            guard i < bytes.count else {
                throw XMLSyntaxError(message: "the element <\(tag)> is never closed (expected </\(tag)>)", line: l, column: c)
            }
            if peek("</") {
                let (el, ec) = (line, column)
                skip(2)
                let end = try name(what: "an element name after '</'")
                guard end == tag else {
                    throw XMLSyntaxError(message: "</\(end)> closes <\(tag)> (opened at line \(l), column \(c))", line: el, column: ec)
                }
                ws()
                guard peek(">") else { throw error("expected '>' to end </\(end)>, found \(found)") }
                skip(1)
                return element
            }
            if peek("<!--") { try skipPast("-->", what: "the comment"); continue }
            if peek("<?") { try skipPast("?>", what: "the processing instruction"); continue }
            if peek("<![CDATA[") {
                skip(9)
                let start = i
                let open = error("")
                while i < bytes.count, !peek("]]>") { advance() }
                guard i < bytes.count else { throw XMLSyntaxError(message: "the CDATA section is not closed with ']]>'", line: open.line, column: open.column) }
                element.text += String(decoding: bytes[start..<i], as: UTF8.self)
                skip(3)
                continue
            }
            if peek("<") { element.children.append(try parseElement(depth: depth + 1)); continue }
            element.text += try characters(until: UInt8(ascii: "<"), what: "the text")
        }
    }

    /// Character data up to (not including) `stop`, entities resolved.
    private mutating func characters(until stop: UInt8, what: String) throws(XMLSyntaxError) -> String {
        var out: [UInt8] = []
        let open = error("")
        while i < bytes.count, bytes[i] != stop {
            let b = bytes[i]
            if b == UInt8(ascii: "&") {
                out += try entity()
                continue
            }
            if stop != UInt8(ascii: "<"), b == UInt8(ascii: "<") { throw error("'<' inside \(what); write it as &lt;") }
            out.append(b)
            advance()
        }
        guard i < bytes.count || stop == UInt8(ascii: "<") else {
            throw XMLSyntaxError(message: "\(what) is not closed with its quote", line: open.line, column: open.column)
        }
        // Attribute values normalise line ends and tabs to spaces; text keeps them.
        if stop != UInt8(ascii: "<") { out = out.map { $0 == 0x0A || $0 == 0x09 || $0 == 0x0D ? 0x20 : $0 } }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func entity() throws(XMLSyntaxError) -> [UInt8] {
        let at = error("")
        skip(1)
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: ";"), i - start < 12 { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: ";") else {
            i = start
            throw XMLSyntaxError(message: "'&' that starts no entity; write it as &amp;", line: at.line, column: at.column)
        }
        let name = String(decoding: bytes[start..<i], as: UTF8.self)
        i += 1
        switch name {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        default:
            var code: UInt32?
            if name.hasPrefix("#x") || name.hasPrefix("#X") { code = UInt32(name.dropFirst(2), radix: 16) }
            else if name.hasPrefix("#") { code = UInt32(name.dropFirst()) }
            else {
                throw XMLSyntaxError(message: "unknown entity &\(name); (XML knows &lt; &gt; &amp; &quot; &apos; and &#…;)", line: at.line, column: at.column)
            }
            guard let code, let scalar = Unicode.Scalar(code), code != 0 else {
                throw XMLSyntaxError(message: "&\(name); is not a character", line: at.line, column: at.column)
            }
            return Array(String(scalar).utf8)
        }
    }
}
