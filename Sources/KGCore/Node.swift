/// A name of a node in one language (`en`, `nl`, `sv`, …).
public struct LocalizedName: Sendable, Hashable {
    public var language: String
    public var text: String
    public init(language: String, text: String) {
        self.language = language
        self.text = text
    }
}

/// An entity of the graph: a role, sector, skill, source, document, figure, …
public struct Node: Sendable, Hashable {
    /// Stable id such as `role:customer-service-representative`.
    public var id: String
    /// One or more labels (`Role`, `Sector`, `Figure`, …), in declaration order.
    public var labels: [String]
    /// Properties; the preferred display name is `properties["name"]`.
    public var properties: [String: Value]
    /// Names per language; lookups match any of them, case-insensitively.
    public var names: [LocalizedName]
    /// Where this node's statement is cited; empty means uncited.
    public var citations: [Citation]
    /// Where the node is declared, when it was loaded from a file.
    public var location: SourceLocation?

    public init(id: String, labels: [String] = [], properties: [String: Value] = [:],
                names: [LocalizedName] = [], citations: [Citation] = [], location: SourceLocation? = nil) {
        self.id = id
        self.labels = labels
        self.properties = properties
        self.names = names
        self.citations = citations
        self.location = location
    }

    /// The preferred name: `name` property, else the first localized name, else the id.
    public var name: String {
        properties["name"]?.string ?? names.first?.text ?? id
    }

    /// The name in `language` when there is one, else `name`.
    public func name(in language: String?) -> String {
        guard let language else { return name }
        return names.first { $0.language == language }?.text ?? name
    }

    public func hasLabel(_ label: String) -> Bool { labels.contains(label) }
}

/// A directed, typed relationship between two nodes.
public struct Edge: Sendable, Hashable {
    /// Stable id; files may give one, otherwise the loader derives it.
    public var id: String
    /// Relationship type such as `REQUIRES`, `WORKS_IN`, `REPORTS`, `MEASURES`.
    public var type: String
    /// Index of the start node in the graph's node table.
    public var from: Int
    /// Index of the end node in the graph's node table.
    public var to: Int
    public var properties: [String: Value]
    public var citations: [Citation]
    public var location: SourceLocation?

    public init(id: String, type: String, from: Int, to: Int, properties: [String: Value] = [:],
                citations: [Citation] = [], location: SourceLocation? = nil) {
        self.id = id
        self.type = type
        self.from = from
        self.to = to
        self.properties = properties
        self.citations = citations
        self.location = location
    }
}
