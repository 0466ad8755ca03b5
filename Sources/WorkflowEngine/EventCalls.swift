import BPMNModel
import Foundation

/// One receiver an event reached, or failed to reach.
public struct EventReceiver: Sendable, Equatable {
    public var instanceId: String
    /// The item that received it; nil when the event started a new instance.
    public var itemId: String?
    public var elementId: String
    /// The failure message when delivery to this receiver failed (and was rolled back).
    public var error: String?

    public init(instanceId: String, itemId: String?, elementId: String, error: String? = nil) {
        self.instanceId = instanceId
        self.itemId = itemId
        self.elementId = elementId
        self.error = error
    }
}

/// The result of `throwMessage` or `throwSignal`.
public struct EventDelivery: Sendable, Equatable {
    public var receivers: [EventReceiver]
    /// The instances as committed after delivery, one per successful receiver.
    public var executions: [Execution]

    public init(receivers: [EventReceiver], executions: [Execution]) {
        self.receivers = receivers
        self.executions = executions
    }

    /// Whether at least one receiver got the event.
    public var delivered: Bool { receivers.contains { $0.error == nil } }
}

extension WorkflowEngine {
    /// Delivers a message, matched by message name or id, to exactly one receiver: a waiting
    /// catch event, receive task or boundary event whose instance matches `matchingKey`
    /// (any query, such as `{"data.orderId": "A-1"}`), else a model's message start event,
    /// which starts a new instance (the key only selects among waiting receivers). A message
    /// that reaches nobody is not stored.
    /// - Parameter deliverToAll: deliver to every matching waiting receiver instead of one.
    /// - Throws: `EngineError.ambiguousReceivers` when several receivers match and
    ///   `deliverToAll` is false; the error of the receiver's run otherwise (rolled back).
    public func throwMessage(
        _ messageId: String, data: JSONValue = .emptyObject, matchingKey: JSONValue? = nil,
        user: UserContext? = nil, deliverToAll: Bool = false
    ) throws -> EventDelivery {
        try requireWritable("message")
        let reach = try EventReach(user: user, scope: user.map { try accessScope(for: $0) })
        return try deliverMessage(
            messageId, data: data, matchingKey: matchingKey, user: user, reach: reach, deliverToAll: deliverToAll)
    }

    private func deliverMessage(
        _ messageId: String, data: JSONValue, matchingKey: JSONValue?, user: UserContext?, reach: EventReach,
        deliverToAll: Bool
    ) throws -> EventDelivery {
        try requireWritable("message")
        let input = try acceptData(data, name: "data")
        let key = try matchingKey.map { try Self.parseQuery($0) }
        let names = try eventNames(messageId, kind: .message)
        let waiting = try waitingReceivers(field: .messageId, names: names, key: key, reach: reach)
        if waiting.count > 1, !deliverToAll {
            throw EngineError.ambiguousReceivers(event: messageId, count: waiting.count)
        }
        if !waiting.isEmpty {
            return try deliverEach(waiting, data: input, user: user, stopOnError: !deliverToAll, event: "message '\(messageId)'")
        }
        let starts = try startEvents(kind: .message, names: names, reach: reach)
        if starts.count > 1, !deliverToAll {
            throw EngineError.ambiguousReceivers(event: messageId, count: starts.count)
        }
        return try startEach(starts, data: input, user: reach.starter, stopOnError: !deliverToAll)
    }

    /// Broadcasts a signal, matched by signal name or id, to every waiting receiver whose
    /// instance matches `matchingKey` (all when nil) and to every signal start event. Each
    /// receiver runs in its own transaction; one failing does not stop the others, and the
    /// result lists every receiver with its error.
    public func throwSignal(
        _ signalId: String, data: JSONValue = .emptyObject, matchingKey: JSONValue? = nil,
        user: UserContext? = nil
    ) throws -> EventDelivery {
        try requireWritable("signal")
        let reach = try EventReach(user: user, scope: user.map { try accessScope(for: $0) })
        return try broadcastSignal(signalId, data: data, matchingKey: matchingKey, user: user, reach: reach, stopOnError: false)
    }

    private func broadcastSignal(
        _ signalId: String, data: JSONValue, matchingKey: JSONValue?, user: UserContext?, reach: EventReach,
        stopOnError: Bool
    ) throws -> EventDelivery {
        try requireWritable("signal")
        let input = try acceptData(data, name: "data")
        let key = try matchingKey.map { try Self.parseQuery($0) }
        let names = try eventNames(signalId, kind: .signal)
        let waiting = try waitingReceivers(field: .signalId, names: names, key: key, reach: reach)
        let delivered = try deliverEach(waiting, data: input, user: user, stopOnError: stopOnError, event: "signal '\(signalId)'")
        let targets = try startEvents(kind: .signal, names: names, reach: reach)
        let started = try startEach(targets, data: input, user: reach.starter, stopOnError: stopOnError)
        return EventDelivery(
            receivers: delivered.receivers + started.receivers, executions: delivered.executions + started.executions)
    }

    /// Delivers the messages and signals a call's model elements threw, inside the same
    /// transaction, so a failure anywhere rolls the whole call back. Each delivery may throw
    /// further events; more than `maximumEventDepth` levels is treated as an endless loop.
    /// An event reaches what a user of the throwing instance's tenant reaches, no matter who
    /// made the call (see `EventReach.thrown`).
    func dispatch(_ events: [OutgoingEvent], user: UserContext?) throws {
        dispatchDepth += 1
        defer { dispatchDepth -= 1 }
        if dispatchDepth > Self.maximumEventDepth {
            throw EngineError.eventLoop(event: events.first?.name ?? "", depth: Self.maximumEventDepth)
        }
        for event in events {
            let reach = EventReach.thrown(byInstanceOf: event.tenantId, user: user)
            switch event.kind {
            case .message:
                _ = try deliverMessage(
                    event.name, data: event.data, matchingKey: event.matchingKey, user: user, reach: reach, deliverToAll: false)
            case .signal:
                _ = try broadcastSignal(
                    event.name, data: event.data, matchingKey: event.matchingKey, user: user, reach: reach, stopOnError: true)
            }
        }
    }

    static let maximumEventDepth = 20

    /// Triggers `elementId` in the running instance `instanceId`. A waiting item of that
    /// element completes with `data`, under the access rules of `invoke`. Otherwise a new
    /// token starts at the element (a secondary start event, or any node), as bpmn-server's
    /// `startEvent` does.
    /// - Throws: `EngineError.instanceNotFound` also for an instance of a tenant the user does
    ///   not reach, `.accessDenied` (recorded as a `refused` history row), `.readOnly`.
    public func startEvent(
        instanceId: String, elementId: String, data: JSONValue = .emptyObject, user: UserContext? = nil
    ) throws -> Execution {
        let input = try acceptData(data, name: "data")
        return try performChange("start-event", data: input, user: user) {
            let scope = try UserDirectory.scope(for: user, store: store)
            guard let state = try store.loadRunState(id: instanceId),
                AccessRules.reachesTenant(state.instance.tenantId, scope: scope)
            else {
                throw EngineError.instanceNotFound(query: "{\"id\":\"\(instanceId)\"}")
            }
            guard state.instance.status == .running else {
                throw EngineError.instanceNotRunning(instanceId: instanceId, status: state.instance.status.rawValue)
            }
            let model = try models.definitions(name: state.instance.name, version: state.instance.modelVersion)
            let graph = model.graph
            guard graph.nodes[elementId] != nil else {
                throw EngineError.startNodeNotFound(model: state.instance.name, nodeId: elementId)
            }
            let run = makeRun(state, hasAllItems: false, graph: graph, user: user)
            if let waiting = state.items.last(where: { $0.elementId == elementId && $0.status == .wait }),
                let token = state.tokens.first(where: { $0.currentItemId == waiting.id })
            {
                // Completing a waiting user task this way follows the rules of `invoke`.
                let claimsFirst = try AccessRules.checkComplete(waiting, tenantId: state.instance.tenantId, scope: scope)
                if claimsFirst, let name = scope.userName {
                    try setAssignee(name, of: waiting, in: run, tokenId: token.id)
                }
                try run.deliverEvent(toItem: waiting.id, tokenId: token.id, data: input)
            } else if run.startAdHocActivity(elementId) {
                run.instance.data = run.instance.data.merging(input)
                try run.run()
            } else {
                run.instance.data = run.instance.data.merging(input)
                run.spawnToken(kind: .primary, at: elementId, parent: nil, originItemId: nil, dataPath: "")
                try run.run()
            }
            let record = HistoryRecord(
                instanceId: instanceId, at: clock.now(), user: user?.name, action: "startEvent",
                elementId: elementId, data: input, message: "triggered '\(elementId)'")
            return try save(run, history: record)
        }
    }

    // MARK: - Correlation steps

    enum EventKind { case message, signal }

    /// The names an event id stands for: itself, and the name of every message or signal
    /// element with that id in the newest version of any model.
    private func eventNames(_ idOrName: String, kind: EventKind) throws -> [String] {
        var names: Set<String> = [idOrName]
        for summary in try listModels() {
            guard let entry = try? store.readTransaction({ try models.definitions(name: summary.name, version: nil) }) else { continue }
            let elements = kind == .message ? entry.definitions.messages : entry.definitions.signals
            if let element = elements[idOrName], let name = element.name { names.insert(name) }
        }
        return names.sorted()
    }

    /// Finds the waiting receivers of an event in the instances `reach` allows.
    private func waitingReceivers(field: QueryField.ItemField, names: [String], key: Query?, reach: EventReach) throws -> [ItemRecord] {
        var clauses: [Query] = [
            reach.instances,
            .field(.item(.status), .eq(.string(ItemStatus.wait.rawValue))),
            .field(.item(field), .isIn(names.map(JSONValue.string))),
            .field(.instance(.status), .eq(.string(InstanceStatus.running.rawValue))),
        ]
        if let key { clauses.append(key) }
        return try store.readTransaction {
            try store.findItems(.and(clauses), options: FindOptions(sort: [(key: .item(.startedAt), ascending: true)]))
        }
    }

    private struct StartTarget {
        let model: String
        let elementId: String
    }

    /// Finds the process-level start events of the newest model versions that catch one of
    /// `names`, in the models `reach` may start.
    private func startEvents(kind: EventKind, names: [String], reach: EventReach) throws -> [StartTarget] {
        var targets: [StartTarget] = []
        let tenants = try store.readTransaction { try store.modelTenants() }
        for summary in try listModels() {
            if let scope = reach.modelScope, !Self.mayUse(modelTenant: tenants[summary.name], scope: scope) { continue }
            guard let entry = try? store.readTransaction({ try models.definitions(name: summary.name, version: nil) }) else { continue }
            for event in StartEventCatalog.startEvents(of: entry.definitions) {
                let name = kind == .message ? event.messageName : event.signalName
                let processLevel = entry.definitions.processes.contains { $0.body.nodes.contains { $0.id == event.elementId } }
                if processLevel, let name, names.contains(name) {
                    targets.append(StartTarget(model: summary.name, elementId: event.elementId))
                }
            }
        }
        return targets
    }

    private func deliverEach(_ receivers: [ItemRecord], data: JSONValue, user: UserContext?, stopOnError: Bool, event: String) throws -> EventDelivery {
        var result = EventDelivery(receivers: [], executions: [])
        for receiver in receivers {
            do {
                // A receiver that an earlier delivery of this event ended (a terminate end
                // event, an interrupting boundary) is skipped, not reported as failed.
                let delivered = try store.writeTransaction { () -> Execution? in
                    guard let state = try store.loadRunState(id: receiver.instanceId),
                        let current = state.items.first(where: { $0.id == receiver.id }), current.status == .wait,
                        let token = state.tokens.first(where: { $0.currentItemId == receiver.id })
                    else { return nil }
                    let model = try models.definitions(name: state.instance.name, version: state.instance.modelVersion)
                    let run = makeRun(state, hasAllItems: false, graph: model.graph, user: user)
                    try run.deliverEvent(toItem: receiver.id, tokenId: token.id, data: data)
                    let record = HistoryRecord(
                        instanceId: receiver.instanceId, at: clock.now(), user: user?.name, action: "event",
                        itemId: receiver.id, elementId: receiver.elementId, data: data, message: "\(event) received")
                    return try save(run, history: record)
                }
                guard let execution = delivered else { continue }
                result.executions.append(execution)
                result.receivers.append(EventReceiver(instanceId: receiver.instanceId, itemId: receiver.id, elementId: receiver.elementId))
            } catch {
                if stopOnError { throw error }
                result.receivers.append(EventReceiver(
                    instanceId: receiver.instanceId, itemId: receiver.id, elementId: receiver.elementId, error: "\(error)"))
            }
        }
        return result
    }

    private func startEach(_ targets: [StartTarget], data: JSONValue, user: UserContext?, stopOnError: Bool) throws -> EventDelivery {
        var result = EventDelivery(receivers: [], executions: [])
        for target in targets {
            do {
                let execution = try start(target.model, data: data, user: user, options: StartOptions(startNodeId: target.elementId))
                result.executions.append(execution)
                result.receivers.append(EventReceiver(instanceId: execution.id, itemId: nil, elementId: target.elementId))
            } catch {
                if stopOnError { throw error }
                result.receivers.append(EventReceiver(instanceId: "", itemId: nil, elementId: target.elementId, error: "\(error)"))
            }
        }
        return result
    }
}

extension InstanceRun {
    /// Completes a waiting event item with `data`: a boundary event fires (interrupting
    /// or not), anything else resumes its token. Then runs the instance on.
    func deliverEvent(toItem itemId: String, tokenId: Int, data: JSONValue) throws {
        guard let item = item(itemId), let node = graph.nodes[item.elementId] else { return }
        if let target = subscriptionTarget(ofItem: itemId) {
            try triggerEventSubProcess(
                target.eventSubProcess, start: target.start, subscriptionTokenId: tokenId,
                scopeItemId: scopeItemId(of: tokenId), anchorTokenId: token(tokenId)?.parentTokenId, data: data)
            return try run()
        }
        mergeData(data, tokenId: tokenId, itemId: itemId)
        if node.kind == .boundaryEvent, let boundaryToken = token(tokenId) {
            try fireBoundary(node, itemId: itemId, boundaryToken: boundaryToken)
        } else {
            updateItem(itemId) { $0.timeDue = nil }
            try resume(itemId: itemId, tokenId: tokenId)
        }
        try run()
    }
}
