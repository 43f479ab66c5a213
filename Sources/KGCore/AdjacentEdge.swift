/// One entry of a node's adjacency list: the edge, the node at its other end and its type
/// code, stored together so expanding a node reads one contiguous array instead of visiting
/// every edge record (12 bytes an entry; the graph holds at most Int32.max nodes and edges).
public struct AdjacentEdge: Sendable, Hashable, BitwiseCopyable {
    /// The edge's handle, as stored.
    public var edgeHandle: Int32
    /// Handle of the node at the other end (for a self-loop, the node itself).
    public var otherNode: Int32
    /// The edge's type code (`Graph.typeCode(_:)`).
    public var typeCode: Int32

    public init(edge: Int, other: Int, typeCode: Int) {
        edgeHandle = Int32(truncatingIfNeeded: edge)
        otherNode = Int32(truncatingIfNeeded: other)
        self.typeCode = Int32(truncatingIfNeeded: typeCode)
    }

    /// The edge's handle.
    public var edge: Int { Int(edgeHandle) }
    /// Handle of the node at the other end.
    public var other: Int { Int(otherNode) }
}
