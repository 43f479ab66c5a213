import Foundation

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct TempFolder {
    let path: String

    init() throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("kgimport-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: (path as NSString).appendingPathComponent(name)))
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
