import Foundation
import KGCore

/// The settings file, `$KGQ_CONFIG` or `$XDG_CONFIG_HOME/kgq/config` (else
/// `~/.config/kgq/config`): a small TOML subset, one `key = value` a line, `#` comments,
/// strings in double quotes, integers, and true/false.
///
///     graph = "/home/me/graphs/mine"
///     mode = "markdown"
///     pager = "off"
///
/// Flags and environment variables win over it; `kgq config` prints what is in effect and
/// where each setting came from.
struct KGQConfig: Sendable {
    /// One key the file may set: its name, what it means, and the value kgq uses without it.
    struct Key: Sendable {
        let name: String
        let summary: String
        let kind: Kind
        enum Kind: Sendable { case string([String]?), integer, boolean }
    }

    static let keys: [Key] = [
        Key(name: "graph", summary: "the graph folder opened without --graph ($KGQ_GRAPH wins)", kind: .string(nil)),
        Key(name: "mode", summary: "the REPL's output mode (--format wins)", kind: .string(["table", "csv", "json", "jsonl", "markdown", "line"])),
        Key(name: "history", summary: "the REPL's history file ($KGQ_HISTORY and --history win)", kind: .string(nil)),
        Key(name: "pager", summary: "results through the pager: on, off or auto ($KGQ_PAGER, $PAGER or less)", kind: .string(["on", "off", "auto"])),
        Key(name: "pager_command", summary: "the pager to run ($KGQ_PAGER and $PAGER win)", kind: .string(nil)),
        Key(name: "color", summary: "colour on a terminal (NO_COLOR wins)", kind: .boolean),
        Key(name: "language", summary: "display language of names, e.g. en, nl, sv (--language wins)", kind: .string(nil)),
        Key(name: "maxrows", summary: "rows of a result the REPL shows on a terminal (0: all)", kind: .integer),
        Key(name: "timeout", summary: "seconds a statement may run (--timeout wins)", kind: .integer),
        Key(name: "highlight", summary: "colour the statement being typed in the REPL (--no-highlight and NO_COLOR win)", kind: .boolean),
        Key(name: "progress", summary: "a progress line on stderr for long work (--no-progress and KGQ_PROGRESS=0 win)", kind: .boolean),
    ]

    /// Where the file is looked for.
    static func path(environment env: [String: String]) -> String {
        if let p = env["KGQ_CONFIG"], !p.isEmpty { return p }
        if let x = env["XDG_CONFIG_HOME"], !x.isEmpty { return x + "/kgq/config" }
        return (env["HOME"] ?? NSHomeDirectory()) + "/.config/kgq/config"
    }

    var path: String
    /// True when the file exists (nothing set otherwise).
    var exists: Bool
    var values: [String: Value] = [:]

    func string(_ key: String) -> String? {
        if case .string(let s)? = values[key] { return s }
        return nil
    }

    func integer(_ key: String) -> Int? {
        if case .int(let i)? = values[key] { return i }
        return nil
    }

    func boolean(_ key: String) -> Bool? {
        if case .bool(let b)? = values[key] { return b }
        return nil
    }

    /// Reads the file; a line that does not parse, an unknown key or a value of the wrong kind
    /// is an error with its line and column.
    static func load(environment env: [String: String] = ProcessInfo.processInfo.environment) throws(Diagnostic) -> KGQConfig {
        let path = path(environment: env)
        guard let data = FileManager.default.contents(atPath: path) else { return KGQConfig(path: path, exists: false) }
        var config = KGQConfig(path: path, exists: true)
        let text = String(decoding: data, as: UTF8.self)
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String, _ help: String) -> Diagnostic {
                Diagnostic(.error, message, at: SourceLocation(file: path, line: i + 1, column: 1), help: help)
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw fail("expected key = value", "e.g. mode = \"markdown\"; kgq config lists the keys")
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let key = keys.first(where: { $0.name == name }) else {
                let near = Suggest.closest(to: name, among: keys.map(\.name))
                throw fail("unknown setting '\(name)'", (near.map { "did you mean '\($0)'? " } ?? "") + "the keys: " + keys.map(\.name).joined(separator: ", "))
            }
            // A comment after a value that is not a string.
            if !value.hasPrefix("\""), let hash = value.firstIndex(of: "#") { value = value[..<hash].trimmingCharacters(in: .whitespaces) }
            switch key.kind {
            case .string(let choices):
                guard value.hasPrefix("\""), let close = value.dropFirst().firstIndex(of: "\""),
                      value[value.index(after: close)...].trimmingCharacters(in: .whitespaces).first.map({ $0 == "#" }) ?? true else {
                    throw fail("\(name) takes a string in double quotes", "\(name) = \"\(choices?.first ?? "…")\"")
                }
                let s = String(value[value.index(after: value.startIndex)..<close])
                if let choices, !choices.contains(s) {
                    throw fail("\(name) = \"\(s)\" is not one of \(choices.joined(separator: ", "))", "\(name) = \"\(choices[0])\"")
                }
                config.values[name] = .string(s)
            case .integer:
                guard let n = Int(value), n >= 0 else { throw fail("\(name) takes a whole number ≥ 0, not \(value)", "\(name) = 40") }
                config.values[name] = .int(n)
            case .boolean:
                guard value == "true" || value == "false" else { throw fail("\(name) takes true or false, not \(value)", "\(name) = false") }
                config.values[name] = .bool(value == "true")
            }
        }
        return config
    }
}

/// The graph kgq opens without --graph, as an installed tool finds it: `$KGQ_GRAPH`, the
/// config file's `graph`, `graphs/customer-service` in the working folder, the graph installed
/// beside the binary (`PREFIX/share/kgq/graphs/customer-service` for `PREFIX/bin/kgq`), then
/// the repository the binary was built in (`.build/debug/kgq` → `graphs/customer-service`).
enum DefaultGraph {
    static let relative = "graphs/customer-service"

    /// The folder and the sentence saying why it was chosen.
    static func resolve(environment env: [String: String], config: KGQConfig?) -> (folder: String, origin: String) {
        if let g = env["KGQ_GRAPH"], !g.isEmpty { return (g, "$KGQ_GRAPH") }
        if let config, let g = config.string("graph") { return (g, "graph in \(config.path)") }
        for (folder, origin) in candidates() where isGraphFolder(folder) { return (folder, origin) }
        return (relative, "the default graph (not found: looked in \(candidates().map(\.folder).joined(separator: ", ")))")
    }

    /// The folder a command that edits .kg files (fmt, doc add, audit --fix) may write without
    /// --graph: as `resolve`, but never the graph found beside the binary or in its repository,
    /// which a command run from another folder would otherwise rewrite by surprise.
    static func writable(environment env: [String: String], config: KGQConfig?, command: String) throws(Diagnostic) -> String {
        let (folder, origin) = resolve(environment: env, config: config)
        guard origin.contains("beside the binary") || origin.contains("repository kgq was built in") else { return folder }
        throw Diagnostic(.error, "\(command) edits graph files, and no --graph was given: it would change \(origin) (\(folder))",
                         help: "say which graph: \(command) --graph \(folder), or set $KGQ_GRAPH")
    }

    static func candidates() -> [(folder: String, origin: String)] {
        var out: [(String, String)] = [(relative, "the default graph in the working folder")]
        if let exe = executable() {
            let bin = exe.deletingLastPathComponent()
            out.append((bin.deletingLastPathComponent().appendingPathComponent("share/kgq/" + relative).path,
                        "the default graph installed beside the binary"))
            var dir = bin
            while dir.path != "/" {
                let g = dir.appendingPathComponent(relative).path
                if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                    out.append((g, "the default graph of the repository kgq was built in"))
                    break
                }
                dir.deleteLastPathComponent()
            }
        }
        return out
    }

    static func isGraphFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The running binary, symbolic links resolved.
    static func executable() -> URL? {
        #if os(Linux)
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: p) }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}
