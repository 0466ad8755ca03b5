import Foundation

/// The figures of one `bpmn-bench` run: flat dotted keys (`engine.approval.full.instances_per_s`)
/// to numbers, plus text notes (what a figure was measured on, why a part was skipped).
final class BenchReport {
    private(set) var figures: [String: Double] = [:]
    private(set) var notes: [String: String] = [:]

    /// Records `value` under `key`, and prints it on standard error as progress.
    func record(_ key: String, _ value: Double) {
        figures[key] = value
        log("  \(key) = \(Self.format(value))")
    }

    /// Records p50 and p99 of `samples` as `<prefix>_ms_p50` and `<prefix>_ms_p99`.
    func recordLatency(_ prefix: String, _ samples: Samples) {
        record(prefix + "_ms_p50", samples.median)
        record(prefix + "_ms_p99", samples.p99)
    }

    func note(_ key: String, _ text: String) {
        notes[key] = text
        log("  \(key): \(text)")
    }

    /// Returns `{"figures": {...}, "notes": {...}}` with sorted keys.
    func jsonData() throws -> Data {
        let document: [String: Any] = ["figures": figures, "notes": notes]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }

    static func format(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return String(format: abs(value) >= 100 ? "%.1f" : "%.3f", value)
    }
}

/// Writes a progress line to standard error, so standard output stays free for results.
func log(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
