import Foundation
import KGTestSupport
import Testing

/// The audit reads a document only from inside `--documents` (issue 16, item 9; `kgq cite`, where
/// the user names the document and the words, still reads what `kgq doc add` registered):
/// a declared file that climbs out with `..`, is absolute elsewhere, or is a symbolic link out
/// of the folder is refused with an error at the document's declaration, and nothing of the
/// outside file is printed.
@Suite(.enabled(if: KGTestSupport.kgqBuilt, "build kgq first (swift build)"))
struct DocumentPaths {
    /// A secret outside the documents folder, and a graph whose document is `file`.
    static func setUp(file: String, link: Bool = false) throws -> (root: URL, graph: URL, documents: URL) {
        let root = try KGTestSupport.temporaryFolder("kgq-docpath")
        let graph = root.appendingPathComponent("g"), documents = root.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: graph, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try "secret-line-one\n".write(to: root.appendingPathComponent("secret.txt"), atomically: false, encoding: .utf8)
        if link {
            try FileManager.default.createSymbolicLink(atPath: documents.appendingPathComponent(file).path,
                                                       withDestinationPath: root.appendingPathComponent("secret.txt").path)
        }
        let kg = """
            document doc:a {
              file: "\(file)"
              sha256: "\(String(repeating: "0", count: 64))"
              language: "en"
              title: "A"
              kind: "report"
            }

            node thing:x :Thing {
              name: "x"
            }
            cite doc:a line 1 "secret-line-one"

            """
        try kg.write(to: graph.appendingPathComponent("a.kg"), atomically: false, encoding: .utf8)
        return (root, graph, documents)
    }

    @Test(arguments: [("../secret.txt", false), ("sub/../../secret.txt", false), ("inside.txt", true)])
    func aDocumentOutsideTheFolderIsRefused(_ file: String, _ link: Bool) throws {
        let (root, graph, documents) = try Self.setUp(file: file, link: link)
        defer { try? FileManager.default.removeItem(at: root) }
        for format in ["sarif", "text", "json"] {
            let run = KGTestSupport.runKGQ(["audit", "--graph", graph.path, "--documents", documents.path, "--format", format])
            #expect(run.status == 2, "\(format): \(run.stderr)")
            #expect(run.stderr.contains("a.kg:1:1: error: document doc:a: file '\(file)' lies outside the documents folder"), "\(run.stderr)")
            #expect(!run.stdout.contains("secret-line-one") && !run.stderr.contains("secret-line-one"), "\(run.stdout)")
        }
    }

    @Test func anAbsolutePathElsewhereIsRefused() throws {
        let (root, graph, documents) = try Self.setUp(file: "/etc/passwd")
        defer { try? FileManager.default.removeItem(at: root) }
        let run = KGTestSupport.runKGQ(["audit", "--graph", graph.path, "--documents", documents.path, "--format", "sarif"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("lies outside the documents folder") && !run.stdout.contains("root:"), "\(run.stderr)")
    }

    @Test func aDocumentInsideTheFolderIsRead() throws {
        let (root, graph, documents) = try Self.setUp(file: "texts/../a.txt")
        defer { try? FileManager.default.removeItem(at: root) }
        try "secret-line-one\n".write(to: documents.appendingPathComponent("a.txt"), atomically: false, encoding: .utf8)
        let run = KGTestSupport.runKGQ(["audit", "--graph", graph.path, "--documents", documents.path, "--rule", "quote-not-found"])
        #expect(run.status == 0, "\(run.stderr)\(run.stdout)")
    }
}
