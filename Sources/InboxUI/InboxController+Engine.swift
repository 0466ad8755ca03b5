import BPMNModel
import Foundation
import WorkflowEngine

extension InboxController {
    /// The maximum number of instances the Instances pane loads, newest first.
    static let instanceLimit = 500

    // MARK: Refreshing

    /// Reloads models, instances and waiting tasks, keeping each pane's selection by id.
    /// A failure keeps the old rows and shows the error.
    func refresh() {
        lastRefresh = Date()
        lastDataVersion = dataVersion?()
        do {
            let models = try engine.listModels(user: user)
            let instances = try engine.findInstances(
                .emptyObject,
                options: FindOptions(sort: [(key: .instance(.startedAt), ascending: false)], limit: Self.instanceLimit),
                user: user)
            let tasks = try loadTasks()
            let total = (try? engine.countInstances(.emptyObject, user: user)) ?? instances.count

            state.models = models
            state.instances = instances
            state.instanceTotal = max(total, instances.count)
            state.tasks = tasks
            state.marked.formIntersection(tasks.map(\.item.id))
            state.updatePane(.models) { pane, _ in pane.setRows(PaneRows.modelRows(models)) }
            state.updatePane(.instances) { pane, _ in pane.setRows(PaneRows.instanceRows(instances)) }
            setTaskRows(tasks)
        } catch {
            show("Refresh failed: \(Self.describe(error))", kind: .error)
        }
        loadDetail(forceReload: true)
        refreshDiagram()
    }

    // MARK: Detail

    /// Loads what the detail pane shows for the selection of the detail's source pane.
    /// Without `forceReload`, an unchanged selection is not loaded again.
    func loadDetail(forceReload: Bool = false) {
        if state.focus != .detail { state.detailSource = state.focus }
        let source = state.detailSource
        let identity = "\(source.rawValue):\(state.pane(source).selectedRow?.id ?? "")"
        guard forceReload || identity != state.detailIdentity else { return }
        if identity != state.detailIdentity {
            state.detailScroll = 0
            state.detailCursor = 0
        }
        state.detailIdentity = identity
        defer { keepDetailCursorVisible() }

        switch source {
        case .models:
            guard let model = state.selectedModel else {
                state.detail = .empty("No models yet. Import one with 'bpmn-inbox model import FILE'.")
                return
            }
            state.detail = .model(model, definitions(model.name, model.version))
        case .instances:
            guard let instance = state.selectedInstance else {
                state.detail = .empty("No instances yet. Select a model and press Enter to start one.")
                return
            }
            state.detail = .instance(loadInstanceDetail(instance))
        case .tasks, .detail:
            guard let task = state.selectedTask else {
                state.detail = .empty("No user task is waiting.")
                return
            }
            let node = definitions(task.instanceName, task.modelVersion)?.node(id: task.item.elementId)
            state.detail = .task(task, node)
        }
    }

    /// Returns the parsed model from the cache or the engine, or nil when it cannot be
    /// loaded (a form then has only its JSON input).
    func definitions(_ name: String, _ version: Int) -> Definitions? {
        let key = "\(name)@\(version)"
        if let cached = definitionsCache[key] { return cached }
        guard let loaded = try? engine.definitions(model: name, version: version) else { return nil }
        definitionsCache[key] = loaded
        return loaded
    }

    // MARK: Submitting forms

    /// Checks the open form and makes its engine call. Invalid inputs and engine errors
    /// keep the form open and show the error. Success closes the form, refreshes every
    /// pane and reports the result in the message line.
    func submitForm() {
        guard var form = state.form else { return }

        let payload: JSONValue?
        switch form.purpose.payloadStyle {
        case .data: payload = form.validatedData()
        case .assignment: payload = form.validatedAssignment()
        case .fields: payload = form.validatedFields()
        }
        guard let payload else {
            state.form = form
            show("Fix the marked fields, then press Ctrl-S again.", kind: .error)
            return
        }

        do {
            let result = try call(form.purpose, payload: payload)
            state.form = nil
            refresh()
            if let waitingTask = result.selectTaskID { select(taskID: waitingTask) }
            show(result.message, kind: result.kind)
            if let dialog = result.dialog { state.dialog = dialog }
        } catch {
            form.failure = Self.describe(error)
            if case .complete(let task) = form.purpose, let stale = staleTaskExplanation(task) {
                form.failure = stale
                state.form = form
                show(stale, kind: .error)
                return
            }
            if form.purpose.payloadStyle != .fields {
                form.moveFailureToNamedInput()
            }
            state.form = form
            if form.purpose.payloadStyle == .fields {
                // An event form's error (no receiver waits, several receivers wait) is its
                // result, so the message line shows it in full.
                show(Self.describe(error), kind: .error)
            } else {
                show("The engine rejected the form; see the error in the form.", kind: .error)
            }
        }
    }

    /// The outcome of a successful form call, as the message line reports it.
    struct CallResult {
        var message: String
        var selectTaskID: String?
        var kind: StatusMessage.Kind = .success
        /// Details that do not fit the message line, such as every failed signal receiver.
        var dialog: Dialog?
    }

    private func call(_ purpose: FormPurpose, payload: JSONValue) throws -> CallResult {
        switch purpose {
        case .start(let modelName):
            let execution = try engine.start(modelName, data: payload, user: user)
            let firstTask = execution.waitingItems.first { $0.type == NodeKind.userTask.typeName }
            return CallResult(
                message: "Started \(modelName) \(PaneRows.shortID(execution.id)); \(Self.waitingSummary(execution))",
                selectTaskID: firstTask?.id)
        case .complete(let task):
            let execution = try engine.invoke(Self.itemQuery(task), data: payload, user: user)
            return CallResult(message: "Completed \(task.taskTitle); \(Self.waitingSummary(execution))")
        case .completeMany(let tasks):
            let report = BulkReport.run(tasks) { _ = try engine.invoke(Self.itemQuery($0), data: payload, user: user) }
            return bulkResult(report, verb: "Completed", failureVerb: "complete")
        case .assignMany(let tasks):
            guard let changes = payload.objectValue, !changes.isEmpty else {
                return CallResult(message: "Nothing changed; the assignments are as before.")
            }
            let report = BulkReport.run(tasks) { _ = try engine.assign(Self.itemQuery($0), assignment: payload, user: user) }
            return bulkResult(report, verb: "Assigned", failureVerb: "assign")
        case .assign(let task):
            guard let changes = payload.objectValue, !changes.isEmpty else {
                return CallResult(message: "Nothing changed; the assignment of \(task.taskTitle) is as before.")
            }
            _ = try engine.assign(Self.itemQuery(task), assignment: payload, user: user)
            let summary = changes.keys.sorted().map { "\($0) \(changes[$0]?.plainText.nonEmpty ?? "cleared")" }
            return CallResult(message: "Assigned \(task.taskTitle): " + summary.joined(separator: ", "))
        case .message, .signal, .startEvent, .retry:
            return try callEvent(purpose, fields: payload)
        }
    }

    /// Turns a bulk outcome into the form's result: the marks of the tasks that succeeded go,
    /// and a dialog lists each failure with its reason.
    private func bulkResult(_ report: BulkReport, verb: String, failureVerb: String) -> CallResult {
        state.marked.subtract(report.succeeded.map(\.item.id))
        var result = CallResult(message: report.summary(verb: verb), kind: report.failures.isEmpty ? .success : .error)
        if !report.failures.isEmpty {
            result.dialog = Dialog(
                title: "Could not \(failureVerb) \(report.failures.count) of \(report.total)", paragraphs: report.failureLines)
        }
        return result
    }

    /// Explains a failed completion when the task no longer waits: someone else completed
    /// it (or it was cancelled) while the form was open. Returns nil when it still waits.
    func staleTaskExplanation(_ task: TaskSummary) -> String? {
        guard let current = try? engine.findItems(["items.id": .string(task.item.id)], options: FindOptions(limit: 1)).first,
            current.status != .wait
        else { return nil }

        let history = (try? engine.history(instanceId: task.item.instanceId)) ?? []
        let completion = history.last { $0.itemId == task.item.id && $0.action == "invoke" }
        var text = "\(task.taskTitle) (\(task.instanceName)) no longer waits"
        if let completion {
            text += ": \(completion.user ?? "someone") completed it at \(DisplayFormat.minute(completion.at))"
        } else {
            text += ": it is \(DisplayWords.itemState(current))"
        }
        return text + ". Nothing was saved from this form; press Esc to close it."
    }

    func select(taskID: String) {
        guard state.tasks.contains(where: { $0.item.id == taskID }) else { return }
        state.updatePane(.tasks) { pane, height in
            pane.setFilter("")
            if let index = pane.rows.firstIndex(where: { $0.id == taskID }) {
                pane.move(by: index - pane.selectedIndex, visibleHeight: height)
            }
        }
        loadDetail()
    }

    /// Builds the query that names exactly one waiting item.
    static func itemQuery(_ task: TaskSummary) -> JSONValue {
        ["id": .string(task.item.instanceId), "items.id": .string(task.item.id)]
    }

    /// "waiting: Clean, Repair", "instance ended" or "nothing waits for a user".
    /// Gateways waiting for other branches are left out.
    static func waitingSummary(_ execution: Execution) -> String {
        if execution.status == .end { return "instance ended" }
        let names = execution.waitingItems
            .filter { !$0.type.hasSuffix("Gateway") }
            .map { $0.name.flatMap { $0.isEmpty ? nil : $0 } ?? $0.elementId }
        return names.isEmpty ? "nothing waits" : "waiting: " + names.joined(separator: ", ")
    }

    /// Returns the full message of an error. An `EngineError` describes itself with the fix.
    static func describe(_ error: Error) -> String {
        String(describing: error)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
