import Foundation
import WorkflowEngine

/// The JSON shapes of `--json` output. Dates are ISO 8601 in UTC with milliseconds
/// (`2024-05-01T12:00:00.000Z`); absent values are `null`, so every key is always present.
enum RecordJSON {
    /// Encodes the result of start, invoke and assign as `{"instance": {...}, "items": [...]}`.
    static func execution(_ execution: Execution) -> JSONValue {
        .object([
            "instance": instance(execution.instance),
            "items": .array(execution.items.map(item)),
        ])
    }

    static func instance(_ record: InstanceRecord) -> JSONValue {
        .object([
            "id": .string(record.id),
            "name": .string(record.name),
            "modelVersion": number(record.modelVersion),
            "status": .string(record.status.rawValue),
            "data": record.data,
            "startedAt": date(record.startedAt),
            "endedAt": date(record.endedAt),
            "parentItemId": string(record.parentItemId),
            "tenantId": string(record.tenantId),
        ])
    }

    static func item(_ record: ItemRecord) -> JSONValue {
        .object([
            "id": .string(record.id),
            "instanceId": .string(record.instanceId),
            "seq": number(record.seq),
            "elementId": .string(record.elementId),
            "name": string(record.name),
            "type": .string(record.type),
            "status": .string(record.status.rawValue),
            "cancelled": .bool(record.isCancelled),
            "tokenId": number(record.tokenId),
            "itemKey": string(record.itemKey),
            "userName": string(record.userName),
            "assignee": string(record.assignee),
            "candidateUsers": .array(record.candidateUsers.map(JSONValue.string)),
            "candidateGroups": .array(record.candidateGroups.map(JSONValue.string)),
            "dueDate": date(record.dueDate),
            "followUpDate": date(record.followUpDate),
            "priority": record.priority,
            "messageId": string(record.messageId),
            "signalId": string(record.signalId),
            "timeDue": date(record.timeDue),
            "startedAt": date(record.startedAt),
            "endedAt": date(record.endedAt),
            "vars": record.vars,
            "output": record.output,
            "statusDetails": record.statusDetails,
        ])
    }

    /// Encodes a waiting user task with its instance's model name and data.
    static func task(_ task: TaskSummary) -> JSONValue {
        var object = item(task.item).objectValue ?? [:]
        object["instanceName"] = .string(task.instanceName)
        object["instanceData"] = task.instanceData
        object["modelVersion"] = number(task.modelVersion)
        return .object(object)
    }

    /// Encodes the result of message and signal: every receiver, and the instances after delivery.
    static func delivery(_ delivery: EventDelivery) -> JSONValue {
        let receivers = delivery.receivers.map { receiver -> JSONValue in
            .object([
                "instanceId": .string(receiver.instanceId),
                "itemId": string(receiver.itemId),
                "elementId": .string(receiver.elementId),
                "error": string(receiver.error),
            ])
        }
        return .object(["receivers": .array(receivers), "executions": .array(delivery.executions.map(execution))])
    }

    static func model(_ model: ModelSummary) -> JSONValue {
        .object([
            "name": .string(model.name),
            "version": number(model.version),
            "savedAt": date(model.savedAt),
            "processes": .array(model.processes.map(JSONValue.string)),
            "runningInstances": number(model.runningInstances),
            "totalInstances": number(model.totalInstances),
        ])
    }

    static func date(_ value: Date?) -> JSONValue {
        value.map { .string(ISODate.format($0)) } ?? .null
    }

    private static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    private static func number(_ value: Int) -> JSONValue {
        .number(Double(value))
    }
}

/// ISO 8601 timestamps in UTC with milliseconds.
enum ISODate {
    private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }()

    /// Formats `2024-05-01T12:00:00.000Z`.
    static func format(_ date: Date) -> String {
        formatter.string(from: date)
    }
}
