/// An output format of `kgq export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case dot, png, svg, pdf, jpg, webp, html, json, graphml, csv, cypher

    /// Pictures (and their DOT source) have a node cap by default: beyond a few hundred
    /// nodes a layout takes long and reads badly.
    public var isPicture: Bool {
        switch self {
        case .dot, .png, .svg, .pdf, .jpg, .webp, .html: return true
        case .json, .graphml, .csv, .cypher: return false
        }
    }

    /// Formats Graphviz renders, with their picture format.
    public var pictureFormat: PictureFormat? {
        switch self {
        case .png: return .png
        case .svg: return .svg
        case .pdf: return .pdf
        case .jpg: return .jpg
        case .webp: return .webp
        default: return nil
        }
    }

    /// CSV is two files (nodes and relationships), so it is written into a directory.
    public var writesDirectory: Bool { self == .csv }

    /// The node cap of picture formats when `--max-nodes` is not given.
    public static let defaultPictureNodeCap = 500
}
