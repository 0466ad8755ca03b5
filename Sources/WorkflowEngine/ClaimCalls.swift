import BPMNModel
import Foundation

extension WorkflowEngine {
    /// Assigns the one waiting user task that `query` matches to `user`, when it is unassigned
    /// and the user sees it (see `AccessRules`). Claiming a task already assigned to the user
    /// changes nothing and writes no history.
    /// - Throws: `EngineError.accessDenied` when the task is assigned to someone else or not
    ///   offered to the user (the attempt is recorded in the history), `.noMatchingItem`,
    ///   `.ambiguousItems`, `.readOnly`.
    public func claim(_ query: JSONValue, user: UserContext?) throws -> Execution {
        let parsed = try Self.parseQuery(query)
        return try performChange("claim", user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            let target = try findOneWaitingItem(Self.userTasks(parsed), query: query, scope: scope)
            let (run, tokenId) = try loadRun(for: target, user: user)
            try AccessRules.checkClaim(target, tenantId: run.instance.tenantId, scope: scope)
            guard let name = scope.userName, target.assignee != name else { return unchanged(run) }

            try setAssignee(name, of: target, in: run, tokenId: tokenId)
            try run.run()
            let record = HistoryRecord(
                instanceId: target.instanceId, at: clock.now(), user: user?.name, action: "claim",
                itemId: target.id, elementId: target.elementId, data: .object(["assignee": .string(name)]),
                message: "claimed '\(target.name ?? target.elementId)'")
            return try save(run, history: record)
        }
    }

    /// Removes the assignee of the one waiting user task that `query` matches, so its
    /// candidates can claim it again. Only the assignee or an admin may unclaim. Unclaiming
    /// an unassigned task changes nothing and writes no history.
    /// - Throws: `EngineError.accessDenied` naming the assignee (the attempt is recorded in
    ///   the history), `.noMatchingItem`, `.ambiguousItems`, `.readOnly`.
    public func unclaim(_ query: JSONValue, user: UserContext?) throws -> Execution {
        let parsed = try Self.parseQuery(query)
        return try performChange("unclaim", user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            let target = try findOneWaitingItem(Self.userTasks(parsed), query: query, scope: scope)
            let (run, tokenId) = try loadRun(for: target, user: user)
            try AccessRules.checkUnclaim(target, tenantId: run.instance.tenantId, scope: scope)
            guard let previous = AccessRules.assignee(of: target) else { return unchanged(run) }

            try setAssignee(nil, of: target, in: run, tokenId: tokenId)
            try run.run()
            let record = HistoryRecord(
                instanceId: target.instanceId, at: clock.now(), user: user?.name, action: "unclaim",
                itemId: target.id, elementId: target.elementId, data: .object(["previousAssignee": .string(previous)]),
                message: "unclaimed '\(target.name ?? target.elementId)' from \(previous)")
            return try save(run, history: record)
        }
    }

    /// Sets or removes the assignee of a waiting item and runs the element's `assignment`
    /// task listeners, as `assign` does.
    func setAssignee(_ name: String?, of item: ItemRecord, in run: InstanceRun, tokenId: Int) throws {
        run.updateItem(item.id) { $0.assignee = name }
        if let node = run.graph.nodes[item.elementId] {
            try run.runListeners(of: node, event: "assignment", itemId: item.id, tokenId: tokenId)
        }
    }

    /// Narrows a query to user tasks, the only items that can be claimed.
    static func userTasks(_ query: Query) -> Query {
        .and([query, .field(.item(.type), .eq(.string(NodeKind.userTask.typeName)))])
    }

    private func unchanged(_ run: InstanceRun) -> Execution {
        execution(of: run.state, hasAllItems: run.hasAllItems, hasAllTokens: run.hasAllTokens)
    }
}
