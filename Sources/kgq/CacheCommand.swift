import ArgumentParser
import Foundation
import KGCore

/// `kgq cache info` and `kgq cache clear`: the folder of graph snapshots (see `SnapshotCache`).
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the snapshots that open big graphs without parsing their files.",
        discussion: """
        After a graph folder of 1 MB or more ($KGQ_CACHE_MIN_BYTES) is loaded from its files, kgq
        saves a snapshot of it in $XDG_CACHE_HOME/kgq (default ~/.cache/kgq); the next open of the
        same folder reads the snapshot if the files are unchanged. --no-cache skips it.

        Examples:
          kgq cache info
          kgq cache clear
        """,
        subcommands: [Info.self, Clear.self])

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Where the snapshots are, how big, and which folder each is of.")

        @Option(name: .long, help: "Output format: text or json.")
        var format: Format = .text

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        func run() throws {
            let cache = SnapshotCache(environment: ProcessInfo.processInfo.environment)
            let entries = cache.entries()
            let total = entries.reduce(0) { $0 + $1.bytes }
            if format == .json {
                let list = entries.map { e in
                    "{\"path\": \(JSONText.string(e.path)), \"bytes\": \(e.bytes), \"folder\": \(e.folder.map(JSONText.string) ?? "null")}"
                }
                CLI.out("{\"directory\": \(JSONText.string(cache.directory)), \"snapshots\": [\(list.joined(separator: ", "))], \"bytes\": \(total)}")
                return
            }
            var text = "cache folder: \(cache.directory)\n"
            text += "\(entries.count) snapshot\(entries.count == 1 ? "" : "s"), \(CacheCommand.size(total))\n"
            for e in entries {
                text += "  \(CacheCommand.size(e.bytes).padding(toLength: 9, withPad: " ", startingAt: 0)) \(e.folder ?? "(unreadable)")  \((e.path as NSString).lastPathComponent)\n"
            }
            CLI.show(text)
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "clear", abstract: "Remove every snapshot; graphs load from their files next time.")

        func run() throws {
            let cache = SnapshotCache(environment: ProcessInfo.processInfo.environment)
            let removed = try CLI.reporting { try cache.clear() }
            CLI.show("removed \(removed.files) snapshot\(removed.files == 1 ? "" : "s") (\(CacheCommand.size(removed.bytes))) from \(cache.directory)\n")
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f kB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) B"
    }
}
