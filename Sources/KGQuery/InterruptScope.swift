import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C presses not yet taken: the SIGINT handler only adds one (an atomic add is all a
/// signal handler may safely do, besides restoring the default and raising again); every
/// `QueryCancellation` reads it while an `InterruptScope` is open.
let pendingInterrupts = Atomic<Int>(0)

/// The third Ctrl-C nobody took ends the process as Ctrl-C always does: the way out of work
/// that does not check for cancellation (a Graphviz layout, a pager that hangs).
let interruptsBeforeExit = 3

/// While it lives, Ctrl-C (SIGINT) cancels the running statement instead of ending the process:
/// the statement stops with a `Cancelled` error and the program goes on. A shell opens one for
/// its whole session and calls `takeInterrupt()` before each statement; a one-off caller opens
/// one around `session.run`. `end()` (or the end of the scope) restores the default, so the next
/// Ctrl-C ends the process as usual. Pressed three times without anyone taking it, Ctrl-C ends
/// the process anyway.
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
        pendingInterrupts.store(0, ordering: .relaxed)
        var action = sigaction()
        let handler: @convention(c) (Int32) -> Void = { signo in
            if pendingInterrupts.wrappingAdd(1, ordering: .relaxed).newValue >= interruptsBeforeExit {
                signal(signo, SIG_DFL)
                raise(signo)
            }
        }
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        sigaction(SIGINT, &action, nil)
        // A parent may have started kgq with SIGINT blocked (a test runner's thread, some
        // launchers); Ctrl-C would then never arrive.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// True when Ctrl-C was pressed since the scope opened or since the last call, which clears
    /// it. A shell calls this before each statement (so a Ctrl-C pressed at the prompt does not
    /// cancel the next statement) and when its line editor returns no line (to tell Ctrl-C from
    /// Ctrl-D).
    public func takeInterrupt() -> Bool {
        pendingInterrupts.exchange(0, ordering: .relaxed) > 0
    }

    /// True when Ctrl-C was pressed and not yet taken (does not clear it).
    public var isInterrupted: Bool { pendingInterrupts.load(ordering: .relaxed) > 0 }

    /// Stops catching Ctrl-C.
    public func end() {
        guard open.exchange(false, ordering: .relaxed) else { return }
        cancellation.watchesInterrupts.store(false, ordering: .relaxed)
        signal(SIGINT, SIG_DFL)
        pendingInterrupts.store(0, ordering: .relaxed)
    }

    deinit { end() }
}
