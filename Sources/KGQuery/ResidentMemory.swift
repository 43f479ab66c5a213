#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's resident memory, read cheaply enough to check while a statement runs: on
/// Linux one read of `/proc/self/statm` (a few microseconds), which counts what the process
/// really holds now (not its peak, as `getrusage` would). Behind `QueryLimits.maxMemory`.
///
///     if let used = ResidentMemory.bytes(), used > limit { … }
public enum ResidentMemory {
    /// Bytes of physical memory the process holds now; nil where that cannot be read.
    public static func bytes() -> Int? {
        #if os(Linux)
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // "size resident shared text lib data dt", in pages.
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        var field = 0, pages = 0, digits = 0
        for byte in buffer[..<n] {
            if byte == UInt8(ascii: " ") {
                field += 1
                if field == 2 { break }
            } else if field == 1, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                pages = pages &* 10 &+ Int(byte - UInt8(ascii: "0"))
                digits += 1
            }
        }
        guard digits > 0 else { return nil }
        return pages &* pageSize
        #else
        return nil
        #endif
    }

    /// Bytes of physical memory of the machine; nil where unknown.
    public static var physical: Int? {
        #if os(Linux)
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        return pages > 0 ? pages &* pageSize : nil
        #else
        return nil
        #endif
    }

    /// The default bound on resident memory: half the machine's memory, at most 4 GiB, so a
    /// runaway statement ends with an error long before the system starts to swap or kills kgq.
    public static let defaultLimit: Int = min(4 << 30, (physical ?? (8 << 30)) / 2)

    /// Returns freed heap memory to the system (glibc keeps it otherwise), so that after a
    /// statement stopped by the memory bound the next one starts under it again.
    public static func releaseFreeMemory() {
        #if canImport(Glibc)
        // malloc_trim is glibc's own (malloc.h, which the Glibc module leaves out): look it up.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias Trim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    static let pageSize: Int = {
        #if os(Linux)
        let size = sysconf(Int32(_SC_PAGESIZE))
        return size > 0 ? size : 4096
        #else
        return Int(getpagesize())
        #endif
    }()

    /// `n` bytes for people: "4 GiB", "200 MiB", "212.5 MiB", "900 KiB", "12 bytes".
    public static func text(_ n: Int) -> String {
        let units: [(String, Int)] = [("TiB", 1 << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
        for (name, size) in units where n >= size {
            let tenths = (n * 10 + size / 2) / size
            return tenths % 10 == 0 ? "\(tenths / 10) \(name)" : "\(tenths / 10).\(tenths % 10) \(name)"
        }
        return "\(n) bytes"
    }

    /// A size as flags take it: a whole number of bytes with an optional binary suffix
    /// K, M, G or T (also KB/KiB, …, any case): "2G", "512M", "1500000". Nil when malformed
    /// or too large for an Int.
    public static func parse(_ text: String) -> Int? {
        var s = Substring(text.uppercased())
        if s.hasSuffix("IB") { s = s.dropLast(2) } else if s.hasSuffix("B") { s = s.dropLast() }
        let shifts: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var shift = 0
        if let last = s.last, let sh = shifts[last] { shift = sh; s = s.dropLast() }
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(s) else { return nil }
        let (scaled, overflow) = n.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : scaled
    }
}
