import Foundation

/// One change `watch` reports: an instance started or ended, an item began waiting,
/// completed, was cancelled or failed, or a timer fired.
public struct ChangeEvent: Sendable, Equatable {
    /// `instance.started`, `instance.ended`, `instance.failed`, `instance.terminated`,
    /// `instance.restarted`, `item.waiting`, `item.completed`, `item.cancelled`,
    /// `item.failed`, `timer.fired`.
    public var event: String
    public var instanceId: String
    public var model: String
    public var itemId: String?
    public var elementId: String?
    public var name: String?
    public var user: String?
    public var at: Date
}

/// Follows the database's history from any process and turns new rows into `ChangeEvent`s,
/// comparing each touched instance's items with the statuses seen before.
///
/// The first poll after `init` reports changes committed after `init`. Items that were
/// active when the feed started are known, so their completion or cancellation is
/// reported. An item that ended before the feed first saw its instance is not reported.
public final class ChangeFeed {
    private let engine: WorkflowEngine
    private let filter: Query
    private var lastHistoryId: Int64
    private var lastCounter: Int
    /// The time of the newest history row already reported; an item first seen by the feed
    /// is new when it started or ended after it.
    private var lastReportedAt: Date = .distantPast
    private var itemStatus: [String: String] = [:]
    private var instanceStatus: [String: InstanceStatus] = [:]

    /// - Parameter query: instance query that reported events must match; `{}` for all.
    /// - Throws: `EngineError.invalidQuery`.
    public init(engine: WorkflowEngine, query: JSONValue = .emptyObject) throws {
        self.engine = engine
        self.filter = try WorkflowEngine.parseQuery(query)
        let store = engine.store
        (lastHistoryId, lastCounter) = try store.readTransaction { (try store.lastHistoryId(), try store.changeCounter()) }
        // The writers' clocks date items and history alike, so the last row's time is the
        // boundary, not this process's clock (which may be simulated differently).
        let lastRow = try store.readTransaction { try store.historyRows(after: lastHistoryId - 1, limit: 1).first }
        lastReportedAt = lastRow?.at ?? .distantPast

        let active = try store.readTransaction {
            try store.findItemPage(
                .field(.item(.status), .isIn(["enter", "start", "wait", "failed"].map(JSONValue.string))),
                options: FindOptions(projection: .summary)
            ).records
        }
        for item in active {
            itemStatus[item.id] = Self.status(of: item)
            instanceStatus[item.instanceId] = .running
        }
    }

    /// Returns the changes committed since the last poll, oldest first; empty when nothing
    /// was committed. Cheap when nothing changed: it reads one counter.
    public func poll() throws -> [ChangeEvent] {
        let store = engine.store
        let counter = try store.changeCounter()
        guard counter != lastCounter else { return [] }
        lastCounter = counter

        return try store.readTransaction {
            var events: [ChangeEvent] = []
            while true {
                let rows = try store.historyRows(after: lastHistoryId, limit: 500)
                guard let last = rows.last else { break }
                lastHistoryId = last.id ?? lastHistoryId
                events += try changes(in: rows)
                lastReportedAt = max(lastReportedAt, last.at)
            }
            return events
        }
    }

    private func changes(in rows: [HistoryRecord]) throws -> [ChangeEvent] {
        let touched = Array(Set(rows.map(\.instanceId))).sorted()
        let matching = try engine.store.findInstancePage(
            .and([filter, .field(.instance(.id), .isIn(touched.map(JSONValue.string)))]),
            options: FindOptions(projection: .summary)
        ).records

        var events: [ChangeEvent] = []
        for instance in matching {
            let instanceRows = rows.filter { $0.instanceId == instance.id }
            guard let state = try engine.store.loadInstance(id: instance.id), !instanceRows.isEmpty else { continue }
            let isNew = instanceRows.contains { $0.action == "start" }
            let isReopened = instanceRows.contains { $0.action == "restart" }
            events += instanceEvents(state.instance, rows: instanceRows)
            events += itemEvents(state, since: isNew ? .distantPast : lastReportedAt, reportingActive: isReopened)
        }
        return events.sorted { $0.at < $1.at }
    }

    private func instanceEvents(_ instance: InstanceRecord, rows: [HistoryRecord]) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        func event(_ name: String, _ row: HistoryRecord?, at: Date) -> ChangeEvent {
            ChangeEvent(
                event: name, instanceId: instance.id, model: instance.name, itemId: row?.itemId,
                elementId: row?.elementId, name: nil, user: row?.user, at: at)
        }

        for row in rows {
            switch row.action {
            case "start": events.append(event("instance.started", row, at: row.at))
            case "timer": events.append(event("timer.fired", row, at: row.at))
            case "restart": events.append(event("instance.restarted", row, at: row.at))
            default: break
            }
        }

        let previous = instanceStatus[instance.id]
        instanceStatus[instance.id] = instance.status
        if instance.status != .running, previous != instance.status {
            let name = instance.status == .end ? "instance.ended" : "instance.\(instance.status.rawValue)"
            events.append(event(name, nil, at: instance.endedAt ?? rows.last?.at ?? Date()))
        }
        return events
    }

    /// Reports the items whose status changed. An item the feed has not seen counts as changed
    /// when it started or ended after `start`, or, with `reportingActive` (a restart brought
    /// back an old item), when it waits or failed.
    private func itemEvents(_ state: InstanceState, since start: Date, reportingActive: Bool) -> [ChangeEvent] {
        var events: [ChangeEvent] = []
        for item in state.items where item.type != "bpmn:SequenceFlow" {
            let status = Self.status(of: item)
            let previous = itemStatus[item.id]
            itemStatus[item.id] = status
            guard status != previous, let name = Self.eventName(status) else { continue }

            if previous == nil {
                let changedAt = item.endedAt ?? item.startedAt ?? .distantPast
                let isRecent = changedAt > start || item.isCancelled && (item.startedAt ?? .distantPast) > start
                let isActive = reportingActive && (item.status == .wait || item.status == .failed)
                guard isRecent || isActive else { continue }
            }
            events.append(ChangeEvent(
                event: name, instanceId: item.instanceId, model: state.instance.name, itemId: item.id,
                elementId: item.elementId, name: item.name, user: item.userName,
                at: item.endedAt ?? item.startedAt ?? start))
        }
        return events
    }

    private static func status(of item: ItemRecord) -> String {
        item.isCancelled ? "cancelled" : item.status.rawValue
    }

    private static func eventName(_ status: String) -> String? {
        switch status {
        case "wait": return "item.waiting"
        case "end": return "item.completed"
        case "cancelled": return "item.cancelled"
        case "failed": return "item.failed"
        default: return nil
        }
    }
}
