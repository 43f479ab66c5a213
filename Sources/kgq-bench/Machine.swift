import Foundation

/// A description of the machine the numbers were measured on, for the JSON and the README.
enum Machine {
    static func describe() -> [String: Any] {
        var cpu = "unknown"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            cpu = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let info = ProcessInfo.processInfo
        return [
            "cpu": cpu,
            "cores": info.activeProcessorCount,
            "memory_bytes": Int(info.physicalMemory),
            "os": info.operatingSystemVersionString,
        ]
    }
}
