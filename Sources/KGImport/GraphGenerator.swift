import Foundation
import KGCore

/// Generates a synthetic graph with the default graph's schema (see ``GeneratorSchema``) and
/// writes it as a folder of Neo4j admin-import style CSV files that ``CSVImporter`` (and other
/// engines' bulk loaders) read.
///
/// Deterministic: the same nodes, edges and seed give byte-identical files, on any machine
/// (its own ``SplitMix64`` generator, no system randomness, no hash-order iteration).
///
///     let generator = try GraphGenerator(nodes: 100_000, edges: 1_000_000, seed: 42)
///     let summary = try generator.write(to: "/tmp/kg-100k")
public struct GraphGenerator: Sendable {
    public let nodes: Int
    public let edges: Int
    public let seed: UInt64

    /// One generated file: its name in the folder and its bytes.
    public struct File: Sendable {
        public var name: String
        public var bytes: [UInt8]
    }

    /// What was written.
    public struct Summary: Sendable {
        public var files: [String]
        public var nodeCounts: [String: Int]
        public var edgeCounts: [String: Int]
    }

    /// Checks the sizes: at least one node per label, no negative counts.
    public init(nodes: Int, edges: Int, seed: UInt64) throws(Diagnostic) {
        guard nodes >= GeneratorSchema.minimumNodes else {
            throw Diagnostic(.error, "--nodes must be at least \(GeneratorSchema.minimumNodes) (one node per label), got \(nodes)")
        }
        guard edges >= 0 else { throw Diagnostic(.error, "--edges must not be negative, got \(edges)") }
        self.nodes = nodes
        self.edges = edges
        self.seed = seed
    }

    /// File names in the order they are generated (node files first).
    public var fileNames: [String] {
        GeneratorSchema.nodeKinds.map { "nodes_\($0.label.lowercased()).csv" }
            + GeneratorSchema.edgeKinds.map { "rels_\($0.type.lowercased()).csv" }
    }

    /// Generates every file in memory (for tests and small graphs).
    public func files() -> [File] {
        var out: [File] = []
        generate { out.append($0); return true }
        return out
    }

    /// Generates the files one at a time and writes each atomically into `folder` (created
    /// when missing), so memory holds one file at a time.
    @discardableResult
    public func write(to folder: String) throws(Diagnostic) -> Summary {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw Diagnostic(.error, "cannot create the folder '\(folder)': \(error.localizedDescription)",
                             help: "check that the parent folder exists and is writable")
        }
        var failure: Diagnostic?
        var written: [String] = []
        generate { file in
            let path = (folder as NSString).appendingPathComponent(file.name)
            do throws(Diagnostic) { try AtomicFile.write(file.bytes, to: path) } catch {
                failure = error
                return false
            }
            written.append(file.name)
            return true
        }
        if let failure { throw failure }
        return Summary(files: written, nodeCounts: GeneratorSchema.nodeCounts(total: nodes),
                       edgeCounts: GeneratorSchema.edgeCounts(total: edges))
    }

    // MARK: - Generation

    /// Calls `emit` with each file in order; stops when it returns false.
    private func generate(_ emit: (File) -> Bool) {
        var random = SplitMix64(seed: seed)
        let nodeCounts = GeneratorSchema.nodeCounts(total: nodes)
        let edgeCounts = GeneratorSchema.edgeCounts(total: edges)
        let count = { (label: String) in nodeCounts[label] ?? 0 }
        let prefix = Dictionary(uniqueKeysWithValues: GeneratorSchema.nodeKinds.map { ($0.label, $0.idPrefix) })

        for kind in GeneratorSchema.nodeKinds {
            let n = count(kind.label)
            var w = CSVTextWriter(capacity: n * 64)
            switch kind.label {
            case DomainLabel.sector: sectors(n, &w, &random)
            case DomainLabel.source: sources(n, &w, &random)
            case DomainLabel.document: documents(n, &w, &random)
            case DomainLabel.skill: skills(n, &w, &random)
            case DomainLabel.role: roles(n, &w, &random)
            default: figures(n, documents: count(DomainLabel.document), sources: count(DomainLabel.source), &w, &random)
            }
            guard emit(File(name: "nodes_\(kind.label.lowercased()).csv", bytes: w.bytes)) else { return }
        }

        for kind in GeneratorSchema.edgeKinds {
            let m = edgeCounts[kind.type] ?? 0
            var w = CSVTextWriter(capacity: m * 26 + 64)
            let hasShare = kind.type == DomainRelationship.worksIn
            if hasShare { w.row(":START_ID", ":END_ID", ":TYPE", "share:float") } else { w.row(":START_ID", ":END_ID", ":TYPE") }
            let fromCount = count(kind.from), fromPrefix = prefix[kind.from] ?? ""
            let totalWeight = kind.to.reduce(0) { $0 + $1.weight }
            for _ in 0..<m {
                let from = random.skewed(fromCount, power: kind.fromPower)
                var target = kind.to[0]
                if kind.to.count > 1 {
                    var r = random.below(totalWeight)
                    for candidate in kind.to { if r < candidate.weight { target = candidate; break }; r -= candidate.weight }
                }
                let toCount = count(target.label)
                var to = random.skewed(toCount, power: kind.toPower)
                if target.label == kind.from && to == from && toCount > 1 { to = (to + 1) % toCount }   // no self-loops
                w.id(fromPrefix, from + 1)
                w.id(prefix[target.label] ?? "", to + 1)
                w.field(kind.type)
                if hasShare { w.field(Value.formatFloat(Double(random.below(1000) + 1) / 1000)) }
                w.endRow()
            }
            guard emit(File(name: "rels_\(kind.type.lowercased()).csv", bytes: w.bytes)) else { return }
        }
    }

    private typealias V = GeneratorVocabulary

    private func sectors(_ n: Int, _ w: inout CSVTextWriter, _ random: inout SplitMix64) {
        w.row("id:ID", ":LABEL", "name", "code:int")
        for i in 0..<n {
            w.id("sector:", i + 1); w.field(DomainLabel.sector)
            w.field(V.combine(i, [V.sectorQualifiers, V.sectorWords], separator: ""))
            w.field(1000 + random.below(9000))
            w.endRow()
        }
    }

    private func sources(_ n: Int, _ w: inout CSVTextWriter, _ random: inout SplitMix64) {
        w.row("id:ID", ":LABEL", "name", "kind", "founded:int", "website")
        for i in 0..<n {
            let name = V.combine(i, [V.sourcePrefixes, V.sourceTopics, V.sourceNouns])
            w.id("source:", i + 1); w.field("Source;Organization"); w.field(name)
            w.field(random.pick(V.sourceKinds))
            w.field(1900 + random.below(121))
            w.field("https://" + name.lowercased().replacingOccurrences(of: " ", with: "-") + ".example.org")
            w.endRow()
        }
    }

    private func documents(_ n: Int, _ w: inout CSVTextWriter, _ random: inout SplitMix64) {
        w.row("id:ID", ":LABEL", "file", "sha256", "language", "title", "kind", "published:date")
        let hex = Array("0123456789abcdef".utf8)
        for i in 0..<n {
            w.id("doc:", i + 1); w.field(DomainLabel.document)
            w.field("doc-\(i + 1).txt")
            var digest: [UInt8] = []
            digest.reserveCapacity(64)
            for _ in 0..<4 {
                var x = random.next()
                for _ in 0..<16 { digest.append(hex[Int(x & 15)]); x >>= 4 }
            }
            w.field(String(decoding: digest, as: UTF8.self))
            w.field(random.pick(V.languages))
            let year = 2005 + random.below(21)
            w.field("\(random.pick(V.documentTopics).capitalizedFirst) in \(year)")
            w.field(random.pick(V.documentKinds))
            w.field(KGDate(year: year, month: 1 + random.below(12), day: 1 + random.below(28))?.description ?? "\(year)")
            w.endRow()
        }
    }

    private func skills(_ n: Int, _ w: inout CSVTextWriter, _ random: inout SplitMix64) {
        w.row("id:ID", ":LABEL", "name", "category", "tags:string[]")
        for i in 0..<n {
            w.id("skill:", i + 1); w.field(DomainLabel.skill)
            w.field(V.combine(i, [V.skillQualifiers, V.skillNouns]))
            w.field(random.pick(V.skillCategories))
            let first = random.pick(V.skillTags)
            let second = random.pick(V.skillTags)
            w.field(first == second ? first : first + ";" + second)
            w.endRow()
        }
    }

    private func roles(_ n: Int, _ w: inout CSVTextWriter, _ random: inout SplitMix64) {
        w.row("id:ID", ":LABEL", "name", "level:int", "remote:boolean", "aliases:string[]")
        for i in 0..<n {
            let name = V.combine(i, [V.seniority, V.domains, V.roleNouns])
            w.id("role:", i + 1); w.field(DomainLabel.role); w.field(name)
            w.field(1 + random.below(5))
            w.field(random.below(3) == 0 ? "true" : "false")
            // One role in eight has an alias: its initials (customer service representative → CSR).
            if random.below(8) == 0 {
                w.field(String(name.split(separator: " ").compactMap(\.first)).uppercased())
            } else {
                w.empty()
            }
            w.endRow()
        }
    }

    private func figures(_ n: Int, documents: Int, sources: Int, _ w: inout CSVTextWriter, _ random: inout SplitMix64) {
        w.row("id:ID", ":LABEL", "value:float", "unit", "measure", "region", "as_of:date",
              "cite_document", "cite_line:int", "cite_quote", "cite_via")
        for i in 0..<n {
            let m = random.pick(V.measures)
            var value = m.low + random.unit() * (m.high - m.low)
            value = m.unit == "jobs" ? value.rounded() : (value * 10).rounded() / 10
            let region = random.pick(V.regions)
            let year = 2005 + random.below(21)
            let valueText = Value.formatFloat(value)
            let spoken = m.unit == "jobs" ? String(Int(value)) : valueText   // "12000 jobs", not "12000.0 jobs"
            w.id("fig:", i + 1); w.field(DomainLabel.figure); w.field(valueText); w.field(m.unit); w.field(m.measure)
            w.field(region)
            w.field(KGDate(year: year, month: 1 + random.below(12))?.description ?? "\(year)")
            w.id("doc:", random.skewed(documents, power: 2) + 1)
            w.field(1 + random.below(400))
            // Some quotes hold a comma or a quotation mark, so readers' quoting is exercised.
            let measure = random.below(50) == 0 ? "\"\(m.measure)\"" : m.measure
            let quote = random.below(4) == 0
                ? "in \(year), \(measure) \(random.pick(V.quoteVerbs)) \(spoken) \(m.unit)"
                : "\(measure) \(random.pick(V.quoteVerbs)) \(valueText) \(m.unit) in \(region)"
            w.field(quote)
            if random.below(3) == 0 { w.empty() } else { w.id("source:", random.skewed(sources, power: 3) + 1) }
            w.endRow()
        }
    }
}

extension String {
    /// The string with its first character upper-cased ("customer service jobs" → "Customer service jobs").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
