import BPMNModel
import Foundation

/// Behaviour of each kind of flow node when a token enters it and when its item completes.
extension InstanceRun {
    /// Runs the entry side of a node: listeners, the kind's own work, then either waits,
    /// or completes the item and moves the token on.
    func enter(node: FlowNode, itemId: String, tokenId: Int) throws {
        updateItem(itemId) { $0.status = .start }
        try evaluateInputParameters(of: node, itemId: itemId, tokenId: tokenId)
        try runListeners(of: node, event: "start", itemId: itemId, tokenId: tokenId)

        switch node.kind {
        case .startEvent:
            try enterStartEvent(node, itemId: itemId, tokenId: tokenId)
        case .userTask:
            try applyAssignment(of: node, itemId: itemId, tokenId: tokenId)
            try runListeners(of: node, event: "create", itemId: itemId, tokenId: tokenId)
            return wait(itemId: itemId, tokenId: tokenId, host: node)
        case .receiveTask:
            setMessageName(of: node, itemId: itemId)
            if !takeArrivalSignal(tokenId) {
                return wait(itemId: itemId, tokenId: tokenId, host: node)
            }
        case .intermediateCatchEvent:
            if node.eventDefinitions.contains(where: { if case .link = $0 { return true } else { return false } }) {
                break
            }
            try prepareCatchEvent(node, itemId: itemId, tokenId: tokenId)
            if !takeArrivalSignal(tokenId) {
                return wait(itemId: itemId, tokenId: tokenId, host: nil)
            }
            updateItem(itemId) { $0.timeDue = nil }
        case .scriptTask:
            if let thrown = try runScriptTask(node, itemId: itemId, tokenId: tokenId) {
                try raise(thrown, itemId: itemId, tokenId: tokenId, node: node)
                guard token(tokenId)?.status == .running else { return }
            }
        case .businessRuleTask where node.otherAttributes[Self.camunda + "decisionRef"] != nil:
            try evaluateDecision(of: node, itemId: itemId, tokenId: tokenId)
        case .serviceTask, .sendTask, .businessRuleTask:
            if let service = node.implementation, !service.isEmpty, !service.hasPrefix("##"),
                let thrown = try callService(Self.serviceName(service), node: node, itemId: itemId, tokenId: tokenId)
            {
                try raise(thrown, itemId: itemId, tokenId: tokenId, node: node)
                guard token(tokenId)?.status == .running else { return }
            }
            if node.kind == .sendTask {
                _ = try throwEvents(of: node, itemId: itemId, tokenId: tokenId)
            }
        case .task, .manualTask:
            break
        case .intermediateThrowEvent where compensationTarget(of: node) != nil:
            if case .some(let activityRef) = compensationTarget(of: node),
                try startCompensation(scopeOf: tokenId, activityRef: activityRef, throwItemId: itemId) > 0
            {
                return wait(itemId: itemId, tokenId: tokenId, host: nil)
            }
        case .intermediateThrowEvent:
            if let thrown = thrownEvent(of: node) {
                try raise(thrown, itemId: itemId, tokenId: tokenId, node: node)
                guard token(tokenId)?.status == .running else { return }
            } else {
                try checkSupportedThrow(node)
                if try throwEvents(of: node, itemId: itemId, tokenId: tokenId) { return }
            }
        case .endEvent:
            return try enterEndEvent(node, itemId: itemId, tokenId: tokenId)
        case .exclusiveGateway, .inclusiveGateway, .parallelGateway:
            if isJoin(node) {
                return wait(itemId: itemId, tokenId: tokenId, host: nil)
            }
        case .eventBasedGateway:
            break
        case .boundaryEvent:
            break
        case .subProcess where !node.triggeredByEvent, .transaction, .adHocSubProcess:
            wait(itemId: itemId, tokenId: tokenId, host: node)
            return try enterSubProcess(node, itemId: itemId, tokenId: tokenId)
        case .callActivity:
            return try enterCallActivity(node, itemId: itemId, tokenId: tokenId)
        case .complexGateway, .subProcess, .unsupported:
            throw EngineError.unsupportedElement(elementId: node.id, type: node.kind.typeName)
        }
        try complete(itemId: itemId, tokenId: tokenId, node: node)
        try leave(node: node, tokenId: tokenId)
    }

    /// Completes a waiting item after `invoke` and moves its token on.
    func resume(itemId: String, tokenId: Int) throws {
        guard let item = item(itemId), let node = graph.nodes[item.elementId] else { return }
        updateToken(tokenId) { $0.status = .running }
        if node.kind == .userTask {
            try runListeners(of: node, event: "complete", itemId: itemId, tokenId: tokenId)
        }
        try complete(itemId: itemId, tokenId: tokenId, node: node)
        try leave(node: node, tokenId: tokenId)
    }

    /// Ends an item normally: end listeners, `end` status, and its boundary events withdrawn.
    /// The first event after an event-based gateway to complete withdraws the others.
    func complete(itemId: String, tokenId: Int, node: FlowNode) throws {
        updateItem(itemId) {
            $0.status = .end
            $0.endedAt = now
        }
        try runListeners(of: node, event: "end", itemId: itemId, tokenId: tokenId)
        try applyOutputParameters(of: node, itemId: itemId, tokenId: tokenId)
        recordCompensable(node, itemId: itemId)
        cancelBoundaryEvents(hostItemId: itemId)
        withdrawEventGatewayRivals(of: tokenId, node: node)
        try followMessageFlows(from: node)
    }

    /// Cancels the other branches of an event-based gateway when one of its events happens.
    private func withdrawEventGatewayRivals(of tokenId: Int, node: FlowNode) {
        guard node.kind == .intermediateCatchEvent || node.kind == .receiveTask,
            let token = token(tokenId), let gatewayItemId = token.originItemId,
            let gatewayItem = item(gatewayItemId), graph.nodes[gatewayItem.elementId]?.kind == .eventBasedGateway
        else { return }
        for rival in tokens where rival.id != tokenId && rival.originItemId == gatewayItemId
            && rival.status == .wait
        {
            cancelToken(rival.id)
        }
    }

    /// Puts the item and its token in `wait`, arming the host's boundary events.
    private func wait(itemId: String, tokenId: Int, host: FlowNode?) {
        updateItem(itemId) { $0.status = .wait }
        updateToken(tokenId) { $0.status = .wait }
        // The boundary events of a looped activity belong to its owner item, not to each iteration.
        if let host, !isIteration(tokenId, of: host) {
            armBoundaryEvents(of: host, hostItemId: itemId, tokenId: tokenId)
        }
    }

    private func enterStartEvent(_ node: FlowNode, itemId: String, tokenId: Int) throws {
        if let variable = node.initiator, !variable.isEmpty {
            mergeData(.object([variable: userName.map(JSONValue.string) ?? .null]), tokenId: tokenId, itemId: nil)
        }
    }

    private func enterEndEvent(_ node: FlowNode, itemId: String, tokenId: Int) throws {
        let terminates = node.eventDefinitions.contains(.terminate)
        let thrown = thrownEvent(of: node)
        for definition in node.eventDefinitions {
            switch definition {
            case .terminate, .error, .escalation, .message, .signal, .compensate:
                continue
            case .cancel:
                try complete(itemId: itemId, tokenId: tokenId, node: node)
                updateToken(tokenId) { $0.status = .end }
                return try cancelTransaction(from: node, itemId: itemId, tokenId: tokenId)
            default:
                throw EngineError.unsupportedElement(elementId: node.id, type: "bpmn:EndEvent (\(Self.describe(definition)))")
            }
        }
        if case .some(let activityRef) = compensationTarget(of: node),
            try startCompensation(scopeOf: tokenId, activityRef: activityRef, throwItemId: itemId) > 0
        {
            return wait(itemId: itemId, tokenId: tokenId, host: nil)
        }
        _ = try throwEvents(of: node, itemId: itemId, tokenId: tokenId)
        try complete(itemId: itemId, tokenId: tokenId, node: node)
        updateToken(tokenId) { $0.status = .end }
        if let thrown {
            return try raise(thrown, itemId: itemId, tokenId: tokenId, node: node)
        }
        guard terminates else { return }
        if let scopeItem = scopeItemId(of: tokenId) {
            note("terminate", itemId: itemId, elementId: node.id, message: "terminate end event '\(node.id)' ended its sub-process")
            for inner in scopeTokens(ofItem: scopeItem) where inner.status == .running || inner.status == .wait {
                cancelToken(inner.id)
            }
        } else {
            note("terminate", itemId: itemId, elementId: node.id, message: "terminate end event '\(node.id)' ended every token")
            terminateAll(except: tokenId)
        }
    }

    /// Cancels every live token and its waiting item (a terminate end event).
    func terminateAll(except keptTokenId: Int?) {
        for token in tokens where token.id != keptTokenId && (token.status == .running || token.status == .wait) {
            cancelToken(token.id)
        }
    }

    /// Ends a token without completing its current item: the item becomes `end` with no
    /// end time (bpmn-server's "cancelled"), and the token `terminated`.
    func cancelToken(_ tokenId: Int) {
        guard let token = token(tokenId) else { return }
        for child in tokens where child.parentTokenId == tokenId && (child.status == .running || child.status == .wait) {
            cancelToken(child.id)
        }
        if let itemId = token.currentItemId, let item = item(itemId), item.status != .end {
            updateItem(itemId) {
                $0.status = .end
                $0.endedAt = nil
                $0.timeDue = nil
            }
            cancelBoundaryEvents(hostItemId: itemId)
        }
        updateToken(tokenId) { $0.status = .terminated }
        dropReady(tokenId)
    }

    /// Runs a script task's script.
    /// - Returns: the BPMN error or escalation the script raised, if any.
    private func runScriptTask(_ node: FlowNode, itemId: String, tokenId: Int) throws -> ThrownEvent? {
        guard let script = node.script, !script.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        if let format = node.scriptFormat, !Self.isJavaScript(format) {
            throw EngineError.scriptFailed(elementId: node.id, message: "script format '\(format)' is not supported; use JavaScript")
        }
        return try runScript(.body, source: script, itemId: itemId, tokenId: tokenId, elementId: node.id)?.thrown
    }

    /// The service path in an implementation value: `${checkCredit}` and `#{x}` are unwrapped.
    static func serviceName(_ implementation: String) -> String {
        let text = implementation.trimmingCharacters(in: .whitespaces)
        if (text.hasPrefix("${") || text.hasPrefix("#{")) && text.hasSuffix("}") {
            return String(text.dropFirst(2).dropLast()).trimmingCharacters(in: .whitespaces)
        }
        return text
    }

    static func isJavaScript(_ format: String) -> Bool {
        ["javascript", "js", "ecmascript", "text/javascript", "application/javascript"].contains(format.lowercased())
    }

    private func checkSupportedThrow(_ node: FlowNode) throws {
        for definition in node.eventDefinitions {
            switch definition {
            case .message, .signal, .link, .error, .escalation, .compensate:
                continue
            default:
                throw EngineError.unsupportedElement(elementId: node.id, type: "bpmn:IntermediateThrowEvent (\(Self.describe(definition)))")
            }
        }
    }

    private func setMessageName(of node: FlowNode, itemId: String) {
        guard let ref = node.otherAttributes["messageRef"] else { return }
        let name = graph.definitions.messages[ref]?.name ?? ref
        updateItem(itemId) { $0.messageId = name }
    }

    /// Records what a catch event waits for: message and signal names, or a timer's due time.
    private func prepareCatchEvent(_ node: FlowNode, itemId: String, tokenId: Int) throws {
        for definition in node.eventDefinitions {
            switch definition {
            case .message(let ref):
                let name = ref.map { graph.definitions.messages[$0]?.name ?? $0 }
                updateItem(itemId) { $0.messageId = name }
            case .signal(let ref):
                let name = ref.map { graph.definitions.signals[$0]?.name ?? $0 }
                updateItem(itemId) { $0.signalId = name }
            case .timer(let timer):
                let due = try dueDate(of: timer, elementId: node.id, itemId: itemId, tokenId: tokenId)
                updateItem(itemId) { $0.timeDue = due }
            default:
                break
            }
        }
    }

    static func describe(_ definition: EventDefinition) -> String {
        switch definition {
        case .message: return "message"
        case .signal: return "signal"
        case .timer: return "timer"
        case .error: return "error"
        case .escalation: return "escalation"
        case .terminate: return "terminate"
        case .cancel: return "cancel"
        case .compensate: return "compensation"
        case .link: return "link"
        case .conditional: return "conditional"
        }
    }
}
