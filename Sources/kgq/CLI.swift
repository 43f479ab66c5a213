import ArgumentParser
import Foundation
import KGCore
import KGOutput
import KGQuery

/// The one place where errors become text on stderr and exit codes.
enum CLI {
    /// Writes a line to stderr.
    static func error(_ text: String) {
        let line = text.hasSuffix("\n") ? text : text + "\n"
        FileHandle.standardError.write(Data((colorErrors ? MessageColor.paint(line) : line).utf8))
    }

    /// Errors and warnings are coloured when stderr is a terminal and NO_COLOR is unset (and
    /// TERM is not dumb, and the config file does not say `color = false`).
    static let colorErrors: Bool = {
        let env = ProcessInfo.processInfo.environment
        return isatty(STDERR_FILENO) == 1 && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
            && (try? KGQConfig.load(environment: env))?.boolean("color") != false
    }()

    /// How many diagnostics of one list are printed.
    static let shownDiagnostics = 50

    /// Renders any error a command can meet for people: diagnostics with their caret, query errors, other errors.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let list as DiagnosticList:
            // A broken million-line file can yield a million errors; the first ones tell the story.
            let n = list.diagnostics.count
            let shown = list.diagnostics.prefix(shownDiagnostics).map { $0.rendered() }.joined(separator: "\n")
            let more = n > shownDiagnostics ? "\n… \(n - shownDiagnostics) more not shown" : ""
            return shown + more + (n > 1 ? "\n\(n) errors" : "")
        case let d as Diagnostic: return d.rendered()
        case let q as QueryError: return q.description
        default: return "error: \(error)"
        }
    }

    /// Runs `body`; a Diagnostic, DiagnosticList or QueryError is printed and becomes exit code 2.
    static func reporting<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as ExitCode {
            throw e
        } catch let e where e is DiagnosticList || e is Diagnostic || e is QueryError {
            error(describe(e))
            throw ExitCode(2)
        }
    }

    /// Writes `text` to standard output, unbuffered, checking every write: output that cannot be
    /// written (a full disk, a closed descriptor) is an error, never silently lost. Nothing more
    /// can be said on a broken stdout, so the error goes to stderr and kgq exits with code 2.
    static func out(_ text: String) {
        out(Array(text.utf8))
    }

    /// Writes `bytes` to standard output; see `out(_:)` for text.
    static func out(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                error(Diagnostic(.error, "cannot write to standard output: \(String(cString: strerror(errno)))",
                                 help: "check where the output goes (free disk space, a closed pipe), or write a file with -o").rendered())
                Foundation.exit(2)
            }
            written += n
        }
    }

    /// Writes `text` to a file atomically, or to stdout for "-".
    static func write(_ text: String, to path: String) throws {
        if path == "-" {
            out(text)
        } else {
            try reporting { try AtomicFile.write(text, to: path) }
        }
    }
}
