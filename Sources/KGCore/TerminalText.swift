/// Text from a graph, a document, a plugin or a file name made safe to show on a terminal.
///
/// A terminal acts on control characters instead of showing them: ESC starts a sequence that
/// can recolour the screen, retitle the window or move the cursor, BEL rings, CR returns over
/// what was written, NUL may cut the line. Data can hold any of them (a CSV field, a `.kg`
/// string with `\u{1B}`), so everything kgq prints for people goes through `visible(_:)`:
///
///     TerminalText.visible("a\u{1B}[31mred")   // "a␛[31mred"
///
/// C0 controls and DEL become their Unicode control pictures (␀ … ␟, ␡), one column wide like
/// the characters they stand for, as the error printer has always shown them in source lines.
/// C1 controls (U+0080–U+009F, among them the one-byte CSI) and the invisible characters that
/// reorder or break lines (U+2028, U+2029, the bidirectional embeddings, overrides and isolates)
/// and the invisible ones (the byte-order mark, zero-width characters, direction marks)
/// have no picture and are written as `\u{9B}`. Nothing else changes, so text without such
/// characters is returned as it is (and without copying).
public enum TerminalText {
    /// `text` with every control character shown rather than obeyed. With `keepingLayout`
    /// (a multi-line report), line feeds and tabs stay as they are; without it they are shown
    /// too (a table cell or a single-line message).
    public static func visible(_ text: String, keepingLayout: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepingLayout: keepingLayout) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar, keepingLayout: keepingLayout) else { out.append(scalar); continue }
            let v = scalar.value
            if v < 0x20 {
                out.append(Unicode.Scalar(0x2400 + v)!)
            } else if v == 0x7F {
                out.append("\u{2421}")
            } else {
                out.append(contentsOf: ("\\u{" + String(v, radix: 16, uppercase: true) + "}").unicodeScalars)
            }
        }
        return String(out)
    }

    /// Whether `scalar` acts on a terminal (or reorders what follows it) instead of showing.
    public static func needsEscape(_ scalar: Unicode.Scalar, keepingLayout: Bool = false) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: return !keepingLayout
        case 0x00..<0x20, 0x7F, 0x80...0x9F: return true
        case 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        // Invisible: the byte-order mark, zero-width spaces and joiners, direction marks,
        // invisible operators — a name holding one looks like a name without it.
        case 0xFEFF, 0x200B...0x200F, 0x2060...0x2064: return true
        default: return false
        }
    }
}
