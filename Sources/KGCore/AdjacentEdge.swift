/// One entry of a node's adjacency list: the edge, the node at its other end and its type
/// code, stored together so expanding a node reads one contiguous array instead of visiting
/// every edge record (16 bytes an entry).
public struct AdjacentEdge: Sendable, Hashable {
    /// The edge's handle.
    public var edge: Int
    /// Handle of the node at the other end (for a self-loop, the node itself).
    public var otherNode: Int32
    /// The edge's type code (`Graph.typeCode(_:)`).
    public var typeCode: Int32

    public var other: Int { Int(otherNode) }
}
