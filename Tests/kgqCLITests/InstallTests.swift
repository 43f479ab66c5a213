import Foundation
import KGTestSupport
import Testing

/// What the install tests need, outside the suite (its trait cannot refer to the suite itself).
enum InstallTools {
    static let make = ["/usr/bin/make", "/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var ready: Bool {
        let root = KGTestSupport.packageRoot
        return make != nil && FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(".build/debug/kgq").path)
            && FileManager.default.isExecutableFile(atPath: root.appendingPathComponent(".build/debug/generate-manual").path)
    }
}

/// Issue 18 items 7 and 14: `make install` into a temporary PREFIX (through `make install-built`,
/// which installs the debug build without running swift build — swift test holds the build
/// folder). The installed kgq finds the graph installed beside it from any folder; the man
/// pages read; the bash completion script loads and completes subcommands, the values of
/// `--format`, `--rule`, `--layout` and graph folders; zsh and fish load theirs where installed.
@Suite(.enabled(if: InstallTools.ready, "needs make, a debug build of kgq and .build/debug/generate-manual (swift build --product generate-manual)"),
       .serialized)
struct InstallTests {
    static let root = KGTestSupport.packageRoot
    static let make = InstallTools.make
    static let noConfig: [String: String?] = ["KGQ_CONFIG": "/nonexistent/kgq-config", "KGQ_GRAPH": nil, "KGQ_HISTORY": nil]

    func run(_ executable: String, _ args: [String], in directory: URL? = nil, environment: [String: String?] = [:]) -> KGQRun {
        KGTestSupport.runKGQ(args, environment: Self.noConfig.merging(environment) { $1 }, directory: directory ?? Self.root, executable: executable)
    }

    /// COMPREPLY of bash's completion function for the words of `line` (the last one being completed).
    func bashCompletes(_ script: String, _ line: String, in directory: URL) -> [String] {
        var words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        if words.isEmpty { words = [""] }
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let program = """
            source '\(script)'
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE='\(line)'; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
            _kgq kgq '\(words.last!)' '\(words.count > 1 ? words[words.count - 2] : "")'
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        return run("/bin/bash", ["-c", program], in: directory).stdout.split(separator: "\n").map(String.init)
    }

    @Test func makeInstallIntoAPrefix() throws {
        let prefix = try KGTestSupport.temporaryFolder("kgq-install")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let installed = run(Self.make!, ["--no-print-directory", "install-built", "PREFIX=\(prefix.path)", "CONFIGURATION=debug"])
        #expect(installed.status == 0, "\(installed.stdout)\n\(installed.stderr)")
        let bin = prefix.appendingPathComponent("bin/kgq").path
        #expect(FileManager.default.isExecutableFile(atPath: bin))

        // From a folder with no graph, the installed kgq uses the graph installed beside it, and says so.
        let elsewhere = try KGTestSupport.temporaryFolder("kgq-install-cwd")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let graph = prefix.appendingPathComponent("share/kgq/graphs/customer-service").path
        let config = run(bin, ["config"], in: elsewhere)
        #expect(config.stdout.contains("graph         = \"\(graph)\"   # the default graph installed beside the binary"), "\(config.stdout)\(config.stderr)")
        let roles = run(bin, ["query", "--format", "csv", "MATCH (r:Role) RETURN count(r) AS roles"], in: elsewhere)
        #expect(roles.status == 0 && roles.stdout == "roles\r\n6\r\n", "\(roles.stdout)\(roles.stderr)")

        // Man pages, generated from the argument parser, one per command.
        let man1 = prefix.appendingPathComponent("share/man/man1")
        let pages = try FileManager.default.contentsOfDirectory(atPath: man1.path)
        for page in ["kgq.1", "kgq.query.1", "kgq.export.1", "kgq.audit.1", "kgq.repl.1"] { #expect(pages.contains(page), "\(page) in \(pages)") }
        let page = try String(contentsOf: man1.appendingPathComponent("kgq.query.1"), encoding: .utf8)
        #expect(page.contains(".Dt KGQ.QUERY 1") && page.contains("Fl -format Ar format"), "\(page.prefix(300))")
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/man") {
            let shown = run("/usr/bin/man", ["-l", man1.appendingPathComponent("kgq.1").path], environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"])
            #expect(shown.stdout.contains("SYNOPSIS") && shown.stdout.contains("kgq"), "\(shown.stdout.prefix(400)) \(shown.stderr)")
        }

        // bash: the script loads and completes subcommands, option values and graph folders.
        let bash = prefix.appendingPathComponent("share/bash-completion/completions/kgq").path
        let loaded = run("/bin/bash", ["-c", "source '\(bash)' && complete -p kgq"])
        #expect(loaded.stdout.contains("-F _kgq kgq"), "\(loaded.stdout)\(loaded.stderr)")
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("graphs-mine"), withIntermediateDirectories: true)
        #expect(bashCompletes(bash, "kgq qu", in: elsewhere) == ["query"])
        #expect(bashCompletes(bash, "kgq export --layout s", in: elsewhere) == ["sfdp"])
        #expect(bashCompletes(bash, "kgq audit --rule unc", in: elsewhere).sorted() == ["uncaptured-number", "uncited-statement"])
        #expect(bashCompletes(bash, "kgq query --format js", in: elsewhere).sorted() == ["json", "jsonl"])
        #expect(bashCompletes(bash, "kgq audit --format s", in: elsewhere) == ["sarif"])
        #expect(bashCompletes(bash, "kgq check --graph gra", in: elsewhere) == ["graphs-mine"], "graph folders")

        // zsh and fish, where installed.
        let zsh = prefix.appendingPathComponent("share/zsh/site-functions").path
        if let z = ["/usr/bin/zsh", "/bin/zsh"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let r = run(z, ["-fc", "fpath=('\(zsh)' $fpath); autoload -Uz compinit && compinit -u -D && autoload -Uz _kgq && whence -w _kgq && echo ${_comps[kgq]}"])
            #expect(r.status == 0 && r.stdout.contains("_kgq: function") && r.stdout.contains("\n_kgq"), "\(r.stdout)\(r.stderr)")
        }
        let fish = prefix.appendingPathComponent("share/fish/vendor_completions.d/kgq.fish").path
        if let f = ["/usr/bin/fish", "/bin/fish"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            let r = run(f, ["--no-config", "-c", "source '\(fish)'; complete -C 'kgq export --layout s'"])
            #expect(r.status == 0 && r.stdout.contains("sfdp"), "\(r.stdout)\(r.stderr)")
        }

        // make uninstall takes it all away again.
        let removed = run(Self.make!, ["--no-print-directory", "uninstall", "PREFIX=\(prefix.path)"])
        #expect(removed.status == 0, "\(removed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: bin) && !FileManager.default.fileExists(atPath: graph) && !FileManager.default.fileExists(atPath: bash))
        #expect(!FileManager.default.fileExists(atPath: man1.appendingPathComponent("kgq.query.1").path))
    }

    @Test func installBuiltSaysWhatIsMissing() throws {
        let prefix = try KGTestSupport.temporaryFolder("kgq-install-none")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let r = run(Self.make!, ["--no-print-directory", "install-built", "PREFIX=\(prefix.path)", "CONFIGURATION=nosuch"])
        #expect(r.status != 0)
        #expect(r.stdout.contains("install-built: .build/nosuch/kgq is not built (make install builds it)"), "\(r.stdout)\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: prefix.appendingPathComponent("bin/kgq").path))
    }
}
