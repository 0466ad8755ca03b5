import Foundation
import WorkflowEngine

/// The Tasks pane: its views, order, data filter and marks, and the claim, unclaim and bulk
/// actions. The engine decides who may see and change which task; the pane shows its lists
/// and its refusals.
extension InboxController {
    /// The maximum number of tasks one view loads.
    static let taskLimit = 1000

    // MARK: Loading

    /// Loads the current view in the current order with the data filter, and updates the
    /// count of every view for the tab titles (see `updateTaskCounts`).
    func loadTasks() throws -> [TaskSummary] {
        let tasks = try engine.tasks(
            view: state.taskView, user: user, query: state.dataFilter?.query, sort: state.taskSort,
            limit: Self.taskLimit)
        try updateTaskCounts()
        try noticeNewTasks()
        return tasks
    }

    /// Counts the tasks that arrived in the Mine view since the last refresh, and requests the run
    /// loop to announce them. Only outside changes count: the first refresh and those after
    /// the user's own claims, assignments and starts just record what is there.
    private func noticeNewTasks() throws {
        let mine = try engine.tasks(view: .mine, user: user, limit: Self.taskLimit)
        let ids = Set(mine.map(\.item.id))
        defer { knownMineTaskIds = ids }
        // NOTE: a task that arrives while a form is open is recorded by the refresh after the
        // submit, which is the user's own, so it is listed but neither counted nor announced.
        guard let known = knownMineTaskIds, isRefreshingForOutsideChange else { return }

        let arrived = mine.filter { !known.contains($0.item.id) }
        guard !arrived.isEmpty else { return }
        if state.taskView != .mine || state.focus != .tasks {
            state.newTaskCount += arrived.count
        }
        let names = arrived.prefix(3).map { "\($0.taskTitle) (\($0.instanceName))" }.joined(separator: ", ")
        pendingNotification = arrived.count == 1 ? "New task for you: \(names)" : "\(arrived.count) new tasks for you: \(names)"
    }

    /// Reloads only the Tasks pane, keeping the selection by id.
    func reloadTasks() {
        do {
            let tasks = try loadTasks()
            state.tasks = tasks
            state.marked.formIntersection(tasks.map(\.item.id))
            setTaskRows(tasks)
            loadDetail(forceReload: true)
        } catch {
            show("Loading the tasks failed: \(Self.describe(error))", kind: .error)
        }
    }

    /// Shows `tasks` in the Tasks pane, keeping the selection by id. Overdue marks follow the
    /// engine's clock, so the demo clock moves them too.
    func setTaskRows(_ tasks: [TaskSummary]) {
        let rows = PaneRows.taskRows(tasks, now: engine.clock.now(), completed: state.taskView == .completedByMe)
        state.updatePane(.tasks) { pane, _ in pane.setRows(rows) }
    }

    // MARK: Views and order

    func selectTaskView(_ view: TaskView) {
        state.taskView = view
        state.marked = []
        if view == .mine { state.newTaskCount = 0 }
        state.focus = .tasks
        reloadTasks()
        show("Tasks: \(view.title), sorted by \(state.taskSort.title).")
    }

    func setTaskSort(_ sort: TaskSort) {
        state.taskSort = sort
        reloadTasks()
        show("Tasks sorted by \(sort.title).")
    }

    /// Moves to the next or previous tab: the task views in the Tasks pane, the instance
    /// detail's tabs while it shows an instance.
    func cycleTab(forward: Bool) {
        if showsInstanceTabs {
            setInstanceTab(forward ? state.instanceTab.next : state.instanceTab.previous)
            return
        }
        let tabs = TaskView.tabs
        let index = tabs.firstIndex(of: state.taskView) ?? 0
        selectTaskView(tabs[(index + (forward ? 1 : tabs.count - 1)) % tabs.count])
    }

    /// Selects tab `number` (1-based) of the task views or of the instance detail.
    func selectTab(number: Int) {
        if showsInstanceTabs {
            guard let tab = InstanceTab(rawValue: number - 1) else { return }
            setInstanceTab(tab)
            return
        }
        guard TaskView.tabs.indices.contains(number - 1) else { return }
        selectTaskView(TaskView.tabs[number - 1])
    }

    /// Whether tab keys act on the instance detail: the Instances or detail pane has focus
    /// and the detail shows an instance.
    private var showsInstanceTabs: Bool {
        state.detailInstance != nil && (state.focus == .instances || state.focus == .detail)
    }

    func setInstanceTab(_ tab: InstanceTab) {
        state.instanceTab = tab
        state.detailScroll = 0
        state.detailCursor = 0
        if case .instance(var detail) = state.detail {
            detail.tab = tab
            state.detail = .instance(detail)
        }
        keepDetailCursorVisible()
    }

    /// Folds or unfolds the JSON object or array at `path` in the Data tab.
    func toggleJSONNode(_ path: String) {
        if state.collapsedPaths.contains(path) {
            state.collapsedPaths.remove(path)
        } else {
            state.collapsedPaths.insert(path)
        }
        if case .instance(var detail) = state.detail {
            detail.collapsedPaths = state.collapsedPaths
            state.detail = .instance(detail)
        }
        keepDetailCursorVisible()
    }

    // MARK: Marks

    func toggleMark() {
        guard state.focus == .tasks, let id = state.pane(.tasks).selectedRow?.id else {
            show("Space marks tasks: select one in the Tasks pane.", kind: .error)
            return
        }
        if state.marked.contains(id) {
            state.marked.remove(id)
        } else {
            state.marked.insert(id)
        }
        state.updatePane(.tasks) { pane, height in pane.move(by: 1, visibleHeight: height) }
        loadDetail()
        show(state.marked.isEmpty ? "No task marked." : "\(state.marked.count) marked; c claims, u unclaims, a assigns, Enter completes them.")
    }

    func toggleMarkAll() {
        let shown = Set(state.pane(.tasks).rows.map(\.id))
        if !shown.isEmpty && shown.isSubset(of: state.marked) {
            state.marked = []
            show("Marks cleared.")
        } else {
            state.marked = shown
            show("\(DisplayWords.count(shown.count, "task")) marked.")
        }
    }

    /// Returns the tasks an action applies to: the marked ones that are still listed, else the
    /// selected one.
    func targetTasks() -> [TaskSummary] {
        if !state.marked.isEmpty {
            return state.tasks.filter { state.marked.contains($0.item.id) }
        }
        return state.selectedTask.map { [$0] } ?? []
    }

    // MARK: Claim and unclaim

    func claimTargets() {
        guard allowsChange("claiming tasks") else { return }
        runOnTargets(verb: "Claimed", failureVerb: "claim") { task in
            _ = try engine.claim(Self.itemQuery(task), user: user)
        }
    }

    func unclaimTargets() {
        guard allowsChange("unclaiming tasks") else { return }
        runOnTargets(verb: "Unclaimed", failureVerb: "unclaim") { task in
            // The engine returns an unassigned task unchanged, which would read as a success.
            guard let assignee = task.item.assignee, !assignee.isEmpty else {
                throw InboxRejection(message: "\(task.taskTitle) (\(task.instanceName)) is not claimed by anyone, so there is nothing to unclaim.")
            }
            _ = try engine.unclaim(Self.itemQuery(task), user: user)
        }
    }

    /// Runs `action` on every target task, each in its own engine call. Then it refreshes and
    /// reports how many succeeded, with the reasons of failures in a dialog.
    private func runOnTargets(verb: String, failureVerb: String, _ action: (TaskSummary) throws -> Void) {
        guard state.taskView.listsWaitingTasks else {
            show("Completed tasks cannot be changed; switch to a view of waiting tasks (1-4).", kind: .error)
            return
        }
        let targets = targetTasks()
        guard !targets.isEmpty else {
            show("No task selected; select or mark tasks in the Tasks pane.", kind: .error)
            return
        }
        let report = BulkReport.run(targets) { try action($0) }
        finishBulk(report, verb: verb, failureVerb: failureVerb)
    }

    /// Refreshes, clears the marks of the tasks that succeeded and reports the outcome.
    func finishBulk(_ report: BulkReport, verb: String, failureVerb: String) {
        state.marked.subtract(report.succeeded.map(\.item.id))
        refresh()
        show(report.summary(verb: verb), kind: report.failures.isEmpty ? .success : .error)
        if report.total > 1 && !report.failures.isEmpty {
            state.dialog = Dialog(title: "Could not \(failureVerb) \(report.failures.count) of \(report.total)", paragraphs: report.failureLines)
        }
    }
}

/// The outcome of one action on several tasks.
struct BulkReport {
    var succeeded: [TaskSummary] = []
    var failures: [(task: TaskSummary, reason: String)] = []

    var total: Int { succeeded.count + failures.count }

    /// Runs `action` on each task, collecting which succeeded and why the others failed.
    static func run(_ tasks: [TaskSummary], _ action: (TaskSummary) throws -> Void) -> BulkReport {
        var report = BulkReport()
        for task in tasks {
            do {
                try action(task)
                report.succeeded.append(task)
            } catch {
                report.failures.append((task, InboxController.describe(error)))
            }
        }
        return report
    }

    /// "Claimed Review (Order)", or "Claimed 2 of 3 tasks; 1 failed: Review (Order): reason".
    func summary(verb: String) -> String {
        if total == 1 {
            if let success = succeeded.first { return "\(verb) \(success.taskTitle) (\(success.instanceName))." }
            if let failure = failures.first { return failure.reason }
        }
        var text = "\(verb) \(succeeded.count) of \(DisplayWords.count(total, "task"))"
        if let first = failures.first {
            text += "; \(failures.count) failed: \(first.task.taskTitle) (\(first.task.instanceName)): \(first.reason)"
        }
        return text + "."
    }

    var failureLines: [String] {
        failures.map { "\($0.task.taskTitle) (\($0.task.instanceName) \(PaneRows.shortID($0.task.item.instanceId))): \($0.reason)" }
    }
}
