import KGCore

/// One `-G`, `-N` or `-E` attribute of `kgq export`, as the `dot` command line has them:
/// `-Gsize=10,10`, `-Nshape=box`, `-Epenwidth=2`; a name alone means `name=true`.
///
/// kgq writes them after its own attributes, so they win: `-N` and `-E` are added to every
/// node and edge statement (kgq styles each node, so a mere default would change nothing),
/// `-G` to the graph's.
///
///     let a = try GraphvizAttribute(parsing: "shape=box", flag: "-N")   // shape, box
public struct GraphvizAttribute: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Parses `name=value` (or `name`); the name is a Graphviz attribute name: letters,
    /// digits and underscores, not starting with a digit. `flag` names the option in errors.
    public init(parsing text: String, flag: String) throws(Diagnostic) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0])
        let isName = !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && !("0"..."9").contains(name.unicodeScalars.first!)
        guard isName else {
            throw Diagnostic(.error, "\(flag) takes a Graphviz attribute as name=value, got '\(flag)\(text)'",
                             help: "e.g. \(flag)\(Self.example(flag)); names are letters, digits and '_' (see graphviz.org/doc/info/attrs.html)")
        }
        self.name = name
        self.value = parts.count == 2 ? String(parts[1]) : "true"
    }

    static func example(_ flag: String) -> String {
        switch flag {
        case "-N": return "shape=box"
        case "-E": return "penwidth=2"
        default: return "size=10,10"
        }
    }

    /// `name="value"` for an attribute list.
    var statement: String { "\(name)=\(DOTText.quoted(value))" }
}
