import Foundation
import WorkflowEngine

/// The `--json` shapes and text of the model administration commands.
enum ModelJSON {
    static func version(_ version: ModelVersionSummary) -> JSONValue {
        .object([
            "name": .string(version.name), "version": .number(Double(version.version)),
            "savedAt": RecordJSON.date(version.savedAt), "runningInstances": .number(Double(version.runningInstances)),
            "totalInstances": .number(Double(version.totalInstances)),
        ])
    }

    static func event(_ entry: ModelEvent) -> JSONValue {
        .object([
            "modelName": .string(entry.model), "version": .number(Double(entry.version)),
            "elementId": .string(entry.event.elementId), "name": text(entry.event.name),
            "processId": .string(entry.event.processId), "subType": .string(entry.event.subType),
            "messageId": text(entry.event.messageName), "signalId": text(entry.event.signalName),
        ])
    }

    static func diff(_ diff: ModelDiff) -> JSONValue {
        func elements(_ list: [ModelDiff.Element]) -> JSONValue {
            .array(list.map {
                .object([
                    "id": .string($0.id), "type": .string($0.type), "name": text($0.name),
                    "changes": .array($0.changes.map(JSONValue.string)),
                ])
            })
        }
        return .object([
            "model": .string(diff.model), "fromVersion": .number(Double(diff.fromVersion)),
            "toVersion": .number(Double(diff.toVersion)), "added": elements(diff.added),
            "removed": elements(diff.removed), "changed": elements(diff.changed),
        ])
    }

    static func outline(_ outline: ModelOutline) -> JSONValue {
        .object([
            "name": .string(outline.name), "version": .number(Double(outline.version)),
            "savedAt": RecordJSON.date(outline.savedAt),
            "processes": .array(outline.processes.map {
                .object(["id": .string($0.id), "name": text($0.name), "isExecutable": .bool($0.isExecutable)])
            }),
            "startEvents": .array(outline.startEvents.map {
                .object([
                    "elementId": .string($0.elementId), "name": text($0.name), "processId": .string($0.processId),
                    "subType": .string($0.subType), "messageId": text($0.messageName), "signalId": text($0.signalName),
                ])
            }),
            "messages": .array(outline.messages.map(JSONValue.string)),
            "signals": .array(outline.signals.map(JSONValue.string)),
            "timers": .array(outline.timers.map {
                .object(["elementId": .string($0.elementId), "name": text($0.name), "kind": .string($0.kind), "value": .string($0.value)])
            }),
            "userTasks": .array(outline.userTasks.map(userTask)),
            "decisions": .array(outline.decisions.map { .object(["id": .string($0.id), "name": text($0.name)]) }),
        ])
    }

    static func outlineText(_ outline: ModelOutline) -> String {
        var lines = ["Model '\(outline.name)' version \(outline.version), saved \(TextFormat.date(outline.savedAt))", ""]

        if !outline.decisions.isEmpty {
            lines.append("Decisions (DMN):")
            lines += outline.decisions.map { "  \($0.id)\($0.name.map { " '\($0)'" } ?? "")" }
            return lines.joined(separator: "\n")
        }

        lines.append("Processes:")
        lines += outline.processes.map { "  \($0.id)\($0.name.map { " '\($0)'" } ?? "")\($0.isExecutable ? "" : " (not executable)")" }
        lines.append("Start events:")
        lines += outline.startEvents.map { event in
            let kind = event.messageName.map { "message '\($0)'" } ?? event.signalName.map { "signal '\($0)'" }
                ?? (event.subType == "none" ? "plain start" : event.subType)
            return "  \(event.elementId)\(event.name.map { " '\($0)'" } ?? ""): \(kind)"
        }

        lines.append("Messages: \(outline.messages.isEmpty ? "none" : outline.messages.joined(separator: ", "))")
        lines.append("Signals: \(outline.signals.isEmpty ? "none" : outline.signals.joined(separator: ", "))")

        lines.append("Timers:\(outline.timers.isEmpty ? " none" : "")")
        lines += outline.timers.map { "  \($0.elementId)\($0.name.map { " '\($0)'" } ?? ""): \($0.kind) \($0.value)" }

        lines.append("User tasks:\(outline.userTasks.isEmpty ? " none" : "")")
        for task in outline.userTasks {
            lines.append("  \(task.elementId)\(task.name.map { " '\($0)'" } ?? "")")
            let assignment = task.assignment
            let parts = [
                assignment.assignee.map { "assignee \($0)" }, assignment.candidateUsers.map { "candidate users \($0)" },
                assignment.candidateGroups.map { "candidate groups \($0)" }, assignment.dueDate.map { "due \($0)" },
                assignment.priority.map { "priority \($0)" }, task.formKey.map { "form key \($0)" },
            ].compactMap { $0 }
            if !parts.isEmpty { lines.append("    " + parts.joined(separator: "; ")) }
            for field in task.fields {
                lines.append("    field \(field.id) (\(field.type))\(field.label.map { " '\($0)'" } ?? "")")
            }
        }

        return lines.joined(separator: "\n")
    }

    private static func userTask(_ task: ModelOutline.UserTaskEntry) -> JSONValue {
        let assignment = task.assignment
        return .object([
            "elementId": .string(task.elementId), "name": text(task.name), "formKey": text(task.formKey),
            "assignee": text(assignment.assignee), "candidateUsers": text(assignment.candidateUsers),
            "candidateGroups": text(assignment.candidateGroups), "dueDate": text(assignment.dueDate),
            "followUpDate": text(assignment.followUpDate), "priority": text(assignment.priority),
            "fields": .array(task.fields.map { field in
                .object([
                    "id": .string(field.id), "label": text(field.label), "type": .string(field.type),
                    "defaultValue": text(field.defaultValue),
                    "values": .array(field.values.map { .object(["id": .string($0.id), "name": text($0.name)]) }),
                ])
            }),
        ])
    }

    private static func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}
