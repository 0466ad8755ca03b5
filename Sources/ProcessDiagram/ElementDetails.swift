import Foundation
import BPMNModel

/// The text the diagram view shows for one element: what it is and how it behaves.
public enum ElementDetails {
    /// Returns `(key, value)` lines: type, id, name, lane, documentation, event
    /// definitions, conditions of outgoing flows, assignment and loop settings. Keys are
    /// empty on continuation lines.
    public static func lines(for id: String, in layout: DiagramLayout) -> [(key: String, value: String)] {
        guard let element = layout.scene.element(id: id) else { return [] }
        var lines: [(String, String)] = []
        let node = element.node
        lines.append(("type", node?.kind.typeName ?? (element.shape == .pool ? "bpmn:Participant" : "bpmn:Lane")))
        lines.append(("id", element.id))
        if let name = element.name { lines.append(("name", DisplayWidth.sanitized(name))) }
        guard let node else { return lines }

        if let lane = node.laneName { lines.append(("lane", lane)) }
        if let host = element.hostId {
            lines.append(("attached to", host + (node.cancelActivity ? "" : " (non-interrupting)")))
        }
        for definition in node.eventDefinitions {
            lines.append(("event", describe(definition)))
        }
        appendAssignment(node.assignment, to: &lines)
        if let loop = node.loop { lines.append(("loop", describe(loop))) }
        if let called = node.calledElement { lines.append(("calls", called)) }
        if let implementation = node.implementation { lines.append(("implementation", implementation)) }

        for edge in layout.scene.edges where edge.sourceId == id && edge.kind == .sequenceFlow {
            let target = layout.scene.element(id: edge.targetId)?.name ?? edge.targetId
            var text = "→ " + DisplayWidth.sanitized(target)
            if let condition = edge.flow?.condition {
                text += " when " + DisplayWidth.sanitized(condition)
            } else if node.defaultFlow == edge.id {
                text += " (default)"
            }
            lines.append(("flow", text))
        }
        if let documentation = node.documentation?.trimmingCharacters(in: .whitespacesAndNewlines), !documentation.isEmpty {
            for (index, line) in documentation.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines.append((index == 0 ? "documentation" : "", DisplayWidth.sanitized(String(line))))
            }
        }
        return lines
    }

    private static func appendAssignment(_ assignment: Assignment, to lines: inout [(String, String)]) {
        let fields: [(String, String?)] = [
            ("assignee", assignment.assignee), ("candidate users", assignment.candidateUsers),
            ("candidate groups", assignment.candidateGroups), ("due date", assignment.dueDate),
            ("follow-up date", assignment.followUpDate), ("priority", assignment.priority),
        ]
        for case let (key, value?) in fields {
            lines.append((key, value))
        }
    }

    private static func describe(_ definition: EventDefinition) -> String {
        switch definition {
        case .message(let reference): return "message" + (reference.map { " " + $0 } ?? "")
        case .signal(let reference): return "signal" + (reference.map { " " + $0 } ?? "")
        case .timer(let timer):
            if let date = timer.timeDate { return "timer at " + date }
            if let duration = timer.timeDuration { return "timer after " + duration }
            if let cycle = timer.timeCycle { return "timer every " + cycle }
            return "timer (no time set)"
        case .error(let reference): return "error" + (reference.map { " " + $0 } ?? "")
        case .escalation(let reference): return "escalation" + (reference.map { " " + $0 } ?? "")
        case .terminate: return "terminate"
        case .cancel: return "cancel"
        case .compensate(let activity): return "compensation" + (activity.map { " of " + $0 } ?? "")
        case .link(let name): return "link" + (name.map { " " + $0 } ?? "")
        case .conditional(let condition): return "condition " + (condition ?? "(none)")
        }
    }

    private static func describe(_ loop: LoopCharacteristics) -> String {
        var parts: [String]
        switch loop.kind {
        case .parallelMultiInstance: parts = ["parallel multi-instance"]
        case .sequentialMultiInstance: parts = ["sequential multi-instance"]
        case .standard: parts = ["standard loop"]
        }
        if let collection = loop.collection { parts.append("over " + collection) }
        if let cardinality = loop.loopCardinality { parts.append("×" + cardinality) }
        if let condition = loop.completionCondition { parts.append("until " + condition) }
        if let condition = loop.loopCondition { parts.append("while " + condition) }
        return parts.joined(separator: ", ")
    }
}

/// The legend line under a diagram: what the markers and styles mean.
public enum DiagramLegend {
    /// Returns the legend as runs of text in the role they explain. Without an instance it
    /// explains the symbols; with one, it explains the states, with the number of waiting
    /// items and of done and failed elements.
    public static func runs(highlight: InstanceHighlight?) -> [(text: String, role: DiagramRole)] {
        guard let highlight else {
            return [("( ) start  ((✉)) intermediate  (●) end  <X> <+> <O> <◇> gateways  [+] closed", .normal)]
        }
        var runs: [(String, DiagramRole)] = []
        let waiting = highlight.waitingCount
        let done = highlight.activity.values.filter { $0 == .done }.count
        let failed = highlight.activity.values.filter { $0 == .failed }.count
        runs.append(("● waiting \(waiting.items)", .waiting))
        runs.append(("  ", .normal))
        runs.append(("✓ done \(done)", .done))
        runs.append(("  ", .normal))
        runs.append(("✗ failed \(failed)", .failed))
        runs.append(("  ", .normal))
        runs.append(("━ taken", .flowTaken))
        return runs
    }
}
