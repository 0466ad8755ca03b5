import BPMNModel

/// An index over one model's flow nodes and sequence flows, across all its processes and
/// sub-process scopes, with the graph queries the engine needs.
final class ProcessGraph {
    let definitions: Definitions
    private(set) var nodes: [String: FlowNode] = [:]
    private(set) var flows: [String: SequenceFlow] = [:]
    /// Boundary events by the id of the activity they are attached to, in document order.
    private(set) var boundaryEvents: [String: [FlowNode]] = [:]
    /// The id of the process that contains each node.
    private(set) var processOfNode: [String: String] = [:]
    /// The id of the scope that directly contains each node: its process or sub-process.
    private(set) var scopeOfNode: [String: String] = [:]
    /// Compensation handler ids by the id of the activity they compensate: the target of the
    /// association leaving the activity's compensation boundary event.
    private(set) var compensationHandlers: [String: String] = [:]

    init(definitions: Definitions) {
        self.definitions = definitions
        for process in definitions.processes {
            index(process.body, processId: process.id, scopeId: process.id)
        }
    }

    private func index(_ container: FlowContainer, processId: String, scopeId: String) {
        for flow in container.flows {
            flows[flow.id] = flow
        }
        for node in container.nodes {
            nodes[node.id] = node
            processOfNode[node.id] = processId
            scopeOfNode[node.id] = scopeId
            if node.kind == .boundaryEvent, let host = node.attachedToRef {
                boundaryEvents[host, default: []].append(node)
            }
            if let inner = node.subProcess {
                index(inner, processId: processId, scopeId: node.id)
            }
        }
        for node in container.nodes where node.kind == .boundaryEvent {
            guard let host = node.attachedToRef,
                node.eventDefinitions.contains(where: { if case .compensate = $0 { return true } else { return false } }),
                let association = container.associations.first(where: { $0.sourceRef == node.id })
            else { continue }
            compensationHandlers[host] = association.targetRef
        }
    }

    /// Finds the intermediate catch event with link name `name` in the same scope as `throwNode`.
    func linkTarget(named name: String, from throwNode: FlowNode) -> FlowNode? {
        let scope = scopeOfNode[throwNode.id]
        return nodes.values.first { node in
            node.kind == .intermediateCatchEvent && scopeOfNode[node.id] == scope
                && node.eventDefinitions.contains(.link(name: name))
        }
    }

    /// Outgoing sequence flows of a node in document order.
    func outgoing(of node: FlowNode) -> [SequenceFlow] {
        node.outgoing.compactMap { flows[$0] }
    }

    /// Incoming sequence flows of a node in document order.
    func incoming(of node: FlowNode) -> [SequenceFlow] {
        node.incoming.compactMap { flows[$0] }
    }

    /// Reports whether a token at `startNodeId` can still reach `flow`, following sequence flows and
    /// the boundary events of activities on the way, without passing through `barrierId`
    /// (the join being evaluated). Conditions are ignored: only the graph counts.
    func canReach(flow: SequenceFlow, from startNodeId: String, barrierId: String) -> Bool {
        var visited: Set<String> = []
        var pending = [startNodeId]
        while let nodeId = pending.popLast() {
            if nodeId == flow.sourceRef { return true }
            guard nodeId != barrierId || nodeId == startNodeId, visited.insert(nodeId).inserted,
                let node = nodes[nodeId]
            else { continue }
            if nodeId == barrierId { continue }
            for next in outgoing(of: node) {
                pending.append(next.targetRef)
            }
            for boundary in boundaryEvents[nodeId] ?? [] {
                pending.append(boundary.id)
            }
        }
        return false
    }

    /// Returns the node a process starts at when no start node is given: the first start event
    /// without an event definition in the first executable process, else the first start
    /// event of any kind.
    func defaultStartNode() -> FlowNode? {
        let ordered = definitions.processes.filter(\.isExecutable) + definitions.processes.filter { !$0.isExecutable }
        for process in ordered {
            if let plain = process.body.nodes.first(where: { $0.kind == .startEvent && $0.eventDefinitions.isEmpty }) {
                return plain
            }
        }
        for process in ordered {
            if let any = process.body.nodes.first(where: { $0.kind == .startEvent }) { return any }
        }
        return nil
    }
}
