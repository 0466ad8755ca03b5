import Foundation
import SQLiteStore
import WorkflowEngine

/// Checks a database after a stress or crash run: SQLite's `integrity_check`, the engine's
/// `InvariantCheck`, that the elements after the join ran at most once per instance, and
/// that every acknowledged operation left its trace.
struct StressCheck {
    let store: SQLiteStore

    /// Elements that run once per instance in the stress models; a second item means a join
    /// fired twice or a waiting item was completed twice.
    static let singleVisitElements = ["Fork", "Review", "Pack", "WaitPaid", "Cool", "Ship", "End", "Hold", "Done"]

    /// The outcome of a check: the invariant report, SQLite's integrity result and all violations.
    struct Result {
        var report: InvariantCheck.Report
        var integrity: [String]
        var violations: [String]
        var acknowledged: Int
    }

    func run(acknowledgements: [Acknowledgement]) throws -> Result {
        let integrity = try store.integrityCheck()
        let report = try InvariantCheck(store: store).run()
        var violations = report.violations
        violations += try singleVisitViolations()
        violations += try acknowledgementViolations(acknowledgements)
        return Result(report: report, integrity: integrity, violations: violations, acknowledged: acknowledgements.count)
    }

    private func singleVisitViolations() throws -> [String] {
        try store.readTransaction {
            var found: [String] = []
            for instance in try store.findInstances(.all, options: FindOptions()) {
                guard let state = try store.loadInstance(id: instance.id) else { continue }
                var counts: [String: Int] = [:]
                for item in state.items { counts[item.elementId, default: 0] += 1 }
                for element in Self.singleVisitElements where counts[element, default: 0] > 1 {
                    found.append("instance \(instance.id): '\(element)' ran \(counts[element] ?? 0) times, expected at most once")
                }
            }
            return found
        }
    }

    private func acknowledgementViolations(_ acknowledgements: [Acknowledgement]) throws -> [String] {
        try store.readTransaction {
            var found: [String] = []
            var histories: [String: [HistoryRecord]] = [:]
            for ack in acknowledgements {
                guard let state = try store.loadInstance(id: ack.instanceId) else {
                    found.append("\(ack.line): instance not found")
                    continue
                }
                if histories[ack.instanceId] == nil { histories[ack.instanceId] = try store.history(instanceId: ack.instanceId) }
                let history = histories[ack.instanceId] ?? []
                if let problem = Self.problem(with: ack, state: state, history: history) {
                    found.append("\(ack.line): \(problem)")
                }
            }
            return found
        }
    }

    /// Returns why the acknowledged operation is not visible in the instance, or nil.
    static func problem(with ack: Acknowledgement, state: InstanceState, history: [HistoryRecord]) -> String? {
        if ack.kind == .timer {
            let firings = history.filter { $0.action == "timer" && $0.itemId == ack.itemId }.count
            return firings == 1 ? nil : "the timer item has \(firings) timer history rows, expected 1"
        }

        let key = Acknowledgement.dataKey(for: ack.marker)
        if state.instance.data[key] != .string(ack.marker) {
            return "the instance data lacks \(key), so the operation's data was lost"
        }
        let action = ["start": "start", "invoke": "invoke", "assign": "assign", "message": "event", "signal": "event"][ack.kind.rawValue]
        let recorded = history.contains { record in
            record.action == action && record.data.jsonText.contains(ack.marker)
                && (ack.kind == .start || ack.itemId == nil || record.itemId == ack.itemId)
        }
        return recorded ? nil : "no '\(action ?? "")' history row carries the marker"
    }
}
