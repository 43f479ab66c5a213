import ArgumentParser

// Temporary root until helper "format" lands Sources/kgq/KGQ.swift (then this file goes away
// and QueryCommand joins the root command's subcommand list).
struct KGQRoot: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kgq", abstract: "Knowledge-graph query tool.",
                                                    subcommands: [QueryCommand.self])
}

KGQRoot.main()
