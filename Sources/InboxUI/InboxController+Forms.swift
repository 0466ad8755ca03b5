import Foundation
import WorkflowEngine

/// Opening the task and assign forms, for one task or every marked one.
extension InboxController {
    /// Opens the task form of the selected task, or one form for every marked task when they
    /// are the same task of the same model version, so the same fields apply.
    func openCompleteForm() {
        guard allowsChange("completing a task") else { return }
        guard state.taskView.listsWaitingTasks else {
            show("Completed tasks have no form; switch to a view of waiting tasks (1-4).", kind: .error)
            return
        }
        let targets = targetTasks()
        guard let first = targets.first else {
            show("No task is waiting.", kind: .info)
            return
        }
        let definitions = definitions(first.instanceName, first.modelVersion)
        guard targets.count > 1 else {
            state.form = FormFactory.completeForm(task: first, definitions: definitions)
            return
        }

        let kinds = Set(targets.map { "\($0.instanceName)@\($0.modelVersion)#\($0.item.elementId)" })
        guard kinds.count == 1 else {
            show(
                "The \(targets.count) marked tasks have different forms (\(kinds.count) kinds); mark tasks of one "
                    + "task and model version to complete them together.",
                kind: .error)
            return
        }
        var form = FormFactory.completeForm(task: first, definitions: definitions)
        form.purpose = .completeMany(targets)
        form.title = "Complete \(targets.count) × \(first.taskTitle) - \(first.instanceName)"
        state.form = form
    }

    func openAssignForm() {
        guard allowsChange("assigning a task") else { return }
        let source = state.focus == .detail ? state.detailSource : state.focus
        guard source == .tasks, state.taskView.listsWaitingTasks, let task = targetTasks().first else {
            show("Select a waiting task in the Tasks pane to assign it.", kind: .error)
            return
        }
        knownUserNames = loadKnownUserNames()
        var form = FormFactory.assignForm(task: task)
        form.userNames = knownUserNames
        let targets = targetTasks()
        if targets.count > 1 {
            form.purpose = .assignMany(targets)
            form.title = "Assign \(targets.count) marked tasks"
        }
        state.form = form
    }

    /// Returns the user names the assignee field completes: the recorded users when the
    /// engine lets this user list them, and every assignee, candidate and acting user of
    /// the loaded tasks.
    func loadKnownUserNames() -> [String] {
        var names = Set((try? engine.listUsers(by: user))?.map(\.name) ?? [])
        names.insert(user.name)
        for task in state.tasks {
            if let assignee = task.item.assignee { names.insert(assignee) }
            names.formUnion(task.item.candidateUsers)
            if let creator = task.item.userName { names.insert(creator) }
        }
        return names.filter { !$0.isEmpty }.sorted()
    }
}
