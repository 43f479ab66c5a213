import ArgumentParser
import KGAudit
import Foundation
import KGCore

extension AuditCommand {
    /// `:audit OPTIONS` in the REPL: the options of `kgq audit` (`--documents`, `--rule`,
    /// `--format`, `-o`, `--verbose`, `--stale-years`, `--today`, `--baseline`, `--map`), over the
    /// session's graph as it is now, with the session's rules. `--fail-on` is accepted and means
    /// nothing here (there is no exit code to set); `--graph` and `--fix` are refused.
    static func inSession(_ arguments: [String], graph: Graph, folder: String?, rules available: [any AuditRule]) throws(Diagnostic) {
        var command: AuditCommand
        do {
            command = try AuditCommand.parse(arguments)
        } catch {
            throw Diagnostic(.error, ":audit: " + AuditCommand.message(for: error).trimmingCharacters(in: .whitespacesAndNewlines),
                             help: "it takes the options of kgq audit (kgq audit --help), e.g. :audit --rule uncited-statement --format markdown")
        }
        if command.graphOptions.graph != nil {
            throw Diagnostic(.error, ":audit audits the session's graph; it takes no --graph",
                             help: ":graph PATH switches the session to another graph, or run kgq audit --graph PATH")
        }
        if command.fix {
            throw Diagnostic(.error, ":audit does not take --fix (it edits the .kg files the session loaded)",
                             help: "leave the REPL and run kgq audit --fix" + (folder.map { " --graph \($0)" } ?? ""))
        }
        // Report paths are relative to the session's graph folder.
        if let folder { command.graphOptions.graph = folder }
        for id in command.rules where !available.contains(where: { $0.id == id }) {
            let known = available.map(\.id)
            throw Diagnostic(.error, "unknown rule '\(id)'",
                             help: (Suggest.closest(to: id, among: known).map { "did you mean '\($0)'? " } ?? "") + "rules: \(known.joined(separator: ", "))")
        }
        let selected = command.rules.isEmpty ? available : command.rules.compactMap { id in available.first { $0.id == id } }
        do {
            try command.audit(graph, rules: selected)
        } catch let e as Diagnostic {
            throw e
        } catch is ExitCode {
            // --fail-on reached: the report is what counts in a session.
        } catch {
            throw Diagnostic(.error, ":audit: " + CLI.describe(error))
        }
    }
}
