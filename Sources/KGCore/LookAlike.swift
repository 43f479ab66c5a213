/// Ids that read the same but are different strings — `role:agent` and `role:аgent` (the
/// second with a Cyrillic а) — found by mapping each character to the Latin letter it is
/// mistaken for (its "skeleton", after Unicode's confusable-detection idea, with a short table
/// of the letters that matter for ids: Cyrillic, Greek and full-width forms).
public enum LookAlike {
    /// Characters that look like a Latin letter or digit, and that letter.
    static let table: [Unicode.Scalar: Character] = {
        var t: [Unicode.Scalar: Character] = [:]
        let pairs: [(String, String)] = [
            // Cyrillic lower and upper case.
            ("аеорсухіјѕԁԛԝӏһ", "aeopcyxijsdqwlh"), ("АВЕКМНОРСТХІЈЅ", "ABEKMHOPCTXIJS"),
            // Greek.
            ("αοριυνκ", "aopiuvk"), ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),
            // Latin look-alikes.
            ("ıℓⅰⅼ", "illl"),
        ]
        for (from, to) in pairs {
            for (a, b) in zip(from.unicodeScalars, to) { t[a] = b }
        }
        // Full-width ASCII (ａ, Ａ, ０, －, ．, ：, ＿).
        for v in UInt32(0xFF01)...0xFF5E {
            if let a = Unicode.Scalar(v), let b = Unicode.Scalar(v - 0xFF01 + 0x21) { t[a] = Character(b) }
        }
        return t
    }()

    /// `s` with every look-alike character replaced by the character it is mistaken for.
    public static func skeleton(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            if let r = table[c] { out.append(r) } else { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// True when `s` holds a character of the table (plain ASCII ids never do).
    static func hasLookAlike(_ s: String) -> Bool {
        s.utf8.contains { $0 >= 0x80 } && s.unicodeScalars.contains { table[$0] != nil }
    }

    /// Warnings for the nodes of `graph` whose ids differ from another node's only by look-alike
    /// characters, each at the later node's position, naming the other id and the characters.
    public static func warnings(_ graph: Graph) -> [Diagnostic] {
        var bySkeleton: [String: [Int]] = [:]
        for h in graph.nodeHandles {
            let id = graph.nodes[h].id
            bySkeleton[hasLookAlike(id) ? skeleton(id) : id, default: []].append(h)
        }
        let groups = bySkeleton.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        var out: [Diagnostic] = []
        for handles in groups {
            let first = graph.nodes[handles[0]]
            for h in handles.dropFirst() {
                let n = graph.nodes[h]
                let odd = Set(n.id.unicodeScalars.filter { table[$0] != nil } + first.id.unicodeScalars.filter { table[$0] != nil })
                let names = odd.sorted { $0.value < $1.value }.map { c in
                    "U+" + String(String(c.value + 0x10000, radix: 16, uppercase: true).dropFirst())
                        + ((c.properties.name).map { " (\($0))" } ?? "")
                }
                out.append(Diagnostic(.warning, "ids '\(n.id)' and '\(first.id)' differ only by look-alike characters: \(names.joined(separator: ", "))",
                                      at: n.location, help: "give one of them a distinct id, or merge the two nodes"))
            }
        }
        return out
    }
}
