import Foundation
import WorkflowEngine

/// The outcome of one timer firing by the worker.
struct TimerFiring {
    enum Result {
        /// The timer fired and the instance ran on; the status is the instance's afterwards.
        case fired(InstanceStatus)
        /// A timer start event of a model started this instance.
        case started(InstanceStatus)
        /// The firing failed and the engine will retry it at `nextAttempt`.
        case willRetry(attempt: Int, error: String, nextAttempt: Date?)
        /// The firing failed after the last retry, so the item is now a failed item (an incident).
        case incident(error: String)
    }

    /// The engine clock's time of the firing (the simulated time under `--now`).
    var time: Date
    var instanceId: String
    var elementId: String
    var itemId: String?
    var result: Result

    var isFailure: Bool {
        switch result {
        case .fired, .started: return false
        case .willRetry, .incident: return true
        }
    }

    /// The line the worker prints: `<time>  <instance>  <element>  <result>`.
    var line: String {
        [ISO8601.format(time), instanceId, elementId, resultText].joined(separator: "  ")
    }

    private var resultText: String {
        switch result {
        case .fired(let status):
            return "fired; instance \(Self.describe(status))"
        case .started(let status):
            return "started a new instance at this timer start event; instance \(Self.describe(status))"
        case let .willRetry(attempt, error, nextAttempt):
            let when = nextAttempt.map { " at \(ISO8601.format($0))" } ?? ""
            return "failed (attempt \(attempt)): \(error); the worker tries again\(when)"
        case .incident(let error):
            let query = itemId.map { "'{\"items.id\": \"\($0)\"}'" } ?? "QUERY"
            return "failed after the last retry and is now an incident: \(error); fix the cause, "
                + "then run 'bpmn-inbox retry \(query)'"
        }
    }

    private static func describe(_ status: InstanceStatus) -> String {
        switch status {
        case .running: return "running"
        case .end: return "ended"
        case .failed: return "failed with an uncaught BPMN error"
        case .terminated: return "terminated"
        }
    }
}

/// Fires due timers one at a time and finds out what each firing did, so the worker can
/// print a line per firing. Other processes may fire timers of the same database at the same
/// time. The engine fires each timer once, and this type reports only the firings it made.
struct TimerFirer {
    let engine: WorkflowEngine

    /// The outcome of one `fireNext` call.
    enum Step {
        case firing(TimerFiring)
        /// The due timer was fired by another process first; more may be due.
        case firedElsewhere
        /// Nothing is due, or the due timer cannot fire now (its instance is no longer running).
        case nothingDue
    }

    /// Fires the timer that is due first, or the first due timer start event of a model.
    /// - Throws: the store's error when the database cannot be read or written. Engine errors
    ///   of the firing itself become retries or incidents and are returned as a `TimerFiring`.
    func fireNext() throws -> Step {
        let candidate = try firstDueItem()
        let executions = try engine.fireDueTimers(limit: 1)

        if let execution = executions.first {
            return .firing(try describe(execution, candidate: candidate))
        }
        guard let candidate else { return .nothingDue }
        return try outcome(ofUnfired: candidate)
    }

    /// Returns the waiting item with the earliest due time at or before now, the one the
    /// engine fires next.
    private func firstDueItem() throws -> ItemRecord? {
        let query: JSONValue = .object([
            "items.status": .string(ItemStatus.wait.rawValue),
            "items.timeDue": .object(["$lte": .string(ISO8601.format(engine.clock.now()))]),
        ])
        let options = FindOptions(sort: [(key: .item(.timeDue), ascending: true)], limit: 1)
        return try engine.findItems(query, options: options).first
    }

    /// Names the element that fired in `execution`: the candidate when it fired there, else
    /// the newest timer firing in the instance's history. An instance without one was
    /// started by a timer start event.
    private func describe(_ execution: Execution, candidate: ItemRecord?) throws -> TimerFiring {
        let time = engine.clock.now()
        let status = execution.status

        if let candidate, candidate.instanceId == execution.id,
            execution.items.contains(where: { $0.id == candidate.id && $0.status != .wait })
        {
            return TimerFiring(
                time: time, instanceId: execution.id, elementId: candidate.elementId, itemId: candidate.id,
                result: .fired(status))
        }
        let history = try engine.history(instanceId: execution.id)
        if let record = history.last(where: { $0.action == "timer" }) {
            return TimerFiring(
                time: time, instanceId: execution.id, elementId: record.elementId ?? "?", itemId: record.itemId,
                result: .fired(status))
        }
        let startItem = execution.items.first
        return TimerFiring(
            time: time, instanceId: execution.id, elementId: startItem?.elementId ?? "?", itemId: startItem?.id,
            result: .started(status))
    }

    /// Reads the candidate again after a call that fired nothing: a failed firing raised its
    /// attempt count or made it an incident, otherwise another process fired it first.
    private func outcome(ofUnfired candidate: ItemRecord) throws -> Step {
        let query: JSONValue = .object(["items.id": .string(candidate.id)])
        guard let current = try engine.findItems(query, options: FindOptions(limit: 1)).first else {
            return .firedElsewhere
        }
        let time = engine.clock.now()
        let error = current.statusDetails["error"]?.stringValue ?? "unknown error"
        let attempts = Self.attempts(current)

        if current.status == .failed, candidate.status != .failed {
            return .firing(TimerFiring(
                time: time, instanceId: current.instanceId, elementId: current.elementId, itemId: current.id,
                result: .incident(error: error)))
        }
        if current.status == .wait, attempts > Self.attempts(candidate) {
            return .firing(TimerFiring(
                time: time, instanceId: current.instanceId, elementId: current.elementId, itemId: current.id,
                result: .willRetry(attempt: attempts, error: error, nextAttempt: current.timeDue)))
        }
        if current.status == .wait, current.timeDue == candidate.timeDue {
            return .nothingDue
        }
        return .firedElsewhere
    }

    private static func attempts(_ item: ItemRecord) -> Int {
        Int(item.statusDetails["attempts"]?.numberValue ?? 0)
    }
}
