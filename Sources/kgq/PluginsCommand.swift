import ArgumentParser
import KGExport
import KGPluginAPI
import KGQuery

/// `kgq plugins`: every exporter, importer, query function and audit rule kgq can use now,
/// with where each comes from (built-in, or the plugin file that registered it).
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List every registered exporter, importer, query function and audit rule with its origin.",
        discussion: """
        Built-ins first, then what the plugins given with --plugin, --plugin-dir or $KGQ_PLUGIN_PATH add.

        Examples:
          kgq plugins
          kgq plugins --plugin .build/debug/libKGMermaidPlugin.so
          kgq plugins --format json | jq '.functions[] | select(.origin != "built-in")'
        """)

    @OptionGroup var pluginOptions: PluginOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let registry = try pluginOptions.registry()
        if format == .json { CLI.out(Self.json(registry)) } else { CLI.show(Self.text(registry)) }
    }

    /// Aligned sections, one contribution per line: name, origin, description.
    static func text(_ registry: PluginRegistry) -> String {
        func section(_ title: String, _ rows: [(String, String, String)]) -> String {
            let width = rows.map(\.0.count).max() ?? 0
            let originWidth = rows.map(\.1.count).max() ?? 0
            return "\(title) (\(rows.count)):\n" + rows.map { name, origin, about in
                let line = "  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + origin.padding(toLength: originWidth, withPad: " ", startingAt: 0) + "  " + about
                return line.trimmingTrailingSpaces() + "\n"
            }.joined()
        }
        let exporters = registry.exporters.map { e in
            let extensions = e.value.fileExtensions.isEmpty ? "" : " [." + e.value.fileExtensions.joined(separator: ", .") + "]"
            return (e.value.format, short(e.origin), e.value.summary + extensions)
        }
        let importers = registry.importers.map { ($0.value.name, short($0.origin), $0.value.summary) }
        // Built-ins carry their signature, a line and an example (FunctionHelp); plugins their summary.
        let functions = registry.queryFunctions.map { f in
            let help = f.origin == .builtin ? FunctionHelp.of(f.value.name) : nil
            return (help?.signature ?? f.value.name + "(" + arity(f.value.arity) + ")", short(f.origin),
                    (f.summary ?? "") + (help.map { "; e.g. " + $0.example } ?? ""))
        }
        let aggregates = FunctionHelp.aggregates.compactMap(FunctionHelp.of).map { h in
            (h.signature, "built-in", h.summary + "; e.g. " + h.example)
        }
        let rules = registry.auditRules.map { r in
            (r.value.id, short(r.origin), "\(r.value.defaultSeverity.rawValue): \(r.value.summary)")
        }
        var loaded: [String] = []
        for case .library(let path, let name, let version) in Set(registry.allOrigins) {
            loaded.append("  \(name) \(version)  \(path)\n")
        }
        let header = loaded.isEmpty ? "" : "Plugins loaded (\(loaded.count)):\n" + loaded.sorted().joined() + "\n"
        let graphviz = [("output formats", "libgvc", GraphvizRenderer.shared.availableFormats().joined(separator: ", ")),
                        ("layouts", "libgvc", GraphvizRenderer.shared.availableEngines().joined(separator: ", "))]
        return header + [section("Exporters (kgq export --format NAME)", exporters),
                section("Importers (kgq --graph FOLDER)", importers),
                section("Query functions", functions),
                section("Aggregate functions", aggregates),
                section("Audit rules", rules),
                section("Graphviz here (read from libgvc at run time; kgq export --format png, svg, pdf, jpg, webp where listed)", graphviz)]
            .joined(separator: "\n")
    }

    /// `{"exporters": [...], "importers": [...], "functions": [...], "auditRules": [...]}`; each
    /// entry has "name" and "origin" ("built-in" or the plugin's file) and "plugin" (its name or null).
    static func json(_ registry: PluginRegistry) -> String {
        func s(_ text: String) -> String { ResultJSON.string(text) }
        func origin(_ o: PluginOrigin) -> String {
            switch o {
            case .builtin: return "\"origin\": \"built-in\", \"plugin\": null"
            case .library(let path, let name, let version):
                return "\"origin\": \(s(path)), \"plugin\": \(s(name)), \"pluginVersion\": \(s(version))"
            }
        }
        func array(_ key: String, _ items: [String]) -> String {
            "  \(s(key)): [" + (items.isEmpty ? "]" : "\n    " + items.joined(separator: ",\n    ") + "\n  ]")
        }
        let exporters = registry.exporters.map { e in
            "{\"name\": \(s(e.value.format)), \"extensions\": [" + e.value.fileExtensions.map(s).joined(separator: ", ")
                + "], \"binary\": \(e.value.isBinary), \"summary\": \(s(e.value.summary)), \(origin(e.origin))}"
        }
        let importers = registry.importers.map { i in
            "{\"name\": \(s(i.value.name)), \"summary\": \(s(i.value.summary)), \(origin(i.origin))}"
        }
        let functions = registry.queryFunctions.map { f in
            "{\"name\": \(s(f.value.name)), \"minArity\": \(f.value.arity.lowerBound), \"maxArity\": \(f.value.arity.upperBound), "
                + "\"summary\": \(f.summary.map(s) ?? "null"), "
                + (f.origin == .builtin ? FunctionHelp.of(f.value.name).map { "\"signature\": \(s($0.signature)), \"example\": \(s($0.example)), " } ?? "" : "")
                + "\(origin(f.origin))}"
        }
        let rules = registry.auditRules.map { r in
            "{\"name\": \(s(r.value.id)), \"severity\": \(s(r.value.defaultSeverity.rawValue)), "
                + "\"summary\": \(s(r.value.summary)), \(origin(r.origin))}"
        }
        let graphviz = "  \"graphviz\": {\"formats\": [" + GraphvizRenderer.shared.availableFormats().map(s).joined(separator: ", ")
            + "], \"layouts\": [" + GraphvizRenderer.shared.availableEngines().map(s).joined(separator: ", ") + "]}"
        return "{\n" + [array("exporters", exporters), array("importers", importers),
                        array("functions", functions), array("auditRules", rules), graphviz].joined(separator: ",\n") + "\n}\n"
    }

    /// `1`, `1..2`, or `1..` for "any number from 1".
    static func arity(_ range: ClosedRange<Int>) -> String {
        if range.lowerBound == range.upperBound { return "\(range.lowerBound)" }
        return range.upperBound >= 1_000 ? "\(range.lowerBound).." : "\(range.lowerBound)..\(range.upperBound)"
    }

    /// `built-in` or `plugin NAME`; the header lists each plugin's file.
    static func short(_ origin: PluginOrigin) -> String {
        switch origin {
        case .builtin: return "built-in"
        case .library(_, let name, _): return "plugin \(name)"
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
