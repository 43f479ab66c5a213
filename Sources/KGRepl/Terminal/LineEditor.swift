import CEditline
import Foundation

/// Line editing for a terminal through libedit: prompt, history (kept in libedit's own file
/// format), and Tab completion through a `Completer`.
///
/// libedit calls plain C functions for completion, which cannot capture context; the one
/// editor of the process therefore hands its completion function and its matches to those
/// callbacks through `LineEditor.active`. Only the REPL's thread touches them.
public final class LineEditor {
    /// The completion of the line so far (text before the cursor) → what may replace its last word.
    public var complete: (String) -> Completer.Completion = { _ in Completer.Completion(word: "", candidates: [], files: false) }
    private let historyPath: String?
    nonisolated(unsafe) static var active: LineEditor?
    private var matches: [String] = []
    private var matchIndex = 0

    /// Sets up libedit; reads the history file when there is one.
    public init(historyPath: String?) {
        self.historyPath = historyPath
        kg_set_readline_name("kgq")
        kg_set_word_breaks(LineEditor.wordBreaks)
        kg_set_completion(LineEditor.attempt)
        stifle_history(2000)
        if let historyPath { _ = read_history(historyPath) }
        LineEditor.active = self
    }

    /// libedit keeps the pointer, so the characters live as long as the process.
    nonisolated(unsafe) private static let wordBreaks: UnsafePointer<CChar> = {
        let s = strdup(Completer.wordBreaks)
        return UnsafePointer(s ?? strdup(" "))
    }()

    /// Reads one line; nil at end of input (Ctrl-D), after printing the newline the terminal lacks.
    public func readLine(prompt: String) -> String? {
        guard let p = readline(prompt) else {
            print("")
            return nil
        }
        defer { free(p) }
        return String(cString: p)
    }

    /// Adds a line to the history (not blank lines, not a repeat of the previous entry).
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
