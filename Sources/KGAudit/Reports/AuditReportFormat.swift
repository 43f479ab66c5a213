/// The formats a report can be written in.
public enum AuditReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, markdown

    /// Renders a report in this format.
    public func render(_ report: AuditReport, options: ReportOptions = ReportOptions()) -> String {
        switch self {
        case .text: return TextReport(options: options).render(report)
        case .json: return JSONReport(options: options).render(report)
        case .sarif: return SARIFReport(options: options).render(report)
        case .markdown: return MarkdownReport(options: options).render(report)
        }
    }
}

/// What the writers need to know besides the report.
public struct ReportOptions: Sendable, Hashable {
    /// The repository root: .kg paths are written relative to it (SARIF wants repo-relative URIs).
    public var root: String?
    /// The tool version written into JSON and SARIF.
    public var toolVersion: String
    /// Where the rules are documented (SARIF `informationUri`, an absolute URI). The project has
    /// no public home yet, so none is written unless one is given.
    public var informationURI: String?

    public init(root: String? = nil, toolVersion: String = "0.1.0", informationURI: String? = nil) {
        self.root = root
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    /// `path` relative to `root` when it lies inside it; otherwise unchanged.
    public func relative(_ path: String) -> String {
        guard let root, !root.isEmpty else { return path }
        let base = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// An absolute `path` relative to `root`, climbing with `..` when it lies outside
    /// (`../shared/seeds`); nil when either is not absolute.
    public func climbingRelative(_ path: String) -> String? {
        guard let root, root.hasPrefix("/"), path.hasPrefix("/") else { return nil }
        let from = root.split(separator: "/"), to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
