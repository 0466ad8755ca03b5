import BPMNModel
import Foundation

/// Boundary events attached to waiting activities, and firing due timers.
extension InstanceRun {
    /// Creates one waiting boundary item (on its own `BoundaryEvent` token) for each
    /// boundary event of `host`. Timer boundaries get their due time.
    func armBoundaryEvents(of host: FlowNode, hostItemId: String, tokenId: Int) {
        for boundary in graph.boundaryEvents[host.id] ?? [] {
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

    /// Fires a waiting timer item (catch event or boundary event): completes it and moves its
    /// token on. An interrupting boundary timer first cancels its host activity.
    func fireTimer(itemId: String) throws {
        guard let item = item(itemId), item.status == .wait, let node = graph.nodes[item.elementId] else { return }
        note("timer", itemId: itemId, elementId: node.id, message: "timer '\(node.id)' fired")
        if node.kind == .boundaryEvent, let boundaryToken = token(item.tokenId) {
            try fireBoundary(node, itemId: itemId, boundaryToken: boundaryToken)
        } else {
            updateItem(itemId) { $0.timeDue = nil }
            try resume(itemId: itemId, tokenId: item.tokenId)
        }
        try run()
    }

    func fireBoundary(_ node: FlowNode, itemId: String, boundaryToken: TokenRecord) throws {
        // Detach the token from its host first, so withdrawing the host's boundary events
        // (now, or when a non-interrupted host completes later) leaves this path running.
        let hostTokenId = boundaryToken.parentTokenId
        let hostParent = hostTokenId.flatMap { token($0)?.parentTokenId }
        updateToken(boundaryToken.id) {
            $0.originItemId = nil
            $0.parentTokenId = hostParent
        }
        if node.cancelActivity, let hostTokenId {
            cancelToken(hostTokenId)
        }
        // TODO: a non-interrupting timeCycle (R3/PT1S) fires once; it is not re-armed yet.
        updateItem(itemId) { $0.timeDue = nil }
        updateToken(boundaryToken.id) { $0.status = .running }
        try complete(itemId: itemId, tokenId: boundaryToken.id, node: node)
        try leave(node: node, tokenId: boundaryToken.id)
    }
}
