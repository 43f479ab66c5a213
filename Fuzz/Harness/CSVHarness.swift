import Foundation
import KGCore
import KGImport

/// One input of the CSV importer fuzzer: the input, cut at U+0001, becomes a node file and a
/// relationship file (headers included), written to a scratch folder and imported. The import
/// must build a graph or report diagnostics — never trap — and a graph it builds must be whole:
/// every relationship joins two nodes of the graph.
public enum CSVHarness {
    /// A scratch folder per process (the fuzzer runs one input at a time).
    static let folder: String = {
        let path = NSTemporaryDirectory() + "kgq-fuzz-csv-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    public static func run(_ bytes: [UInt8]) -> String? {
        let cut = bytes.firstIndex(of: 1) ?? bytes.count
        let nodes = folder + "/a-nodes.csv", relationships = folder + "/b-relationships.csv"
        guard FileManager.default.createFile(atPath: nodes, contents: Data(bytes[..<cut])),
              FileManager.default.createFile(atPath: relationships, contents: Data(bytes[min(cut + 1, bytes.count)...]))
        else { return "cannot write the scratch files in \(folder)" }
        guard let graph = try? CSVImporter().load(files: [nodes, relationships]) else { return nil }
        for edge in graph.edges where !(graph.nodes.indices.contains(edge.from) && graph.nodes.indices.contains(edge.to)) {
            return "relationship \(edge.id) has an end outside the graph"
        }
        return nil
    }
}
