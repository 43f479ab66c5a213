// libFuzzer target for the .kg format: any bytes must parse to a file or to diagnostics,
// and loading them as a graph must build a graph or report diagnostics — never trap.
//
//     make fuzz-kgformat FUZZ_SECONDS=600
import CLibFuzzer
import Glibc
import KGCore
import KGFormat

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let file = try? Parser.parse(file: "fuzz.kg", bytes: bytes) {
        // `kgq fmt` rewrites files in place: its canonical text must parse back to the same file.
        let canonical = Writer.write(file)
        let again: KGFile
        do { again = try Parser.parse(file: "fuzz.kg", text: canonical) } catch {
            fatalError("canonical text does not parse: \(error.diagnostics.map(\.message))\n\(canonical)")
        }
        // The writer orders properties canonically; beyond that order nothing may change.
        if normalized(again) != normalized(file) || Writer.write(again) != canonical {
            let i = file.statements.indices.first { $0 >= again.statements.count || file.statements[$0] != again.statements[$0] } ?? min(file.statements.count, again.statements.count)
            fatalError("""
                canonical text parses to a different file (statement \(i)):
                  parsed:  \(i < file.statements.count ? String(describing: file.statements[i]) : "-") trailing \(file.trailingComments)
                  reread:  \(i < again.statements.count ? String(describing: again.statements[i]) : "-") trailing \(again.trailingComments)
                """)
        }
    }
    // The loader takes text: invalid UTF-8 is repaired by the decoding, the parser sees the rest.
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? GraphLoader.load(files: [(name: "fuzz.kg", text: text)])
    return 0
}

/// `file` with each statement's properties in one fixed order.
func normalized(_ file: KGFile) -> KGFile {
    func order(_ p: [PropertyEntry]) -> [PropertyEntry] {
        p.sorted { ($0.key, $0.language ?? "") < ($1.key, $1.language ?? "") }
    }
    var f = file
    for i in f.statements.indices {
        switch f.statements[i].body {
        case .document(let id, let props): f.statements[i].body = .document(id: id, properties: order(props))
        case .node(let id, let labels, let props): f.statements[i].body = .node(id: id, labels: labels, properties: order(props))
        case .edge(let id, let from, let type, let to, let props):
            f.statements[i].body = .edge(id: id, from: from, type: type, to: to, properties: order(props))
        }
    }
    return f
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOne(data, size) })
