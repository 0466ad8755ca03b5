import BPMNModel
import WorkflowEngine

/// Opening, driving and refreshing the diagram view from the inbox.
extension InboxController {
    /// Opens the diagram of what the focused pane selects: a model, an instance, a task's
    /// instance, or the instance or task the detail pane shows.
    func openDiagram() {
        let source = state.focus == .detail ? state.detailSource : state.focus
        var modelName: String?
        var version: Int?
        var instanceId: String?
        switch source {
        case .models:
            modelName = state.selectedModel?.name
            version = state.selectedModel?.version
        case .instances:
            if let instance = state.selectedInstance {
                modelName = instance.name
                version = instance.modelVersion
                instanceId = instance.id
            }
        case .tasks:
            if let task = state.selectedTask {
                modelName = task.instanceName
                version = task.modelVersion
                instanceId = task.item.instanceId
            }
        case .detail:
            break
        }
        guard let modelName, let version else {
            show("Select a model, instance or task first; d draws its diagram.", kind: .error)
            return
        }
        guard let definitions = definitions(modelName, version) else {
            show("Cannot load model '\(modelName)' version \(version) for the diagram.", kind: .error)
            return
        }

        var execution: Execution?
        if let instanceId {
            do {
                execution = try engine.get(.object(["id": .string(instanceId)]))
            } catch {
                show("Cannot load instance \(instanceId): \(Self.describe(error))", kind: .error)
                return
            }
        }
        let title = instanceId.map { "\(modelName) v\(version) · instance \($0)" } ?? "\(modelName) v\(version)"
        state.diagram = DiagramViewState(definitions: definitions, title: title, execution: execution, size: state.layout.size)
    }

    /// Passes a key to the open diagram view and closes the view when it returns `.close`.
    /// `r` reloads the instance.
    func handleDiagramKey(_ key: Key) {
        guard var view = state.diagram else { return }
        view.resize(to: state.layout.size)
        if key == .character("r") {
            state.diagram = view
            refreshDiagram()
            return
        }
        switch view.handle(key) {
        case .close:
            state.diagram = nil
        case .handled, .ignored:
            state.diagram = view
        }
    }

    /// Reloads the instance the diagram shows, so the drawing follows the instance live.
    func refreshDiagram() {
        guard var view = state.diagram, let instanceId = view.instanceId else { return }
        do {
            view.update(execution: try engine.get(.object(["id": .string(instanceId)])))
            view.caption = nil
        } catch {
            view.caption = "Cannot reload instance \(instanceId): \(Self.describe(error))"
        }
        state.diagram = view
    }
}
