import BPMNModel
import Foundation

/// Event sub-processes: sub-processes with `triggeredByEvent="true"`, started by an event in
/// their enclosing scope (the process, or an embedded sub-process) while that scope runs.
///
/// When a scope starts, each message, signal and timer start event of its event sub-processes
/// gets a subscription: an `EventSubProces` token waiting at the start event. Error and
/// escalation starts need none: `raise` looks them up in the model. A waiting subscription
/// does not keep its scope alive, and it is withdrawn when the scope ends.
extension InstanceRun {
    /// Arms the subscriptions of the event sub-processes directly inside `container`.
    /// - Parameters:
    ///   - parentTokenId: a token inside the scope (nil at process level), so the
    ///     subscription tokens belong to that scope.
    func armEventSubProcesses(in container: FlowContainer, parentTokenId: Int?, dataPath: String) throws {
        for node in container.nodes where node.triggeredByEvent {
            guard let start = node.subProcess?.nodes.first(where: { $0.kind == .startEvent }) else { continue }
            try armSubscription(start, parentTokenId: parentTokenId, dataPath: dataPath)
        }
    }

    private func armSubscription(_ start: FlowNode, parentTokenId: Int?, dataPath: String) throws {
        var messageName: String?
        var signalName: String?
        var timer: TimerDefinition?
        var conditional = false
        for definition in start.eventDefinitions {
            switch definition {
            case .message(let ref): messageName = ref.map { graph.definitions.messages[$0]?.name ?? $0 }
            case .signal(let ref): signalName = ref.map { graph.definitions.signals[$0]?.name ?? $0 }
            case .timer(let value): timer = value
            case .conditional: conditional = true
            default: continue
            }
        }
        guard messageName != nil || signalName != nil || timer != nil || conditional else { return }

        let tokenId = spawnToken(kind: .eventSubProcess, at: start.id, parent: parentTokenId, originItemId: nil, dataPath: dataPath)
        dropReady(tokenId)
        let itemId = createItem(elementId: start.id, name: start.name, type: start.kind.typeName, status: .wait, tokenId: tokenId)
        updateToken(tokenId) {
            $0.status = .wait
            $0.currentItemId = itemId
        }
        if let timer {
            let due = try dueDate(of: timer, elementId: start.id, itemId: itemId, tokenId: tokenId)
            updateItem(itemId) { $0.timeDue = due }
        }
        updateItem(itemId) {
            $0.messageId = messageName
            $0.signalId = signalName
        }
    }

    /// Reports whether a token is a waiting event sub-process subscription (which keeps nothing
    /// alive).
    func isSubscription(_ token: TokenRecord) -> Bool {
        token.kind == .eventSubProcess && token.status == .wait
            && token.currentItemId.flatMap { item($0) }.map { graph.nodes[$0.elementId]?.kind == .startEvent } == true
    }

    /// Withdraws the subscriptions among `scope` (every token when nil).
    func withdrawSubscriptions(_ scope: [TokenRecord]? = nil) {
        for token in scope ?? tokens where isSubscription(token) {
            cancelToken(token.id)
        }
    }

    /// Finds the event sub-process in `container` whose error or escalation start catches `thrown`:
    /// the same code first, then one without a code.
    func catchingEventSubProcess(in container: FlowContainer, for thrown: ThrownEvent) -> (FlowNode, FlowNode)? {
        var fallback: (FlowNode, FlowNode)?
        for node in container.nodes where node.triggeredByEvent {
            guard let start = node.subProcess?.nodes.first(where: { $0.kind == .startEvent }) else { continue }
            for definition in start.eventDefinitions {
                let code: String??
                switch (definition, thrown.kind) {
                case (.error(let ref), .error): code = .some(ref.flatMap { graph.definitions.errors[$0]?.code ?? $0 })
                case (.escalation(let ref), .escalation): code = .some(ref.flatMap { graph.definitions.escalations[$0]?.code ?? $0 })
                default: code = .none
                }
                guard case .some(let value) = code else { continue }
                if value == nil, fallback == nil { fallback = (node, start) }
                if let value, value == thrown.code { return (node, start) }
            }
        }
        return fallback
    }

    /// Starts an event sub-process whose start event `start` was triggered.
    /// - Parameters:
    ///   - subscriptionTokenId: the waiting subscription token, or nil for error and
    ///     escalation starts, which have none.
    ///   - scopeItemId: the enclosing sub-process item, or nil at process level.
    ///   - anchorTokenId: a token of the enclosing scope, to place the new tokens under.
    func triggerEventSubProcess(
        _ eventSubProcess: FlowNode, start: FlowNode, subscriptionTokenId: Int?, scopeItemId: String?,
        anchorTokenId: Int?, data: JSONValue
    ) throws {
        let dataPath = anchorTokenId.flatMap { token($0)?.dataPath } ?? subscriptionTokenId.flatMap { token($0)?.dataPath } ?? ""
        note("eventSubProcess", elementId: eventSubProcess.id,
             message: "event sub-process '\(eventSubProcess.id)' started by '\(start.id)'"
                 + (start.isInterrupting ? "; it interrupts its scope" : ""))
        if start.isInterrupting {
            let scope = scopeItemId.map(scopeTokens(ofItem:)) ?? tokens
            for token in scope where token.id != subscriptionTokenId && (token.status == .running || token.status == .wait) {
                cancelToken(token.id)
            }
        } else if let subscriptionTokenId, let parent = token(subscriptionTokenId)?.parentTokenId ?? anchorTokenId {
            try armSubscription(start, parentTokenId: parent, dataPath: dataPath)
        } else if subscriptionTokenId != nil {
            try armSubscription(start, parentTokenId: nil, dataPath: dataPath)
        }

        let parentOfHost = subscriptionTokenId.flatMap { token($0)?.parentTokenId } ?? anchorTokenId
        let hostTokenId = spawnToken(kind: .eventSubProcess, at: eventSubProcess.id, parent: parentOfHost, originItemId: nil, dataPath: dataPath)
        dropReady(hostTokenId)
        let hostItemId = createItem(
            elementId: eventSubProcess.id, name: eventSubProcess.name, type: eventSubProcess.kind.typeName,
            status: .wait, tokenId: hostTokenId)
        updateToken(hostTokenId) {
            $0.status = .wait
            $0.currentItemId = hostItemId
        }

        let innerTokenId: Int
        if let subscriptionTokenId, let itemId = token(subscriptionTokenId)?.currentItemId {
            innerTokenId = subscriptionTokenId
            updateToken(subscriptionTokenId) {
                $0.kind = .subProcess
                $0.parentTokenId = hostTokenId
                $0.originItemId = hostItemId
            }
            mergeData(data, tokenId: innerTokenId, itemId: itemId)
            updateItem(itemId) { $0.timeDue = nil }
            try resume(itemId: itemId, tokenId: innerTokenId)
        } else {
            innerTokenId = spawnToken(kind: .subProcess, at: start.id, parent: hostTokenId, originItemId: hostItemId, dataPath: dataPath)
            mergeData(data, tokenId: innerTokenId, itemId: nil)
        }
    }

    /// Finds the event sub-process and start event of a subscription item that received its event.
    func subscriptionTarget(ofItem itemId: String) -> (eventSubProcess: FlowNode, start: FlowNode)? {
        guard let item = item(itemId), let start = graph.nodes[item.elementId], start.kind == .startEvent,
            let owner = graph.scopeOfNode[start.id], let node = graph.nodes[owner], node.triggeredByEvent,
            let token = token(item.tokenId), token.kind == .eventSubProcess
        else { return nil }
        return (node, start)
    }
}
