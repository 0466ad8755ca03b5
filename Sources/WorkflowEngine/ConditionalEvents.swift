import BPMNModel

/// Conditional catch events, conditional boundary events and conditional event sub-process
/// starts. Their condition is evaluated whenever a call's tokens have settled, so each call
/// that changes the data (invoke, assign, a message) re-checks them, and one whose condition is true fires.
extension InstanceRun {
    /// Returns the condition of a node's conditional event definition, if it has one.
    func conditionalExpression(of node: FlowNode) -> String? {
        for definition in node.eventDefinitions {
            if case .conditional(let condition) = definition {
                return condition?.trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        return nil
    }

    /// Fires the first waiting conditional event whose condition is now `true`.
    /// - Returns: whether one fired (its token then runs).
    func fireOneTrueConditional() throws -> Bool {
        for item in items where item.status == .wait {
            guard let node = graph.nodes[item.elementId], let condition = conditionalExpression(of: node),
                !condition.isEmpty, let token = tokens.first(where: { $0.currentItemId == item.id })
            else { continue }
            guard try evaluate(Self.conditionExpression(condition), itemId: item.id, tokenId: token.id, elementId: node.id) == .bool(true) else { continue }

            note("conditional", itemId: item.id, elementId: node.id, message: "condition of '\(node.id)' became true")
            if let target = subscriptionTarget(ofItem: item.id) {
                try triggerEventSubProcess(
                    target.eventSubProcess, start: target.start, subscriptionTokenId: token.id,
                    scopeItemId: scopeItemId(of: token.id), anchorTokenId: token.parentTokenId, data: .emptyObject)
            } else if node.kind == .boundaryEvent {
                try fireBoundary(node, itemId: item.id, boundaryToken: token)
            } else {
                try resume(itemId: item.id, tokenId: token.id)
            }
            return true
        }
        return false
    }
}
