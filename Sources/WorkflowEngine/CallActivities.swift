import BPMNModel
import Foundation

/// Starts the instance a call activity calls; returns it as committed.
typealias CallStarter = (_ calledElement: String, _ data: JSONValue, _ parentItemId: String, _ userName: String?) throws -> Execution

/// Call activities, on the calling side. The child is its own instance whose `parentItemId`
/// is the call activity's item, and the item waits until the child ends.
extension InstanceRun {
    func enterCallActivity(_ node: FlowNode, itemId: String, tokenId: Int) throws {
        guard let raw = node.calledElement?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            throw EngineError.unsupportedElement(elementId: node.id, type: "bpmn:CallActivity without calledElement")
        }
        guard let callStarter else {
            throw EngineError.unsupportedElement(elementId: node.id, type: "bpmn:CallActivity outside an engine call")
        }
        let called = raw.hasPrefix("$") ? (try evaluate(raw, itemId: itemId, tokenId: tokenId, elementId: node.id)?.stringValue ?? raw) : raw
        let input = try callInput(of: node, itemId: itemId, tokenId: tokenId)

        updateItem(itemId) { $0.status = .wait }
        updateToken(tokenId) { $0.status = .wait }
        armBoundaryEvents(of: node, hostItemId: itemId, tokenId: tokenId)
        let child = try callStarter(called, input, itemId, userName)
        note("call", itemId: itemId, elementId: node.id, message: "'\(node.id)' started instance \(child.id) of '\(child.instance.name)'")
        try finishCallIfChildEnded(node, itemId: itemId, tokenId: tokenId, child: child)
    }

    /// Builds the data a called instance starts with: a copy of the caller's scope when the call
    /// activity has no `camunda:in` mappings, else only what the mappings give.
    private func callInput(of node: FlowNode, itemId: String, tokenId: Int) throws -> JSONValue {
        let scope = data(of: tokenId)
        guard !node.callInputs.isEmpty else { return scope.objectValue.map(JSONValue.object) ?? .emptyObject }
        var result: [String: JSONValue] = [:]
        for mapping in node.callInputs {
            if mapping.all {
                for (key, value) in scope.objectValue ?? [:] { result[key] = value }
                continue
            }
            guard let target = mapping.target ?? mapping.source else { continue }
            if let expression = mapping.sourceExpression {
                result[target] = try evaluate(expression, itemId: itemId, tokenId: tokenId, elementId: node.id) ?? .null
            } else if let source = mapping.source {
                result[target] = scope.value(atPath: source) ?? .null
            }
        }
        return .object(result)
    }

    /// Completes the call activity when the child has ended, or raises the child's uncaught
    /// error at it; does nothing while the child runs.
    func finishCallIfChildEnded(_ node: FlowNode, itemId: String, tokenId: Int, child: Execution) throws {
        switch child.status {
        case .running:
            return
        case .end:
            mergeData(try callOutput(of: node, child: child), tokenId: tokenId, itemId: itemId)
            try resume(itemId: itemId, tokenId: tokenId)
        case .failed, .terminated:
            let failing = child.items.last { !$0.statusDetails["bpmnError"].isNilOrNull }
            let code = failing?.statusDetails["bpmnError"]?.stringValue
            let thrown = ThrownEvent(kind: .error, code: code, message: "instance \(child.id) of '\(child.instance.name)' failed")
            updateToken(tokenId) { $0.status = .running }
            try raise(thrown, itemId: itemId, tokenId: tokenId, node: node)
        }
    }

    /// Builds the data a finished child gives back: nothing without `camunda:out` mappings.
    private func callOutput(of node: FlowNode, child: Execution) throws -> JSONValue {
        var result: [String: JSONValue] = [:]
        let childData = child.instance.data
        for mapping in node.callOutputs {
            if mapping.all {
                for (key, value) in childData.objectValue ?? [:] { result[key] = value }
                continue
            }
            guard let target = mapping.target ?? mapping.source else { continue }
            if let expression = mapping.sourceExpression {
                let scope = ScriptScope(item: .emptyObject, data: childData, now: now)
                result[target] = try scripts.evaluate(expression: expression, scope: scope, elementId: node.id).value ?? .null
            } else if let source = mapping.source {
                result[target] = childData.value(atPath: source) ?? .null
            }
        }
        return .object(result)
    }
}

extension JSONValue? {
    var isNilOrNull: Bool { self == nil || self == .null }
}

extension WorkflowEngine {
    /// Starts the instance a call activity names: a model by name (as bpmn-server does), or
    /// the newest model that has a process with that id (starting at that process).
    func startCalledInstance(_ calledElement: String, data: JSONValue, parentItemId: String, userName: String?) throws -> Execution {
        var modelName = calledElement
        var startNodeId: String?
        if try store.model(name: calledElement, version: nil) == nil {
            guard let (name, startId) = try modelWithProcess(calledElement) else {
                throw EngineError.modelNotFound(name: calledElement)
            }
            modelName = name
            startNodeId = startId
        }
        callsInProgress.insert(parentItemId)
        defer { callsInProgress.remove(parentItemId) }
        return try start(
            modelName, data: data, user: userName.map { UserContext(name: $0) },
            options: StartOptions(startNodeId: startNodeId, parentItemId: parentItemId))
    }

    private func modelWithProcess(_ processId: String) throws -> (String, String?)? {
        for summary in try store.listModels() {
            let entry = try models.definitions(name: summary.name, version: nil)
            guard let process = entry.definitions.processes.first(where: { $0.id == processId }) else { continue }
            let start = process.body.nodes.first { $0.kind == .startEvent && $0.eventDefinitions.isEmpty }
                ?? process.body.nodes.first { $0.kind == .startEvent }
            return (summary.name, start?.id)
        }
        return nil
    }

    /// Resumes the call activity that started `child`, after the child ended in this call.
    /// Skipped while the caller itself is starting the child: it reads the result directly.
    func resumeCaller(of child: Execution, user: UserContext?) throws {
        guard let parentItemId = child.instance.parentItemId, !callsInProgress.contains(parentItemId) else { return }
        let found = try store.findItems(.field(.item(.id), .eq(.string(parentItemId))), options: FindOptions(limit: 1))
        guard let callItem = found.first, callItem.status == .wait,
            let state = try store.loadRunState(id: callItem.instanceId), state.instance.status == .running,
            let token = state.tokens.first(where: { $0.currentItemId == parentItemId })
        else { return }
        let model = try models.definitions(name: state.instance.name, version: state.instance.modelVersion)
        let run = makeRun(state, hasAllItems: false, graph: model.graph, user: user)
        guard let node = run.graph.nodes[callItem.elementId] else { return }
        try run.finishCallIfChildEnded(node, itemId: parentItemId, tokenId: token.id, child: child)
        try run.run()
        let record = HistoryRecord(
            instanceId: state.instance.id, at: clock.now(), user: user?.name, action: "call",
            itemId: parentItemId, elementId: callItem.elementId,
            message: "called instance \(child.id) ended with status \(child.status.rawValue)")
        _ = try save(run, history: record)
    }
}
