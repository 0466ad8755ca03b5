import BPMNModel
import Foundation
import WorkflowEngine

/// A message or signal that reached no receiver. The form stays open so the name or the key
/// can be fixed.
struct EventNotDelivered: Error, CustomStringConvertible {
    var description: String
}

/// The message, signal, start-event and retry forms: opening them and making their calls.
extension InboxController {
    private typealias Key = EventFormFactory.Key

    // MARK: Opening forms

    /// Opens the message form. Without a preselected message, the message that the context
    /// instance waits for is chosen, with the key the Waiting tab shows for it as the
    /// matching key: a data key when the model declares a correlation key, else the id.
    func openMessageForm(selecting selected: String? = nil, matchingKey: JSONValue? = nil) {
        guard allowsChange("sending a message") else { return }
        guard let names = eventNameChoices(messages: true) else { return }
        guard !names.isEmpty else {
            show("No model defines a message and nothing waits for one; import a model with a message event.", kind: .error)
            return
        }

        var selected = selected
        var matchingKey = matchingKey
        if selected == nil, let instance = contextInstance(),
            let waiting = try? engine.waitingEvents(["id": .string(instance.id)]).first(where: { $0.messageId != nil })
        {
            selected = waiting.messageId
            matchingKey = messageKey(for: waiting, instance: instance)
        }
        let chosen = selected.flatMap { name in names.first { $0.name == name }?.name } ?? names[0].name
        state.form = EventFormFactory.messageForm(
            names: names, selected: selected, matchingKey: matchingKey ?? suggestedMatchingKey(forMessage: chosen))
    }

    /// Replaces the message form's matching key after the chosen message changed, unless the
    /// user typed a key of their own: the key then names the instance that waits for the new
    /// message, or is cleared.
    func followChosenMessage(in form: inout FormState, previous: String) {
        let chosen = form.fieldText(Key.name)
        guard chosen != previous else { return }

        let typed = form.fieldText(Key.matchingKey).trimmingCharacters(in: .whitespaces)
        let previousKey = suggestedMatchingKey(forMessage: previous)?.jsonText
        let contextKeys = contextInstance().map { instance in
            [JSONValue.object(["id": .string(instance.id)]).jsonText] + contextMessageKeys(of: instance).map(\.jsonText)
        } ?? []
        guard typed.isEmpty || typed == previousKey || contextKeys.contains(typed) else { return }

        form.setJSONField(Key.matchingKey, to: suggestedMatchingKey(forMessage: chosen))
    }

    /// Returns the key that reaches the receiver of `message`, as the Waiting tab shows it:
    /// the context instance's key when it waits for that message, else the key of the one
    /// instance that waits for it. Returns nil when no instance or several instances wait
    /// for it, so the sender chooses.
    func suggestedMatchingKey(forMessage message: String) -> JSONValue? {
        guard let waiting = try? engine.waitingEvents().filter({ $0.messageId == message }) else { return nil }

        let instanceIds = Set(waiting.map(\.instanceId))
        if let context = contextInstance(), let item = waiting.first(where: { $0.instanceId == context.id }) {
            return messageKey(for: item, instance: context)
        }
        guard instanceIds.count == 1, let item = waiting.first else { return nil }
        guard let instance = try? engine.get(["id": .string(item.instanceId)]).instance else {
            return ["id": .string(item.instanceId)]
        }
        return messageKey(for: item, instance: instance)
    }

    /// Returns the key of a waiting message receiver that `MessageKeys` gives the Waiting
    /// tab: the data key of the model's correlation key, or `{"id": …}`.
    func messageKey(for item: ItemRecord, instance: InstanceRecord) -> JSONValue {
        MessageKeys.key(for: item, instance: instance, definitions: definitions(instance.name, instance.modelVersion))
    }

    /// Returns the keys of the messages `instance` waits for.
    private func contextMessageKeys(of instance: InstanceRecord) -> [JSONValue] {
        guard let waiting = try? engine.waitingEvents(["id": .string(instance.id)]) else { return [] }
        return waiting.filter { $0.messageId != nil }.map { messageKey(for: $0, instance: instance) }
    }

    /// Opens the signal form; without a preselected signal, the one the context instance
    /// waits for is chosen.
    func openSignalForm(selecting selected: String? = nil) {
        guard allowsChange("broadcasting a signal") else { return }
        guard let names = eventNameChoices(messages: false) else { return }
        guard !names.isEmpty else {
            show("No model defines a signal and nothing waits for one; import a model with a signal event.", kind: .error)
            return
        }

        var selected = selected
        if selected == nil, let instance = contextInstance() {
            selected = (try? engine.waitingEvents(["id": .string(instance.id)]))?.compactMap(\.signalId).first
        }
        state.form = EventFormFactory.signalForm(names: names, selected: selected)
    }

    /// Opens the start-event form for the context instance, which must be running.
    func openStartEventForm(selecting selected: String? = nil) {
        guard allowsChange("triggering an element") else { return }
        guard let instance = contextInstance() else {
            show("Select an instance (or a task of it) to trigger one of its elements.", kind: .error)
            return
        }
        guard instance.status == .running else {
            show("\(instance.name) \(PaneRows.shortID(instance.id)) \(DisplayWords.phrase(instance.status)); only a running instance can be triggered.", kind: .error)
            return
        }

        let execution: Execution
        do {
            execution = try engine.get(["id": .string(instance.id)])
        } catch {
            show("Instance \(instance.id) could not be loaded: \(Self.describe(error))", kind: .error)
            return
        }
        let choices = TriggerChoices.build(
            definitions: definitions(instance.name, instance.modelVersion), execution: execution)
        guard !choices.isEmpty else {
            show("Nothing in \(instance.name) \(PaneRows.shortID(instance.id)) can be triggered: no item waits and the model has no start event.", kind: .error)
            return
        }
        state.form = EventFormFactory.startEventForm(instance: execution.instance, choices: choices, selected: selected)
    }

    /// Opens the retry form for the failed items of the context instance.
    func openRetryForm(selecting selected: String? = nil) {
        guard allowsChange("retrying a failed item") else { return }
        guard let instance = contextInstance() else {
            show("Select an instance with a failed item to retry it.", kind: .error)
            return
        }

        let execution: Execution
        do {
            execution = try engine.get(["id": .string(instance.id)])
        } catch {
            show("Instance \(instance.id) could not be loaded: \(Self.describe(error))", kind: .error)
            return
        }
        let failed = execution.items.filter { $0.status == .failed }
        guard !failed.isEmpty else {
            show("\(instance.name) \(PaneRows.shortID(instance.id)) has no failed item; R retries incidents.", kind: .error)
            return
        }
        let cursorItem: String? = {
            guard state.focus == .detail, case .failedItem(let item) = detailPage().targets[state.detailCursor] else { return nil }
            return item.id
        }()
        state.form = EventFormFactory.retryForm(
            instance: execution.instance, failedItems: failed, selected: selected ?? cursorItem)
    }

    /// Returns the instance that `e`, `R`, `m` and `s` act on: the selected instance, or the
    /// instance of the selected task.
    func contextInstance() -> InstanceRecord? {
        switch state.focus == .detail ? state.detailSource : state.focus {
        case .instances:
            return state.selectedInstance
        case .tasks:
            guard let task = state.selectedTask else { return nil }
            if let loaded = state.instances.first(where: { $0.id == task.item.instanceId }) { return loaded }
            return try? engine.get(["id": .string(task.item.instanceId)]).instance
        case .models, .detail:
            return nil
        }
    }

    /// Returns the message (or signal) names that models define and that items wait for,
    /// sorted, with the number of waiting items each. Returns nil after showing the error
    /// when they cannot be read.
    private func eventNameChoices(messages: Bool) -> [EventFormFactory.EventName]? {
        do {
            let defined = try engine.eventNames()
            let waiting = try engine.waitingEvents().compactMap { messages ? $0.messageId : $0.signalId }

            var counts: [String: Int] = [:]
            for name in waiting { counts[name, default: 0] += 1 }
            let names = Set(messages ? defined.messages : defined.signals).union(waiting).sorted()
            return names.map { EventFormFactory.EventName(name: $0, waiting: counts[$0] ?? 0) }
        } catch {
            show("The event names could not be read: \(Self.describe(error))", kind: .error)
            return nil
        }
    }

    // MARK: Calls

    /// Makes the engine call of an event form from its fields (`FormState.validatedFields`).
    /// - Throws: the engine's error, or `EventNotDelivered` when no receiver got the event.
    func callEvent(_ purpose: FormPurpose, fields: JSONValue) throws -> CallResult {
        let data = fields[Key.data] ?? .emptyObject
        let name = fields[Key.name]?.stringValue ?? ""

        switch purpose {
        case .message:
            let key = fields[Key.matchingKey]
            let delivery = try engine.throwMessage(
                name, data: data, matchingKey: key, user: user, deliverToAll: fields[Key.deliverToAll] == .bool(true))
            guard !delivery.receivers.isEmpty else {
                throw EventNotDelivered(description: "not delivered: nobody waits for '\(name)'" + Self.matchingSuffix(key))
            }
            return deliveryResult(delivery, event: "Message '\(name)'")
        case .signal:
            let key = fields[Key.matchingKey]
            let delivery = try engine.throwSignal(name, data: data, matchingKey: key, user: user)
            guard !delivery.receivers.isEmpty else {
                throw EventNotDelivered(description: "not delivered: nobody waits for signal '\(name)'" + Self.matchingSuffix(key))
            }
            return deliveryResult(delivery, event: "Signal '\(name)'")
        case .startEvent(let instance):
            let elementId = fields[Key.elementId]?.stringValue ?? ""
            let execution = try engine.startEvent(instanceId: instance.id, elementId: elementId, data: data, user: user)
            return CallResult(
                message: "Triggered \(elementId) in \(instance.name) \(PaneRows.shortID(instance.id)); \(Self.waitingSummary(execution))",
                selectTaskID: Self.firstUserTask(of: [execution]))
        case .retry(let instance):
            let itemId = fields[Key.itemId]?.stringValue ?? ""
            let executions = try engine.retry(["id": .string(instance.id), "items.id": .string(itemId)], data: data, user: user)
            let title = executions.first?.items.first { $0.id == itemId }.map { ItemLabels.title(of: $0) } ?? itemId
            let summary = executions.first.map(Self.waitingSummary) ?? "nothing ran"
            return CallResult(
                message: "Retried \(title) in \(instance.name) \(PaneRows.shortID(instance.id)); \(summary)",
                selectTaskID: Self.firstUserTask(of: executions))
        case .start, .complete, .assign, .completeMany, .assignMany:
            preconditionFailure("callEvent handles the event forms only")
        }
    }

    /// Reports who received an event. Failed receivers (a signal goes on past them) make the
    /// result an error and are listed in a dialog, as their errors do not fit one line.
    private func deliveryResult(_ delivery: EventDelivery, event: String) -> CallResult {
        let names = Dictionary(delivery.executions.map { ($0.id, $0.instance.name) }, uniquingKeysWith: { first, _ in first })
        func receiverText(_ receiver: EventReceiver) -> String {
            guard !receiver.instanceId.isEmpty else { return receiver.elementId }
            let instance = "\(names[receiver.instanceId] ?? "instance") \(PaneRows.shortID(receiver.instanceId))"
            return receiver.itemId == nil ? "\(instance) (started)" : "\(instance) (\(receiver.elementId))"
        }

        let reached = delivery.receivers.filter { $0.error == nil }
        let failed = delivery.receivers.filter { $0.error != nil }
        var message: String
        if reached.count == 1, let execution = delivery.executions.first {
            message = "\(event) reached \(receiverText(reached[0])); \(Self.waitingSummary(execution))"
        } else if reached.isEmpty {
            message = "\(event) reached no receiver"
        } else {
            message = "\(event) reached \(reached.count): " + reached.map(receiverText).joined(separator: ", ")
        }

        var result = CallResult(message: message, selectTaskID: Self.firstUserTask(of: delivery.executions))
        guard !failed.isEmpty else { return result }
        result.message += "; \(failed.count) failed"
        result.kind = .error
        result.dialog = Dialog(
            title: "\(event): \(DisplayWords.count(failed.count, "receiver")) failed",
            paragraphs: failed.map { "\(receiverText($0)): \($0.error ?? "")" }
                + ["The delivery to each failed receiver was rolled back; the others received the event."])
        return result
    }

    private static func matchingSuffix(_ key: JSONValue?) -> String {
        guard let key, let fields = key.objectValue, !fields.isEmpty else { return "" }
        return " matching \(key.jsonText)"
    }

    /// Returns the first waiting user task among the executions, to select it in the Tasks pane.
    private static func firstUserTask(of executions: [Execution]) -> String? {
        executions.lazy.compactMap { execution in
            execution.waitingItems.first { $0.type == NodeKind.userTask.typeName }?.id
        }.first
    }
}
