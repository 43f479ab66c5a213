/// Where the REPL writes: results to `out`, errors and notes to `err`, long text (`:last`)
/// through `page` (the pager when $PAGER is set). Tests collect all three in memory.
public struct ReplOutput: Sendable {
    public var out: @Sendable (String) -> Void
    public var err: @Sendable (String) -> Void
    public var page: @Sendable (String) -> Void

    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void,
                page: (@Sendable (String) -> Void)? = nil) {
        self.out = out
        self.err = err
        self.page = page ?? out
    }
}
