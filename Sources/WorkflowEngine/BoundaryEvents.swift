import BPMNModel
import Foundation

/// Boundary events attached to waiting activities, and firing due timers.
extension InstanceRun {
    /// Creates one waiting boundary item (on its own `BoundaryEvent` token) for each
    /// boundary event of `host`. Timer boundaries get their due time.
    func armBoundaryEvents(of host: FlowNode, hostItemId: String, tokenId: Int) {
        for boundary in graph.boundaryEvents[host.id] ?? [] {
            // A compensation boundary event waits for nothing: it only names the handler.
            if boundary.eventDefinitions.contains(where: { if case .compensate = $0 { return true } else { return false } }) {
                continue
            }
            let boundaryToken = spawnToken(
                kind: .boundaryEvent, at: boundary.id, parent: tokenId, originItemId: hostItemId,
                dataPath: token(tokenId)?.dataPath ?? "")
            // Armed, not executed: the item waits for its event.
            dropReady(boundaryToken)
            let itemId = createItem(
                elementId: boundary.id, name: boundary.name, type: boundary.kind.typeName, status: .wait,
                tokenId: boundaryToken)
            updateToken(boundaryToken) {
                $0.status = .wait
                $0.currentItemId = itemId
            }
            for definition in boundary.eventDefinitions {
                switch definition {
                case .timer(let timer):
                    // A timer that cannot be evaluated stays armed without a due time; the
                    // history says why.
                    do {
                        let due = try dueDate(of: timer, elementId: boundary.id, itemId: itemId, tokenId: boundaryToken)
                        updateItem(itemId) { $0.timeDue = due }
                    } catch {
                        note("error", itemId: itemId, elementId: boundary.id, message: "\(error)")
                    }
                case .message(let ref):
                    updateItem(itemId) { $0.messageId = ref.map { self.graph.definitions.messages[$0]?.name ?? $0 } }
                case .signal(let ref):
                    updateItem(itemId) { $0.signalId = ref.map { self.graph.definitions.signals[$0]?.name ?? $0 } }
                default:
                    break
                }
            }
        }
    }

    /// Withdraws the waiting boundary items of a host item that ended or was cancelled.
    func cancelBoundaryEvents(hostItemId: String) {
        // Only activities with boundary events (and multi-instance owners) have any to withdraw.
        guard let host = item(hostItemId), let node = graph.nodes[host.elementId],
            !(graph.boundaryEvents[node.id] ?? []).isEmpty
        else { return }
        for token in tokens where token.kind == .boundaryEvent && token.originItemId == hostItemId
            && (token.status == .wait || token.status == .running)
        {
            if let itemId = token.currentItemId {
                updateItem(itemId) {
                    $0.status = .end
                    $0.endedAt = nil
                    $0.timeDue = nil
                }
            }
            updateToken(token.id) { $0.status = .terminated }
        }
    }

    /// Arms the next firing of a non-interrupting cycle or cron timer while its host waits.
    /// The next due time counts from the previous one, so a late firing keeps the cadence
    /// and `fireDueTimers` catches up on every missed firing, never more than the count.
    private func rearmRepeatingTimer(_ node: FlowNode, fired: ItemRecord, hostItemId: String, hostTokenId: Int) throws {
        guard let previousDue = fired.timeDue, let host = item(hostItemId), host.status == .wait,
            let timer = node.timerDefinition,
            let schedule = try timerSchedule(of: timer, elementId: node.id, itemId: fired.id, tokenId: fired.tokenId),
            schedule.repeats
        else { return }
        let firings = (fired.statusDetails["firings"]?.numberValue).map { Int($0) } ?? 1
        guard let next = schedule.nextDue(after: previousDue, firings: firings) else { return }
        let tokenId = spawnToken(
            kind: .boundaryEvent, at: node.id, parent: hostTokenId, originItemId: hostItemId,
            dataPath: token(hostTokenId)?.dataPath ?? "")
        dropReady(tokenId)
        let itemId = createItem(elementId: node.id, name: node.name, type: node.kind.typeName, status: .wait, tokenId: tokenId)
        updateToken(tokenId) {
            $0.status = .wait
            $0.currentItemId = itemId
        }
        updateItem(itemId) {
            $0.timeDue = next
            $0.statusDetails = .object(["firings": .number(Double(firings + 1))])
        }
    }

    /// Fires a waiting timer item (catch event or boundary event): completes it and moves its
    /// token on. An interrupting boundary timer first cancels its host activity.
    func fireTimer(itemId: String) throws {
        guard let item = item(itemId), item.status == .wait, let node = graph.nodes[item.elementId] else { return }
        if let target = subscriptionTarget(ofItem: itemId) {
            try triggerEventSubProcess(
                target.eventSubProcess, start: target.start, subscriptionTokenId: item.tokenId,
                scopeItemId: scopeItemId(of: item.tokenId), anchorTokenId: token(item.tokenId)?.parentTokenId, data: .emptyObject)
        } else if node.kind == .boundaryEvent, let boundaryToken = token(item.tokenId) {
            try fireBoundary(node, itemId: itemId, boundaryToken: boundaryToken)
        } else {
            updateItem(itemId) { $0.timeDue = nil }
            try resume(itemId: itemId, tokenId: item.tokenId)
        }
        try run()
    }

    /// Cancels the live tokens inside an interrupted sub-process. Cancelling the host token
    /// reaches only its live children, and the sub-process's root token has ended once it
    /// passed a gateway with more than one outgoing flow. A transaction's cancel boundary event
    /// is left out, because `cancelTransaction` cancelled the inside before it started the
    /// compensation handlers that run there.
    private func cancelInnerTokens(ofScopeItem hostItemId: String) {
        guard let host = item(hostItemId), let hostNode = graph.nodes[host.elementId], Self.hasScope(hostNode) else { return }
        for inner in scopeTokens(ofItem: hostItemId) where inner.status == .running || inner.status == .wait {
            cancelToken(inner.id)
        }
    }

    func fireBoundary(_ node: FlowNode, itemId: String, boundaryToken: TokenRecord) throws {
        // Detach the token from its host first, so withdrawing the host's boundary events
        // (now, or when a non-interrupted host completes later) leaves this path running.
        let hostTokenId = boundaryToken.parentTokenId
        let hostItemId = boundaryToken.originItemId
        let firedItem = item(itemId)
        let hostParent = hostTokenId.flatMap { token($0)?.parentTokenId }
        updateToken(boundaryToken.id) {
            $0.originItemId = nil
            $0.parentTokenId = hostParent
        }
        if node.cancelActivity, let hostItemId, !node.eventDefinitions.contains(.cancel) {
            cancelInnerTokens(ofScopeItem: hostItemId)
        }
        if node.cancelActivity, let hostTokenId {
            cancelToken(hostTokenId)
        }
        if !node.cancelActivity, let firedItem, let hostItemId, let hostTokenId {
            try rearmRepeatingTimer(node, fired: firedItem, hostItemId: hostItemId, hostTokenId: hostTokenId)
        }
        updateItem(itemId) { $0.timeDue = nil }
        updateToken(boundaryToken.id) { $0.status = .running }
        try complete(itemId: itemId, tokenId: boundaryToken.id, node: node)
        try leave(node: node, tokenId: boundaryToken.id)
    }
}
