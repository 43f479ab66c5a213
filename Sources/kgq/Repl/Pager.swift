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
    static func run(_ text: String, command: String) -> Bool {
        var ignore = sigaction(), previousPipe = sigaction()
        #if canImport(Glibc)
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        #else
        ignore.__sigaction_u.__sa_handler = SIG_IGN
        #endif
        sigemptyset(&ignore.sa_mask)
        sigaction(SIGPIPE, &ignore, &previousPipe)
        defer { sigaction(SIGPIPE, &previousPipe, nil) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
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
        let words: [String] = ["/bin/sh", "-c", command]
        let envp: [UnsafeMutablePointer<CChar>?] = assignments.map { strdup($0) } + [nil]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer {
            envp.forEach { free($0) }
            argv.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        close(fds[0])
        guard spawned == 0 else {
            close(fds[1])
            return false
        }
        // The pager reads as the user scrolls; when it quits early the write fails (EPIPE) and stops.
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue } else { break } }
            bytes = bytes.dropFirst(n)
        }
        close(fds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }
}
