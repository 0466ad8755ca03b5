import BPMNModel
import Foundation

/// Compensation and transaction cancellation.
///
/// An activity with a compensation boundary event records, when it completes normally, the
/// handler to run and its completion order in `statusDetails.compensation`. A compensation
/// throw or end event runs the handlers of its scope's completed activities (or of the one its
/// `activityRef` names) in reverse order of completion, each once, and waits until they end.
extension InstanceRun {
    /// Records a completed activity that has a compensation handler.
    func recordCompensable(_ node: FlowNode, itemId: String) {
        guard let handler = graph.compensationHandlers[node.id] else { return }
        let order = instance.nextSeq
        updateItem(itemId) { item in
            var details = item.statusDetails.objectValue ?? [:]
            details["compensation"] = .object(["handler": .string(handler), "order": .number(Double(order))])
            item.statusDetails = .object(details)
        }
    }

    /// Returns the activityRef of a compensation throw or end event, when it has a compensate
    /// definition.
    func compensationTarget(of node: FlowNode) -> String?? {
        for definition in node.eventDefinitions {
            if case .compensate(let activityRef) = definition { return .some(activityRef) }
        }
        return .none
    }

    /// Starts the handlers for the compensable activities completed in the scope of `tokenId`.
    /// - Returns: how many handlers were started (the throwing item waits for them).
    @discardableResult
    func startCompensation(scopeOf tokenId: Int, activityRef: String?, throwItemId: String) throws -> Int {
        var scope = scopeItemId(of: tokenId)
        var activity = activityRef
        // Compensating a completed sub-process runs its compensation event sub-process when it
        // has one, else compensates the activities completed inside it.
        if let reference = activityRef, let node = graph.nodes[reference], let body = node.subProcess,
            let completed = try items(ofElements: [reference]).last(where: { $0.status == .end && $0.endedAt != nil })
        {
            if let handler = compensationEventSubProcess(in: body), completed.statusDetails["compensated"] == nil {
                updateItem(completed.id) { record in
                    var details = record.statusDetails.objectValue ?? [:]
                    details["compensated"] = true
                    record.statusDetails = .object(details)
                }
                let dataPath = scopeTokens(ofItem: completed.id).first?.dataPath ?? ""
                spawnToken(kind: .boundaryEvent, at: handler.start.id, parent: token(tokenId)?.parentTokenId, originItemId: throwItemId, dataPath: dataPath)
                note("compensate", itemId: completed.id, elementId: reference,
                     message: "compensating '\(reference)' with its event sub-process '\(handler.eventSubProcess.id)'")
                return 1
            }
            scope = completed.id
            activity = nil
        }
        // Only activities with a compensation handler record `compensation` details, so the
        // completed ones are read by element id instead of from the whole history.
        let candidates = try items(ofElements: Array(graph.compensationHandlers.keys)).filter { item in
            guard item.status == .end, item.endedAt != nil,
                let info = item.statusDetails["compensation"]?.objectValue, info["done"] == nil,
                activity == nil || item.elementId == activity
            else { return false }
            return scopeItemId(of: item.tokenId) == scope
        }
        let ordered = candidates.sorted {
            ($0.statusDetails["compensation"]?["order"]?.numberValue ?? 0) > ($1.statusDetails["compensation"]?["order"]?.numberValue ?? 0)
        }
        for item in ordered {
            guard let handler = item.statusDetails["compensation"]?["handler"]?.stringValue, graph.nodes[handler] != nil else { continue }
            updateItem(item.id) { record in
                var details = record.statusDetails.objectValue ?? [:]
                var info = details["compensation"]?.objectValue ?? [:]
                info["done"] = true
                details["compensation"] = .object(info)
                record.statusDetails = .object(details)
            }
            let dataPath = token(item.tokenId)?.dataPath ?? ""
            spawnToken(kind: .boundaryEvent, at: handler, parent: token(tokenId)?.parentTokenId, originItemId: throwItemId, dataPath: dataPath)
            note("compensate", itemId: item.id, elementId: item.elementId, message: "compensating '\(item.elementId)' with '\(handler)'")
        }
        return ordered.count
    }

    /// The event sub-process of a scope whose start event has a compensation definition.
    private func compensationEventSubProcess(in body: FlowContainer) -> (eventSubProcess: FlowNode, start: FlowNode)? {
        for node in body.nodes where node.triggeredByEvent {
            if let start = node.subProcess?.nodes.first(where: { start in
                start.kind == .startEvent && start.eventDefinitions.contains { if case .compensate = $0 { return true } else { return false } }
            }) {
                return (node, start)
            }
        }
        return nil
    }

    /// Resumes compensation throw events whose handlers have all ended.
    /// - Returns: whether one resumed.
    func completeOneFinishedCompensation() throws -> Bool {
        for item in items where item.status == .wait {
            guard let node = graph.nodes[item.elementId], compensationTarget(of: node) != nil,
                node.kind == .intermediateThrowEvent || node.kind == .endEvent
            else { continue }
            let handlers = tokens.filter { $0.originItemId == item.id && $0.kind == .boundaryEvent }
            guard !handlers.contains(where: { $0.status == .running || $0.status == .wait }),
                let host = tokens.first(where: { $0.currentItemId == item.id })
            else { continue }
            try resume(itemId: item.id, tokenId: host.id)
            if node.kind == .endEvent { updateToken(host.id) { $0.status = .end } }
            return true
        }
        return false
    }

    /// Handles a cancel end event inside a transaction: cancels the rest of the transaction,
    /// compensates its completed activities, and fires the transaction's cancel boundary event.
    /// - Throws: `EngineError.unsupportedElement` when the event is not inside a transaction
    ///   with a cancel boundary event.
    func cancelTransaction(from node: FlowNode, itemId: String, tokenId: Int) throws {
        guard let transactionItemId = scopeItemId(of: tokenId), let transactionItem = item(transactionItemId),
            let transaction = graph.nodes[transactionItem.elementId], transaction.kind == .transaction,
            let boundary = (graph.boundaryEvents[transaction.id] ?? []).first(where: { $0.eventDefinitions.contains(.cancel) }),
            let hostTokenId = tokens.first(where: { $0.currentItemId == transactionItemId })?.id
        else {
            throw EngineError.unsupportedElement(elementId: node.id, type: "bpmn:EndEvent (cancel) outside a transaction with a cancel boundary event")
        }
        note("cancel", itemId: itemId, elementId: node.id, message: "cancel end event '\(node.id)' cancelled transaction '\(transaction.id)'")
        for inner in scopeTokens(ofItem: transactionItemId) where inner.status == .running || inner.status == .wait {
            if inner.id != tokenId { cancelToken(inner.id) }
        }
        try startCompensation(scopeOf: tokenId, activityRef: nil, throwItemId: itemId)
        let armed = tokens.first {
            $0.kind == .boundaryEvent && $0.originItemId == transactionItemId && $0.currentNodeId == boundary.id && $0.status == .wait
        }
        guard let armed, let armedItem = armed.currentItemId else { return }
        try fireBoundary(boundary, itemId: armedItem, boundaryToken: armed)
        _ = hostTokenId
    }
}
