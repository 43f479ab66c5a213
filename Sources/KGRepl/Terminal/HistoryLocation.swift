import Foundation

/// Where the REPL keeps its history: `--history FILE`, else $KGQ_HISTORY, else one file per
/// graph under $XDG_STATE_HOME/kgq (or ~/.local/state/kgq). Never the current directory:
/// without a home or state directory there is no history.
public enum HistoryLocation {
    /// The history file, or nil when history is off (or there is nowhere to keep it).
    public static func path(graphFolder: String?, explicit: String?, disabled: Bool,
                            environment: [String: String]) -> String? {
        if disabled { return nil }
        if let explicit, !explicit.isEmpty { return explicit }
        if let env = environment["KGQ_HISTORY"], !env.isEmpty { return env }
        let state: String
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            state = xdg + "/kgq"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            state = home + "/.local/state/kgq"
        } else {
            return nil
        }
        return state + "/" + fileName(graphFolder: graphFolder)
    }

    /// `history-customer-service-1a2b3c4d`: the folder's name (for people) and a hash of its
    /// absolute path (so two folders of the same name keep separate histories).
    public static func fileName(graphFolder: String?) -> String {
        guard let folder = graphFolder else { return "history" }
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        let base = URL(fileURLWithPath: absolute).lastPathComponent
        let safe = String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        var h: UInt64 = 0xcbf2_9ce4_8422_2325   // FNV-1a: stable across runs, unlike Hasher
        for b in absolute.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let hex = String(h, radix: 16)
        return "history-\(safe.isEmpty ? "graph" : safe)-\(String(repeating: "0", count: 16 - hex.count) + hex)"
    }
}
