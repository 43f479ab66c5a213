import Foundation

/// Turns kgq's graph-export JSON into a Mermaid flowchart:
///
///     ---
///     title: Skills
///     ---
///     flowchart LR
///       n0["Customer service representative<br/><i>Role</i>"]
///       n1["Empathy<br/><i>Skill</i>"]
///       n0 -->|REQUIRES| n1
///
/// Node ids become n0, n1, … (Mermaid ids cannot hold ':'); the kgq id is kept in a comment.
enum MermaidFlowchart {
    static func render(graphJSON: Data, settingsJSON: Data) -> Result<String, PluginError> {
        guard let graph = try? JSONSerialization.jsonObject(with: graphJSON) as? [String: Any],
              let nodes = graph["nodes"] as? [[String: Any]], let edges = graph["edges"] as? [[String: Any]] else {
            return .failure(PluginError(message: "the graph JSON has no nodes and edges arrays"))
        }
        let settings = (try? JSONSerialization.jsonObject(with: settingsJSON)) as? [String: Any] ?? [:]
        let language = settings["language"] as? String

        var out = ""
        if let title = settings["title"] as? String, !title.isEmpty {
            out += "---\ntitle: \(escapeTitle(title))\n---\n"
        }
        out += "flowchart LR\n"
        var key: [String: String] = [:]
        for (index, node) in nodes.enumerated() {
            guard let id = node["id"] as? String else { continue }
            let mermaidID = "n\(index)"
            key[id] = mermaidID
            let labels = (node["labels"] as? [String]) ?? []
            let text = escape(displayName(node, language: language) ?? id)
                + (labels.isEmpty ? "" : "<br/><i>\(escape(labels.joined(separator: ", ")))</i>")
            out += "  %% \(id.replacingOccurrences(of: "\n", with: " "))\n"
            out += "  \(mermaidID)[\"\(text)\"]\n"
        }
        for edge in edges {
            guard let from = (edge["from"] as? String).flatMap({ key[$0] }),
                  let to = (edge["to"] as? String).flatMap({ key[$0] }) else { continue }
            let type = (edge["type"] as? String).map(escape) ?? ""
            out += type.isEmpty ? "  \(from) --> \(to)\n" : "  \(from) -->|\(type)| \(to)\n"
        }
        return .success(out)
    }

    /// The name in the asked language, else the `name` property, a document's title, a
    /// claim's statement, a figure's measure and value, any name — or nil for the id.
    static func displayName(_ node: [String: Any], language: String?) -> String? {
        let names = node["names"] as? [String: String] ?? [:]
        if let language, let name = names[language] { return name }
        let properties = node["properties"] as? [String: Any] ?? [:]
        for key in ["name", "title", "statement"] {
            if let text = properties[key] as? String { return text }
        }
        if let value = properties["value"] as? NSNumber {
            let measure = properties["measure"] as? String ?? "value"
            let unit = properties["unit"] as? String
            return "\(measure): \(value)" + (unit.map { " \($0)" } ?? "")
        }
        return names.sorted { $0.key < $1.key }.first?.value
    }

    /// Mermaid label text inside double quotes: its entity codes for the characters that
    /// would end the label or be read as markup.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\"": out += "#quot;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "#": out += "#35;"
            case "|": out += "#124;"
            case "\n", "\r": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    static func escapeTitle(_ text: String) -> String {
        // YAML front matter: a double-quoted scalar.
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ") + "\""
    }
}
