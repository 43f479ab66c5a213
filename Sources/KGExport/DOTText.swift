/// Escaping of text for the places it goes in DOT.
///
/// - Quoted strings (`"…"`) used for ids, edge labels and tooltips are Graphviz "escString"s:
///   a backslash must be doubled, a quote escaped, and a newline written as `\n`.
/// - HTML-like labels (`<…>`) are XML: `& < > "` become entities and newlines `<BR/>`.
/// Control characters other than newline and tab, and U+FFFE/U+FFFF, become U+FFFD (see
/// ``UnwritableText``): `dot` refuses them and SVG may not hold them.
public enum DOTText {
    /// A DOT quoted string, quotes included: `"say \"hi\"\n"`.
    public static func quoted(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            case "\t": out += " "
            default:
                if scalar.value == 0x7F { continue }
                out.unicodeScalars.append(UnwritableText.isUnwritable(scalar) ? UnwritableText.replacement : scalar)
            }
        }
        return out + "\""
    }

    /// Text for inside an HTML-like label: entities for `& < > "`, `<BR/>` for newlines.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "<BR/>"
            case "\r": break
            case "\t": out += " "
            default:
                if scalar.value == 0x7F { continue }
                out.unicodeScalars.append(UnwritableText.isUnwritable(scalar) ? UnwritableText.replacement : scalar)
            }
        }
        return out
    }

    /// Breaks `s` into lines of about `width` characters at spaces (long words are kept whole).
    public static func wrap(_ s: String, width: Int) -> [String] {
        var lines: [String] = []
        for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines
    }
}
