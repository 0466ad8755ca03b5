import Foundation

/// Failures in unattended work (a timer firing), retried with back-off and then kept
/// as incidents that an operator retries.
extension WorkflowEngine {
    /// Delays before the retries of a failed timer firing, in seconds. After the last retry
    /// fails the item becomes an incident.
    public static let timerRetryDelays: [TimeInterval] = [10, 60, 300]

    /// Records a failed timer firing on its item, in its own transaction: the due time moves
    /// by the next back-off delay, or, when the retries are used up, the item's status becomes
    /// `failed` with the error in `statusDetails`, with a line in the history.
    func recordTimerFailure(itemId: String, instanceId: String, error: Error) throws {
        try store.writeTransaction {
            guard var state = try store.loadInstance(id: instanceId),
                let index = state.items.firstIndex(where: { $0.id == itemId })
            else { return }
            var item = state.items[index]
            let attempts = Int(item.statusDetails["attempts"]?.numberValue ?? 0) + 1
            var details = item.statusDetails.objectValue ?? [:]
            details["attempts"] = .number(Double(attempts))
            details["error"] = .string("\(error)")
            let message: String
            if attempts <= Self.timerRetryDelays.count {
                let delay = Self.timerRetryDelays[attempts - 1]
                item.timeDue = clock.now().addingTimeInterval(delay)
                message = "timer '\(item.elementId)' failed (attempt \(attempts)): \(error); retrying in \(JSONValue.format(number: delay)) s"
            } else {
                item.status = .failed
                item.timeDue = nil
                message = "timer '\(item.elementId)' failed \(attempts) times and is now an incident: \(error); "
                    + "fix the cause and retry it"
            }
            item.statusDetails = .object(details)
            state.items[index] = item
            try store.saveInstance(state, changedItemIds: [itemId])
            try store.appendHistory([HistoryRecord(
                instanceId: instanceId, at: clock.now(), user: nil, action: attempts > Self.timerRetryDelays.count ? "incident" : "retry",
                itemId: itemId, elementId: item.elementId, message: message)])
        }
    }

    /// Runs failed items again: each item the query matches whose status is `failed` is
    /// fired as its timer would have been, in its own transaction, after `data` (a fix for
    /// what made it fail) is merged into the item's scope.
    /// - Returns: the instances after the retries.
    /// - Throws: `EngineError.noMatchingItem` when no failed item matches; the error of a retry
    ///   that fails again (that item stays failed and keeps the new error).
    public func retry(_ query: JSONValue, data: JSONValue = .emptyObject, user: UserContext? = nil) throws -> [Execution] {
        try requireWritable("retry")
        let input = try Self.requireObject(data, name: "data")
        let parsed = try Self.parseQuery(query)
        let failed = try store.readTransaction {
            try store.findItems(.and([parsed, .field(.item(.status), .eq(.string(ItemStatus.failed.rawValue)))]), options: FindOptions())
        }
        guard !failed.isEmpty else { throw EngineError.noFailedItem(query: query.jsonText) }
        var executions: [Execution] = []
        for candidate in failed {
            do {
                executions.append(try store.writeTransaction {
                    guard let state = try store.loadInstance(id: candidate.instanceId),
                        let current = state.items.first(where: { $0.id == candidate.id }), current.status == .failed
                    else { throw EngineError.itemNotWaiting(itemId: candidate.id, elementId: candidate.elementId, status: "changed") }
                    var restored = state
                    if let index = restored.items.firstIndex(where: { $0.id == candidate.id }) {
                        restored.items[index].status = .wait
                        var details = restored.items[index].statusDetails.objectValue ?? [:]
                        details["attempts"] = nil
                        details["error"] = nil
                        restored.items[index].statusDetails = details.isEmpty ? .null : .object(details)
                    }
                    let (run, tokenId) = try loadRun(state: restored, for: current, user: user)
                    run.markChanged(candidate.id)
                    run.mergeData(input, tokenId: tokenId, itemId: candidate.id)
                    try run.fireTimer(itemId: candidate.id)
                    let record = HistoryRecord(
                        instanceId: candidate.instanceId, at: clock.now(), user: user?.name, action: "retry",
                        itemId: candidate.id, elementId: candidate.elementId, data: input,
                        message: "retried '\(candidate.elementId)'")
                    return try save(run, history: record)
                })
            } catch {
                try store.writeTransaction {
                    guard var state = try store.loadInstance(id: candidate.instanceId),
                        let index = state.items.firstIndex(where: { $0.id == candidate.id })
                    else { return }
                    var details = state.items[index].statusDetails.objectValue ?? [:]
                    details["error"] = .string("\(error)")
                    state.items[index].statusDetails = .object(details)
                    try store.saveInstance(state, changedItemIds: [candidate.id])
                }
                throw error
            }
        }
        return executions
    }
}
