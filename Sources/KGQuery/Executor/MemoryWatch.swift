/// The check behind `QueryLimits.maxMemory`: reads the process's resident memory at most once a
/// millisecond however often it is asked (the executor asks at each of its deadline checks), so
/// the bound costs nothing measurable. Once over the limit it stays over: the statement ends.
struct MemoryWatch {
    let limit: Int?
    private var next = ContinuousClock.now
    private var exceeded: Int?

    init(limit: Int?) { self.limit = limit }

    /// The resident bytes when they passed `limit`, else nil.
    mutating func overLimit() -> Int? {
        guard let limit else { return nil }
        if exceeded != nil { return exceeded }
        let now = ContinuousClock.now
        guard now >= next else { return nil }
        next = now.advanced(by: .milliseconds(1))
        if let used = ResidentMemory.bytes(), used > limit { exceeded = used }
        return exceeded
    }
}
