import CEditline
import Foundation

/// Line editing for a terminal through libedit: prompt, history (kept in libedit's own file
/// format), Tab completion through a `Completer`, and Ctrl-C that ends the line being typed.
///
/// libedit calls plain C functions for completion and for reading keys, which cannot capture
/// context; the one editor of the process therefore hands its closures and its matches to
/// those callbacks through `LineEditor.active`. Only the REPL's thread touches them.
///
/// Ctrl-C: the key reader waits with `poll` in short steps and gives up the line as soon as
/// `interruptPending()` says a Ctrl-C came (the shell's SIGINT handler records it), wherever
/// libedit was when the signal arrived — relying on libedit's own SIGINT path lost presses
/// that came while it was drawing.
public final class LineEditor {
    /// What `readLine` got.
    public enum Input: Equatable {
        case line(String)
        /// Ctrl-C: the line typed so far is dropped.
        case interrupted
        /// Ctrl-D on an empty line, or the end of input.
        case end
    }

    /// The completion of the line so far (text before the cursor) → what may replace its last word.
    public var complete: (String) -> Completer.Completion = { _ in Completer.Completion(word: "", candidates: [], files: false) }
    /// True once Ctrl-C was pressed (the shell's `InterruptScope.isInterrupted`); the line then ends.
    public var interruptPending: () -> Bool = { false }
    /// Set to colour the line being typed: kgq's own editor (`HighlightingEditor`) then reads
    /// the line instead of libedit, which cannot colour its input; history stays libedit's.
    public var highlighter: SyntaxHighlighter? {
        didSet { own = highlighter.map { HighlightingEditor(highlighter: $0) } }
    }
    /// The unfinished statement's earlier lines (for colouring a string or comment they opened).
    public var context = ""
    private var own: HighlightingEditor?
    private let historyPath: String?
    nonisolated(unsafe) static var active: LineEditor?
    private var matches: [String] = []
    private var matchIndex = 0

    /// Sets up libedit; reads the history file when there is one.
    public init(historyPath: String?) {
        self.historyPath = historyPath
        LineEditor.useCharacterLocale()
        kg_set_readline_name("kgq")
        kg_set_word_breaks(LineEditor.wordBreaks)
        kg_set_completion(LineEditor.attempt)
        kg_set_getc(LineEditor.getc)
        stifle_history(2000)
        if let historyPath { _ = read_history(historyPath) }
        LineEditor.active = self
    }

    /// libedit shows and edits only the characters the C library's locale calls printable, and a
    /// program starts in the "C" locale: without this, `kundtjänst` typed at the prompt lost its
    /// `ä`. The user's locale when it is UTF-8, else C.UTF-8.
    static func useCharacterLocale() {
        if let name = setlocale(LC_CTYPE, ""), String(cString: name).lowercased().replacingOccurrences(of: "-", with: "").contains("utf8") {
            return
        }
        if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
    }

    /// libedit keeps the pointer, so the characters live as long as the process.
    nonisolated(unsafe) private static let wordBreaks: UnsafePointer<CChar> = {
        let s = strdup(Completer.wordBreaks)
        return UnsafePointer(s ?? strdup(" "))
    }()

    /// Reads one line. At Ctrl-C or the end of input it first ends the terminal's line.
    public func readLine(prompt: String) -> Input {
        if let own {
            own.context = context
            return own.readLine(prompt: prompt, editor: self)
        }
        let p = readline(prompt)
        defer { free(p) }
        if interruptPending() {
            print("")
            return .interrupted
        }
        guard let p else {
            print("")
            return .end
        }
        return .line(String(cString: p))
    }

    /// The history entries, oldest first (those read from the history file, then those added).
    public var entries: [String] {
        let base = kg_history_base()
        return (0..<max(0, kg_history_length())).compactMap { i in
            history_get(base + Int32(i)).flatMap { $0.pointee.line }.map { String(cString: $0) }
        }
    }

    /// Adds an entry to the history (not blank ones, not a repeat of the previous entry). An
    /// entry may hold line breaks: a statement typed over several lines is recalled whole by
    /// the up arrow, and libedit's history file keeps the breaks (escaped).
    public func remember(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), line != lastEntry else { return }
        add_history(line)
        lastEntry = line
    }
    private var lastEntry: String?

    /// Writes the history atomically: libedit writes a temporary file beside the target, which
    /// is flushed and renamed over it. Returns an error message, or nil.
    @discardableResult
    public func save() -> String? {
        guard let path = historyPath else { return nil }
        let dir = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: dir.isEmpty ? "." : dir, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            return "cannot create \(dir) for the history: \(error.localizedDescription)"
        }
        let temporary = path + ".tmp-\(getpid())"
        guard write_history(temporary) == 0 else {
            unlink(temporary)
            return "cannot write the history to \(path)"
        }
        let fd = open(temporary, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            return "cannot write the history to \(path): \(String(cString: strerror(errno)))"
        }
        return nil
    }

    // MARK: - libedit callbacks

    /// Reads one key for libedit: a whole UTF-8 character (libedit takes the returned int as
    /// one wide character), or -1 (end of line input) at end of file or once a Ctrl-C is pending.
    private static let getc: @convention(c) (UnsafeMutablePointer<FILE>?) -> Int32 = { _ in
        func byte() -> Int32 {
            while true {
                if LineEditor.active?.interruptPending() == true { return -1 }
                var fd = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                let ready = poll(&fd, 1, 100)   // wake up now and then to look at the Ctrl-C flag
                if ready < 0 && errno != EINTR { return -1 }
                if ready <= 0 { continue }
                var b: UInt8 = 0
                let n = read(0, &b, 1)
                if n == 1 { return Int32(b) }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                return -1
            }
        }
        let lead = byte()
        guard lead >= 0xC0 else { return lead }   // ASCII, -1, or a stray continuation byte
        let count = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1
        var scalar = lead & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F)
        for _ in 0..<count {
            let next = byte()
            guard next >= 0x80 && next < 0xC0 else { return next < 0 ? -1 : 0xFFFD }
            scalar = scalar << 6 | (next & 0x3F)
        }
        return scalar
    }

    private static let attempt: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, _, _ in
        guard let editor = LineEditor.active, let text else { return nil }
        // The line up to the cursor (rl_point counts bytes of the line buffer).
        var before = ""
        if let buffer = kg_line_buffer() {
            let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(max(0, kg_point())))
            before = String(decoding: bytes, as: UTF8.self)
        }
        let c = editor.complete(before)
        if c.files {
            kg_set_completion_over(0)   // libedit completes file names itself
            kg_set_append_character(0)
            return nil
        }
        kg_set_completion_over(1)
        kg_set_append_character(c.appendsSpace ? 32 : 0)
        guard !c.candidates.isEmpty else { return nil }
        editor.matches = c.candidates
        editor.matchIndex = 0
        return rl_completion_matches(text, LineEditor.generate)
    }

    private static let generate: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
        guard let editor = LineEditor.active else { return nil }
        if state == 0 { editor.matchIndex = 0 }
        guard editor.matchIndex < editor.matches.count else { return nil }
        defer { editor.matchIndex += 1 }
        return strdup(editor.matches[editor.matchIndex])
    }
}
