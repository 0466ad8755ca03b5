import BPMNModel
import Foundation

extension WorkflowEngine {
    /// Completes the one waiting item that `query` matches, like `invoke`, but commits as
    /// soon as the item has ended, without running what follows it (bpmn-server's `noWait`
    /// option). The item's token stays `running` at the item, and `runDeferredWork` moves it
    /// on in a later transaction. A waiting boundary event or event sub-process start is
    /// delivered at once, as `invoke` does.
    /// - Throws: as `invoke`.
    public func invokeWithoutWaiting(_ query: JSONValue, data: JSONValue = .emptyObject, user: UserContext? = nil) throws -> Execution {
        let input = try acceptData(data, name: "data")
        let parsed = try Self.parseQuery(query)
        return try performChange("invoke", data: input, user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            let target = try findOneWaitingItem(parsed, query: query, scope: scope)
            let (run, tokenId) = try loadRun(for: target, user: user)
            guard let node = run.graph.nodes[target.elementId], node.kind != .boundaryEvent,
                run.subscriptionTarget(ofItem: target.id) == nil
            else { return try invoke(query, data: data, user: user) }

            if try AccessRules.checkComplete(target, tenantId: run.instance.tenantId, scope: scope), let name = scope.userName {
                try setAssignee(name, of: target, in: run, tokenId: tokenId)
            }
            run.mergeData(input, tokenId: tokenId, itemId: target.id)
            run.itemInputs[target.id] = input
            try run.runValidateListeners(of: node, itemId: target.id, tokenId: tokenId)
            run.updateToken(tokenId) { $0.status = .running }
            if node.kind == .userTask {
                try run.runListeners(of: node, event: "complete", itemId: target.id, tokenId: tokenId)
            }
            try run.complete(itemId: target.id, tokenId: tokenId, node: node)

            let record = HistoryRecord(
                instanceId: target.instanceId, at: clock.now(), user: user?.name, action: "invoke",
                itemId: target.id, elementId: target.elementId, data: input,
                message: "completed '\(target.name ?? target.elementId)'; the rest runs later")
            return try save(run, history: record)
        }
    }

    /// Runs the work that `invokeWithoutWaiting` deferred: each instance with a token left
    /// `running` moves on from there until every token waits or ends, each instance in its
    /// own transaction. Call it after `invokeWithoutWaiting` returned, as bpmn-server runs
    /// the rest in the background. The `worker` command calls it on each round, so work
    /// deferred by a process that was killed before it went on is picked up.
    /// - Parameter limit: the most instances to continue in one call.
    /// - Returns: the executions of the continued instances.
    /// - Throws: the first failure; instances continued before it stay committed, and the
    ///   failed one keeps its deferred token.
    @discardableResult
    public func runDeferredWork(limit: Int = 1_000) throws -> [Execution] {
        try requireWritable("continue")
        let ids = try store.readTransaction { try store.instancesWithDeferredWork(limit: limit) }
        var executions: [Execution] = []
        for id in ids {
            let execution: Execution? = try store.writeTransaction {
                guard let state = try store.loadRunState(id: id), state.instance.status == .running else { return nil }
                let model = try models.definitions(name: state.instance.name, version: state.instance.modelVersion)
                let run = makeRun(state, hasAllItems: false, graph: model.graph, user: nil)

                for token in state.tokens where token.status == .running {
                    try continueToken(token, state: state, run: run)
                }
                try run.run()
                let record = HistoryRecord(
                    instanceId: id, at: clock.now(), user: nil, action: "continue",
                    message: "ran the work a call without waiting left")
                return try save(run, history: record)
            }
            if let execution { executions.append(execution) }
        }
        return executions
    }

    /// Moves a deferred token on: out of its node when its current item there has ended,
    /// else into its current node.
    private func continueToken(_ token: TokenRecord, state: InstanceState, run: InstanceRun) throws {
        guard let node = run.graph.nodes[token.currentNodeId] else {
            throw EngineError.unsupportedElement(elementId: token.currentNodeId, type: "unknown element")
        }
        let current = token.currentItemId.flatMap { id in state.items.first { $0.id == id } }
        if let current, current.elementId == node.id, current.status == .end {
            try run.leave(node: node, tokenId: token.id)
        } else {
            run.move(tokenId: token.id, to: node.id)
        }
    }
}
