import BPMNModel
import Foundation

/// BPMN errors and escalations: raised by error and escalation events or by scripts, and
/// caught by the innermost matching boundary event.
extension InstanceRun {
    /// Returns the error or escalation an end or intermediate throw event raises, if it has one.
    func thrownEvent(of node: FlowNode) -> ThrownEvent? {
        for definition in node.eventDefinitions {
            switch definition {
            case .error(let ref):
                let error = ref.flatMap { graph.definitions.errors[$0] }
                return ThrownEvent(kind: .error, code: error?.code ?? ref, message: error?.name)
            case .escalation(let ref):
                let escalation = ref.flatMap { graph.definitions.escalations[$0] }
                return ThrownEvent(kind: .escalation, code: escalation?.code ?? ref, message: escalation?.name)
            default:
                continue
            }
        }
        return nil
    }

    /// Delivers an error or escalation raised at `itemId` to the innermost boundary event
    /// that catches it: first on the raising activity, then on each enclosing sub-process.
    /// An uncaught error fails the instance (every token is cancelled and the item
    /// keeps the error); an uncaught escalation is recorded and the flow goes on.
    func raise(_ thrown: ThrownEvent, itemId: String, tokenId: Int, node: FlowNode) throws {
        let label = "\(thrown.kind.rawValue) '\(thrown.code ?? "")'"
        updateItem(itemId) {
            $0.statusDetails = .object([
                thrown.kind == .error ? "bpmnError" : "escalation": thrown.code.map(JSONValue.string) ?? .null,
                "message": thrown.message.map(JSONValue.string) ?? .null,
            ])
        }
        let raisedByActivity = !(node.kind.isEvent || node.kind.isGateway)
        var hostItemId: String? = raisedByActivity ? itemId : scopeItemId(of: tokenId)
        var hostTokenId = raisedByActivity ? tokenId : (hostItemId.flatMap { scopeHost(ofItem: $0) } ?? tokenId)
        var isScopeLevel = !raisedByActivity
        while var currentHost = hostItemId, let hostItem = item(currentHost), let hostNode = graph.nodes[hostItem.elementId] {
            // An event sub-process inside the scope catches before the scope's own boundary events.
            if isScopeLevel, let body = hostNode.subProcess, let (handler, start) = catchingEventSubProcess(in: body, for: thrown) {
                note(thrown.kind.rawValue, itemId: itemId, elementId: node.id,
                     message: "\(label) raised by '\(node.id)' was caught by event sub-process '\(handler.id)'")
                let anchor = scopeTokens(ofItem: currentHost).first?.id
                return try triggerEventSubProcess(
                    handler, start: start, subscriptionTokenId: nil, scopeItemId: currentHost, anchorTokenId: anchor,
                    data: Self.thrownData(thrown))
            }
            isScopeLevel = true
            // A looped activity's boundary events sit on its owner item, not on the iteration.
            if isIteration(hostTokenId, of: hostNode), let iteration = token(hostTokenId),
                let owner = iteration.originItemId, let ownerToken = iteration.parentTokenId
            {
                currentHost = owner
                hostItemId = owner
                hostTokenId = ownerToken
            }
            if let catcher = catchingBoundary(of: hostNode, for: thrown) {
                note(thrown.kind.rawValue, itemId: itemId, elementId: node.id,
                     message: "\(label) raised by '\(node.id)' was caught by '\(catcher.id)'")
                return try catchEvent(catcher, hostItemId: currentHost, hostTokenId: hostTokenId, thrown: thrown)
            }
            hostItemId = scopeItemId(of: hostTokenId)
            hostTokenId = hostItemId.flatMap { scopeHost(ofItem: $0) } ?? hostTokenId
        }
        if let process = runningProcess, let (handler, start) = catchingEventSubProcess(in: process.body, for: thrown) {
            note(thrown.kind.rawValue, itemId: itemId, elementId: node.id,
                 message: "\(label) raised by '\(node.id)' was caught by event sub-process '\(handler.id)'")
            return try triggerEventSubProcess(
                handler, start: start, subscriptionTokenId: nil, scopeItemId: nil, anchorTokenId: nil, data: Self.thrownData(thrown))
        }
        if thrown.kind == .escalation {
            note("escalation", itemId: itemId, elementId: node.id, message: "\(label) raised by '\(node.id)' was not caught; the flow goes on")
            return
        }
        note("error", itemId: itemId, elementId: node.id, message: "\(label) raised by '\(node.id)' was not caught; the instance failed")
        terminateAll(except: nil)
        instance.status = .failed
        instance.endedAt = now
    }

    /// Builds the data an error or escalation start event receives: the code and the message.
    static func thrownData(_ thrown: ThrownEvent) -> JSONValue {
        .object([
            thrown.kind == .error ? "errorCode" : "escalationCode": thrown.code.map(JSONValue.string) ?? .null,
            "errorMessage": thrown.message.map(JSONValue.string) ?? .null,
        ])
    }

    /// Returns the token waiting at a sub-process item.
    private func scopeHost(ofItem itemId: String) -> Int? {
        tokens.first { $0.currentItemId == itemId }?.id
    }

    /// Finds the first boundary event of `host` whose definition matches: same code, or no code
    /// (which catches every error or escalation).
    private func catchingBoundary(of host: FlowNode, for thrown: ThrownEvent) -> FlowNode? {
        let boundaries = graph.boundaryEvents[host.id] ?? []
        func code(_ boundary: FlowNode) -> String?? {
            for definition in boundary.eventDefinitions {
                switch (definition, thrown.kind) {
                case (.error(let ref), .error):
                    return .some(ref.flatMap { graph.definitions.errors[$0]?.code ?? $0 })
                case (.escalation(let ref), .escalation):
                    return .some(ref.flatMap { graph.definitions.escalations[$0]?.code ?? $0 })
                default:
                    continue
                }
            }
            return .none
        }
        if let exact = boundaries.first(where: { code($0) == .some(thrown.code) && thrown.code != nil }) { return exact }
        return boundaries.first { code($0) == .some(nil) }
    }

    /// Fires a catching boundary event: the armed boundary item when the host waits,
    /// otherwise a new boundary item created for the catch.
    private func catchEvent(_ boundary: FlowNode, hostItemId: String, hostTokenId: Int, thrown: ThrownEvent) throws {
        let armed = tokens.first {
            $0.kind == .boundaryEvent && $0.originItemId == hostItemId && $0.currentNodeId == boundary.id
                && $0.status == .wait
        }
        let boundaryTokenId: Int
        let boundaryItemId: String
        if let armed, let armedItem = armed.currentItemId {
            boundaryTokenId = armed.id
            boundaryItemId = armedItem
        } else {
            boundaryTokenId = spawnToken(
                kind: .boundaryEvent, at: boundary.id, parent: hostTokenId, originItemId: hostItemId,
                dataPath: token(hostTokenId)?.dataPath ?? "")
            dropReady(boundaryTokenId)
            boundaryItemId = createItem(
                elementId: boundary.id, name: boundary.name, type: boundary.kind.typeName, status: .wait,
                tokenId: boundaryTokenId)
            updateToken(boundaryTokenId) {
                $0.status = .wait
                $0.currentItemId = boundaryItemId
            }
        }
        updateItem(boundaryItemId) {
            $0.output = .object([
                thrown.kind == .error ? "errorCode" : "escalationCode": thrown.code.map(JSONValue.string) ?? .null,
                "message": thrown.message.map(JSONValue.string) ?? .null,
            ])
        }
        guard let boundaryToken = token(boundaryTokenId) else { return }
        try fireBoundary(boundary, itemId: boundaryItemId, boundaryToken: boundaryToken)
    }
}
