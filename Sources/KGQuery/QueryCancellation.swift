import Synchronization

/// A flag that stops the running statement of a session: the REPL sets it from its Ctrl-C
/// (SIGINT) handler, the executor checks it as it produces rows and expands paths, and the
/// statement ends with a `Cancelled` QueryError leaving the graph unchanged.
///
///     let flag = session.cancellation      // keep a reference for the signal handler
///     flag.cancel()                        // from any thread
public final class QueryCancellation: Sendable {
    private let flag = Atomic<Bool>(false)
    /// Set while an `InterruptScope` watches this flag: Ctrl-C is process-wide, so only the
    /// session that opened the scope may read it (other sessions in the process are untouched).
    let watchesInterrupts = Atomic<Bool>(false)

    public init() {}

    /// Asks the running statement to stop (safe from any thread).
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// True once `cancel()` was called, or Ctrl-C pressed inside an `InterruptScope`, since the last `reset()`.
    public var isCancelled: Bool {
        flag.load(ordering: .relaxed)
            || (watchesInterrupts.load(ordering: .relaxed) && pendingInterrupts.load(ordering: .relaxed) > 0)
    }

    /// Clears the flag; `QuerySession.run` does this as each statement starts. (A Ctrl-C is
    /// cleared when the next `InterruptScope` opens.)
    public func reset() { flag.store(false, ordering: .relaxed) }
}
