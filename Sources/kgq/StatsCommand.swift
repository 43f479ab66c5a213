import ArgumentParser
import Foundation
import KGCore

/// `kgq stats`: counts by label and relationship type, documents, cited vs uncited statements.
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by label, relationship type and document; cited vs uncited statements.")

    @OptionGroup var options: GraphOptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let stats = GraphStats(try options.load())
        if format == .json { CLI.out(stats.json) } else { CLI.show(stats.text) }
    }
}

/// The numbers `kgq stats` reports. A statement is a node (other than a Document) or an edge.
struct GraphStats {
    var nodes = 0, edges = 0
    var labels: [(String, Int)] = []
    var types: [(String, Int)] = []
    var documents: [(id: String, language: String, file: String, citations: Int)] = []
    var statements = 0, cited = 0
    var uncited: [String] = []

    init(_ g: Graph) {
        nodes = g.nodeCount
        edges = g.edgeCount
        labels = g.labelCounts.map { ($0.label, $0.count) }
        types = g.typeCounts.map { ($0.type, $0.count) }
        var perDocument: [String: Int] = [:]
        func count(_ id: String, _ citations: [Citation]) {
            statements += 1
            if citations.isEmpty { uncited.append(id) } else { cited += 1 }
            for c in citations { perDocument[c.document, default: 0] += 1 }
        }
        for i in g.nodeHandles where !g.nodes[i].hasLabel(Document.label) { count(g.nodes[i].id, g.nodes[i].citations) }
        for i in g.edgeHandles { count(g.edges[i].id, g.edges[i].citations) }
        documents = g.documents.map { ($0.id, $0.language, $0.file, perDocument[$0.id] ?? 0) }
    }

    var text: String {
        var out = "nodes          \(nodes)\nrelationships  \(edges)\ndocuments      \(documents.count)\n"
        out += "statements     \(statements) (\(cited) cited, \(uncited.count) uncited)\n"
        func table(_ title: String, _ rows: [(String, Int)]) {
            guard !rows.isEmpty else { return }
            out += "\n\(title)\n"
            let width = rows.map(\.0.count).max() ?? 0
            for (k, v) in rows { out += "  " + k.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(v)\n" }
        }
        table("labels", labels)
        table("relationship types", types)
        if !documents.isEmpty {
            out += "\ndocuments\n"
            for d in documents { out += "  \(d.id)  [\(d.language)]  \(d.file)  \(d.citations) citations\n" }
        }
        if !uncited.isEmpty {
            out += "\nuncited statements\n" + uncited.prefix(20).map { "  \($0)\n" }.joined()
            if uncited.count > 20 { out += "  … and \(uncited.count - 20) more\n" }
        }
        return out
    }

    var json: String {
        func obj(_ rows: [(String, Int)]) -> [String: Int] { Dictionary(rows, uniquingKeysWith: { a, _ in a }) }
        let dict: [String: Any] = [
            "nodes": nodes, "relationships": edges,
            "labels": obj(labels), "types": obj(types),
            "documents": documents.map { ["id": $0.id, "language": $0.language, "file": $0.file, "citations": $0.citations] as [String: Any] },
            "statements": ["total": statements, "cited": cited, "uncited": uncited.count],
            "uncited": uncited,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: dict, options: [.sortedKeys, .prettyPrinted])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
