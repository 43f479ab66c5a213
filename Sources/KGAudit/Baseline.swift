import Foundation
import KGCore

/// The fingerprints of a previous report (kgq's JSON or SARIF): findings with one of them are
/// known and left out of the next report, so CI fails only on new findings.
public enum Baseline {
    /// Reads the fingerprints from a report's bytes; a Diagnostic when they are not a report.
    public static func fingerprints(fromReport data: Data, file: String) throws(Diagnostic) -> Set<String> {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw Diagnostic(.error, "baseline \(file) is not valid JSON", at: SourceLocation(file: file, line: 1, column: 1),
                             help: "pass a report written by `kgq audit --format json` or `--format sarif`")
        }
        guard let root = object as? [String: Any] else {
            throw Diagnostic(.error, "baseline \(file) is not a kgq audit report (expected a JSON object)",
                             at: SourceLocation(file: file, line: 1, column: 1))
        }
        var out = Set<String>()
        if let findings = root["findings"] as? [[String: Any]] {
            for f in findings { if let fp = f["fingerprint"] as? String { out.insert(fp) } }
            return out
        }
        if let runs = root["runs"] as? [[String: Any]] {
            for run in runs {
                for result in run["results"] as? [[String: Any]] ?? [] {
                    let fps = result["partialFingerprints"] as? [String: Any] ?? [:]
                    if let fp = fps[SARIFReport.fingerprintKey] as? String { out.insert(fp) }
                }
            }
            return out
        }
        throw Diagnostic(.error, "baseline \(file) has neither `findings` (kgq JSON) nor `runs` (SARIF)",
                         at: SourceLocation(file: file, line: 1, column: 1),
                         help: "pass a report written by `kgq audit --format json` or `--format sarif`")
    }
}
