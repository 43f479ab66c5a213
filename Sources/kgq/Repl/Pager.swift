import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shows long text through the user's pager (run by /bin/sh), or prints it when there is none
/// or it cannot be started.
///
/// The pager runs in kgq's own process group, which is the terminal's foreground group, so
/// `less` may read the keyboard and set the terminal's modes (a pager started in a group of its
/// own is stopped by SIGTTOU/SIGTTIN and the shell hangs). The pager starts with the default
/// signal actions; kgq only counts a Ctrl-C meanwhile (three end a pager that never does).
enum Pager {
    /// The pager command: $KGQ_PAGER, else $PAGER, else the config file's `pager_command`, else
    /// `less` when it is installed; an empty
    /// variable means no pager. `less` gets `LESS=FRX` when $LESS is unset (quit when the text
    /// fits, keep colours, leave the text on the screen).
    static func command(environment env: [String: String], configured: String? = nil) -> String? {
        for name in ["KGQ_PAGER", "PAGER"] {
            if let v = env[name] { return v.trimmingCharacters(in: .whitespaces).isEmpty ? nil : v }
        }
        if let configured { return configured.trimmingCharacters(in: .whitespaces).isEmpty ? nil : configured }
        let path = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return path.contains { FileManager.default.isExecutableFile(atPath: "\($0)/less") } ? "less" : nil
    }

    static func show(_ text: String, command: String?) {
        guard let command, run(text, command: command) else {
            CLI.out(text)
            return
        }
    }

    /// Runs `command` with `text` on its standard input and waits for it; false when it could
    /// not be started.
    /// Runs `$VISUAL`, else `$EDITOR`, else `vi` on `file` in the terminal's foreground
    /// process group and waits; false when it could not be started or failed.
    static func edit(_ file: String, environment env: [String: String]) -> Bool {
        let editor = [env["VISUAL"], env["EDITOR"]].compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        guard let status = spawn(["/bin/sh", "-c", editor + " \"$1\"", "sh", file], input: nil) else { return false }
        return status == 0
    }

    static func run(_ text: String, command: String) -> Bool {
        spawn(["/bin/sh", "-c", command], input: text) != nil
    }

    /// Starts `words` in kgq's process group with the default signal actions, its standard
    /// input `input` through a pipe (nil: the terminal), and waits; its exit status, or nil
    /// when it could not be started.
    static func spawn(_ words: [String], input: String?) -> Int32? {
        var ignore = sigaction(), previousPipe = sigaction()
        #if canImport(Glibc)
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        #else
        ignore.__sigaction_u.__sa_handler = SIG_IGN
        #endif
        sigemptyset(&ignore.sa_mask)
        sigaction(SIGPIPE, &ignore, &previousPipe)
        defer { sigaction(SIGPIPE, &previousPipe, nil) }
        var fds: [Int32] = [-1, -1]
        if input != nil { guard pipe(&fds) == 0 else { return nil } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if input != nil {
            posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
            posix_spawn_file_actions_addclose(&actions, fds[0])
            posix_spawn_file_actions_addclose(&actions, fds[1])
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for s in [SIGINT, SIGQUIT, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // No POSIX_SPAWN_SETPGROUP: the pager stays in the foreground process group.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        if env["LESS"] == nil { env["LESS"] = "FRX" }
        let assignments: [String] = env.map { "\($0.key)=\($0.value)" }
        let envp: [UnsafeMutablePointer<CChar>?] = assignments.map { strdup($0) } + [nil]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer {
            envp.forEach { free($0) }
            argv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, words[0], &actions, &attributes, argv, envp)
        if input != nil { close(fds[0]) }
        guard spawned == 0 else {
            if input != nil { close(fds[1]) }
            return nil
        }
        if let input {
            // The pager reads as the user scrolls; when it quits early the write fails (EPIPE) and stops.
            var bytes = Array(input.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
                if n < 0 { if errno == EINTR { continue } else { break } }
                bytes = bytes.dropFirst(n)
            }
            close(fds[1])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
