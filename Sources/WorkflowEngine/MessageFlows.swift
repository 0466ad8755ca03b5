import BPMNModel

/// Message flows between pools of one model, executed as bpmn-server does: when the source
/// node completes, the token at the target node is signalled, or a new token starts there.
extension InstanceRun {
    /// Follows the message flows leaving `node` after it completed.
    func followMessageFlows(from node: FlowNode) throws {
        for flow in graph.definitions.messageFlows where flow.sourceRef == node.id {
            guard let target = graph.nodes[flow.targetRef] else { continue }
            let atTarget = tokens(atNode: target.id)
            if let waiting = atTarget.first(where: { $0.status == .wait }),
                let itemId = waiting.currentItemId, item(itemId)?.status == .wait
            {
                note("messageFlow", itemId: itemId, elementId: target.id, message: "message flow '\(flow.id)' reached '\(target.id)'")
                try resume(itemId: itemId, tokenId: waiting.id)
            } else if let arriving = atTarget.first(where: { $0.status == .running }) {
                signalledOnArrival.insert(arriving.id)
            } else {
                note("messageFlow", elementId: target.id, message: "message flow '\(flow.id)' started a token at '\(target.id)'")
                spawnToken(kind: .primary, at: target.id, parent: nil, originItemId: nil, dataPath: "")
            }
        }
    }

    /// Reports whether a message flow already signalled a token arriving at a waiting node, so
    /// it passes through instead of waiting, and forgets the signal.
    func takeArrivalSignal(_ tokenId: Int) -> Bool {
        signalledOnArrival.remove(tokenId) != nil
    }
}
