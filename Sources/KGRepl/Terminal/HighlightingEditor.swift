import Foundation

/// kgq's own line editor, for a terminal that shows colour: libedit cannot colour the line being
/// typed, so this one draws it itself, through `SyntaxHighlighter`, after every key. It keeps
/// what the libedit path offers: history of whole statements (the `LineEditor`'s list, saved in
/// libedit's file format), cursor keys, Home/End, Ctrl-A/B/E/F/K/U/W/Y, Alt-B/F, Backspace/Delete,
/// Ctrl-C (drops the line), Ctrl-D (leaves on an empty line), Ctrl-L, Ctrl-R (reverse search),
/// Tab completion (a second Tab lists the choices), UTF-8 input with wide characters counted as
/// two columns, and the window's width read again at every redraw (resizing works).
///
/// The terminal is put in raw mode only while a line is read (no echo, no line buffering;
/// signals stay on, so Ctrl-C reaches the shell's SIGINT handler, which `interruptPending` asks).
final class HighlightingEditor {
    let highlighter: SyntaxHighlighter
    /// Text of the unfinished statement before this line, so a string or comment opened on an
    /// earlier line is coloured as such on this one.
    var context = ""
    private var chars: [Character] = []
    private var cursor = 0
    private var prompt = ""
    /// The screen row of the cursor, counted from the prompt's row, after the last redraw.
    private var cursorRow = 0
    private var killed: [Character] = []
    private var lastKeyWasTab = false
    private var pendingBytes: [UInt8] = []

    init(highlighter: SyntaxHighlighter) {
        self.highlighter = highlighter
    }

    enum Key: Equatable {
        case char(Character)
        case control(UInt8)   // 1 (Ctrl-A) … 31, 127 (Backspace)
        case up, down, left, right, home, end, delete, wordLeft, wordRight
        case eof
        case interrupted
    }

    /// Reads one line (or, after a history recall, several) with `prompt`.
    func readLine(prompt: String, editor: LineEditor) -> LineEditor.Input {
        self.prompt = prompt
        chars = []
        cursor = 0
        cursorRow = 0
        lastKeyWasTab = false
        let history = editor.entries
        var historyIndex = history.count
        var draft: [Character] = []

        var saved = termios()
        let raw = tcgetattr(STDIN_FILENO, &saved) == 0
        if raw {
            var t = saved
            t.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN)
            t.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
            withUnsafeMutableBytes(of: &t.c_cc) { cc in
                cc[Int(VMIN)] = 1
                cc[Int(VTIME)] = 0
            }
            tcsetattr(STDIN_FILENO, TCSADRAIN, &t)
        }
        defer { if raw { tcsetattr(STDIN_FILENO, TCSADRAIN, &saved) } }

        var width = currentWidth()
        redraw()
        while true {
            let key = readKey(editor: editor, onIdle: {
                let w = self.currentWidth()
                if w != width { width = w; self.redraw() }
            })
            let wasTab = lastKeyWasTab
            lastKeyWasTab = false
            switch key {
            case .interrupted:
                moveToEnd()
                emit("^C\r\n")
                return .interrupted
            case .eof:
                moveToEnd()
                emit("\r\n")
                return .end
            case .char(let ch):
                insert([ch])
            case .control(let code):
                switch code {
                case 1: cursor = 0                                   // Ctrl-A
                case 2: cursor = max(0, cursor - 1)                  // Ctrl-B
                case 4:                                              // Ctrl-D
                    if chars.isEmpty { emit("\r\n"); return .end }
                    if cursor < chars.count { chars.remove(at: cursor) }
                case 5: cursor = chars.count                         // Ctrl-E
                case 6: cursor = min(chars.count, cursor + 1)        // Ctrl-F
                case 7: break                                        // Ctrl-G
                case 9:                                              // Tab
                    complete(editor: editor, listing: wasTab)
                    lastKeyWasTab = true
                case 10, 13:                                         // Enter
                    cursor = chars.count
                    redraw()
                    emit("\r\n")
                    return .line(String(chars))
                case 11: killed = Array(chars[cursor...]); chars.removeSubrange(cursor...)   // Ctrl-K
                case 12:                                             // Ctrl-L
                    emit("\u{1B}[H\u{1B}[2J")
                    cursorRow = 0
                case 14: fallthrough                                 // Ctrl-N
                case 16:                                             // Ctrl-P
                    recall(code == 16 ? -1 : 1, history: history, index: &historyIndex, draft: &draft)
                case 18:                                             // Ctrl-R
                    if let found = reverseSearch(history: history, editor: editor) {
                        if case .line(let line) = found { return .line(line) }
                        return found
                    }
                case 21: killed = Array(chars[..<cursor]); chars.removeSubrange(..<cursor); cursor = 0   // Ctrl-U
                case 23:                                             // Ctrl-W: back to a space, as readline
                    var start = cursor
                    while start > 0, chars[start - 1].isWhitespace { start -= 1 }
                    while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
                    killed = Array(chars[start..<cursor])
                    chars.removeSubrange(start..<cursor)
                    cursor = start
                case 25: insert(killed)                              // Ctrl-Y
                case 8, 127:                                         // Backspace
                    if cursor > 0 { chars.remove(at: cursor - 1); cursor -= 1 }
                default: break
                }
            case .up: recall(-1, history: history, index: &historyIndex, draft: &draft)
            case .down: recall(1, history: history, index: &historyIndex, draft: &draft)
            case .left: cursor = max(0, cursor - 1)
            case .right: cursor = min(chars.count, cursor + 1)
            case .home: cursor = 0
            case .end: cursor = chars.count
            case .delete: if cursor < chars.count { chars.remove(at: cursor) }
            case .wordLeft: cursor = wordStart(before: cursor)
            case .wordRight:
                var j = cursor
                while j < chars.count, !isWordCharacter(chars[j]) { j += 1 }
                while j < chars.count, isWordCharacter(chars[j]) { j += 1 }
                cursor = j
            }
            redraw()
        }
    }

    private func insert(_ new: [Character]) {
        chars.insert(contentsOf: new, at: cursor)
        cursor += new.count
    }

    private func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    private func wordStart(before index: Int) -> Int {
        var j = index
        while j > 0, !isWordCharacter(chars[j - 1]) { j -= 1 }
        while j > 0, isWordCharacter(chars[j - 1]) { j -= 1 }
        return j
    }

    private func recall(_ step: Int, history: [String], index: inout Int, draft: inout [Character]) {
        let next = index + step
        guard next >= 0, next <= history.count, next != index else { return }
        if index == history.count { draft = chars }
        index = next
        chars = next == history.count ? draft : Array(history[next])
        cursor = chars.count
    }

    // MARK: - Ctrl-R

    /// `(reverse-i-search)'text': match` — typing narrows, Ctrl-R finds an older match, Enter
    /// runs the match, another key (an arrow, Esc) keeps it for editing, Ctrl-G or Ctrl-C gives up.
    private func reverseSearch(history: [String], editor: LineEditor) -> LineEditor.Input? {
        var query = ""
        var index = history.count
        var match: String? = nil
        func find(from start: Int) {
            var i = start
            while i >= 0 {
                if i < history.count, query.isEmpty || history[i].contains(query) { index = i; match = history[i]; return }
                i -= 1
            }
        }
        func show() {
            clearFromPrompt()
            let shown = "(reverse-i-search)'\(query)': "
            let text = match ?? ""
            emit(shown + highlighter.paint(text))
            cursorRow = rows(of: Array(shown) + Array(text), width: currentWidth()).endRow
        }
        show()
        while true {
            let key = readKey(editor: editor, onIdle: {})
            switch key {
            case .char(let ch):
                query.append(ch)
                find(from: min(index, history.count - 1))
            case .control(18):
                find(from: index - 1)
            case .control(8), .control(127):
                if !query.isEmpty { query.removeLast() }
                find(from: history.count - 1)
            case .control(7), .interrupted:
                clearFromPrompt()
                cursorRow = 0
                return nil
            case .control(10), .control(13):
                chars = Array(match ?? "")
                cursor = chars.count
                clearFromPrompt()
                cursorRow = 0
                redraw()
                emit("\r\n")
                return .line(String(chars))
            case .eof:
                return .end
            default:
                chars = Array(match ?? String(chars))
                cursor = chars.count
                clearFromPrompt()
                cursorRow = 0
                return nil
            }
            show()
        }
    }

    // MARK: - Tab

    private func complete(editor: LineEditor, listing: Bool) {
        let before = String(chars[..<cursor])
        let completion = editor.complete(before)
        var word = completion.word
        var candidates = completion.candidates
        if completion.files {
            (word, candidates) = Self.fileCandidates(before)
        }
        guard !candidates.isEmpty else { emit("\u{07}"); return }
        let common = candidates.dropFirst().reduce(candidates[0]) { $0.commonPrefix(with: $1) }
        let wordChars = Array(word)
        let start = cursor - wordChars.count
        if candidates.count == 1 {
            var replacement = Array(candidates[0])
            if !completion.files ? completion.appendsSpace : !candidates[0].hasSuffix("/") { replacement.append(" ") }
            chars.replaceSubrange(start..<cursor, with: replacement)
            cursor = start + replacement.count
        } else if common.count > wordChars.count {
            chars.replaceSubrange(start..<cursor, with: Array(common))
            cursor = start + common.count
        } else if listing {
            moveToEnd()
            emit("\r\n" + candidates.joined(separator: "  ") + "\r\n")
            cursorRow = 0
        } else {
            emit("\u{07}")
        }
    }

    /// The file names that complete the last word of `before` (after `:source`, `:graph`, …).
    static func fileCandidates(_ before: String) -> (word: String, candidates: [String]) {
        let word = String(before.reversed().prefix { $0 != " " }.reversed())
        let slash = word.lastIndex(of: "/")
        let folder = slash.map { String(word[...$0]) } ?? ""
        let prefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        let expanded = folder.hasPrefix("~/") ? NSHomeDirectory() + folder.dropFirst() : folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: expanded.isEmpty ? "." : expanded)) ?? []
        let fits = names.filter { $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map { name -> String in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (expanded.isEmpty ? "" : expanded) + name, isDirectory: &isDirectory)
            return folder + name + (isDirectory.boolValue ? "/" : "")
        }
        return (word, fits)
    }

    // MARK: - Drawing

    private func currentWidth() -> Int {
        var ws = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0 { return Int(ws.ws_col) }
        return 80
    }

    /// The continuation prompt shown before the second and later lines of a recalled statement.
    static let continuation = "   -> "

    /// Where each character of the screen text lands, wrapping at `width` (a wide character that
    /// does not fit on the row moves to the next): the row and column of the cursor and of the end.
    private func rows(of text: [Character], width: Int, cursorAt: Int? = nil) -> (endRow: Int, endColumn: Int, cursorRow: Int, cursorColumn: Int) {
        var row = 0, column = 0
        var cursorRow = 0, cursorColumn = 0
        for (k, ch) in text.enumerated() {
            if k == cursorAt { cursorRow = row; cursorColumn = column }
            if ch == "\n" { row += 1; column = 0; continue }
            let w = DisplayWidth.of(ch)
            if column + w > width { row += 1; column = 0 }
            column += w
            if column >= width { row += 1; column = 0 }
        }
        if cursorAt == nil || cursorAt! >= text.count { cursorRow = row; cursorColumn = column }
        return (row, column, cursorRow, cursorColumn)
    }

    /// The prompt and the text as shown: each line break followed by the continuation prompt.
    private func screenText() -> (plain: [Character], painted: String, cursorIndex: Int) {
        let promptChars = Array(prompt)
        var plain = promptChars
        var cursorIndex = promptChars.count
        let contextChars = Array(context.isEmpty ? "" : context + "\n")
        let all = contextChars + chars
        let spans = highlighter.spans(String(all)).compactMap { span -> SyntaxHighlighter.Span? in
            let s = max(span.start, contextChars.count) - contextChars.count
            let e = span.end - contextChars.count
            return e > s ? SyntaxHighlighter.Span(s, e, span.kind) : nil
        }
        // Paint line by line so that every continuation prompt stays uncoloured.
        var painted = prompt
        var lineStart = 0
        for (k, ch) in chars.enumerated() {
            if k == cursor { cursorIndex = plain.count }
            if ch == "\n" {
                painted += paintRange(lineStart, k, spans) + "\r\n" + Self.continuation
                plain.append("\n")
                plain += Array(Self.continuation)
                lineStart = k + 1
            } else {
                plain.append(ch)
            }
        }
        if cursor >= chars.count { cursorIndex = plain.count }
        painted += paintRange(lineStart, chars.count, spans)
        return (plain, painted, cursorIndex)
    }

    private func paintRange(_ start: Int, _ end: Int, _ spans: [SyntaxHighlighter.Span]) -> String {
        let part = Array(chars[start..<end])
        let local = spans.compactMap { s -> SyntaxHighlighter.Span? in
            let a = max(s.start, start), b = min(s.end, end)
            return b > a ? SyntaxHighlighter.Span(a - start, b - start, s.kind) : nil
        }
        return highlighter.paint(part, local)
    }

    private func clearFromPrompt() {
        if cursorRow > 0 { emit("\u{1B}[\(cursorRow)A") }
        emit("\r\u{1B}[J")
    }

    private func redraw() {
        let width = currentWidth()
        let (plain, painted, cursorIndex) = screenText()
        let layout = rows(of: plain, width: width, cursorAt: cursorIndex)
        var out = ""
        if cursorRow > 0 { out += "\u{1B}[\(cursorRow)A" }
        out += "\r\u{1B}[J" + painted
        // At the exact end of a row the terminal holds the cursor on the last column; a line
        // break puts it where the layout says (the start of the next row).
        if layout.endColumn == 0, layout.endRow > 0, plain.last != "\n" { out += "\r\n" }
        let up = layout.endRow - layout.cursorRow
        if up > 0 { out += "\u{1B}[\(up)A" }
        out += "\r"
        if layout.cursorColumn > 0 { out += "\u{1B}[\(layout.cursorColumn)C" }
        emit(out)
        cursorRow = layout.cursorRow
    }

    private func moveToEnd() {
        cursor = chars.count
        redraw()
    }

    private func emit(_ s: String) {
        var bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return }
            offset += n
        }
    }

    // MARK: - Keys

    /// One byte, waiting with `poll` in short steps so that a pending Ctrl-C (and a resize, through
    /// `onIdle`) is seen; nil at the end of input or once a Ctrl-C is pending.
    private func byte(editor: LineEditor, onIdle: () -> Void) -> UInt8?? {
        if !pendingBytes.isEmpty { return pendingBytes.removeFirst() }
        while true {
            if editor.interruptPending() { return .some(nil) }
            var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fd, 1, 100)
            if ready < 0 && errno != EINTR { return nil }
            if ready <= 0 {
                onIdle()
                continue
            }
            var b: UInt8 = 0
            let n = read(STDIN_FILENO, &b, 1)
            if n == 1 { return b }
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            return nil
        }
    }

    /// The next key: a character (UTF-8 decoded), a control key, or an escape sequence decoded.
    private func readKey(editor: LineEditor, onIdle: () -> Void) -> Key {
        guard let got = byte(editor: editor, onIdle: onIdle) else { return .eof }
        guard let b = got else { return .interrupted }
        if b == 0x1B { return escape(editor: editor) }
        if b < 0x20 || b == 0x7F { return .control(b) }
        if b < 0x80 { return .char(Character(Unicode.Scalar(b))) }
        // UTF-8: the lead byte says how many follow.
        let count = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0
        var bytes = [b]
        for _ in 0..<count {
            guard let more = byte(editor: editor, onIdle: {}), let next = more else { break }
            bytes.append(next)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let scalar = text.unicodeScalars.first else { return .char("\u{FFFD}") }
        // A combining mark typed on its own joins the character before the cursor.
        if scalar.properties.generalCategory == .nonspacingMark || scalar.properties.generalCategory == .enclosingMark,
           cursor > 0 {
            chars[cursor - 1] = Character(String(chars[cursor - 1]) + String(scalar))
            return .control(0)
        }
        return .char(Character(scalar))
    }

    /// After ESC: CSI and SS3 sequences for the arrows, Home, End, Delete; Alt-B/F; ESC alone.
    private func escape(editor: LineEditor) -> Key {
        guard let next = quickByte(editor: editor) else { return .control(0x1B) }
        switch next {
        case UInt8(ascii: "b"): return .wordLeft
        case UInt8(ascii: "f"): return .wordRight
        case UInt8(ascii: "O"):
            switch quickByte(editor: editor) ?? 0 {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            case UInt8(ascii: "H"): return .home
            case UInt8(ascii: "F"): return .end
            default: return .control(0)
            }
        case UInt8(ascii: "["):
            var parameters = ""
            while let c = quickByte(editor: editor) {
                if (0x40...0x7E).contains(c) {
                    switch (parameters, Character(Unicode.Scalar(c))) {
                    case (_, "A"): return .up
                    case (_, "B"): return .down
                    case ("1;5", "C"), ("1;3", "C"): return .wordRight
                    case ("1;5", "D"), ("1;3", "D"): return .wordLeft
                    case (_, "C"): return .right
                    case (_, "D"): return .left
                    case (_, "H"): return .home
                    case (_, "F"): return .end
                    case ("1", "~"), ("7", "~"): return .home
                    case ("4", "~"), ("8", "~"): return .end
                    case ("3", "~"): return .delete
                    default: return .control(0)
                    }
                }
                parameters.append(Character(Unicode.Scalar(c)))
            }
            return .control(0)
        default:
            return .control(0)
        }
    }

    /// A byte that is part of an escape sequence: already there, or within 50 ms.
    private func quickByte(editor: LineEditor) -> UInt8? {
        if !pendingBytes.isEmpty { return pendingBytes.removeFirst() }
        var fd = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, 50) > 0 else { return nil }
        var b: UInt8 = 0
        return read(STDIN_FILENO, &b, 1) == 1 ? b : nil
    }
}

/// Columns a character takes in a terminal: 2 for East Asian wide and emoji, 0 for combining
/// marks and zero-width characters, else 1.
enum DisplayWidth {
    static func of(_ ch: Character) -> Int {
        guard let first = ch.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 { return 0 }
        if first.properties.generalCategory == .nonspacingMark || first.properties.generalCategory == .enclosingMark
            || v == 0x200B || v == 0x200D || v == 0xFEFF { return 0 }
        if ch.unicodeScalars.contains(where: { $0.properties.isEmojiPresentation }) { return 2 }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
