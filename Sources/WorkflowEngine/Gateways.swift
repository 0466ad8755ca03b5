import BPMNModel

/// Leaving nodes (which outgoing flows are taken) and synchronising joins.
extension InstanceRun {
    /// Reports whether a node is a join: a parallel or inclusive gateway with more than one
    /// incoming flow, which synchronises.
    /// An exclusive gateway is never a join, because each arriving token passes through by itself.
    func isJoin(_ node: FlowNode) -> Bool {
        (node.kind == .parallelGateway || node.kind == .inclusiveGateway) && node.incoming.count > 1
    }

    /// Moves a token along the node's taken outgoing flows. One taken flow from a node with
    /// one outgoing flow keeps the token. Otherwise each taken flow gets a new child token and
    /// this one ends. No outgoing flow at all ends the token.
    /// - Throws: `EngineError.noFlowTaken` when the node has outgoing flows but none is taken.
    func leave(node: FlowNode, tokenId: Int) throws {
        if node.loop != nil, isIteration(tokenId, of: node) {
            return try finishIteration(node, tokenId: tokenId)
        }
        let outgoing = graph.outgoing(of: node)
        guard !outgoing.isEmpty else {
            updateToken(tokenId) { $0.status = .end }
            return
        }
        let taken = try selectFlows(of: node, outgoing: outgoing, tokenId: tokenId)
        guard !taken.isEmpty else { throw EngineError.noFlowTaken(gatewayId: node.id) }

        if taken.count == 1, outgoing.count == 1 {
            try recordFlow(taken[0], tokenId: tokenId)
            move(tokenId: tokenId, to: taken[0].targetRef)
            return
        }
        let parent = token(tokenId)
        for flow in taken {
            let child = spawnToken(
                kind: .diverge, at: flow.targetRef, parent: tokenId, originItemId: parent?.currentItemId,
                dataPath: parent?.dataPath ?? "")
            updateToken(child) { $0.itemKey = parent?.itemKey }
            try recordFlow(flow, tokenId: child)
        }
        updateToken(tokenId) { $0.status = .end }
    }

    /// Selects the flows a node takes, by its kind:
    /// - exclusive gateway: the first non-default flow whose condition is `true`, else the default;
    /// - inclusive gateway and activities: every unconditional flow and every flow whose
    ///   condition is `true`; the default only when no conditional flow holds;
    /// - parallel gateway: every flow (conditions on it are ignored, as BPMN forbids them).
    private func selectFlows(of node: FlowNode, outgoing: [SequenceFlow], tokenId: Int) throws -> [SequenceFlow] {
        if node.kind == .parallelGateway || node.kind == .eventBasedGateway { return outgoing }
        let defaultFlow = outgoing.first { $0.id == node.defaultFlow }
        let candidates = outgoing.filter { $0.id != node.defaultFlow }

        if node.kind == .exclusiveGateway {
            for flow in candidates where try conditionHolds(flow, tokenId: tokenId) {
                return [flow]
            }
            return defaultFlow.map { [$0] } ?? []
        }
        var taken: [SequenceFlow] = []
        var conditionalTaken = false
        for flow in candidates {
            guard flow.condition != nil else {
                taken.append(flow)
                continue
            }
            if try conditionHolds(flow, tokenId: tokenId) {
                taken.append(flow)
                conditionalTaken = true
            }
        }
        let hasConditional = candidates.contains { $0.condition != nil }
        if let defaultFlow, !conditionalTaken, hasConditional || taken.isEmpty {
            taken.append(defaultFlow)
        }
        return taken
    }

    /// Finds one join whose waiting tokens may go on, and fires it.
    /// - Returns: whether a join fired (the caller then runs the released token).
    func fireOneReadyJoin() throws -> Bool {
        let waitingJoinItems = items.filter { item in
            item.status == .wait && graph.nodes[item.elementId].map(isJoin) == true
        }
        var seen: Set<String> = []
        for item in waitingJoinItems where seen.insert(item.elementId).inserted {
            if let node = graph.nodes[item.elementId], try fireJoinIfReady(node) { return true }
        }
        return false
    }

    /// Fires a join when every incoming flow either has a waiting token or can no longer
    /// receive one from any live token. It consumes one token per flow that has one
    /// (surplus tokens stay for a later firing); the latest arrival goes on.
    private func fireJoinIfReady(_ join: FlowNode) throws -> Bool {
        let waiting = items.filter { $0.elementId == join.id && $0.status == .wait }.sorted { $0.seq < $1.seq }
        var arrivals: [String: [ItemRecord]] = [:]
        for item in waiting {
            if let flowId = try arrivalFlow(of: item) { arrivals[flowId, default: []].append(item) }
        }
        let waitingTokens = Set(waiting.map(\.tokenId))
        var missing: [SequenceFlow] = []
        for flow in graph.incoming(of: join) where arrivals[flow.id]?.isEmpty ?? true {
            if liveTokenCanReach(flow, join: join, excluding: waitingTokens) { return false }
            missing.append(flow)
        }
        let consumed = graph.incoming(of: join).compactMap { arrivals[$0.id]?.first }
        guard let last = consumed.max(by: { $0.seq < $1.seq }) else { return false }

        for item in consumed where item.id != last.id {
            updateItem(item.id) {
                $0.status = .end
                $0.endedAt = now
            }
            updateToken(item.tokenId) { $0.status = .end }
        }
        if !missing.isEmpty {
            let names = missing.map { "'\($0.id)'" }.joined(separator: ", ")
            note("join", itemId: last.id, elementId: join.id,
                 message: "join '\(join.id)' fired without a token on \(names): no live token can reach "
                     + (missing.count == 1 ? "that flow" : "those flows"))
        }
        try resume(itemId: last.id, tokenId: last.tokenId)
        return true
    }

    /// Returns the sequence flow a token took to reach `item`: the last flow item on its path before it.
    private func arrivalFlow(of item: ItemRecord) throws -> String? {
        try lastFlowItem(tokenId: item.tokenId, before: item.seq)?.elementId
    }

    private func liveTokenCanReach(_ flow: SequenceFlow, join: FlowNode, excluding: Set<Int>) -> Bool {
        tokens.contains { token in
            guard token.status == .running || token.status == .wait, !excluding.contains(token.id) else { return false }
            return graph.canReach(flow: flow, from: token.currentNodeId, barrierId: join.id)
        }
    }
}
