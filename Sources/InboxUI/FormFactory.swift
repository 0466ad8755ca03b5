import BPMNModel
import Foundation
import WorkflowEngine

/// Builds the start, complete and assign forms from the model and the task.
enum FormFactory {
    static let extraDataLabel = "Extra data (JSON)"

    /// Builds the form that starts an instance: the form fields of the model's default start
    /// event (the first plain start event of the first executable process), then a JSON
    /// input for the initial data.
    static func startForm(modelName: String, definitions: Definitions?) -> FormState {
        let startEvent = definitions.flatMap(defaultStartEvent)
        let conditions = definitions?.allFlowConditions ?? []

        var inputs = (startEvent?.formFields ?? []).map { field in
            prefilled(input(for: field, conditions: conditions), field: field, data: .emptyObject)
        }
        inputs.append(jsonInput(label: startEvent?.formFields.isEmpty == false ? extraDataLabel : "Data (JSON)"))

        let process = definitions?.processes.first { $0.isExecutable } ?? definitions?.processes.first
        return FormState(
            purpose: .start(modelName: modelName), title: "Start \(modelName)",
            documentation: startEvent?.documentation ?? process?.documentation, inputs: inputs)
    }

    /// Builds the form that completes a user task: its `camunda:formData` fields, prefilled
    /// from the instance data or the field's `defaultValue`, then a JSON input for
    /// anything else.
    static func completeForm(task: TaskSummary, definitions: Definitions?) -> FormState {
        let node = definitions?.node(id: task.item.elementId)
        let conditions = definitions?.allFlowConditions ?? []

        // NOTE: values are prefilled from the instance's root data. A task inside a
        // sub-process keeps its data in the sub-process scope, which is not read here.
        var inputs = (node?.formFields ?? []).map { field in
            prefilled(input(for: field, conditions: conditions), field: field, data: task.instanceData)
        }
        inputs.append(jsonInput(label: extraDataLabel))

        return FormState(
            purpose: .complete(task), title: "Complete \(task.taskTitle) - \(task.instanceName)",
            documentation: node?.documentation, inputs: inputs)
    }

    /// Builds the form that changes a task's six assignment fields, prefilled from the item.
    static func assignForm(task: TaskSummary) -> FormState {
        let item = task.item
        var inputs: [FormInput] = []

        var assignee = FormInput(key: "assignee", label: "Assignee", kind: .text)
        assignee.prefill(with: item.assignee.map(JSONValue.string) ?? .null)
        inputs.append(assignee)

        var users = FormInput(key: "candidateUsers", label: "Candidate users", kind: .nameList)
        users.prefill(with: .array(item.candidateUsers.map(JSONValue.string)))
        users.placeholder = "e.g. user1, user2"
        inputs.append(users)

        var groups = FormInput(key: "candidateGroups", label: "Candidate groups", kind: .nameList)
        groups.prefill(with: .array(item.candidateGroups.map(JSONValue.string)))
        groups.placeholder = "e.g. group1, group2"
        inputs.append(groups)

        for (key, label, date) in [("dueDate", "Due date", item.dueDate), ("followUpDate", "Follow-up date", item.followUpDate)] {
            var input = FormInput(key: key, label: label, kind: .dateOrDateTime)
            input.prefill(with: date.map { .string(DisplayFormat.isoTimestamp($0)) } ?? .null)
            input.placeholder = "YYYY-MM-DD or 2026-05-31T17:00:00Z (ISO 8601)"
            inputs.append(input)
        }

        var priority = FormInput(key: "priority", label: "Priority", kind: .number)
        priority.placeholder = "a number such as 50; higher is more urgent"
        priority.prefill(with: item.priority)
        inputs.append(priority)

        var form = FormState(
            purpose: .assign(task), title: "Assign \(task.taskTitle) - \(task.instanceName)",
            inputs: inputs)
        form.recordInitialValues()
        return form
    }

    // MARK: Inputs from form fields

    /// Builds the input for one `camunda:formField`, typed and constrained as the model defines it.
    static func input(for field: FormField, conditions: [String]) -> FormInput {
        var input = FormInput(key: field.id, label: field.label ?? field.id, kind: kind(of: field, conditions: conditions))
        input.isRequired = field.isRequired
        input.isReadOnly = field.isReadOnly
        input.minimum = field.constraintValue("min")
        input.maximum = field.constraintValue("max")
        input.minimumLength = field.constraintValue("minlength").map { Int($0) }
        input.maximumLength = field.constraintValue("maxlength").map { Int($0) }
        if input.kind == .date { input.placeholder = "YYYY-MM-DD, e.g. 2026-05-31 (ISO 8601)" }
        return input
    }

    private static func kind(of field: FormField, conditions: [String]) -> FormInputKind {
        switch field.type {
        case "long": return .integer
        case "date": return .date
        case "boolean": return .boolean(BooleanEncoding.infer(fieldId: field.id, conditions: conditions))
        case "enum": return .choice(field.values)
        default: return .text
        }
    }

    /// Prefills `input` from the value of the field's id in `data`, else from the field's
    /// `defaultValue`.
    private static func prefilled(_ input: FormInput, field: FormField, data: JSONValue) -> FormInput {
        var result = input
        if let existing = data[field.id], !existing.isNull {
            result.prefill(with: existing)
        } else if let defaultValue = field.defaultValue {
            result.prefill(with: .string(defaultValue))
        }
        return result
    }

    /// Builds the multi-line JSON editor for data beyond the form fields.
    static func jsonInput(label: String) -> FormInput {
        var input = FormInput(key: "", label: label, kind: .jsonObject)
        input.isMultiLine = true
        input.placeholder = "e.g. {\"key\": \"value\"}; Enter: new line"
        return input
    }

    private static func defaultStartEvent(of definitions: Definitions) -> FlowNode? {
        let process = definitions.processes.first { $0.isExecutable } ?? definitions.processes.first
        return process?.body.nodes.first { $0.kind == .startEvent && $0.eventDefinitions.isEmpty }
    }
}

extension TaskSummary {
    /// The task's name, or its element id when the model gives none, with the iteration key
    /// of a multi-instance task (`Vote [HR]`).
    var taskTitle: String { ItemLabels.title(of: item) }
}
