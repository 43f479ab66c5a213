import ArgumentParser
import Foundation
import KGCore
import KGQuery

/// `kgq query`: runs openCypher statements one-shot, or a `;`-separated script from stdin.
struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run openCypher statements against a graph.",
        discussion: """
        With no QUERY and stdin not a terminal, reads ';'-separated statements from stdin and runs \
        them in one session (edits persist until the process ends). Exit code 2 if any statement failed.
        """)

    @Argument(help: "The statement(s) to run, ';'-separated.")
    var query: String?

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: "Output format: table, json, csv or markdown.")
    var format: OutputFormat = .table

    @Option(name: .customLong("param"), help: "A parameter as name=value (value read as JSON when it parses, else as a string). Repeatable.")
    var param: [String] = []

    @Option(name: .long, help: "Parameters as one JSON object, e.g. '{\"name\": \"agent\"}'.")
    var params: String?

    @Option(name: .long, help: "Display language for name(x): en, nl, sv, …")
    var language: String?

    @OptionGroup(title: "Limits") var limits: QueryLimitOptions

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, markdown
    }

    func run() throws {
        var parameters: [String: QueryValue] = [:]
        if let params {
            guard case .map(let m)? = ResultJSON.parse(params) else {
                throw ValidationError("--params must be a JSON object, e.g. '{\"n\": 1}'")
            }
            parameters = m
        }
        for p in param {
            guard let eq = p.firstIndex(of: "=") else { throw ValidationError("--param expects name=value, got '\(p)'") }
            let name = String(p[..<eq]), raw = String(p[p.index(after: eq)...])
            parameters[name] = ResultJSON.parse(raw) ?? .string(raw)
        }
        let text: String
        if let query {
            text = query
        } else if isatty(0) == 0 {
            var all = ""
            while let line = readLine(strippingNewline: false) { all += line }
            text = all
        } else {
            throw ValidationError("give a QUERY, or pipe statements on stdin")
        }
        let registry = try options.registry()
        let loaded = try options.load(with: registry)
        var session = QuerySession(graph: loaded, parameters: parameters, displayLanguage: language,
                                   functions: registry.functions)
        session.limits = limits.limits
        var failed = false
        for st in Script.statements(text) {
            do {
                let r = try session.run(st.text)
                for var w in r.warnings {
                    if let l = w.location?.line { w.location?.line = l + st.line - 1 }
                    FileHandle.standardError.write(Data((w.rendered() + "\n").utf8))
                }
                emit(r, session.graph)
            } catch {
                failed = true
                var e = error
                if let l = e.line { e.line = l + st.line - 1 }
                FileHandle.standardError.write(Data((e.description + "\n").utf8))
                if format == .json { print(ResultJSON.encode(e)) }
            }
        }
        if failed { throw ExitCode(2) }
    }

    private func emit(_ r: ResultSet, _ g: Graph) {
        switch format {
        case .json: print(ResultJSON.encode(r, graph: g))
        // TODO(lead): switch table/csv/markdown to KGOutput's renderers once helper "repl" lands them.
        case .table, .csv, .markdown: print(PlainResultText.render(r, graph: g, format: format.rawValue), terminator: "")
        }
    }
}

/// A minimal text rendering of results (until KGOutput's renderers are wired in).
enum PlainResultText {
    static func cell(_ v: QueryValue, _ g: Graph) -> String {
        switch v {
        case .null: return "NULL"
        case .string(let s): return s
        case .node(let h):
            let n = g.nodes[h]
            return "(\(n.id)" + n.labels.map { ":" + $0 }.joined() + ")"
        case .edge(let h):
            let e = g.edges[h]
            return "[\(e.id):\(e.type)]"
        default:
            let json = ResultJSON.value(v, graph: g)
            return json
        }
    }

    static func render(_ r: ResultSet, graph g: Graph, format: String) -> String {
        var out = ""
        if let plan = r.plan { out += plan + "\n" }
        let rows = r.rows.map { $0.map { cell($0, g) } }
        switch format {
        case "csv":
            func q(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
            out += r.columns.map(q).joined(separator: ",") + "\n"
            for row in rows { out += row.map(q).joined(separator: ",") + "\n" }
        case "markdown":
            func esc(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
            out += "| " + r.columns.map(esc).joined(separator: " | ") + " |\n"
            out += "|" + r.columns.map { _ in " --- |" }.joined() + "\n"
            for row in rows { out += "| " + row.map(esc).joined(separator: " | ") + " |\n" }
        default:
            if !r.columns.isEmpty {
                var widths = r.columns.map(\.count)
                for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
                func line(_ cells: [String]) -> String {
                    cells.enumerated().map { $1 + String(repeating: " ", count: widths[$0] - $1.count) }.joined(separator: " | ")
                }
                out += line(r.columns) + "\n"
                out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n"
                for row in rows { out += line(row) + "\n" }
                out += "(\(rows.count) row\(rows.count == 1 ? "" : "s"))\n"
            }
        }
        if !r.stats.isEmpty {
            out += r.stats.keys.sorted().map { "\($0): \(r.stats[$0]!)" }.joined(separator: ", ") + "\n"
        }
        return out
    }
}
