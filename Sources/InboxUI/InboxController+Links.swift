import Foundation
import WorkflowEngine

/// The instance detail's links: loading the parent and child instances, and what Enter does
/// on a detail line.
extension InboxController {
    /// Loads an instance with its items and the instances linked to it by call activities.
    /// A failure to load the items is kept in the detail. A failure to load the links goes to
    /// the message line, and the detail shows no links.
    func loadInstanceDetail(_ instance: InstanceRecord) -> InstanceDetail {
        var detail = InstanceDetail(instance: instance, now: engine.clock.now())
        detail.tab = state.instanceTab
        detail.collapsedPaths = state.collapsedPaths
        let execution: Execution
        do {
            execution = try engine.get(["id": .string(instance.id)])
        } catch {
            detail.loadError = Self.describe(error)
            return detail
        }
        detail.instance = execution.instance
        detail.execution = execution
        let receivers = execution.items.filter { $0.status == .wait && $0.messageId != nil }
        if !receivers.isEmpty {
            let model = definitions(execution.instance.name, execution.instance.modelVersion)
            detail.messageKeys = MessageKeys.keys(for: receivers, instance: execution.instance, definitions: model)
        }
        do {
            detail.history = try engine.history(instanceId: instance.id)
        } catch {
            detail.historyError = Self.describe(error)
        }

        do {
            detail.children = try childLinks(of: execution)
            detail.parent = try parentLink(of: execution.instance)
        } catch {
            show("The instances linked to \(PaneRows.shortID(instance.id)) could not be loaded: \(Self.describe(error))", kind: .error)
        }
        return detail
    }

    /// Returns the instances each call activity item of `execution` started, oldest first.
    private func childLinks(of execution: Execution) throws -> [String: [InstanceLink]] {
        let callItemIds = execution.items.filter { $0.type == "bpmn:CallActivity" }.map(\.id)
        guard !callItemIds.isEmpty else { return [:] }

        let children = try engine.findInstances(
            ["parentItemId": ["$in": .array(callItemIds.map(JSONValue.string))]],
            options: FindOptions(sort: [(key: .instance(.startedAt), ascending: true)]), user: user)
        var links: [String: [InstanceLink]] = [:]
        for child in children {
            guard let callItemId = child.parentItemId else { continue }
            links[callItemId, default: []].append(
                InstanceLink(instanceId: child.id, name: child.name, status: child.status, callTitle: nil))
        }
        return links
    }

    /// Returns the instance whose call activity started `instance`, or nil for a top-level
    /// instance and for one whose caller was deleted.
    private func parentLink(of instance: InstanceRecord) throws -> InstanceLink? {
        guard let parentItemId = instance.parentItemId,
            let callItem = try engine.findItems(["items.id": .string(parentItemId)], options: FindOptions(limit: 1)).first,
            let parent = try engine.findInstances(["id": .string(callItem.instanceId)], options: FindOptions(limit: 1), user: user).first
        else { return nil }
        return InstanceLink(
            instanceId: parent.id, name: parent.name, status: parent.status, callTitle: ItemLabels.title(of: callItem))
    }

    // MARK: Following a detail line

    /// Acts on the detail line under the cursor: selects a linked instance, or opens the
    /// form for a failed or waiting item.
    /// Returns a value of the Data tab for reading: a string as its text, other values as
    /// JSON.
    static func wholeText(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.jsonText
    }

    func follow(_ target: DetailTarget) {
        switch target {
        case .instance(let id):
            selectInstance(id: id)
        case .failedItem(let item):
            openRetryForm(selecting: item.id)
        case .jsonNode(let path):
            toggleJSONNode(path)
        case .jsonValue(let path, let value):
            showDialog(title: path.isEmpty ? "Value" : path, paragraphs: [Self.wholeText(of: value)])
        case .waitingItem(let item):
            if let message = item.messageId {
                let instance = try? engine.get(["id": .string(item.instanceId)]).instance
                let key = instance.map { messageKey(for: item, instance: $0) }
                openMessageForm(selecting: message, matchingKey: key ?? ["id": .string(item.instanceId)])
            } else if let signal = item.signalId {
                openSignalForm(selecting: signal)
            } else {
                openStartEventForm(selecting: item.elementId)
            }
        }
    }

    /// Selects the instance in the Instances pane and shows it in the detail pane, which
    /// keeps focus. Clears the pane's filter when it hides the instance.
    func selectInstance(id: String) {
        if !state.instances.contains(where: { $0.id == id }) { refresh() }
        guard let instance = state.instances.first(where: { $0.id == id }) else {
            show(
                "Instance \(id) is not among the \(Self.instanceLimit) newest instances the pane loads; "
                    + "list it with 'bpmn-inbox instances --query '{\"id\": \"\(id)\"}''",
                kind: .error)
            return
        }

        state.updatePane(.instances) { pane, height in
            if !pane.rows.contains(where: { $0.id == id }) { pane.setFilter("") }
            if let index = pane.rows.firstIndex(where: { $0.id == id }) {
                pane.move(by: index - pane.selectedIndex, visibleHeight: height)
            }
        }
        state.focus = .detail
        state.detailSource = .instances
        loadDetail()
        show("Showing \(instance.name) \(PaneRows.shortID(id)).")
    }
}
