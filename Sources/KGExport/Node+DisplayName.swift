import KGCore

extension Node {
    /// The name shown for a node: its name in `language` (or preferred name), and for a
    /// document without a name its title, rather than the id.
    func displayName(in language: String?) -> String {
        if properties["name"] == nil, names.isEmpty, let title = properties["title"]?.string { return title }
        return name(in: language)
    }
}
