import BPMNModel
import ProcessDiagram

/// A fixed instance history for snapshot tests, derived from the model alone: from the
/// first start event, each node ends and its first outgoing flow is taken, until the
/// fourth node or the first user task, which waits (three times for a multi-instance task).
enum SampleTrace {
    static func items(for definitions: Definitions) -> [ItemTrace] {
        guard let process = definitions.processes.first(where: { process in
            process.body.nodes.contains { $0.kind == .startEvent }
        }), var node = process.body.nodes.first(where: { $0.kind == .startEvent }) else { return [] }

        var items: [ItemTrace] = []
        var visited = Set<String>()
        for step in 0..<6 {
            visited.insert(node.id)
            let waits = step == 4 || (node.kind == .userTask && step > 0)
            if waits {
                let copies = node.loop?.kind == .parallelMultiInstance ? 3 : 1
                for _ in 0..<copies {
                    items.append(ItemTrace(elementId: node.id, type: node.kind.typeName, status: "wait"))
                }
                return items
            }
            items.append(ItemTrace(elementId: node.id, type: node.kind.typeName, status: "end"))
            guard let flow = process.body.flows.first(where: { $0.sourceRef == node.id }),
                let next = process.body.nodes.first(where: { $0.id == flow.targetRef }),
                !visited.contains(next.id)
            else { return items }
            items.append(ItemTrace(elementId: flow.id, type: "bpmn:SequenceFlow", status: "end"))
            node = next
        }
        return items
    }
}
