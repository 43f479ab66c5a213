/// How a node is written in a table cell.
public enum NodeStyle: String, Sendable, CaseIterable, Hashable {
    /// Labels and every property: `(:Role {name: "Agent", level: 2})`.
    case full
    /// Labels and the display name only: `(:Role "Agent")`.
    case short
}
