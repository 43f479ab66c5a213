import CKGPlugin

/// One call into a plugin callback: hands it a `kgq_result` and collects what it sets.
///
/// The plugin's bytes are copied while the call runs (as kgq_plugin.h promises), so the
/// plugin may free its buffers when the callback returns.
final class PluginCall {
    private(set) var output: [UInt8] = []
    private(set) var error: String?

    /// Calls `body` with a `kgq_result` wired to this object; returns the callback's status.
    func run(_ body: (UnsafeMutablePointer<kgq_result>) -> Int32) -> Int32 {
        var result = kgq_result(
            host_data: Unmanaged.passUnretained(self).toOpaque(),
            set_output: { result, bytes, length in
                guard let call = PluginCall.from(result) else { return }
                if let bytes, length > 0 {
                    call.output = Array(UnsafeRawBufferPointer(start: bytes, count: length))
                } else {
                    call.output = []
                }
            },
            set_error: { result, message in
                guard let call = PluginCall.from(result) else { return }
                call.error = message.map { String(cString: $0) } ?? "an error without a message"
            })
        return withExtendedLifetime(self) { body(&result) }
    }

    private static func from(_ result: UnsafeMutablePointer<kgq_result>?) -> PluginCall? {
        guard let data = result?.pointee.host_data else { return nil }
        return Unmanaged<PluginCall>.fromOpaque(data).takeUnretainedValue()
    }
}
