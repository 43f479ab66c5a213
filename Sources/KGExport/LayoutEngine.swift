/// A Graphviz layout engine (`--layout`).
public enum LayoutEngine: String, Sendable, CaseIterable {
    /// Layered, for hierarchies and provenance chains (the default).
    case dot
    /// Spring model, for small undirected-looking graphs.
    case neato
    /// Force-directed, honours clusters.
    case fdp
    /// Multiscale force-directed, for large graphs.
    case sfdp
    /// Circular.
    case circo
}

/// A picture format Graphviz renders in-process.
public enum PictureFormat: String, Sendable, CaseIterable {
    case png, svg, pdf, jpg, webp
}
