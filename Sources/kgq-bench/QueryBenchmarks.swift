import KGCore
import KGExport
import KGQuery

/// The in-process benchmarks on a loaded graph: the six queries (Q1–Q6) through KGQuery's
/// QuerySession, and PNG rendering of a 200-node subgraph through KGExport.
struct QueryBenchmarks {
    let graph: Graph
    let warmup: Int
    let runs: Int

    func run(filter want: (String) -> Bool) -> [Measurement] {
        var out: [Measurement] = []
        var session = QuerySession(graph: graph)
        for q in BenchQueries.all where want(q.name) {
            var rows = 0
            var summary = ""
            do {
                let samples = try Stopwatch.measure(warmup: warmup, runs: runs) { () throws(QueryError) in
                    let result = try session.run(q.text)
                    rows = result.rows.count
                    if result.rows.count == 1 && result.rows[0].count == 1 {
                        switch result.rows[0][0] {
                        case .int(let n): summary = String(n)
                        case .string(let text): summary = "'\(text)'"
                        case let other: summary = "\(other)"
                        }
                    }
                }
                out.append(Measurement(name: q.name, samples: samples, note: summary.isEmpty ? "" : "= \(summary)", rows: rows))
            } catch {
                out.append(Measurement(name: q.name, samples: [], note: "failed: \(error)"))
            }
        }
        if want("render") { out.append(render()) }
        return out
    }

    /// Layout and PNG of the 200 nodes nearest the benchmark role (breadth-first over both
    /// directions) with every edge among them; the subgraph is chosen before timing.
    private func render() -> Measurement {
        let name = "render PNG (200-node subgraph)"
        guard let start = graph.nodes(named: BenchQueries.roleName).first else {
            return Measurement(name: name, samples: [], note: "skipped: no role named '\(BenchQueries.roleName)'")
        }
        let subgraph = Self.neighbourhood(of: start, size: 200, in: graph)
        do {
            var bytes = 0
            let samples = try Stopwatch.measure(warmup: 1, runs: max(3, runs / 4)) { () throws(Diagnostic) in
                let dot = DOTWriter().write(graph, subgraph)
                bytes = try GraphvizRenderer.shared.render(dot: dot, format: .png).count
            }
            return Measurement(name: name, samples: samples,
                               note: "\(subgraph.nodes.count) nodes, \(subgraph.edges.count) edges, \(bytes / 1000) kB PNG (dot layout)")
        } catch {
            return Measurement(name: name, samples: [], note: "failed: \(error)")
        }
    }

    /// The `size` nodes nearest `start` (breadth-first over both directions), the edges that
    /// reached them, and further edges among them up to 1.5 per node: a subgraph as a user
    /// would draw it (with every edge among hubs, dot's layout takes minutes, not the point here).
    static func neighbourhood(of start: Int, size: Int, in graph: Graph) -> Subgraph {
        var chosen: Set<Int> = [start]
        var order = [start]
        var edges: [Int] = []
        var k = 0
        while k < order.count && order.count < size {
            for e in graph.outgoing(order[k]) + graph.incoming(order[k]) {
                let edge = graph.edges[e]
                let other = edge.from == order[k] ? edge.to : edge.from
                if chosen.insert(other).inserted {
                    order.append(other)
                    edges.append(e)
                    if order.count == size { break }
                }
            }
            k += 1
        }
        var used = Set(edges)
        let budget = order.count * 3 / 2
        outer: for n in order {
            for e in graph.outgoing(n) where edges.count < budget && chosen.contains(graph.to(edge: e)) && used.insert(e).inserted {
                edges.append(e)
            }
            if edges.count >= budget { break outer }
        }
        return Subgraph(nodes: order, edges: edges)
    }
}
