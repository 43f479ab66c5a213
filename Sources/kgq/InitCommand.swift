import ArgumentParser
import KGCore
import KGCuration

/// `kgq init DIR`: makes a new, valid, empty graph folder.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a new graph folder (documents.kg, an empty statements.kg, README.md, views/).",
        discussion: """
            DIR may be new or an empty folder; a non-empty folder or a file is refused (exit 2). \
            Then: kgq doc add FILE --graph DIR, kgq cite DOC "quote" --graph DIR, kgq check --graph DIR.
            """)

    @Argument(help: ArgumentHelp("The folder to create.", valueName: "DIR"))
    var directory: String

    func run() throws {
        try CLI.reporting { try GraphFolder.create(at: directory) }
        CLI.show("created \(directory): \(GraphFolder.created.joined(separator: ", "))\n")
    }
}
