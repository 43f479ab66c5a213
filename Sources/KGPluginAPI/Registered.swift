/// A contribution to the registry with where it came from.
public struct Registered<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: PluginOrigin
    /// One line for `kgq plugins` when the value itself has no description (query functions).
    public var summary: String?

    public init(_ value: Value, origin: PluginOrigin, summary: String? = nil) {
        self.value = value
        self.origin = origin
        self.summary = summary
    }
}
