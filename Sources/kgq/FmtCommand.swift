import ArgumentParser
import Foundation
import KGCore
import KGFormat

/// `kgq fmt`: rewrites every .kg file of a folder in canonical form, atomically.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite the graph's .kg files in canonical form (atomically).",
        discussion: "Nothing is written when any file has an error. With --check, lists the files that are not canonical and exits 1.")

    @OptionGroup var options: GraphOptions

    @Flag(name: .long, help: "Only list files that are not in canonical form (exit 1 if any).")
    var check = false

    func run() throws {
        // Parse and build everything first: a folder with any error is left untouched.
        let folder = check ? options.folder : try options.writableFolder(command: "kgq fmt")
        let files: [KGFile] = try CLI.reporting {
            let files = try GraphLoader.parse(folder: folder)
            _ = try GraphLoader.build(files)
            return files
        }
        var changed: [String] = []
        for file in files {
            let canonical = Writer.write(file)
            let current = FileManager.default.contents(atPath: file.name).map { String(decoding: $0, as: UTF8.self) }
            guard current != canonical else { continue }
            changed.append(file.name)
            if !check { try CLI.write(canonical, to: file.name) }
        }
        if check {
            for f in changed { CLI.out(f + "\n") }
            if !changed.isEmpty {
                CLI.error("\(changed.count) file(s) not in canonical form; run 'kgq fmt --graph \(options.folder)'")
                throw ExitCode(1)
            }
        } else {
            CLI.out("formatted \(changed.count) of \(files.count) file(s)\n")
        }
    }
}
