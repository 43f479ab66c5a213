import KGCore

/// The one entry point of every export: checks the node cap, then writes `format`.
///
///     let output = try GraphExporter().export(graph, Subgraph(result: rows), as: .png,
///                                            options: ExportOptions(layout: .sfdp))
///     for file in output.files { … }   // one file, or nodes.csv + relationships.csv
public struct GraphExporter: Sendable {
    /// What an export produced: one file's bytes, or several named files (CSV).
    public struct Output: Sendable {
        /// (name, bytes); the name is nil for the single file of a one-file format.
        public var files: [(name: String?, bytes: [UInt8])]
    }

    public init() {}

    /// Exports `subgraph` of `graph`. Throws a Diagnostic when the subgraph is larger than the
    /// node cap or Graphviz fails.
    public func export(_ graph: Graph, _ subgraph: Subgraph, as format: ExportFormat,
                       options: ExportOptions = .init()) throws(Diagnostic) -> Output {
        let sub = subgraph.alive(in: graph).closed(in: graph)
        if let cap = options.nodeCap(for: format), sub.nodes.count > cap {
            throw Self.overCap(count: sub.nodes.count, cap: cap, format: format, explicit: options.maxNodes != nil)
        }
        func text(_ s: String) -> Output { Output(files: [(nil, Array(s.utf8))]) }
        switch format {
        case .dot:
            return text(DOTWriter(options: options.dot).write(graph, sub))
        case .png, .svg, .pdf, .jpg, .webp:
            let dot = DOTWriter(options: options.dot).write(graph, sub)
            let picture = format.pictureFormat ?? .png
            let bytes = try GraphvizRenderer.shared.render(dot: dot, engine: options.layout, format: picture,
                                                           readable: options.readableLayout)
            return Output(files: [(nil, bytes)])
        case .html:
            return text(try HTMLView(graph, sub, options: options.dot, layout: options.layout, readable: options.readableLayout).page())
        case .json:
            return text(JSONGraphExporter().write(graph, sub))
        case .graphml:
            return text(GraphMLExporter().write(graph, sub))
        case .cypher:
            return text(CypherExporter().write(graph, sub))
        case .csv:
            return Output(files: CSVExporter().write(graph, sub).map { ($0.name, Array($0.text.utf8)) })
        }
    }

    /// The message when a subgraph is larger than the cap: how big, the limit, and three ways out.
    static func overCap(count: Int, cap: Int, format: ExportFormat, explicit: Bool) -> Diagnostic {
        let limit = explicit ? "--max-nodes \(cap)" : "the \(format.rawValue) limit of \(cap) nodes"
        return Diagnostic(.error, "the subgraph to export has \(count) nodes, more than \(limit)",
                          help: "narrow the query (a WHERE clause or LIMIT), or raise the cap with --max-nodes \(count)"
                            + (format.isPicture ? " and lay it out with --layout sfdp, which handles large graphs" : ""))
    }
}
