import ArgumentParser
import Foundation

/// The `kgq` command: a knowledge-graph query tool with provenance.
@main
struct KGQ: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kgq",
        abstract: "Query, draw and audit a knowledge graph whose every statement carries provenance.",
        discussion: """
        The default graph is graphs/customer-service (or $KGQ_GRAPH); --graph PATH takes another folder. \
        Exit codes: 0 success, 1 findings you asked to fail on, 2 usage or input errors.
        """,
        version: "0.1.0",
        subcommands: [ReplSubcommand.self, QueryCommand.self, CheckCommand.self, StatsCommand.self, FmtCommand.self,
                      InitCommand.self, DocCommand.self, CiteCommand.self,
                      ExportCommand.self, AuditCommand.self, GenerateCommand.self, PluginsCommand.self],
        defaultSubcommand: ReplSubcommand.self
    )

    /// Parses and runs, mapping argument-parser usage errors (its exit code 64) to kgq's usage
    /// exit code 2; help, version and every other outcome go through the library unchanged.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                CLI.error(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
