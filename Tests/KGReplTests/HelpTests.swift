import Foundation
import KGPluginAPI
import KGPluginHost
import KGQuery
import Testing
@testable import KGRepl

/// Issue 18 item 17: every function is described (signature, one line, an example that runs),
/// and `:help COMMAND` explains one command.
@Suite struct HelpTests {
    @Test func everyFunctionHasHelpWhoseExampleRuns() throws {
        let registry = try PluginRegistry.builtins()
        var session = QuerySession(graph: try Fixture.graph(), functions: registry.functions)
        for f in registry.queryFunctions {
            let help = try #require(FunctionHelp.of(f.value.name), "\(f.value.name) has no help")
            #expect(f.summary == help.summary)
            #expect(help.signature.lowercased().hasPrefix(f.value.name.lowercased() + "("), "\(help.signature)")
        }
        for name in FunctionRegistry.aggregateNames { #expect(FunctionHelp.of(name) != nil, "aggregate \(name)") }
        for name in registry.queryFunctions.map(\.value.name) + FunctionHelp.aggregates {
            let example = FunctionHelp.of(name)!.example
            #expect(example.lowercased().contains(name.lowercased() + "("), "the example of \(name) calls it: \(example)")
            do { _ = try session.run(example) } catch { Issue.record("example of \(name) fails: \(example): \(error)") }
        }
    }

    @Test func helpExplainsOneCommandAndTheFunctions() throws {
        var (repl, c) = try Fixture.repl()
        _ = repl.feed(":help export")
        #expect(c.out.contains(":export [graph] FORMAT FILE\n  export the last result's"), "\(c.out)")
        #expect(c.out.contains("  e.g. :export graph kg whole.kg\n"))
        _ = repl.feed(":help :q")
        #expect(c.out.contains(":quit\n") && c.out.contains("  also: :exit, :q\n"), "\(c.out)")
        _ = repl.feed(":help functions")
        #expect(c.out.contains("Functions (75):\n") || c.out.contains("Functions ("), "\(c.out)")
        #expect(c.out.contains("  toLower(s)"))
        #expect(c.out.contains("Aggregate functions (10):\n"))
        _ = repl.feed(":help wyh")
        #expect(c.err.contains("no command ':wyh'") && c.err.contains("did you mean :help why?"), "\(c.err)")
        // Every command has an example.
        for cmd in ReplCommand.all { #expect(ReplCommand.examples[cmd.name] != nil, ":\(cmd.name) has no example") }
    }
}
