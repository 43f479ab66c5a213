import ArgumentParser
import Foundation
import KGCore

/// `kgq config`: the settings in effect and where each came from (a flag cannot be seen from
/// here, so the sources are the environment, the config file and kgq's defaults).
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective settings and where each came from (environment, config file, default).",
        discussion: """
        The config file is $KGQ_CONFIG, else $XDG_CONFIG_HOME/kgq/config, else ~/.config/kgq/config: \
        one `key = value` a line (TOML: strings in double quotes, whole numbers, true/false, # comments). \
        Flags win over the environment, which wins over the file. Example file:
          graph = "/home/me/graphs/mine"
          mode = "markdown"
          pager = "off"
        """)

    @Flag(name: .long, help: "Print the path of the config file only.")
    var path = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let config = try CLI.reporting { try KGQConfig.load(environment: env) }
        if path {
            CLI.out(config.path + "\n")
            return
        }
        CLI.out("# config file: \(config.path)" + (config.exists ? "" : " (none)") + "\n")
        let graph = DefaultGraph.resolve(environment: env, config: config)
        var rows: [(String, String, String)] = [("graph", quoted(graph.folder), graph.origin)]
        func row(_ key: String, env names: [String] = [], _ fallback: String, _ fallbackOrigin: String = "default") {
            for n in names { if let v = env[n] { rows.append((key, quoted(v), "$" + n)); return } }
            if let v = config.values[key] { rows.append((key, text(v), config.path)); return }
            rows.append((key, fallback, fallbackOrigin))
        }
        row("mode", "\"table\"")
        row("history", env: ["KGQ_HISTORY"], "one file per graph under " + ((env["XDG_STATE_HOME"].map { $0 + "/kgq" }) ?? "~/.local/state/kgq"))
        row("pager", "\"auto\"")
        let pager = Pager.command(environment: env, configured: config.string("pager_command"))
        rows.append(("pager_command", pager.map(quoted) ?? "none",
                     env["KGQ_PAGER"] != nil ? "$KGQ_PAGER" : env["PAGER"] != nil ? "$PAGER"
                        : config.string("pager_command") != nil ? config.path : pager == nil ? "no less on $PATH" : "default"))
        if let n = env["NO_COLOR"], !n.isEmpty {
            rows.append(("color", "false", "$NO_COLOR"))
        } else {
            row("color", "true", "default (on a terminal)")
        }
        row("language", "each node's preferred name")
        row("maxrows", "40", "default (on a terminal)")
        row("timeout", "none", "default")
        if env["KGQ_PROGRESS"] == "0" { rows.append(("progress", "false", "$KGQ_PROGRESS")) } else { row("progress", "true", "default (on a terminal)") }
        let width = rows.map(\.0.count).max() ?? 0
        for (k, v, o) in rows {
            CLI.out(k.padding(toLength: width, withPad: " ", startingAt: 0) + " = " + v + "   # " + o + "\n")
        }
    }

    func quoted(_ s: String) -> String { "\"" + s + "\"" }

    func text(_ v: Value) -> String {
        switch v {
        case .string(let s): return quoted(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        default: return "\(v)"
        }
    }
}
