import KGCore
import KGFormat

/// One input of the .kg format fuzzer: any bytes must parse to a file or to diagnostics, load
/// to a graph or to diagnostics, and a parsed file's canonical text (what `kgq fmt` writes over
/// the user's file) must parse back to the same statements.
public enum KGFormatHarness {
    /// nil when the input behaves; otherwise what went wrong (the fuzzer stops on it).
    public static func run(_ bytes: [UInt8]) -> String? {
        if let file = try? Parser.parse(file: "fuzz.kg", bytes: bytes) {
            let canonical = Writer.write(file)
            let again: KGFile
            do { again = try Parser.parse(file: "fuzz.kg", text: canonical) } catch {
                return "canonical text does not parse: \(error.diagnostics.map(\.message))\n\(canonical)"
            }
            // The writer orders properties canonically; beyond that order nothing may change.
            if normalized(again) != normalized(file) || Writer.write(again) != canonical {
                return "canonical text parses to a different file:\n\(canonical)"
            }
        }
        // The loader takes text: invalid UTF-8 is repaired by the decoding, the parser sees the rest.
        _ = try? GraphLoader.load(files: [(name: "fuzz.kg", text: String(decoding: bytes, as: UTF8.self))])
        return nil
    }

    /// `file` with each statement's properties in one fixed order.
    static func normalized(_ file: KGFile) -> KGFile {
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
}
