/// Colours the messages kgq writes on stderr for a terminal: `error:` red, `warning:` yellow,
/// `help:` green, the caret under the offending place red. The text is otherwise unchanged,
/// so the same rendering serves pipes and files (where the caller does not colour at all).
///
///     MessageColor.paint("query:1:8: error: …\n 1 | RETURN nope\n   |        ^\n  help: …")
public enum MessageColor {
    static let red = "\u{1B}[1;31m", yellow = "\u{1B}[1;33m", green = "\u{1B}[32m"

    public static func paint(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { paintLine(String($0)) }.joined(separator: "\n")
    }

    static func paintLine(_ line: String) -> String {
        for (word, code) in [("error:", red), ("warning:", yellow)] {
            // The severity follows the location (`file:1:2: error:`) or starts the line.
            if line.hasPrefix(word) { return code + word + ANSI.reset + line.dropFirst(word.count) }
            if let r = line.range(of: ": " + word) {
                return String(line[..<r.lowerBound]) + ": " + code + word + ANSI.reset + String(line[r.upperBound...])
            }
        }
        if line.hasPrefix("  help:") { return green + "  help:" + ANSI.reset + line.dropFirst(7) }
        // The caret line: spaces, '|', spaces or tabs, '^'.
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("|"), line.hasSuffix("^"), trimmed.dropFirst().dropLast().allSatisfy({ $0 == " " || $0 == "\t" }) {
            return String(line.dropLast()) + red + "^" + ANSI.reset
        }
        return line
    }
}
