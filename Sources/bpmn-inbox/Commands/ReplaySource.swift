import BPMNModel
import Foundation
import InboxUI
import WorkflowEngine

/// The steps of a recorded instance, rebuilt from its items: one step per flow node item in
/// execution order. Each step shows the items created so far with the status they had at
/// that item's start time: an item counts as ended only when its end time is not later.
final class ReplaySource: DiagramStepSource {
    private let execution: Execution
    private let definitions: Definitions
    /// Items in execution order.
    private let items: [ItemRecord]
    /// Indexes into `items` of the flow node items, one per step.
    private let stepIndexes: [Int]
    private var position = 0

    init(execution: Execution, definitions: Definitions) {
        self.execution = execution
        self.definitions = definitions
        let ordered = execution.items.sorted { $0.seq < $1.seq }
        items = ordered
        stepIndexes = ordered.indices.filter { ordered[$0].type != "bpmn:SequenceFlow" }
    }

    var stepCount: Int { stepIndexes.count }

    func firstStep() throws -> DiagramStep {
        position = 0
        let emptyState = Execution(instance: execution.instance, items: [], tokens: [])
        return DiagramStep(
            caption: "Replay of \(execution.instance.name) \(execution.instance.id): \(stepCount) steps.",
            execution: emptyState, changedIds: [])
    }

    func nextStep() throws -> DiagramStep? {
        guard position < stepIndexes.count else { return nil }
        let index = stepIndexes[position]
        position += 1
        let isLast = position == stepIndexes.count
        let previous = position >= 2 ? stepIndexes[position - 2] : -1

        let item = items[index]
        let moment = item.startedAt ?? item.endedAt ?? execution.instance.startedAt
        let shown = items[...index].map { isLast ? $0 : Self.state(of: $0, at: moment) }
        var changed: Set<String> = [item.elementId]
        for flow in items[(previous + 1)..<index] where flow.type == "bpmn:SequenceFlow" {
            changed.insert(flow.elementId)
        }
        let state = Execution(instance: execution.instance, items: Array(shown), tokens: [])
        return DiagramStep(
            caption: "\(position)/\(stepCount) " + caption(for: item, index: index, moment: moment),
            execution: state, changedIds: changed)
    }

    /// Returns nil because a replay has no clock to move: its timers fired when they fired.
    func advanceToNextTimer() throws -> DiagramStep? { nil }

    var canAdvanceClock: Bool { false }

    /// Returns the item as it was at `moment`: waiting until its recorded end.
    static func state(of item: ItemRecord, at moment: Date) -> ItemRecord {
        var copy = item
        if item.status == .failed { return copy }
        if let ended = item.endedAt, ended <= moment { return copy }
        if item.type == "bpmn:SequenceFlow" { return copy }
        copy.status = .wait
        return copy
    }

    private func caption(for item: ItemRecord, index: Int, moment: Date) -> String {
        let name = item.name ?? definitions.node(id: item.elementId)?.name ?? item.elementId
        let type = item.type.replacingOccurrences(of: "bpmn:", with: "")
        var text = "\(DisplayText.time(moment))  \(type) '\(name)'"
        switch item.status {
        case .failed:
            text += " failed"
        case .wait, .start, .enter:
            text += " waits"
        case .end:
            // The step is shown at the item's start, and a later end time is named on its own.
            let ended = item.endedAt.map(DisplayText.time).flatMap { $0 == DisplayText.time(moment) ? nil : " at " + $0 } ?? ""
            if item.isCancelled {
                text += " was cancelled"
            } else if let user = item.userName ?? item.assignee, item.type == "bpmn:UserTask" {
                text += " completed by \(user)" + ended
            } else {
                text += " ran" + (ended.isEmpty ? "" : ", ended" + ended)
            }
        }
        if let decision = decision(after: index) { text += "; " + decision }
        return text
    }

    /// Describes the flows a gateway took, with the conditions that held.
    private func decision(after index: Int) -> String? {
        let item = items[index]
        guard let node = definitions.node(id: item.elementId), node.kind.isGateway, node.outgoing.count > 1 else { return nil }
        let taken = items[(index + 1)...].prefix { $0.type == "bpmn:SequenceFlow" }
            .compactMap { flowItem in definitions.processes.lazy.compactMap { $0.flow(id: flowItem.elementId) }.first }
            .filter { $0.sourceRef == node.id }
        guard !taken.isEmpty else { return nil }
        return "took " + taken.map { DisplayText.flow($0, of: node) }.joined(separator: ", ")
    }
}

/// Short texts shared by the replay and the tour captions.
enum DisplayText {
    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    /// Returns the flow's name (else its target), with its condition or "default".
    static func flow(_ flow: SequenceFlow, of gateway: FlowNode) -> String {
        var text = "'" + (flow.name ?? flow.targetRef) + "'"
        if let condition = flow.condition {
            text += " because " + condition + " held"
        } else if gateway.defaultFlow == flow.id {
            text += " (default)"
        }
        return text
    }
}
