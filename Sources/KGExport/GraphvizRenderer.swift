import CGraphviz
import Foundation
import KGCore

/// Renders DOT text to PNG, SVG or PDF inside the process through libgvc (no `dot` subprocess).
///
/// Graphviz keeps global state and is not thread-safe (parallel renders crash even with a
/// context each), so every Graphviz call goes through one lock, and there is one shared
/// renderer with one context, created on first use and kept for the life of the process.
///
///     let png = try GraphvizRenderer.shared.render(dot: text, engine: .dot, format: .png)
public final class GraphvizRenderer: @unchecked Sendable {
    /// The one renderer of the process.
    public static let shared = GraphvizRenderer()

    // Guarded by `lock`, like every call into Graphviz.
    private let lock = NSLock()
    private let context: OpaquePointer?

    private init() {
        lock.lock()
        defer { lock.unlock() }
        // Store messages for aglasterr() instead of printing them: they become Diagnostics.
        kg_quiet_errors()
        context = gvContext()
    }

    /// The longest side of a picture is at most this many times its shortest, unless asked otherwise.
    public static let defaultMaxAspect = 3.0

    /// Lays `dot` out with `engine` and renders it as `format`; returns the file's bytes.
    ///
    /// When the layout comes out longer than `maxAspect` times its width (or wider than that
    /// times its height), it is laid out again with Graphviz's `ratio` set to `maxAspect`,
    /// which spreads the short side: a 40-node column becomes a page, not a ribbon. A DOT
    /// text that sets `ratio` itself is left as it is.
    ///
    /// Throws a Diagnostic when the DOT text does not parse, the layout fails (for example
    /// when Graphviz's plugin configuration is missing) or the renderer produces nothing.
    ///
    /// With `readable` set, a `dot` layout that would be scaled below ``readableScale`` to fit
    /// its `size` (names too small to read at 100 %) is laid out again with `readable`
    /// (sfdp, where `overlap=prism` keeps nodes apart), and whichever needs less shrinking is drawn.
    public func render(dot: String, engine: LayoutEngine = .dot, format: PictureFormat,
                       maxAspect: Double? = GraphvizRenderer.defaultMaxAspect,
                       readable: LayoutEngine? = nil) throws(Diagnostic) -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        guard let gvc = context else {
            throw Diagnostic(.error, "could not start Graphviz (gvContext failed)",
                             help: "check that libgraphviz-dev is installed (make deps)")
        }
        if format == .jpg || format == .webp, !pluginListLocked(gvc, kind: "device").contains(format.rawValue) {
            throw Diagnostic(.error, "this Graphviz has no '\(format.rawValue)' output (its plugin is not installed)",
                             help: "kgq plugins lists the output formats Graphviz has here; png and svg always work"
                                + (format == .webp ? " (Debian: libgvplugin_webp in libgvc6)" : " (the gd plugin: libgvc6)"))
        }
        let graph = try parseLocked(dot)
        defer { agclose(graph) }

        let ownRatio = GraphvizRenderer.attribute(graph, "ratio")
        // Lays out with `engine`, refitted to `maxAspect`; returns how much `size` shrinks it.
        func layOut(_ engine: LayoutEngine) throws(Diagnostic) -> Double {
            kg_reset_errors()
            if gvLayout(gvc, graph, engine.rawValue) != 0 {
                throw layoutFailure(engine: engine)
            }
            if let maxAspect, ownRatio == nil,
               let box = GraphvizRenderer.boundingBox(graph), let ratio = GraphvizRenderer.ratio(fitting: box, maxAspect: maxAspect) {
                gvFreeLayout(gvc, graph)
                kg_safeset(UnsafeMutableRawPointer(graph), "ratio", ratio, "")
                kg_reset_errors()
                if gvLayout(gvc, graph, engine.rawValue) != 0 {
                    throw layoutFailure(engine: engine)
                }
            }
            return GraphvizRenderer.scale(graph)
        }
        let scale = try layOut(engine)
        if let readable, engine == .dot, scale < GraphvizRenderer.readableScale {
            gvFreeLayout(gvc, graph)
            if ownRatio == nil { kg_safeset(UnsafeMutableRawPointer(graph), "ratio", "", "") }
            let other = try layOut(readable)
            if other <= scale {
                gvFreeLayout(gvc, graph)
                if ownRatio == nil { kg_safeset(UnsafeMutableRawPointer(graph), "ratio", "", "") }
                _ = try layOut(engine)
            }
        }
        defer { gvFreeLayout(gvc, graph) }

        kg_reset_errors()
        var data: UnsafeMutablePointer<CChar>? = nil
        var length: UInt32 = 0
        let status = gvRenderData(gvc, graph, format.rawValue, &data, &length)
        defer { if let data { gvFreeRenderData(data) } }
        guard status == 0, let data, length > 0 else {
            throw Diagnostic(.error, "Graphviz could not render \(format.rawValue): \(lastMessage() ?? "no output")",
                             help: format == .png || format == .pdf
                                ? "the cairo plugin may be missing; run `libgvc6-config-update -c` (make deps does it)"
                                : nil)
        }
        return data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
            Array(UnsafeBufferPointer(start: $0, count: Int(length)))
        }
    }

    /// Parses DOT text and returns its node and edge counts; throws when it is not valid DOT.
    /// Used to check that everything the DOT writer produces reads back.
    public func check(dot: String) throws(Diagnostic) -> (nodes: Int, edges: Int) {
        lock.lock()
        defer { lock.unlock() }
        let graph = try parseLocked(dot)
        defer { agclose(graph) }
        return (Int(kg_node_count(graph)), Int(kg_edge_count(graph)))
    }

    /// Lists the layout engines the installed Graphviz offers.
    public func availableEngines() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let gvc = context else { return [] }
        return pluginListLocked(gvc, kind: "layout")
    }

    /// Lists the output formats (Graphviz "device" plugins) the installed Graphviz offers,
    /// read from libgvc at run time: `png`, `svg`, `pdf`, `jpg`, `webp`, … as `dot -T` takes them.
    public func availableFormats() -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let gvc = context else { return [] }
        return pluginListLocked(gvc, kind: "device")
    }

    /// The plugin names of one kind, without the ":package" part, sorted and unique.
    private func pluginListLocked(_ gvc: OpaquePointer, kind: String) -> [String] {
        var count: Int32 = 0
        guard let list = gvPluginList(gvc, kind, &count, nil) else { return [] }
        var names = Set<String>()
        for i in 0..<Int(count) {
            if let p = list[i] {
                let name = String(cString: p)
                names.insert(String(name.split(separator: ":").first ?? Substring(name)))
                free(p)
            }
        }
        free(list)
        return names.sorted()
    }

    /// The Graphviz `ratio` (height over width) that brings a `box` of width and height within
    /// `maxAspect`, or nil when it already is. It aims a tenth short, so the margin and the
    /// rounding to pixels cannot take the picture past `maxAspect` again.
    static func ratio(fitting box: (width: Double, height: Double), maxAspect: Double) -> String? {
        guard box.width > 0, box.height > 0 else { return nil }
        let target = max(1, maxAspect * 0.9)
        if box.height > box.width * maxAspect { return String(target) }
        if box.width > box.height * maxAspect { return String(1 / target) }
        return nil
    }

    /// Below this scale a picture's names are too small to read at 100 % (11-point names at
    /// 96 dpi become about 8 pixels high).
    public static let readableScale = 0.6

    // MARK: - Helpers (call with the lock held)

    /// How much the graph's `size` (inches) shrinks its laid-out bounding box: 1 when it fits.
    private static func scale(_ graph: UnsafeMutablePointer<Agraph_t>) -> Double {
        guard let box = boundingBox(graph), box.width > 0, box.height > 0, let size = attribute(graph, "size") else { return 1 }
        let numbers = size.replacingOccurrences(of: "!", with: "").split(separator: ",").compactMap { Double($0) }
        guard let w = numbers.first else { return 1 }
        let h = numbers.count > 1 ? numbers[1] : w
        return min(1, w * 72 / box.width, h * 72 / box.height)
    }

    /// A graph attribute's value, nil when it is missing or empty.
    private static func attribute(_ graph: UnsafeMutablePointer<Agraph_t>, _ name: String) -> String? {
        guard let raw = kg_get(UnsafeMutableRawPointer(graph), name) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }

    /// Width and height in points of a laid-out graph (its `bb` attribute, "llx,lly,urx,ury").
    private static func boundingBox(_ graph: UnsafeMutablePointer<Agraph_t>) -> (width: Double, height: Double)? {
        guard let bb = attribute(graph, "bb") else { return nil }
        let numbers = bb.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
        guard numbers.count == 4 else { return nil }
        return (numbers[2] - numbers[0], numbers[3] - numbers[1])
    }

    private func parseLocked(_ dot: String) throws(Diagnostic) -> UnsafeMutablePointer<Agraph_t> {
        kg_reset_errors()
        guard let graph = kg_memread(dot) else {
            let message = lastMessage() ?? "not valid DOT"
            throw Diagnostic(.error, "Graphviz could not read the DOT text: \(message)")
        }
        return graph
    }

    private func layoutFailure(engine: LayoutEngine) -> Diagnostic {
        GraphvizRenderer.layoutFailure(engine: engine, message: lastMessage() ?? "layout failed")
    }

    /// What a failed layout means for the user: a missing plugin configuration is the common
    /// case on fresh machines, and has a one-line fix.
    static func layoutFailure(engine: LayoutEngine, message: String) -> Diagnostic {
        if message.contains("not recognized") {
            return Diagnostic(.error, "Graphviz has no '\(engine.rawValue)' layout: \(message)",
                              help: "Graphviz's plugin configuration is missing; run `libgvc6-config-update -c` as root (make deps does it)")
        }
        return Diagnostic(.error, "Graphviz could not lay the graph out with '\(engine.rawValue)': \(message)",
                          help: "try another --layout (sfdp for large graphs) or a narrower --query")
    }

    private func lastMessage() -> String? {
        guard let raw = kg_last_error() else { return nil }
        defer { free(raw) }
        let text = String(cString: raw).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
