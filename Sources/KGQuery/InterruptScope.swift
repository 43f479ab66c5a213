import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set by the SIGINT handler (an atomic store is all a signal handler may safely do); read by
/// every `QueryCancellation` while an `InterruptScope` is open.
let pendingInterrupt = Atomic<Bool>(false)

/// While it lives, Ctrl-C (SIGINT) cancels the running statement instead of ending the process:
/// the statement stops with a `Cancelled` error and the REPL keeps going. Open one around
/// `session.run` (not around the line editor, which handles Ctrl-C itself); `end()` (or the end
/// of the scope) restores the default, so the next Ctrl-C ends the process as usual.
///
///     let scope = InterruptScope(watching: session.cancellation)
///     defer { scope.end() }
///     let result = try session.run(line)
public final class InterruptScope: Sendable {
    private let open = Atomic<Bool>(true)
    private let cancellation: QueryCancellation

    /// Starts catching Ctrl-C for the statements checked against `cancellation`
    /// (usually `session.cancellation`).
    public init(watching cancellation: QueryCancellation) {
        self.cancellation = cancellation
        cancellation.watchesInterrupts.store(true, ordering: .relaxed)
        pendingInterrupt.store(false, ordering: .relaxed)
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in pendingInterrupt.store(true, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in pendingInterrupt.store(true, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
    }

    /// Stops catching Ctrl-C.
    public func end() {
        guard open.exchange(false, ordering: .relaxed) else { return }
        cancellation.watchesInterrupts.store(false, ordering: .relaxed)
        signal(SIGINT, SIG_DFL)
        pendingInterrupt.store(false, ordering: .relaxed)
    }

    deinit { end() }
}
