import BPMNModel

/// Embedded sub-processes: an item that waits while tokens run inside its own scope.
///
/// The inner tokens are children of the token waiting at the sub-process item, created as
/// `SubProcess` tokens whose `originItemId` is that item. Their data lives under
/// `data.<subProcessId>` (bpmn-server's layout). The sub-process completes when no token
/// inside it is running or waiting (BPMN 2.0.2), not at the first end event reached.
extension InstanceRun {
    /// Starts the inner scope of a sub-process whose item waits on `tokenId`.
    /// - Throws: `EngineError.unsupportedElement` when the sub-process has nothing to start.
    func enterSubProcess(_ node: FlowNode, itemId: String, tokenId: Int) throws {
        guard let body = node.subProcess else {
            throw EngineError.unsupportedElement(elementId: node.id, type: "\(node.kind.typeName) without content")
        }
        let starts = node.kind == .adHocSubProcess ? Self.adHocStartNodes(of: body) : Self.startNodes(of: body)
        guard !starts.isEmpty else {
            throw EngineError.unsupportedElement(elementId: node.id, type: "\(node.kind.typeName) without a start event")
        }
        let parentPath = token(tokenId)?.dataPath ?? ""
        // An iteration of a looped sub-process already has its own scope: reuse it.
        let path = isIteration(tokenId, of: node) ? parentPath : (parentPath.isEmpty ? node.id : parentPath + "." + node.id)
        if instance.data.value(atPath: path)?.objectValue == nil {
            instance.data.setValue(.emptyObject, atPath: path)
        }
        let itemKey = token(tokenId)?.itemKey
        var firstInner: Int?
        for start in starts {
            let inner = spawnToken(kind: .subProcess, at: start.id, parent: tokenId, originItemId: itemId, dataPath: path)
            updateToken(inner) { $0.itemKey = itemKey }
            firstInner = firstInner ?? inner
        }
        try armEventSubProcesses(in: body, parentTokenId: firstInner, dataPath: path)
    }

    /// Returns the activities an ad-hoc sub-process starts at once: every node without incoming flows
    /// except events, event sub-processes and compensation handlers (as bpmn-server does).
    static func adHocStartNodes(of body: FlowContainer) -> [FlowNode] {
        body.nodes.filter { node in
            node.incoming.isEmpty && !node.kind.isEvent && !node.triggeredByEvent && !node.isForCompensation
        }
    }

    /// Completes a waiting ad-hoc sub-process whose completion condition became true,
    /// cancelling the activities still running in it.
    /// - Returns: whether one completed.
    func completeOneSatisfiedAdHoc() throws -> Bool {
        for item in items where item.status == .wait {
            guard let node = graph.nodes[item.elementId], node.kind == .adHocSubProcess,
                let condition = node.adHocCompletionCondition, !condition.isEmpty,
                let host = tokens.first(where: { $0.currentItemId == item.id }),
                let inner = scopeTokens(ofItem: item.id).first
            else { continue }
            guard try evaluate(Self.conditionExpression(condition), itemId: item.id, tokenId: inner.id, elementId: node.id) == .bool(true) else { continue }
            for token in scopeTokens(ofItem: item.id) where token.status == .running || token.status == .wait {
                cancelToken(token.id)
            }
            note("adHoc", itemId: item.id, elementId: node.id, message: "completion condition of '\(node.id)' held; the open activities were cancelled")
            try resume(itemId: item.id, tokenId: host.id)
            return true
        }
        return false
    }

    /// Starts one more run of an activity inside a waiting ad-hoc sub-process.
    /// - Returns: false when `nodeId` is not inside a waiting ad-hoc sub-process.
    func startAdHocActivity(_ nodeId: String) -> Bool {
        guard let scopeId = graph.scopeOfNode[nodeId], graph.nodes[scopeId]?.kind == .adHocSubProcess,
            let adHocItem = items.last(where: { $0.elementId == scopeId && $0.status == .wait }),
            let host = tokens.first(where: { $0.currentItemId == adHocItem.id })
        else { return false }
        let path = scopeTokens(ofItem: adHocItem.id).first?.dataPath ?? (host.dataPath.isEmpty ? scopeId : host.dataPath + "." + scopeId)
        spawnToken(kind: .subProcess, at: nodeId, parent: host.id, originItemId: adHocItem.id, dataPath: path)
        return true
    }

    /// Returns the nodes a scope starts at: its plain start events, or, when it has none, every
    /// activity and gateway without incoming flows (BPMN 2.0.2 §13.3.4).
    static func startNodes(of body: FlowContainer) -> [FlowNode] {
        let plain = body.nodes.filter { $0.kind == .startEvent && $0.eventDefinitions.isEmpty }
        if !plain.isEmpty { return plain }
        if let first = body.nodes.first(where: { $0.kind == .startEvent }) { return [first] }
        return body.nodes.filter { node in
            node.incoming.isEmpty && node.kind != .boundaryEvent && node.kind != .startEvent
                && !node.triggeredByEvent && !node.isForCompensation
        }
    }

    /// Completes every waiting sub-process whose scope has no live token left.
    /// - Returns: whether one completed (its token then moves on and must run).
    func completeOneFinishedScope() throws -> Bool {
        for item in items where item.status == .wait && item.type != Self.loopBodyType {
            guard let node = graph.nodes[item.elementId], Self.hasScope(node) else { continue }
            let inner = scopeTokens(ofItem: item.id)
            if inner.contains(where: { ($0.status == .running || $0.status == .wait) && !isSubscription($0) }) { continue }
            guard let host = tokens.first(where: { $0.currentItemId == item.id }) else { continue }
            withdrawSubscriptions(inner)
            try resume(itemId: item.id, tokenId: host.id)
            return true
        }
        return false
    }

    static func hasScope(_ node: FlowNode) -> Bool {
        node.kind == .subProcess || node.kind == .transaction || node.kind == .adHocSubProcess
    }

    /// Returns every token inside the scope of a sub-process item, nested scopes included.
    func scopeTokens(ofItem itemId: String) -> [TokenRecord] {
        loadAllTokensForWalk()
        let roots = tokens.filter { $0.kind == .subProcess && $0.originItemId == itemId }
        return roots.flatMap { [$0] + descendants(of: $0.id) }
    }

    /// Tokens whose parent chain leads to `tokenId`.
    func descendants(of tokenId: Int) -> [TokenRecord] {
        loadAllTokensForWalk()
        var result: [TokenRecord] = []
        var frontier = [tokenId]
        while let current = frontier.popLast() {
            for child in tokens where child.parentTokenId == current {
                result.append(child)
                frontier.append(child.id)
            }
        }
        return result
    }

    /// Returns the sub-process item whose scope contains the token, or nil at process level.
    func scopeItemId(of tokenId: Int) -> String? {
        var current = token(tokenId)
        while let candidate = current {
            if candidate.kind == .subProcess { return candidate.originItemId }
            guard let parent = candidate.parentTokenId else { return nil }
            if !hasToken(parent) { loadAllTokensForWalk() }
            current = token(parent)
        }
        return nil
    }
}
