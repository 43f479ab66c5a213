import ArgumentParser
import Foundation
import KGCore
import KGPluginAPI
import KGPluginHost

/// `--plugin PATH` and `--plugin-dir DIR`, part of GraphOptions so every subcommand honours them.
struct PluginOptions: ParsableArguments {
    @Option(name: .customLong("plugin"),
            help: ArgumentHelp("Load a plugin library (.so/.dylib) built against kgq_plugin.h. Repeatable.", valueName: "PATH"))
    var plugins: [String] = []

    @Option(name: .customLong("plugin-dir"),
            help: ArgumentHelp("Load every plugin library in this folder (also: $KGQ_PLUGIN_PATH, ':'-separated). Repeatable.",
                               valueName: "DIR"))
    var pluginDirectories: [String] = []

    /// The built-ins plus every plugin asked for, built once per command; a plugin that cannot
    /// be loaded is reported (naming its file) and becomes exit code 2.
    func registry() throws -> PluginRegistry {
        try CLI.reporting {
            var registry = try PluginRegistry.builtins()
            let files = try PluginSearchPath.files(
                plugins: plugins, directories: pluginDirectories,
                environment: ProcessInfo.processInfo.environment["KGQ_PLUGIN_PATH"])
            try PluginLoader.load(files, into: &registry)
            return registry
        }
    }
}
