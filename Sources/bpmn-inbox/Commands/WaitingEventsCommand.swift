import Foundation
import WorkflowEngine

/// `timers`: lists the items that wait for a timer, message or signal. It changes nothing.
enum WaitingEventsCommand {
    /// One waiting item with the model of its instance.
    struct Row {
        var item: ItemRecord
        var modelName: String

        /// `timer`, `message` or `signal`.
        var kind: String {
            if item.timeDue != nil { return "timer" }
            if item.messageId != nil { return "message" }
            return "signal"
        }

        /// The message or signal name the item waits for; nil for a timer.
        var eventName: String? { item.timeDue == nil ? item.messageId ?? item.signalId : nil }
    }

    static func list(_ arguments: ParsedArguments, session: Session) throws {
        let engine = try session.engine()
        let rows = try waitingRows(engine)
        let now = engine.clock.now()

        if arguments.flag(Options.json) {
            Console.output(JSONValue.array(rows.map { json($0, now: now) }).prettyText)
            return
        }
        if rows.isEmpty {
            Console.output("Nothing waits for a timer, message or signal.")
            return
        }
        Console.output(table(rows, now: now).render())
    }

    /// Returns the waiting items, timers first and soonest first, with their model names.
    static func waitingRows(_ engine: WorkflowEngine) throws -> [Row] {
        let items = try engine.waitingEvents()
        let instanceIds = Array(Set(items.map(\.instanceId))).sorted()
        let instances = try engine.findInstances(
            .object(["id": .object(["$in": .array(instanceIds.map(JSONValue.string))])]))
        let modelNames = Dictionary(instances.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })

        let timers = items.filter { $0.timeDue != nil }
        let receivers = items.filter { $0.timeDue == nil }
        return (timers + receivers).map { Row(item: $0, modelName: modelNames[$0.instanceId] ?? "?") }
    }

    private static func table(_ rows: [Row], now: Date) -> TextTable {
        var table = TextTable([
            .init("INSTANCE"), .init("MODEL", maximumWidth: 24), .init("ELEMENT", maximumWidth: 24),
            .init("KIND"), .init("DUE"), .init("WHEN"), .init("MESSAGE/SIGNAL", maximumWidth: 30),
        ])
        for row in rows {
            table.append([
                row.item.instanceId, row.modelName, TextFormat.itemName(row.item), row.kind,
                TextFormat.date(row.item.timeDue), row.item.timeDue.map { RelativeTime.describe($0, now: now) } ?? "-",
                TextFormat.text(row.eventName),
            ])
        }
        return table
    }

    /// Encodes a row; `dueInSeconds` is negative for an overdue timer and null for a receiver.
    private static func json(_ row: Row, now: Date) -> JSONValue {
        let dueIn = row.item.timeDue.map { JSONValue.number($0.timeIntervalSince(now).rounded()) } ?? .null
        return .object([
            "instanceId": .string(row.item.instanceId),
            "model": .string(row.modelName),
            "itemId": .string(row.item.id),
            "elementId": .string(row.item.elementId),
            "name": row.item.name.map(JSONValue.string) ?? .null,
            "kind": .string(row.kind),
            "timeDue": RecordJSON.date(row.item.timeDue),
            "dueInSeconds": dueIn,
            "eventName": row.eventName.map(JSONValue.string) ?? .null,
        ])
    }
}
