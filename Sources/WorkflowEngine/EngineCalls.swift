import BPMNModel
import Foundation

extension WorkflowEngine {
    /// Starts an instance of the newest version of `modelName` and runs it until every
    /// token waits or ends.
    /// - Parameters:
    ///   - data: the initial instance data (a JSON object).
    ///   - user: the caller; its name goes on the created items and `camunda:initiator`. An
    ///     instance of a tenant's model belongs to that tenant, and an instance of a shared
    ///     model to the user's tenant. A user may start only shared models and those of the
    ///     tenants it reaches; a call without a user (timers, call activities) may start any.
    /// - Throws: `EngineError`; nothing is stored when it throws.
    public func start(
        _ modelName: String, data: JSONValue = .emptyObject, user: UserContext? = nil,
        options: StartOptions = StartOptions()
    ) throws -> Execution {
        let input = try acceptData(data, name: "data")
        return try performChange("start", data: input, user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            let modelTenant = try checkModelTenant(modelName, scope: scope, user: user)
            let model = try models.definitions(name: modelName, version: nil)
            let graph = model.graph
            let startNode = try Self.startNode(in: graph, model: modelName, requested: options.startNodeId)

            // An instance of a tenant's model belongs to that tenant, and an instance of a
            // shared model to the tenant of the user who started it.
            let instance = InstanceRecord(
                id: RandomIdentifier.uuid(), name: modelName, modelVersion: model.record.version,
                status: .running, data: input, startedAt: clock.now(), parentItemId: options.parentItemId,
                tenantId: modelTenant ?? scope.tenantId)
            let run = makeRun(InstanceState(instance: instance, items: [], tokens: []), graph: graph, user: user)
            run.isNewInstance = true
            run.spawnToken(kind: .primary, at: startNode.id, parent: nil, originItemId: nil, dataPath: "")
            if let process = run.runningProcess {
                try run.runProcessListeners(process, event: "start")
                try run.armEventSubProcesses(in: process.body, parentTokenId: nil, dataPath: "")
            }
            try run.run()

            let record = HistoryRecord(
                instanceId: instance.id, at: clock.now(), user: user?.name, action: "start",
                elementId: startNode.id, data: input, message: "started '\(modelName)' version \(model.record.version)")
            return try save(run, history: record)
        }
    }

    /// Completes the one waiting item that `query` matches, merges `data` into the item's
    /// scope and runs the instance on. The access rules apply to the item as stored now. The
    /// assignee, an admin, or a candidate of an unassigned item (which claims it first) may
    /// complete it, and anyone may complete an item that names no one (see `AccessRules`).
    /// - Parameter user: the caller; nil is a call without a user, which may only complete
    ///   items that name no one. Timers and tests that need every right pass `.system`.
    /// - Throws: `EngineError.noMatchingItem` or `.ambiguousItems` unless exactly one waiting
    ///   item matches in the user's tenants; `.accessDenied` (recorded as a `refused` history
    ///   row); script and gateway errors roll the whole call back.
    public func invoke(_ query: JSONValue, data: JSONValue = .emptyObject, user: UserContext? = nil) throws -> Execution {
        let input = try acceptData(data, name: "data")
        let parsed = try Self.parseQuery(query)
        return try performChange("invoke", data: input, user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            let target = try findOneWaitingItem(parsed, query: query, scope: scope)
            let (run, tokenId) = try loadRun(for: target, user: user)
            let claimsFirst = try AccessRules.checkComplete(target, tenantId: run.instance.tenantId, scope: scope)
            if claimsFirst, let name = scope.userName {
                try setAssignee(name, of: target, in: run, tokenId: tokenId)
            }

            if let node = run.graph.nodes[target.elementId],
                node.kind == .boundaryEvent || run.subscriptionTarget(ofItem: target.id) != nil
            {
                // Invoking a waiting boundary event or event sub-process start fires it.
                try run.deliverEvent(toItem: target.id, tokenId: tokenId, data: input)
            } else {
                run.mergeData(input, tokenId: tokenId, itemId: target.id)
                run.itemInputs[target.id] = input
                if let node = run.graph.nodes[target.elementId] {
                    try run.runValidateListeners(of: node, itemId: target.id, tokenId: tokenId)
                }
                try run.resume(itemId: target.id, tokenId: tokenId)
                try run.run()
            }

            let record = HistoryRecord(
                instanceId: target.instanceId, at: clock.now(), user: user?.name, action: "invoke",
                itemId: target.id, elementId: target.elementId, data: input,
                message: "completed '\(target.name ?? target.elementId)'" + (claimsFirst ? " after claiming it as a candidate" : ""))
            return try save(run, history: record)
        }
    }

    /// Changes the assignment fields of the one waiting item that `query` matches and merges
    /// `data` into the instance's root data. Allowed keys: assignee, candidateUsers,
    /// candidateGroups, dueDate, followUpDate, priority. Dates are ISO 8601 dates or
    /// durations from now; candidate lists are arrays or comma-separated strings; the priority
    /// is a number (a numeric string is stored as a number). Only the assignee or an admin
    /// may change an item that has an assignee; anyone who sees an unassigned item may.
    /// - Throws: `EngineError.invalidAssignment` naming an unknown key, `.invalidData` for a
    ///   bad value, `.accessDenied` (recorded as a `refused` history row).
    public func assign(
        _ query: JSONValue, data: JSONValue = .emptyObject, assignment: JSONValue,
        user: UserContext? = nil
    ) throws -> Execution {
        let input = try acceptData(data, name: "data")
        let given = try Self.requireObject(assignment, name: "assignment").objectValue ?? [:]
        let fields = try AssignmentValues.normalized(given)
        let parsed = try Self.parseQuery(query)
        return try performChange("assign", data: .object(["assignment": assignment, "data": input]), user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            let target = try findOneWaitingItem(parsed, query: query, scope: scope)
            let (run, tokenId) = try loadRun(for: target, user: user)
            try AccessRules.checkAssign(target, fields: fields, tenantId: run.instance.tenantId, scope: scope)
            try AssignmentUpdate.apply(fields, to: target.id, in: run, now: clock.now())
            run.instance.data = run.instance.data.merging(input)
            if let node = run.graph.nodes[target.elementId] {
                try run.runListeners(of: node, event: "assignment", itemId: target.id, tokenId: tokenId)
            }
            try run.run()

            let record = HistoryRecord(
                instanceId: target.instanceId, at: clock.now(), user: user?.name, action: "assign",
                itemId: target.id, elementId: target.elementId, data: .object(["assignment": assignment, "data": input]),
                message: "assigned '\(target.name ?? target.elementId)'")
            return try save(run, history: record)
        }
    }

    /// Fires every waiting timer whose due time is at or before the clock's now, each in its
    /// own transaction, in due-time order, and starts an instance for each due timer start
    /// event of a model. Timers armed by these firings that are already
    /// due (the missed repetitions of a cycle) fire in the same call.
    /// - Parameter limit: the most firings in one call, so a runaway cycle cannot hang it.
    /// - Returns: the executions of the instances whose timers fired, one per firing.
    /// - Throws: the first failure; timers fired before it stay committed.
    @discardableResult
    public func fireDueTimers(limit: Int = 10_000) throws -> [Execution] {
        // A read-only engine must not fire timers: callers such as the inbox check
        // `options.readOnly` and skip the firing instead of reporting this error.
        try requireWritable("fire timers")
        var executions: [Execution] = []
        while executions.count < limit {
            var batch = try fireDueTimerBatch(limit: limit - executions.count)
            batch += try fireDueTimerStarts(limit: limit - executions.count - batch.count)
            if batch.isEmpty { break }
            executions += batch
        }
        return executions
    }

    private func fireDueTimerBatch(limit: Int) throws -> [Execution] {
        let due = Query.and([
            .field(.item(.status), .eq(.string(ItemStatus.wait.rawValue))),
            .field(.item(.timeDue), .lte(.string(ISO8601.format(clock.now())))),
        ])
        let items = try store.readTransaction {
            try store.findItems(due, options: FindOptions(sort: [(key: .item(.timeDue), ascending: true)], limit: limit))
        }
        var executions: [Execution] = []
        for candidate in items {
            do {
                let execution: Execution? = try store.writeTransaction {
                    guard let state = try store.loadRunState(id: candidate.instanceId),
                        let current = state.items.first(where: { $0.id == candidate.id }),
                        current.status == .wait, let due = current.timeDue, due <= clock.now()
                    else { return nil }
                    let (run, _) = try loadRun(state: state, hasAllItems: false, for: current, user: nil)
                    try run.fireTimer(itemId: current.id)
                    let record = HistoryRecord(
                        instanceId: current.instanceId, at: clock.now(), user: nil, action: "timer",
                        itemId: current.id, elementId: current.elementId, message: "timer '\(current.elementId)' was due")
                    return try save(run, history: record)
                }
                if let execution { executions.append(execution) }
            } catch let error as EngineError {
                try recordTimerFailure(itemId: candidate.id, instanceId: candidate.instanceId, error: error)
            }
        }
        return executions
    }

    // MARK: - Steps shared by the calls

    /// - Parameter hasAllItems: false when `state` comes from `WorkflowStore.loadRunState`,
    ///   so the run reads ended items from the store when a behaviour needs them.
    func makeRun(_ state: InstanceState, hasAllItems: Bool = true, graph: ProcessGraph, user: UserContext?) -> InstanceRun {
        let run = InstanceRun(
            state: state, hasAllItems: hasAllItems, graph: graph, scripts: scripts, clock: clock, options: options,
            userName: user?.name)
        run.store = hasAllItems ? nil : store
        run.servicesLocation = servicesLocation
        run.decisionLookup = { [unowned self] reference in try self.findDecision(reference) }
        run.callStarter = { [unowned self] called, data, parentItemId, userName in
            try self.startCalledInstance(called, data: data, parentItemId: parentItemId, userName: userName)
        }
        return run
    }

    /// Finds the single waiting item a query names among the instances `scope` reaches. The
    /// caller checks the access rules of the item itself, so that a refusal names the rule.
    func findOneWaitingItem(_ query: Query, query original: JSONValue, scope: AccessScope = .unrestricted) throws -> ItemRecord {
        let waiting = Query.and([
            query, AccessQueries.instances(scope), .field(.item(.status), .eq(.string(ItemStatus.wait.rawValue))),
            .field(.item(.type), .ne(.string(InstanceRun.loopBodyType))),
        ])
        let found = try store.findItems(waiting, options: FindOptions(limit: 50))
        guard let first = found.first else { throw EngineError.noMatchingItem(query: original.jsonText) }
        if found.count > 1 { throw EngineError.ambiguousItems(query: original.jsonText, count: found.count) }
        return first
    }

    /// Loads the live part of the instance of `item` (`WorkflowStore.loadRunState`) with its
    /// model version, and the token whose current item it is.
    func loadRun(for item: ItemRecord, user: UserContext?) throws -> (InstanceRun, Int) {
        guard let state = try store.loadRunState(id: item.instanceId) else {
            throw EngineError.instanceNotFound(query: "{\"id\":\"\(item.instanceId)\"}")
        }
        return try loadRun(state: state, hasAllItems: false, for: item, user: user)
    }

    /// Prepares a run of a loaded instance, and finds the token whose current item is `item`.
    /// - Parameter hasAllItems: false when `state` comes from `WorkflowStore.loadRunState`.
    func loadRun(state: InstanceState, hasAllItems: Bool = true, for item: ItemRecord, user: UserContext?) throws -> (InstanceRun, Int) {
        let model = try models.definitions(name: state.instance.name, version: state.instance.modelVersion)
        let run = makeRun(state, hasAllItems: hasAllItems, graph: model.graph, user: user)
        guard let token = state.tokens.first(where: { $0.currentItemId == item.id }) else {
            throw EngineError.itemNotWaiting(itemId: item.id, elementId: item.elementId, status: item.status.rawValue)
        }
        return (run, token.id)
    }

    /// Writes the items and tokens the run changed and its history, and returns the committed
    /// state. The execution reads the ended items the run did not load when its `items` is
    /// first read.
    /// - Throws: the first failed on-demand read of the run (`InstanceRun.storeReadError`),
    ///   data limit and store errors; the caller's transaction then rolls back.
    func save(_ run: InstanceRun, history record: HistoryRecord) throws -> Execution {
        try requireWritable(record.action)
        if let error = run.storeReadError { throw error }
        try checkStoredDataLimits(of: run)
        run.instance.revision += 1
        try store.saveInstance(run.state, changedItemIds: run.changedItemIds, changedTokenIds: run.changedTokenIds)
        try store.appendHistory([record] + run.history)
        let committed = execution(of: run.state, hasAllItems: run.hasAllItems, hasAllTokens: run.hasAllTokens)
        let user = run.userName.map { UserContext(name: $0) }
        if run.finishedThisCall {
            try resumeCaller(of: committed, user: user)
        }
        guard !run.outbox.isEmpty else { return committed }
        try dispatch(run.outbox, user: user)
        guard let reloaded = try store.loadRunState(id: run.instance.id) else {
            throw EngineError.instanceNotFound(query: "{\"id\":\"\(run.instance.id)\"}")
        }
        return execution(of: reloaded, hasAllItems: false, hasAllTokens: false)
    }

    /// Returns the execution of a committed state. When `state` lacks ended items or tokens
    /// (the `has…` flags are false), they are read from the store on first use: items
    /// below the state's `nextSeq` and tokens below its highest token id.
    func execution(of state: InstanceState, hasAllItems: Bool, hasAllTokens: Bool) -> Execution {
        let loadedItems = state.items.sorted { $0.seq < $1.seq }
        let loadedTokens = state.tokens.sorted { $0.id < $1.id }
        guard !hasAllItems || !hasAllTokens else {
            return Execution(instance: state.instance, items: loadedItems, tokens: loadedTokens)
        }

        let store = self.store
        let instanceId = state.instance.id
        let nextSeq = state.instance.nextSeq
        let nextTokenId = (loadedTokens.last?.id ?? -1) + 1
        let loadedItemIds = Set(loadedItems.map(\.id))
        let loadedTokenIds = Set(loadedTokens.map(\.id))
        return Execution(
            instance: state.instance,
            loadedItems: loadedItems,
            readOtherItems: {
                guard !hasAllItems else { return [] }
                return try store.readTransaction {
                    try store.items(instanceId: instanceId, before: nextSeq, excluding: loadedItemIds)
                }
            },
            loadedTokens: loadedTokens,
            readOtherTokens: {
                guard !hasAllTokens else { return [] }
                return try store.readTransaction {
                    try store.tokens(instanceId: instanceId, below: nextTokenId, excluding: loadedTokenIds)
                }
            })
    }

    private static func startNode(in graph: ProcessGraph, model: String, requested: String?) throws -> FlowNode {
        if let requested {
            guard let node = graph.nodes[requested] else {
                throw EngineError.startNodeNotFound(model: model, nodeId: requested)
            }
            return node
        }
        guard let node = graph.defaultStartNode() else { throw EngineError.noStartEvent(model: model) }
        return node
    }

    static func requireObject(_ value: JSONValue, name: String) throws -> JSONValue {
        if value.isNull { return .emptyObject }
        guard value.objectValue != nil else {
            throw EngineError.invalidData(reason: "\(name) must be a JSON object such as {\"amount\": 100}, not \(value.jsonText)")
        }
        return value
    }
}
