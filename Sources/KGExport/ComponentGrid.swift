/// Lays the separate pieces of a picture out in rows, not in one column.
///
/// Graphviz's dot puts every piece of a graph on the same ranks, so 150 unconnected pairs
/// (a query's `LIMIT 150` rows) make a picture 2 nodes wide and 150 tall. Graphviz's own
/// `pack` would place them side by side, but Graphviz 2.42 then loses most edge labels; so
/// the pieces are chained instead, a few to a row, by invisible edges from a last node of one
/// piece to a first node of the next: each row reads left to right, and the rows stack.
struct ComponentGrid {
    /// Fewer pieces than this are left alone.
    static let minimumComponents = 3

    /// The invisible edges to add, as (from, to) node keys.
    private(set) var links: [(from: String, to: String)] = []

    /// `nodes` are the keys of the drawn nodes, `edges` their (from, to) keys; `leftToRight`
    /// says which way ranks run (a piece is wider than tall there).
    init(nodes: [String], edges: [(from: String, to: String)], leftToRight: Bool) {
        var index: [String: Int] = [:]
        for (i, n) in nodes.enumerated() { index[n] = i }
        // Union-find over the nodes.
        var parent = Array(nodes.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        var hasIn = Array(repeating: false, count: nodes.count)
        var hasOut = Array(repeating: false, count: nodes.count)
        for edge in edges {
            guard let a = index[edge.from], let b = index[edge.to] else { continue }
            hasOut[a] = true
            hasIn[b] = true
            let (ra, rb) = (root(a), root(b))
            if ra != rb { parent[ra] = rb }
        }
        var members: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in nodes.indices {
            let r = root(i)
            if members[r] == nil { order.append(r) }
            members[r, default: []].append(i)
        }
        guard order.count >= Self.minimumComponents else { return }
        // Biggest pieces first, so they start the rows.
        let pieces = order.map { members[$0]! }.sorted { $0.count > $1.count }

        // A piece of n nodes is estimated as about √n ranks deep and √n nodes across; a rank
        // step is about 3.5 node heights along a left-to-right layout and 0.5 node widths down
        // a top-to-bottom one. k pieces a row make rows as long as the column of rows is tall.
        let along = pieces.map { Double($0.count).squareRoot() * (leftToRight ? 3.5 : 0.5) }
        let across = pieces.map { Double($0.count).squareRoot() }
        let averageAlong = along.reduce(0, +) / Double(pieces.count)
        let averageAcross = across.reduce(0, +) / Double(pieces.count)
        let perRow = max(1, Int((Double(pieces.count) * averageAcross / averageAlong).squareRoot().rounded()))
        guard perRow > 1 else { return }

        for start in stride(from: 0, to: pieces.count, by: perRow) {
            let row = pieces[start..<min(start + perRow, pieces.count)]
            for (left, right) in zip(row, row.dropFirst()) {
                let last = left.first { !hasOut[$0] } ?? left[left.count - 1]
                let first = right.first { !hasIn[$0] } ?? right[0]
                links.append((nodes[last], nodes[first]))
            }
        }
    }
}
