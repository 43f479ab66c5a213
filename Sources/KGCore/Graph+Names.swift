/// What a node is called: its `name`, localized names and aliases, read from a `Node` or
/// from the graph's tables (the name index in Graph.swift is built from these).
extension Graph {
    /// Every name of a node: its `name` property and all localized names.
    public static func names(of node: Node) -> [String] {
        var out: [String] = []
        if let n = node.properties["name"]?.string { out.append(n) }
        for n in node.names { out.append(n.text) }
        return out
    }

    /// Node `i`'s name in `language` when it has one, else its preferred name (`Node.name(in:)`),
    /// read from the tables without assembling the node. A node with no name at all but a
    /// `title` (a Document) is called by its title, as the exporters draw it, rather than its id.
    public func name(node i: Int, in language: String?) -> String {
        if let language, let n = nodeNameLists[i].first(where: { $0.language == language }) { return n.text }
        if case .string(let s)? = nodeProperties.value(i, key: "name") { return s }
        if let first = nodeNameLists[i].first { return first.text }
        if case .string(let title)? = nodeProperties.value(i, key: "title") { return title }
        return nodeIDs[i]
    }

    /// What lookups by name match for node `i`, read from the tables: its `name`, every
    /// localized name and every alias.
    public func lookupNames(ofNode i: Int) -> [String] {
        var out: [String] = []
        if case .string(let n)? = nodeProperties.value(i, key: "name") { out.append(n) }
        for n in nodeNameLists[i] { out.append(n.text) }
        switch nodeProperties.value(i, key: "aliases") {
        case .list(let l)?: out += l.compactMap(\.string)
        case .string(let a)?: out.append(a)
        default: break
        }
        return out
    }

    /// The node's `aliases` property: a list of strings (or one string).
    public static func aliases(of node: Node) -> [String] {
        switch node.properties["aliases"] {
        case .list(let l)?: return l.compactMap(\.string)
        case .string(let s)?: return [s]
        default: return []
        }
    }

    /// What lookups by name match: every name (`names(of:)`) and every alias.
    public static func lookupNames(of node: Node) -> [String] {
        names(of: node) + aliases(of: node)
    }

    /// Names match case-insensitively. A name that is already lower-case ASCII (most are) is its
    /// own key: no new string.
    static func nameKey(_ s: String) -> String {
        var s = s
        let lower = s.withUTF8 { !$0.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 } }
        return lower ? s : s.lowercased()
    }
}
