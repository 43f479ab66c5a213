import ArgumentParser
import Foundation
import KGCore

/// The `kgq` command: a knowledge-graph query tool with provenance.
@main
struct KGQ: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kgq",
        abstract: "Query, draw and audit a knowledge graph whose every statement carries provenance.",
        discussion: """
        Without --graph PATH the graph is $KGQ_GRAPH, else the config file's graph, else graphs/customer-service \
        in the working folder, beside the binary (PREFIX/share/kgq) or in the repository it was built in; \
        kgq config says which, and where the config file is. \
        Exit codes: 0 success, 1 findings you asked to fail on, 2 usage or input errors.
        """,
        version: "0.1.0",
        subcommands: [ReplSubcommand.self, QueryCommand.self, PushCommand.self, CheckCommand.self, StatsCommand.self, FmtCommand.self,
                      InitCommand.self, DocCommand.self, CiteCommand.self, ConvertCommand.self,
                      ExportCommand.self, AuditCommand.self, GenerateCommand.self, PluginsCommand.self, ConfigCommand.self, CacheCommand.self],
        defaultSubcommand: ReplSubcommand.self
    )

    /// Parses and runs, mapping argument-parser usage errors (its exit code 64) to kgq's usage
    /// exit code 2; help and version are written with the checked writer; every other outcome
    /// goes through the library unchanged.
    static func main() {
        if let word = CommandLine.arguments.dropFirst().first, let problem = unknownCommand(word) {
            CLI.error(problem.rendered())
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot(ExportCommand.splittingGraphvizFlags(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                CLI.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            // Help and the version go to stdout through the checked writer too, so that
            // `kgq --help > /dev/full` is an error rather than lost text and exit 0.
            if exitCode(for: error) == .success, !(error is ExitCode) {
                let text = fullMessage(for: error)
                if !text.isEmpty { CLI.out(text.hasSuffix("\n") ? text : text + "\n") }
                Foundation.exit(0)
            }
            exit(withError: error)
        }
    }

    /// The names a first argument may be: the subcommands, and argument-parser's `help`.
    static var commandNames: [String] { configuration.subcommands.map { $0._commandName } + ["help"] }

    /// A first argument that is not an option and names no subcommand. The default subcommand
    /// (the REPL) takes no positional arguments, so such a word is a misspelt or unknown
    /// command: say so, with the nearest name, rather than "unexpected argument".
    static func unknownCommand(_ word: String) -> Diagnostic? {
        guard !word.hasPrefix("-"), !commandNames.contains(word) else { return nil }
        let shown = word.count > 40 ? String(word.prefix(40)) + "…" : word
        let names = commandNames.filter { $0 != "help" }
        if let near = Suggest.closest(to: word, among: names) {
            return Diagnostic(.error, "unknown command '\(shown)'; did you mean '\(near)'?",
                              help: "kgq --help lists the commands: " + names.joined(separator: ", "))
        }
        let looksLikeQuery = word.contains(where: { $0.isWhitespace || $0 == "(" })
        return Diagnostic(.error, "unknown command '\(shown)'",
                          help: looksLikeQuery ? "to run a query: kgq query '\(shown)'"
                                               : "the commands are " + names.joined(separator: ", ") + " (kgq --help describes them)")
    }
}
