import BPMNModel
import Foundation
import WorkflowEngine

/// Builds the forms that send messages and signals, trigger an element of an instance and
/// retry a failed item. Their inputs are read back by key with `FormState.validatedFields`.
enum EventFormFactory {
    /// Input keys of the event forms.
    enum Key {
        static let name = "name"
        static let data = "data"
        static let matchingKey = "matchingKey"
        static let deliverToAll = "deliverToAll"
        static let elementId = "elementId"
        static let itemId = "itemId"
    }

    /// An event name with the number of items waiting for it right now.
    struct EventName: Equatable {
        var name: String
        var waiting: Int
    }

    /// Builds the message form: the message, its data, a matching key and "deliver to all".
    /// - Parameters:
    ///   - names: the choices, in order; must not be empty.
    ///   - selected: the name chosen when the form opens; the first when nil or unknown.
    ///   - matchingKey: the key the form opens with, such as the selected instance's id.
    static func messageForm(names: [EventName], selected: String?, matchingKey: JSONValue?) -> FormState {
        var key = jsonInput(key: Key.matchingKey, label: "Matching key (JSON)", example: #"{"data.orderId": "A-1"}"#)
        if let matchingKey { key.prefill(with: matchingKey) }
        let inputs = [
            nameInput(label: "Message", names: names, selected: selected),
            jsonInput(key: Key.data, label: "Data (JSON)", example: #"{"amount": 100}"#),
            key,
            FormInput(key: Key.deliverToAll, label: "Deliver to all", kind: .boolean(.json)),
        ]
        return FormState(
            purpose: .message, title: "Send a message",
            documentation: "Goes to the one waiting receiver whose instance matches the key. Without a key and "
                + "without a waiting receiver, a model's message start event starts a new instance.",
            inputs: inputs)
    }

    /// Builds the signal form: the signal, its data and an optional matching key.
    /// - Parameter names: the choices, in order; must not be empty.
    static func signalForm(names: [EventName], selected: String?) -> FormState {
        let inputs = [
            nameInput(label: "Signal", names: names, selected: selected),
            jsonInput(key: Key.data, label: "Data (JSON)", example: #"{"reason": "audit"}"#),
            jsonInput(key: Key.matchingKey, label: "Matching key (JSON)", example: #"{"data.region": "north"}"#),
        ]
        return FormState(
            purpose: .signal, title: "Broadcast a signal",
            documentation: "Reaches every waiting receiver whose instance matches the key (all without a key) "
                + "and, without a key, every signal start event.",
            inputs: inputs)
    }

    /// Builds the form that triggers one element of a running instance.
    /// - Parameter choices: the elements, in order; must not be empty.
    static func startEventForm(instance: InstanceRecord, choices: [TriggerChoice], selected: String?) -> FormState {
        var element = FormInput(
            key: Key.elementId, label: "Element",
            kind: .choice(choices.map { FormField.EnumValue(id: $0.elementId, name: $0.label) }))
        element.isRequired = true
        element.choiceIndex = choices.firstIndex { $0.elementId == selected } ?? 0

        let inputs = [element, jsonInput(key: Key.data, label: "Data (JSON)", example: #"{"key": "value"}"#)]
        return FormState(
            purpose: .startEvent(instance), title: "Trigger in \(instance.name) \(PaneRows.shortID(instance.id))",
            documentation: "A waiting element completes with the data; any other element gets a new token.",
            inputs: inputs)
    }

    /// Builds the form that retries a failed item, with a data fix merged into its scope.
    /// - Parameter failedItems: the instance's failed items; must not be empty.
    static func retryForm(instance: InstanceRecord, failedItems: [ItemRecord], selected: String?) -> FormState {
        let choices = failedItems.map { item in
            FormField.EnumValue(id: item.id, name: ItemLabels.title(of: item))
        }
        var item = FormInput(key: Key.itemId, label: "Failed item", kind: .choice(choices))
        item.isRequired = true
        let index = failedItems.firstIndex { $0.id == selected } ?? 0
        item.choiceIndex = index

        var documentation = "Runs the item again after merging the data into its scope."
        if let error = ItemLabels.failure(of: failedItems[index]) {
            documentation += " Last error: " + error
        }
        let inputs = [item, jsonInput(key: Key.data, label: "Data fix (JSON)", example: #"{"amount": 100}"#)]
        return FormState(
            purpose: .retry(instance), title: "Retry in \(instance.name) \(PaneRows.shortID(instance.id))",
            documentation: documentation, inputs: inputs)
    }

    // MARK: Inputs

    private static func nameInput(label: String, names: [EventName], selected: String?) -> FormInput {
        let choices = names.map { entry in
            FormField.EnumValue(id: entry.name, name: entry.waiting > 0 ? "\(entry.name) (\(entry.waiting) waiting)" : entry.name)
        }
        var input = FormInput(key: Key.name, label: label, kind: .choice(choices))
        input.isRequired = true
        input.choiceIndex = names.firstIndex { $0.name == selected } ?? 0
        return input
    }

    private static func jsonInput(key: String, label: String, example: String) -> FormInput {
        var input = FormInput(key: key, label: label, kind: .jsonObject)
        input.placeholder = "e.g. " + example
        return input
    }
}
