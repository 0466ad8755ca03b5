import Foundation
import WorkflowEngine

/// Work the event loop does between keys: firing due timers, noticing commits of other
/// processes, refreshing, and the demo clock.
extension InboxController {
    /// Wall-clock seconds between checks for due item timers.
    static let timerCheckInterval: TimeInterval = 0.25

    /// Fires due timers (checked at most every `timerCheckInterval`), and refreshes when they
    /// fired, when another process committed, or when `autoRefreshInterval` has passed. The
    /// last two wait while a form is open.
    /// - Parameter now: the wall-clock time; timers are due by the engine's clock.
    /// - Returns: whether anything shown changed.
    @discardableResult
    func tick(now: Date = Date()) -> Bool {
        isRefreshingForOutsideChange = true
        defer { isRefreshingForOutsideChange = false }
        var changed = false
        var refreshed = false
        if now.timeIntervalSince(lastTimerCheck) >= Self.timerCheckInterval {
            lastTimerCheck = now
            let message = state.message
            do {
                if try timersNeedFiring(now: now) {
                    changed = changesShownState { refreshed = fireTimersAndReport() }
                }
            } catch {
                show("Checking for due timers failed: \(Self.describe(error))", kind: .error)
                changed = state.message != message
            }
        }

        // While a form is open the data version is not read, so a commit made meanwhile
        // still shows as a change once the form closes.
        guard !refreshed, state.form == nil else { return changed }
        let isOutsideCommit = otherProcessCommitted()
        guard isOutsideCommit || now.timeIntervalSince(lastRefresh) >= autoRefreshInterval else { return changed }
        return changesShownState {
            if isOutsideCommit { adoptStoredClockOffset() }
            refresh()
        } || changed
    }

    /// Returns whether an item timer is due by the engine's clock, or `autoRefreshInterval` has
    /// passed since the last firing without one. That second case fires the timer start
    /// events of models, which `nextTimerDue` does not cover.
    private func timersNeedFiring(now: Date) throws -> Bool {
        // A read-only inbox only shows; firing a timer is a change another process makes.
        if state.isReadOnly { return false }
        if let due = try engine.nextTimerDue(), due <= engine.clock.now() { return true }
        guard now.timeIntervalSince(lastTimerStartCheck) >= autoRefreshInterval else { return false }
        lastTimerStartCheck = now
        return true
    }

    /// Fires the due timers; refreshes and reports when anything fired or failed.
    /// - Returns: whether it refreshed.
    private func fireTimersAndReport() -> Bool {
        do {
            let report = try fireDueTimers()
            guard !report.isEmpty else { return false }
            refresh()
            show(report.text, kind: report.failures.isEmpty ? .success : .error)
        } catch {
            refresh()
            show("Firing timers failed: \(Self.describe(error))", kind: .error)
        }
        return true
    }

    /// Returns whether another process committed since the `dataVersion` hook was last read,
    /// and records the version. The first read only records it.
    private func otherProcessCommitted() -> Bool {
        guard let version = dataVersion?() else { return false }
        defer { lastDataVersion = version }
        return lastDataVersion.map { $0 != version } ?? false
    }

    /// The part of the screen that comes from the engine, compared before and after a tick to
    /// decide whether it needs a redraw.
    private struct ShownState: Equatable {
        var models: [ModelSummary]
        var instances: [InstanceRecord]
        var tasks: [TaskSummary]
        var taskCounts: [TaskView: Int]
        var message: StatusMessage?
        var detail: [StyledLine]
        var clockOffset: TimeInterval
    }

    private func shownState() -> ShownState {
        ShownState(
            models: state.models, instances: state.instances, tasks: state.tasks, taskCounts: state.taskCounts,
            message: state.message,
            detail: detailPage().lines, clockOffset: state.clockOffset)
    }

    /// Runs `change` and returns whether it changed what the screen shows.
    private func changesShownState(_ change: () -> Void) -> Bool {
        let before = shownState()
        change()
        return shownState() != before
    }

    // MARK: Firing timers

    /// The outcome of one `fireDueTimers` call, as the message line reports it.
    struct TimerReport {
        /// "Reminder (Order 1a2b3c)", one per timer that fired.
        var fired: [String] = []
        /// "Order 1a2b3c", one per instance a timer start event started.
        var started: [String] = []
        /// The engine's history message of each failed firing.
        var failures: [String] = []

        var isEmpty: Bool { fired.isEmpty && started.isEmpty && failures.isEmpty }

        var text: String {
            var parts: [String] = []
            if !failures.isEmpty { parts.append(failures.joined(separator: "; ")) }
            if !fired.isEmpty {
                parts.append((fired.count == 1 ? "Timer fired: " : "\(fired.count) timers fired: ") + fired.joined(separator: ", "))
            }
            if !started.isEmpty { parts.append("started by a timer: " + started.joined(separator: ", ")) }
            return parts.joined(separator: "; ")
        }
    }

    /// Fires every due timer and returns which fired and which failed, found by comparing
    /// every waiting timer before and after the call. All waiting timers are compared, not
    /// only those due at the start, because a timer that falls due while the engine works
    /// fires in the same call. A failed firing shows as a higher attempt count on the item.
    func fireDueTimers() throws -> TimerReport {
        let timers = try engine.waitingEvents().filter { $0.timeDue != nil }
        let executions = try engine.fireDueTimers()
        let after = try itemsById(timers.map(\.id))

        var failed: [ItemRecord] = []
        var fired: [ItemRecord] = []
        for item in timers {
            guard let current = after[item.id], !current.isCancelled else { continue }
            if current.status == .failed || ItemLabels.attempts(of: current) > ItemLabels.attempts(of: item) {
                failed.append(current)
            } else if current.status != .wait || current.timeDue != item.timeDue {
                fired.append(item)
            }
        }

        let names = try instanceNames(Array(Set((failed + fired).map(\.instanceId))))
        func instance(_ item: ItemRecord) -> String {
            "\(names[item.instanceId] ?? "instance") \(PaneRows.shortID(item.instanceId))"
        }
        let timerInstances = Set(timers.map(\.instanceId))
        var report = TimerReport()
        report.failures = failed.map { failureText($0, instance: instance($0)) }
        report.fired = fired.map { "\(ItemLabels.title(of: $0)) (\(instance($0)))" }
        report.started = executions.filter { !timerInstances.contains($0.id) }.map {
            "\($0.instance.name) \(PaneRows.shortID($0.id))"
        }
        return report
    }

    private func itemsById(_ ids: [String]) throws -> [String: ItemRecord] {
        guard !ids.isEmpty else { return [:] }
        let items = try engine.findItems(["items.id": ["$in": .array(ids.map(JSONValue.string))]])
        return Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Returns the model names of the instances with these ids.
    private func instanceNames(_ ids: [String]) throws -> [String: String] {
        guard !ids.isEmpty else { return [:] }
        let instances = try engine.findInstances(["id": ["$in": .array(ids.map(JSONValue.string))]])
        return Dictionary(instances.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    private func failureText(_ item: ItemRecord, instance: String) -> String {
        let error = ItemLabels.failure(of: item) ?? "unknown error"
        let title = ItemLabels.title(of: item)
        if item.status == .failed {
            return "Timer \(title) in \(instance) failed \(ItemLabels.attempts(of: item)) times and is now an incident: "
                + "\(error); select the instance and press R to retry"
        }
        let retry = item.timeDue.map { ", next try at \(DisplayFormat.clockTime($0, now: engine.clock.now()))" } ?? ""
        return "Timer \(title) in \(instance) failed (attempt \(ItemLabels.attempts(of: item))): \(error)\(retry)"
    }
}
