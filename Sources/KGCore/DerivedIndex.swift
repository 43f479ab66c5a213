import Foundation

/// An index the graph derives from its own tables (id → handle, name → handles), built the
/// first time something reads it rather than when the graph is opened: a graph read from a
/// snapshot does not pay for 100,000 hash inserts before its first statement, and a statement
/// that never looks an id up never builds one.
///
/// Shared by copies of a `Graph` like the graph's arrays are: `Graph` makes its box unique (and
/// built) before it writes to it, so a copy never sees another copy's writes. Reads from several
/// threads are safe: the first build happens under a lock.
@usableFromInline
final class DerivedIndex<Index: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var index: Index
    private var built: Bool

    /// A box holding `index`, already built (an empty graph's index is empty).
    init(built index: Index) { self.index = index; built = true }
    /// A box to be filled by the first read.
    init(unbuilt empty: Index) { index = empty; built = false }

    /// The index, built with `build` when this is the first read.
    @usableFromInline func read(_ build: () -> Index) -> Index {
        lock.lock(); defer { lock.unlock() }
        if !built { index = build(); built = true }
        return index
    }

    /// Whether the index has been built (for tests and `--verbose` notes).
    var isBuilt: Bool { lock.lock(); defer { lock.unlock() }; return built }

    /// Access for a writer that holds the only reference (see `Graph`'s accessors).
    var unique: Index {
        _read { yield index }
        _modify { yield &index }
    }
}
