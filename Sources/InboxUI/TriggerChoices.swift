import BPMNModel
import WorkflowEngine

/// An element of a running instance that `startEvent` can trigger, as the start-event form
/// lists it.
struct TriggerChoice: Equatable {
    var elementId: String
    /// The element's name and id, and why it can be triggered (`Pay (task_pay): waiting`).
    var label: String
}

/// The elements of an instance that the start-event form offers.
enum TriggerChoices {
    /// Lists, without repeats: the elements of the instance's waiting items (not gateways,
    /// scopes or call activities, which complete by themselves), the start events of the
    /// model's processes, and the activities inside each ad-hoc sub-process that waits.
    /// Without `definitions`, only the waiting items are listed.
    static func build(definitions: Definitions?, execution: Execution) -> [TriggerChoice] {
        var choices: [TriggerChoice] = []
        var seen: Set<String> = []
        func add(_ elementId: String, _ label: String) {
            guard seen.insert(elementId).inserted else { return }
            choices.append(TriggerChoice(elementId: elementId, label: label))
        }

        let waiting = execution.waitingItems
        for item in waiting where completesWhenTriggered(item) {
            add(item.elementId, "\(ItemLabels.title(of: item, showingKey: false)) (\(item.elementId)): waiting")
        }
        guard let definitions else { return choices }

        for process in definitions.processes {
            for node in process.body.nodes where node.kind == .startEvent {
                add(node.id, "\(name(of: node)) (\(node.id)): \(startEventKind(node))")
            }
        }

        for item in waiting where item.type == NodeKind.adHocSubProcess.typeName {
            guard let body = definitions.node(id: item.elementId)?.subProcess else { continue }
            for node in body.nodes where isAdHocActivity(node) {
                add(node.id, "\(name(of: node)) (\(node.id)): in ad-hoc '\(ItemLabels.title(of: item, showingKey: false))'")
            }
        }
        return choices
    }

    private static let selfCompletingTypes: Set<String> = [
        NodeKind.subProcess.typeName, NodeKind.adHocSubProcess.typeName, NodeKind.transaction.typeName,
        NodeKind.callActivity.typeName, "bpmn:MultiInstanceBody",
    ]

    private static func completesWhenTriggered(_ item: ItemRecord) -> Bool {
        !item.type.hasSuffix("Gateway") && !selfCompletingTypes.contains(item.type)
    }

    private static func isAdHocActivity(_ node: FlowNode) -> Bool {
        !node.kind.isEvent && !node.kind.isGateway && !node.triggeredByEvent && !node.isForCompensation
    }

    private static func name(of node: FlowNode) -> String {
        node.name.flatMap { $0.isEmpty ? nil : $0 } ?? node.id
    }

    private static func startEventKind(_ node: FlowNode) -> String {
        switch node.eventDefinitions.first {
        case .message: return "message start event"
        case .signal: return "signal start event"
        case .timer: return "timer start event"
        case .conditional: return "conditional start event"
        default: return "start event"
        }
    }
}
