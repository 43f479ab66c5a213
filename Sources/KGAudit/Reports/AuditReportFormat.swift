import Foundation
import KGCore

/// The formats a report can be written in.
public enum AuditReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, markdown

    /// Renders a report in this format. The reports for people (text, markdown) show control
    /// characters from quotes, ids and file names rather than pass them on to a terminal;
    /// JSON and SARIF escape them as JSON does.
    public func render(_ report: AuditReport, options: ReportOptions = ReportOptions()) -> String {
        switch self {
        case .text: return TerminalText.visible(TextReport(options: options).render(report), keepingLayout: true)
        case .json: return JSONReport(options: options).render(report)
        case .sarif: return SARIFReport(options: options).render(report)
        case .markdown: return TerminalText.visible(MarkdownReport(options: options).render(report), keepingLayout: true)
        }
    }
}

/// What the writers need to know besides the report.
public struct ReportOptions: Sendable, Hashable {
    /// The base directory (`kgq audit --base`, by default the graph folder's repository root):
    /// .kg paths inside it are written relative to it, and SARIF's `%SRCROOT%` is it.
    public var root: String?
    /// The tool version written into JSON and SARIF.
    public var toolVersion: String
    /// Where the rules are documented (SARIF `informationUri`, an absolute URI). The project has
    /// no public home yet, so none is written unless one is given.
    public var informationURI: String?
    /// The text report lists every info finding instead of one line per rule.
    public var verbose: Bool
    /// What relative paths are relative to (the process's working directory unless given).
    public var workingDirectory: String?

    public init(root: String? = nil, toolVersion: String = "0.1.0", informationURI: String? = nil,
                verbose: Bool = false, workingDirectory: String? = nil) {
        self.root = root
        self.toolVersion = toolVersion
        self.informationURI = informationURI
        self.verbose = verbose
        self.workingDirectory = workingDirectory
    }

    /// `path` relative to `root` when it lies inside it; otherwise unchanged.
    public func relative(_ path: String) -> String {
        inside(path) ?? path
    }

    /// `path` relative to `root` when it lies inside it (a relative `path` is read from the
    /// working directory), else nil. Never climbs out with `..`.
    public func inside(_ path: String) -> String? {
        guard let root, !root.isEmpty else { return nil }
        let base = ReportOptions.standardized(absolute(root))
        let full = ReportOptions.standardized(absolute(path))
        if full == base { return "." }
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return full.hasPrefix(prefix) ? String(full.dropFirst(prefix.count)) : nil
    }

    /// `path` made absolute against the working directory.
    public func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = workingDirectory ?? FileManager.default.currentDirectoryPath
        return (cwd.hasSuffix("/") ? cwd : cwd + "/") + path
    }

    /// `a/./b/../c` → `a/c`, without touching the file system (no symlinks resolved).
    static func standardized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }
}
