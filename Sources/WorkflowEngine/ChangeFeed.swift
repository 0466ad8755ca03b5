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
/// comparing each touched instance's items with the statuses seen before. Events come in
/// commit order, and within one commit as the engine made them (see `changes(in:)`).
///
/// The first poll after `init` reports changes committed after `init`. Items that were
/// active when the feed started are known, so their completion or cancellation is
/// reported. An item that ended before the feed first saw its instance is not reported.
public final class ChangeFeed {
    private let engine: WorkflowEngine
    private let filter: Query
    private var lastHistoryId: Int64
    private var lastCounter: Int
    /// The time of the newest history row already reported. An item first seen by the feed
    /// is new when it started or ended after this time.
    private var lastReportedAt: Date = .distantPast
    private var itemStatus: [String: String] = [:]
    private var instanceStatus: [String: InstanceStatus] = [:]

    /// Creates a feed that starts after the newest committed history row.
    /// - Parameter query: the instance query that reported events must match, or `{}` for all.
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

    /// Returns the changes committed since the last poll, oldest first, or an empty array when
    /// nothing was committed. When nothing changed, the poll reads only one counter.
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

    /// Turns one batch of history rows (in commit order) into events. Each event is placed at
    /// the row of the call that caused it, so events come in commit order, and within one call
    /// in the order the engine made them: instance started, items in seq order, instance ended.
    private func changes(in rows: [HistoryRecord]) throws -> [ChangeEvent] {
        let touched = Array(Set(rows.map(\.instanceId))).sorted()
        let matching = try engine.store.findInstancePage(
            .and([filter, .field(.instance(.id), .isIn(touched.map(JSONValue.string)))]),
            options: FindOptions(projection: .summary)
        ).records

        var placed: [PlacedEvent] = []
        for instance in matching {
            let instanceRows = rows.enumerated().filter { $0.element.instanceId == instance.id }
            guard let state = try engine.store.loadInstance(id: instance.id), !instanceRows.isEmpty else { continue }
            let calls = CallRows(rows: instanceRows.map { (index: $0.offset, row: $0.element) })
            let isNew = calls.rows.contains { $0.row.action == "start" }
            let isReopened = calls.rows.contains { $0.row.action == "restart" }
            placed += instanceEvents(state.instance, calls: calls)
            placed += itemEvents(state, calls: calls, since: isNew ? .distantPast : lastReportedAt, reportingActive: isReopened)
        }
        return placed.sorted { $0.order.lexicographicallyPrecedes($1.order) }.map(\.event)
    }

    private func instanceEvents(_ instance: InstanceRecord, calls: CallRows) -> [PlacedEvent] {
        var events: [PlacedEvent] = []
        func event(_ name: String, _ row: HistoryRecord?, at: Date) -> ChangeEvent {
            ChangeEvent(
                event: name, instanceId: instance.id, model: instance.name, itemId: row?.itemId,
                elementId: row?.elementId, name: nil, user: row?.user, at: at)
        }

        for (index, row) in calls.rows {
            switch row.action {
            case "start": events.append(PlacedEvent(event("instance.started", row, at: row.at), order: [index, 0, 0, 0]))
            case "timer": events.append(PlacedEvent(event("timer.fired", row, at: row.at), order: [index, 0, 0, 1]))
            case "restart": events.append(PlacedEvent(event("instance.restarted", row, at: row.at), order: [index, 0, 0, 2]))
            default: break
            }
        }

        let previous = instanceStatus[instance.id]
        instanceStatus[instance.id] = instance.status
        if instance.status != .running, previous != instance.status, let last = calls.rows.last {
            let name = instance.status == .end ? "instance.ended" : "instance.\(instance.status.rawValue)"
            let ended = event(name, nil, at: instance.endedAt ?? last.row.at)
            events.append(PlacedEvent(ended, order: [last.index, 2, 0, 0]))
        }
        return events
    }

    /// Reports each item's status changes since the last poll. An item that waited counts
    /// once as waiting even when a later call of the same batch already completed it. The
    /// feed treats it as having waited when its status is `wait`, when a call of the batch named it
    /// (invoke, assign, claim, timer), or when its element type always waits. An item the
    /// feed has not seen counts when it started or ended after `start`, or, with
    /// `reportingActive` (a restart brought back an old item), when it waits or failed.
    private func itemEvents(_ state: InstanceState, calls: CallRows, since start: Date, reportingActive: Bool) -> [PlacedEvent] {
        var events: [PlacedEvent] = []
        for item in state.items.sorted(by: { $0.seq < $1.seq }) where item.type != "bpmn:SequenceFlow" {
            let status = Self.status(of: item)
            let previous = itemStatus[item.id]
            itemStatus[item.id] = status
            guard status != previous else { continue }

            let startedAt = item.startedAt ?? .distantPast
            if previous == nil {
                let changedAt = item.endedAt ?? startedAt
                let isRecent = changedAt > start || item.isCancelled && startedAt > start
                let isActive = reportingActive && (item.status == .wait || item.status == .failed)
                guard isRecent || isActive else { continue }
            }

            let startRow = calls.index(at: startedAt)
            let waited = status == "wait" || calls.names(item.id) || Self.alwaysWaits(item.type)
            let waitIsNew = previous != "wait" && (previous != nil || startedAt > start || reportingActive)
            if waited, waitIsNew {
                events.append(PlacedEvent(
                    event("item.waiting", item, state: state, at: startedAt), order: [startRow, 1, item.seq, 0]))
            }

            guard status != "wait", let name = Self.eventName(status) else { continue }
            let changedAt = item.endedAt ?? startedAt
            let endRow = max(startRow, calls.index(at: changedAt), calls.completingIndex(of: item.id) ?? 0)
            events.append(PlacedEvent(event(name, item, state: state, at: changedAt), order: [endRow, 1, item.seq, 1]))
        }
        return events
    }

    private func event(_ name: String, _ item: ItemRecord, state: InstanceState, at: Date) -> ChangeEvent {
        ChangeEvent(
            event: name, instanceId: item.instanceId, model: state.instance.name, itemId: item.id,
            elementId: item.elementId, name: item.name, user: item.userName, at: at)
    }

    /// Element types whose items always stop in `wait` before they end.
    private static func alwaysWaits(_ type: String) -> Bool {
        ["bpmn:UserTask", "bpmn:ReceiveTask", "bpmn:ManualTask", "bpmn:BoundaryEvent"].contains(type)
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

/// An event with its sort key: row index in the batch, phase (0 instance start, 1 items,
/// 2 instance end), item seq, and the step within the item.
private struct PlacedEvent {
    var event: ChangeEvent
    var order: [Int]

    init(_ event: ChangeEvent, order: [Int]) {
        self.event = event
        self.order = order
    }
}

/// The history rows of one instance in a batch, each with its index in the batch. Each row
/// is written at the end of the call that made it, so an item changed by call n has a time
/// after row n-1 and at or before row n.
private struct CallRows {
    var rows: [(index: Int, row: HistoryRecord)]

    /// Returns the batch index of the first call that ended at or after `time`, or of the
    /// last call when all ended before it.
    // NOTE: stored times have millisecond precision, so two calls within one millisecond
    // (or under a stopped test clock) are distinguished only by the rows that name an item.
    func index(at time: Date) -> Int {
        (rows.first { $0.row.at >= time } ?? rows.last!).index
    }

    /// Returns whether a call of the batch named the item, which proves it was waiting then.
    func names(_ itemId: String) -> Bool {
        rows.contains { $0.row.itemId == itemId && $0.row.action != "start" }
    }

    /// Returns the batch index of the invoke call that completed the item, if one did.
    func completingIndex(of itemId: String) -> Int? {
        rows.last { $0.row.itemId == itemId && $0.row.action == "invoke" }?.index
    }
}
