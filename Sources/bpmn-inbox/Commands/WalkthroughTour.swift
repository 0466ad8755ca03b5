import BPMNModel
import Foundation
import InboxUI
import WorkflowEngine

/// The demo tour: a live run of one model in a temporary database, one engine call per
/// step, on a virtual clock. Users, data and the clock's start are fixed, so every tour of
/// a model runs the same way.
final class WalkthroughTour: DiagramStepSource {
    /// The tour's clock starts here: Monday 7 January 2030, 09:00 UTC.
    static let startTime = Date(timeIntervalSince1970: 1_894_006_800)
    /// The user who starts the instance.
    static let starter = "alice"
    /// The demo user who works the tasks of each candidate group; others go to `fallbackUser`.
    static let usersByGroup = [
        "managers": "maria", "it": "ivan", "hr": "hana", "facilities": "femi", "support": "sam",
        "oncall": "olga", "comms": "chen", "café": "carla",
    ]
    static let fallbackUser = "dana"

    let modelName: String
    let definitions: Definitions
    private let engine: WorkflowEngine
    private let clock: AdjustableClock
    private let startData: JSONValue
    private var current: Execution?

    init(modelName: String, definitions: Definitions, engine: WorkflowEngine, clock: AdjustableClock, startData: JSONValue) {
        self.modelName = modelName
        self.definitions = definitions
        self.engine = engine
        self.clock = clock
        self.startData = startData
    }

    func firstStep() throws -> DiagramStep {
        let data = withDefaults(startData)
        let execution = try engine.start(modelName, data: data, user: UserContext(name: Self.starter))
        current = execution
        return DiagramStep(
            caption: "\(Self.starter) started '\(modelName)' at \(DisplayText.time(clock.now())). "
                + waitingSummary(execution),
            execution: execution, changedIds: changed(from: [], to: execution.items))
    }

    func nextStep() throws -> DiagramStep? {
        guard let before = current, before.instance.status == .running else { return nil }
        let waiting = before.waitingItems.sorted { $0.seq < $1.seq }

        if let task = waiting.first(where: { $0.type == NodeKind.userTask.typeName || $0.type == NodeKind.manualTask.typeName }) {
            let user = demoUser(for: task)
            let data = formData(for: task)
            let after = try engine.invoke(
                .object(["id": .string(before.id), "items.id": .string(task.id)]), data: data,
                user: UserContext(name: user, groups: task.candidateGroups))
            let name = task.name ?? task.elementId
            return step("\(user) completed '\(name)'", before: before, after: after)
        }
        if let receiver = waiting.first(where: { $0.messageId != nil }), let message = receiver.messageId {
            _ = try engine.throwMessage(message, matchingKey: .object(["id": .string(before.id)]), user: UserContext(name: Self.starter))
            let after = try engine.get(.object(["id": .string(before.id)]))
            return step("message '\(message)' arrived", before: before, after: after)
        }
        if let receiver = waiting.first(where: { $0.signalId != nil }), let signal = receiver.signalId {
            _ = try engine.throwSignal(signal, matchingKey: .object(["id": .string(before.id)]), user: UserContext(name: Self.starter))
            let after = try engine.get(.object(["id": .string(before.id)]))
            return step("signal '\(signal)' was broadcast", before: before, after: after)
        }
        return nil
    }

    func advanceToNextTimer() throws -> DiagramStep? {
        guard let before = current, let due = try engine.nextTimerDue() else { return nil }
        let wait = max(0, due.timeIntervalSince(clock.now()))
        clock.advance(by: wait + 1)
        try engine.fireDueTimers()
        let after = try engine.get(.object(["id": .string(before.id)]))
        let moved = "the clock moved \(formatDuration(wait)) to \(DisplayText.time(clock.now()))"
        guard let failure = failedFiring(before: before, after: after) else {
            return step(moved + "; the timer fired", before: before, after: after)
        }
        return step(moved + "; the timer fired, and " + failure, before: before, after: after)
    }

    /// Describes a timer firing that failed in this step: the element whose work failed,
    /// the error, and when the worker retries or that the item is now an incident. Nil when
    /// no firing failed.
    private func failedFiring(before: Execution, after: Execution) -> String? {
        let earlier = Dictionary(before.items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for item in after.items where item.status == .failed || DiagramTraces.hasFailedAttempt(item) {
            guard let error = item.statusDetails.objectValue?["error"]?.stringValue else { continue }
            if let old = earlier[item.id], old.status == item.status, old.statusDetails == item.statusDetails { continue }

            let (failedName, reason) = failedElement(in: error) ?? (item.name ?? item.elementId, error)
            var text = "'\(failedName)' failed: \(reason)"
            if item.status == .failed {
                text += "; '\(item.name ?? item.elementId)' is now an incident to retry"
            } else if let due = item.timeDue {
                text += "; the worker retries at \(DisplayText.time(due))"
            }
            return text
        }
        return nil
    }

    /// Finds the model element that an engine error names in quotes, such as
    /// `script of 'script_post' failed: …`. Returns the element's name and the rest of the
    /// message after its `: `.
    private func failedElement(in error: String) -> (name: String, reason: String)? {
        let parts = error.components(separatedBy: "'")
        for index in stride(from: 1, to: parts.count, by: 2) {
            guard let node = definitions.node(id: parts[index]) else { continue }
            let rest = parts[(index + 1)...].joined(separator: "'")
            let reason = rest.range(of: ": ").map { String(rest[$0.upperBound...]) } ?? error
            return (node.name ?? node.id, reason.isEmpty ? error : reason)
        }
        return nil
    }

    // MARK: Steps

    private func step(_ action: String, before: Execution, after: Execution) -> DiagramStep {
        current = after
        let newItems = after.items.filter { item in !before.items.contains { $0.id == item.id } }
        var caption = action
        let decisions = newItems.compactMap(decision).joined(separator: "; ")
        if !decisions.isEmpty { caption += "; " + decisions }
        caption += ". " + waitingSummary(after)
        return DiagramStep(caption: caption, execution: after, changedIds: changed(from: before.items, to: after.items))
    }

    private func changed(from before: [ItemRecord], to after: [ItemRecord]) -> Set<String> {
        let old = Dictionary(before.map { ($0.id, $0.status) }, uniquingKeysWith: { first, _ in first })
        return Set(after.filter { old[$0.id] != $0.status }.map(\.elementId))
    }

    /// Describes a taken flow that leaves a gateway with several outgoing flows.
    private func decision(_ item: ItemRecord) -> String? {
        guard item.type == "bpmn:SequenceFlow",
            let flow = definitions.processes.lazy.compactMap({ $0.flow(id: item.elementId) }).first,
            let gateway = definitions.node(id: flow.sourceRef), gateway.kind.isGateway, gateway.outgoing.count > 1
        else { return nil }
        return "'\(gateway.name ?? gateway.id)' took " + DisplayText.flow(flow, of: gateway)
    }

    private func waitingSummary(_ execution: Execution) -> String {
        if execution.instance.status != .running { return "The instance ended." }
        // A token waiting at a joining gateway is engine state, not something a person does.
        let waiting = execution.waitingItems.filter { item in
            definitions.node(id: item.elementId).map { !$0.kind.isGateway } ?? true
        }
        let names = waiting.sorted { $0.seq < $1.seq }.map { "'\($0.name ?? $0.elementId)'" }
        return names.isEmpty ? "Nothing waits." : "Waiting: " + names.joined(separator: ", ") + "."
    }

    // MARK: Fixed users and data

    private func demoUser(for item: ItemRecord) -> String {
        if let assignee = item.assignee, !assignee.isEmpty, assignee != "undefined" { return assignee }
        if let user = item.candidateUsers.first { return user }
        for group in item.candidateGroups {
            if let user = Self.usersByGroup[group] { return user }
        }
        return Self.fallbackUser
    }

    /// Returns the start data with the fixed demo people filled in where the data has none.
    private func withDefaults(_ data: JSONValue) -> JSONValue {
        var object = data.objectValue ?? [:]
        if object["requester"] == nil { object["requester"] = .string(Self.starter) }
        if object["manager"] == nil { object["manager"] = .string("maria") }
        return .object(object)
    }

    /// Values for the task's form fields that take the happy path: yes for every yes/no
    /// field, 1500 for amounts, the default or first choice of a choice field.
    private func formData(for item: ItemRecord) -> JSONValue {
        guard let node = definitions.node(id: item.elementId) else { return .emptyObject }
        var values: [String: JSONValue] = [:]
        for field in node.formFields {
            switch field.type {
            case "boolean":
                values[field.id] = .bool(true)
            case "long":
                values[field.id] = .number(field.id.lowercased().contains("amount") ? 1500 : Double(field.defaultValue ?? "") ?? 3)
            case "enum":
                if let choice = field.defaultValue ?? field.values.first?.id { values[field.id] = .string(choice) }
            case "date":
                values[field.id] = .string(ISO8601DateFormatter().string(from: clock.now()))
            default:
                values[field.id] = .string(field.defaultValue ?? "tour: " + (field.label ?? field.id))
            }
        }
        return .object(values)
    }

    private func formatDuration(_ seconds: TimeInterval) -> String {
        if seconds < 60 { return "\(Int(seconds.rounded())) s" }
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(minutes / 60) h \(minutes % 60) min" }
        return "\(minutes / (24 * 60)) days"
    }
}
