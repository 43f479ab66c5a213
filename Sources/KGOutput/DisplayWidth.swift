/// Terminal column widths of text: combining marks take none, East Asian wide characters and
/// emoji take two, everything else one. Close to wcwidth(3), without depending on the locale.
public enum DisplayWidth {
    /// Columns `s` occupies on a terminal.
    public static func of(_ s: String) -> Int {
        s.reduce(0) { $0 + of($1) }
    }

    /// Columns one grapheme cluster occupies (0, 1 or 2).
    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        let p = first.properties
        switch p.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if p.isEmojiPresentation { return 2 }
        if c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) && p.isEmoji { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `s` cut to at most `width` columns, ending in `…` when something was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard of(s) > width else { return s }
        guard width > 0 else { return "" }
        var out = "", used = 0
        for c in s {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `s` padded with spaces to `width` columns, on the right (or the left for `right: true`).
    public static func pad(_ s: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(s)))
        return right ? fill + s : s + fill
    }
}
