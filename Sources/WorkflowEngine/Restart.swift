import Foundation

extension WorkflowEngine {
    /// Re-opens an ended instance at an earlier item (bpmn-server's `restart`).
    ///
    /// `query` must match exactly one item of any status. When that item waited at the
    /// earliest save point that contains it, the instance returns to that save point. Its items
    /// and tokens become those of the save point, so later items are removed and the item
    /// waits again. The instance data stays the current data merged with `data`. When the item
    /// did not wait there (a script task ends in the call that entered it), its element runs
    /// again on a new path of the ended instance, with the current items kept, as
    /// `restart(instanceId:at:)` does.
    ///
    /// Save points are recorded only while the setting `snapshots` is `on`
    /// (`setSavePoints(enabled:)`).
    /// - Throws: `EngineError.noMatchingItem` or `.ambiguousItems` unless exactly one item
    ///   matches; `AdministrationError.instanceStillRunning` when the instance runs;
    ///   `AdministrationError.noSavePoint` when no save point contains a waiting item.
    @discardableResult
    public func restart(_ query: JSONValue, data: JSONValue = .emptyObject, user: UserContext? = nil) throws -> Execution {
        let input = try Self.requireObject(data, name: "data")
        let parsed = try Self.parseQuery(query)
        try requireWritable("restart")

        return try store.writeTransaction {
            let found = try store.findItems(parsed, options: FindOptions(limit: 2))
            guard let target = found.first else { throw EngineError.noMatchingItem(query: query.jsonText) }
            if found.count > 1 {
                let count = try store.findItems(parsed, options: FindOptions()).count
                throw EngineError.ambiguousItems(query: query.jsonText, count: count)
            }
            guard let current = try store.loadInstance(id: target.instanceId) else {
                throw EngineError.instanceNotFound(query: "{\"id\":\(JSONValue.string(target.instanceId).jsonText)}")
            }
            guard current.instance.status != .running else {
                throw AdministrationError.instanceStillRunning(instanceId: target.instanceId)
            }

            guard let savePoint = try store.savePoint(instanceId: target.instanceId, containing: target.id) else {
                throw AdministrationError.noSavePoint(
                    itemId: target.id, elementId: target.elementId, savePointsOn: try savePointsEnabled())
            }
            if savePoint.items.first(where: { $0.id == target.id })?.status == .wait {
                return try reopen(current, at: savePoint, item: target, data: input, user: user)
            }
            return try rerun(current, elementId: target.elementId, data: input, user: user, action: "restart")
        }
    }

    /// Re-opens an ended instance by starting a new path at `elementId` (bpmn-server's
    /// `startEvent` with `restart: true`): the instance runs again, its items and data are
    /// kept, and `data` is merged into the instance data. On a running instance this is
    /// `startEvent`.
    /// - Throws: `EngineError.instanceNotFound`, `.startNodeNotFound`, and the errors of the run.
    @discardableResult
    public func restart(instanceId: String, at elementId: String, data: JSONValue = .emptyObject, user: UserContext? = nil) throws -> Execution {
        let input = try Self.requireObject(data, name: "data")
        try requireWritable("restart")

        let state = try store.readTransaction { try store.loadInstance(id: instanceId) }
        guard let state else {
            throw EngineError.instanceNotFound(query: "{\"id\":\(JSONValue.string(instanceId).jsonText)}")
        }
        if state.instance.status == .running {
            return try startEvent(instanceId: instanceId, elementId: elementId, data: input, user: user)
        }
        return try store.writeTransaction {
            guard let fresh = try store.loadInstance(id: instanceId) else {
                throw EngineError.instanceNotFound(query: "{\"id\":\(JSONValue.string(instanceId).jsonText)}")
            }
            return try rerun(fresh, elementId: elementId, data: input, user: user, action: "restart")
        }
    }

    /// Restores a save point in which `item` waited, and writes it.
    private func reopen(
        _ current: InstanceState, at savePoint: InstanceState, item: ItemRecord, data: JSONValue, user: UserContext?
    ) throws -> Execution {
        var state = savePoint
        state.instance.status = .running
        state.instance.endedAt = nil
        state.instance.data = current.instance.data.merging(data)
        state.instance.revision = current.instance.revision + 1
        state.instance.nextSeq = max(current.instance.nextSeq, state.instance.nextSeq)

        let kept = Set(state.items.map(\.id))
        let dropped = current.items.map(\.id).filter { !kept.contains($0) }
        try store.removeItems(ids: dropped, instanceId: current.instance.id)
        try store.saveInstance(state, changedItemIds: nil)
        try store.appendHistory([
            HistoryRecord(
                instanceId: current.instance.id, at: clock.now(), user: user?.name, action: "restart",
                itemId: item.id, elementId: item.elementId, data: data,
                message: "restarted at '\(item.name ?? item.elementId)' from its save point; removed \(dropped.count) later items")
        ])
        return Execution(instance: state.instance, items: state.items, tokens: state.tokens)
    }

    /// Runs `elementId` again on a new path of an ended instance.
    private func rerun(
        _ current: InstanceState, elementId: String, data: JSONValue, user: UserContext?, action: String
    ) throws -> Execution {
        let model = try models.definitions(name: current.instance.name, version: current.instance.modelVersion)
        let graph = model.graph
        guard graph.nodes[elementId] != nil else {
            throw EngineError.startNodeNotFound(model: current.instance.name, nodeId: elementId)
        }

        var state = current
        state.instance.status = .running
        state.instance.endedAt = nil
        state.instance.data = state.instance.data.merging(data)
        let run = makeRun(state, graph: graph, user: user)
        run.spawnToken(kind: .primary, at: elementId, parent: nil, originItemId: nil, dataPath: "")
        try run.run()

        let record = HistoryRecord(
            instanceId: current.instance.id, at: clock.now(), user: user?.name, action: action,
            elementId: elementId, data: data, message: "restarted at '\(elementId)' on a new path")
        return try save(run, history: record)
    }
}
