import BPMNModel
import Foundation

/// Timer start events of models: each starts a new instance of the newest model version when
/// due. Their schedules are one settings entry, `timer-start-events`, a JSON object keyed by
/// `<model>/<elementId>` with the next due time and the number of firings so far.
extension WorkflowEngine {
    static let timerStartsKey = "timer-start-events"

    /// Schedules the timer start events of a model version just imported, replacing the
    /// schedules of its earlier versions. Expression-valued timers are not scheduled.
    func scheduleTimerStarts(model: String, definitions: Definitions) throws {
        var schedules = try timerStartSchedules().filter { !$0.key.hasPrefix(model + "/") }
        for process in definitions.processes where process.isExecutable {
            for node in process.body.nodes where node.kind == .startEvent {
                guard let timer = node.timerDefinition, let schedule = Self.staticSchedule(timer),
                    let due = schedule.firstDue(after: clock.now())
                else { continue }
                schedules[model + "/" + node.id] = .object(["due": .string(ISO8601.format(due)), "firings": 0])
            }
        }
        try store.setSetting(Self.timerStartsKey, value: JSONValue.object(schedules).jsonText)
    }

    /// Returns the earliest due time among the timer start events of models.
    func nextTimerStartDue() throws -> Date? {
        try timerStartSchedules().values.compactMap { $0["due"]?.stringValue.flatMap(ISO8601.parseDate) }.min()
    }

    private func timerStartSchedules() throws -> [String: JSONValue] {
        guard let text = try store.setting(Self.timerStartsKey) else { return [:] }
        return (try? JSONValue.parse(text))?.objectValue ?? [:]
    }

    private static func staticSchedule(_ timer: TimerDefinition) -> TimerSchedule? {
        guard let entry = timer.scheduleValue, !entry.text.hasPrefix("$") else { return nil }
        return TimerSchedule.parse(entry.text, kind: entry.kind)
    }

    /// Starts an instance for each due timer start event, each in its own transaction, and
    /// moves its schedule on (or drops it once done).
    /// - Returns: the started instances.
    func fireDueTimerStarts(limit: Int) throws -> [Execution] {
        var started: [Execution] = []
        while started.count < limit {
            let fired: Execution?? = try store.writeTransaction {
                var schedules = try timerStartSchedules()
                let now = clock.now()
                guard let (key, entry) = schedules
                    .compactMap({ key, value -> (String, JSONValue, Date)? in
                        guard let due = value["due"]?.stringValue.flatMap(ISO8601.parseDate), due <= now else { return nil }
                        return (key, value, due)
                    })
                    .min(by: { $0.2 < $1.2 }).map({ ($0.0, $0.1) })
                else { return nil }
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                let firings = Int(entry["firings"]?.numberValue ?? 0) + 1
                let previousDue = entry["due"]?.stringValue.flatMap(ISO8601.parseDate) ?? now
                guard parts.count == 2, let model = try? models.definitions(name: parts[0], version: nil),
                    let node = model.definitions.node(id: parts[1]), let timer = node.timerDefinition,
                    let schedule = Self.staticSchedule(timer)
                else {
                    schedules[key] = nil
                    try store.setSetting(Self.timerStartsKey, value: JSONValue.object(schedules).jsonText)
                    return .some(nil)
                }
                if let next = schedule.nextDue(after: previousDue, firings: firings) {
                    schedules[key] = .object(["due": .string(ISO8601.format(next)), "firings": .number(Double(firings))])
                } else {
                    schedules[key] = nil
                }
                try store.setSetting(Self.timerStartsKey, value: JSONValue.object(schedules).jsonText)
                do {
                    return .some(try start(parts[0], options: StartOptions(startNodeId: parts[1])))
                } catch {
                    // The start rolled back on its own; keep the advanced schedule and the reason.
                    var failed = schedules[key]?.objectValue ?? [:]
                    failed["lastError"] = .string("\(error)")
                    schedules[key] = failed.isEmpty ? nil : .object(failed)
                    try store.setSetting(Self.timerStartsKey, value: JSONValue.object(schedules).jsonText)
                    return .some(nil)
                }
            }
            guard let outcome = fired else { break }
            if let execution = outcome { started.append(execution) }
        }
        return started
    }
}
