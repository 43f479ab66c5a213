import KGCore
import KGExport
import KGPluginAPI

/// One of KGExport's formats as an `Exporter`, so built-ins register like plugins do.
public struct BuiltinExporter: Exporter {
    public let exportFormat: ExportFormat

    public init(_ format: ExportFormat) { self.exportFormat = format }

    public var format: String { exportFormat.rawValue }

    public var fileExtensions: [String] {
        switch exportFormat {
        case .dot: return ["dot", "gv"]
        case .graphml: return ["graphml", "xml"]
        case .cypher: return ["cypher", "cql", "cyp"]
        // CSV goes into a directory: `-o dir/` or an existing directory selects it.
        case .csv: return []
        case .html: return ["html", "htm"]
        case .jpg: return ["jpg", "jpeg"]
        case .png, .svg, .pdf, .webp, .json: return [exportFormat.rawValue]
        }
    }

    public var summary: String {
        switch exportFormat {
        case .dot: return "Graphviz DOT text (deterministic)."
        case .png: return "PNG picture, laid out and rendered in-process by Graphviz."
        case .svg: return "SVG picture with tooltips and source links, rendered by Graphviz."
        case .pdf: return "PDF picture, rendered by Graphviz."
        case .jpg: return "JPEG picture, rendered by Graphviz (where its gd plugin is installed)."
        case .webp: return "WebP picture, rendered by Graphviz (where its webp plugin is installed)."
        case .html: return "One self-contained HTML page: the SVG with pan, zoom, search in every language, details and citations on click."
        case .json: return "Graph-export JSON: documents, nodes and edges with their citations."
        case .graphml: return "GraphML for Gephi, yEd and other graph tools."
        case .csv: return "nodes.csv and relationships.csv in neo4j-admin import style (a directory)."
        case .cypher: return "A Cypher script of CREATE statements that rebuilds the subgraph."
        }
    }

    public var writesDirectory: Bool { exportFormat.writesDirectory }

    public var isBinary: Bool { [.png, .pdf, .jpg, .webp].contains(exportFormat) }

    public func export(_ graph: Graph, _ subgraph: Subgraph, settings: ExportSettings) throws(Diagnostic) -> ExportOutput {
        // "auto" (kgq export without --layout): dot, or sfdp where dot's picture would be unreadably shrunk.
        guard let layout = settings.layout == "auto" ? .dot : LayoutEngine(rawValue: settings.layout) else {
            throw Diagnostic(.error, "unknown layout engine '\(settings.layout)'",
                             help: "use one of " + LayoutEngine.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var dot = DOTWriter.Options(clusterByLabel: settings.clusterByLabel, legend: settings.legend,
                                    language: settings.language, title: settings.title, expand: settings.expand,
                                    dpi: settings.dpi ?? DOTWriter.Options.defaultDPI,
                                    size: settings.size ?? DOTWriter.Options.defaultSize, citations: settings.citations)
        dot.graphAttributes = try settings.graphAttributes.map { a throws(Diagnostic) in try GraphvizAttribute(parsing: a, flag: "-G") }
        dot.nodeAttributes = try settings.nodeAttributes.map { a throws(Diagnostic) in try GraphvizAttribute(parsing: a, flag: "-N") }
        dot.edgeAttributes = try settings.edgeAttributes.map { a throws(Diagnostic) in try GraphvizAttribute(parsing: a, flag: "-E") }
        let options = ExportOptions(
            layout: layout, maxNodes: settings.maxNodes, dot: dot)
        var readable = options
        if settings.layout == "auto" { readable.readableLayout = .sfdp }
        let output = try GraphExporter().export(graph, subgraph, as: exportFormat, options: readable)
        return ExportOutput(files: output.files.map { ExportOutput.File(name: $0.name, bytes: $0.bytes) })
    }
}
