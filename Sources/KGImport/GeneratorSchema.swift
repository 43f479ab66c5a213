import KGCore

/// The shape of a generated graph: the default graph's labels and relationship types, and
/// how many of each a graph of N nodes and M relationships gets.
public struct GeneratorSchema: Sendable {
    /// A node label and its share of the nodes, in per mille (Figure takes what is left).
    public struct NodeKind: Sendable {
        public var label: String
        public var idPrefix: String
        public var perMille: Int
    }

    /// A relationship type, its share of the relationships (per mille), its ends and how
    /// skewed the choice of each end is (1 uniform, 2–3 a few hubs and a long tail).
    public struct EdgeKind: Sendable {
        public var type: String
        public var perMille: Int
        public var from: String
        /// End labels with their weights: `MEASURES` points at a Role 4 times in 5, else a Sector.
        public var to: [(label: String, weight: Int)]
        public var fromPower: Int
        public var toPower: Int
    }

    /// Node labels in file order. Figure's share is the remainder.
    public static let nodeKinds: [NodeKind] = [
        NodeKind(label: DomainLabel.sector, idPrefix: "sector:", perMille: 10),
        NodeKind(label: DomainLabel.source, idPrefix: "source:", perMille: 20),
        NodeKind(label: DomainLabel.document, idPrefix: "doc:", perMille: 40),
        NodeKind(label: DomainLabel.skill, idPrefix: "skill:", perMille: 130),
        NodeKind(label: DomainLabel.role, idPrefix: "role:", perMille: 250),
        NodeKind(label: DomainLabel.figure, idPrefix: "fig:", perMille: 0),
    ]

    /// Relationship types in file order; REQUIRES also takes the rounding remainder.
    public static let edgeKinds: [EdgeKind] = [
        EdgeKind(type: DomainRelationship.requires, perMille: 300, from: DomainLabel.role, to: [(DomainLabel.skill, 1)], fromPower: 2, toPower: 3),
        EdgeKind(type: DomainRelationship.worksIn, perMille: 100, from: DomainLabel.role, to: [(DomainLabel.sector, 1)], fromPower: 2, toPower: 2),
        EdgeKind(type: DomainRelationship.measures, perMille: 100, from: DomainLabel.figure, to: [(DomainLabel.role, 4), (DomainLabel.sector, 1)], fromPower: 1, toPower: 3),
        EdgeKind(type: DomainRelationship.reports, perMille: 100, from: DomainLabel.source, to: [(DomainLabel.figure, 1)], fromPower: 3, toPower: 1),
        EdgeKind(type: DomainRelationship.cites, perMille: 50, from: DomainLabel.document, to: [(DomainLabel.source, 1)], fromPower: 1, toPower: 3),
        EdgeKind(type: DomainRelationship.mentions, perMille: 150, from: DomainLabel.document, to: [(DomainLabel.role, 1), (DomainLabel.skill, 1)], fromPower: 2, toPower: 3),
        EdgeKind(type: "ADVANCES_TO", perMille: 100, from: DomainLabel.role, to: [(DomainLabel.role, 1)], fromPower: 2, toPower: 2),
        EdgeKind(type: "VARIANT_OF", perMille: 30, from: DomainLabel.role, to: [(DomainLabel.role, 1)], fromPower: 1, toPower: 3),
        EdgeKind(type: "PART_OF", perMille: 10, from: DomainLabel.sector, to: [(DomainLabel.sector, 1)], fromPower: 1, toPower: 3),
        EdgeKind(type: "SIMILAR_TO", perMille: 60, from: DomainLabel.skill, to: [(DomainLabel.skill, 1)], fromPower: 2, toPower: 2),
    ]

    /// The smallest graph that has a node of every label.
    public static let minimumNodes = nodeKinds.count

    /// Nodes per label for a graph of `total` nodes (every label gets at least one).
    public static func nodeCounts(total: Int) -> [String: Int] {
        var counts: [String: Int] = [:]
        var used = 0
        for kind in nodeKinds where kind.label != DomainLabel.figure {
            let n = max(1, total * kind.perMille / 1000)
            counts[kind.label] = n
            used += n
        }
        counts[DomainLabel.figure] = total - used
        return counts
    }

    /// Relationships per type for a graph of `total` relationships; they add up to `total`.
    public static func edgeCounts(total: Int) -> [String: Int] {
        var counts: [String: Int] = [:]
        var used = 0
        for kind in edgeKinds {
            let n = total * kind.perMille / 1000
            counts[kind.type] = n
            used += n
        }
        counts[DomainRelationship.requires, default: 0] += total - used
        return counts
    }
}
