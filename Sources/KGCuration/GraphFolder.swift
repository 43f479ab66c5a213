import Foundation
import KGCore

/// A new graph folder, laid out the way `kgq doc add` and the other commands expect it:
///
///     NAME/
///       documents.kg    the documents the graph cites (`kgq doc add` appends here)
///       statements.kg   nodes and edges with their `cite` lines (empty at first)
///       README.md       one line saying what the folder is
///       views/          saved queries (*.cypher) to draw
public enum GraphFolder {
    /// The file `kgq doc add` appends document declarations to.
    public static let documentsFile = "documents.kg"
    /// The file a new graph's statements start in.
    public static let statementsFile = "statements.kg"
    public static let viewsFolder = "views"

    /// What `create` wrote, relative to the folder.
    public static let created = [documentsFile, statementsFile, "README.md", viewsFolder + "/"]

    /// Creates a new graph folder at `path` (and any missing parents). An existing folder is
    /// used only when it is empty; anything else at `path` is refused, so nothing is overwritten.
    public static func create(at path: String) throws(Diagnostic) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw Diagnostic(.error, "cannot make a graph folder at '\(path)': a file of that name exists",
                                 help: "choose another name, e.g. 'kgq init \(path)-graph'")
            }
            let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty else {
                let shown = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
                throw Diagnostic(.error, "cannot make a graph folder at '\(path)': the folder exists and is not empty (\(shown))",
                                 help: "give a new or empty folder; kgq init never writes over existing files")
            }
        } else {
            do { try fm.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
                throw Diagnostic(.error, "cannot create the folder '\(path)': \(error.localizedDescription)",
                                 help: "check that the parent folder exists and is writable")
            }
        }
        let name = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        let join = { (file: String) in (path as NSString).appendingPathComponent(file) }
        try AtomicFile.write(documentsText, to: join(documentsFile))
        try AtomicFile.write(statementsText, to: join(statementsFile))
        try AtomicFile.write("# \(name): a kgq graph folder (.kg files; see docs/kg-format.md); register texts with `kgq doc add FILE --graph \(path)`.\n",
                             to: join("README.md"))
        do { try fm.createDirectory(atPath: join(viewsFolder), withIntermediateDirectories: true) } catch {
            throw Diagnostic(.error, "cannot create the folder '\(join(viewsFolder))': \(error.localizedDescription)")
        }
    }

    static let documentsText = """
        # The documents this graph cites, one `document` block each. Add them with
        # `kgq doc add FILE…` (it computes the SHA-256, guesses the language and the title);
        # `file` is the path relative to this folder.

        """

    static let statementsText = ""
}
