import Foundation

/// The result of `deleteInstances`: the ids removed, children of call activities included.
public struct DeletionReport: Sendable, Equatable {
    public var deletedIds: [String]
}

extension WorkflowEngine {
    /// The minimum length of an instance id prefix that `resolveInstanceId` accepts.
    public static let minimumInstancePrefix = 6

    /// Rejects a change by anyone but an admin, and any change on a read-only engine.
    /// - Throws: `EngineError.readOnly`, `EngineError.accessDenied`.
    func requireAdministrator(_ user: UserContext?, action: String, target: String) throws {
        try requireWritable(action)
        try requireAdmin(user, action: action, target: target)
    }

    // MARK: Instance ids

    /// Returns the instance id that `text` names: a whole id, or a unique prefix of at least
    /// `minimumInstancePrefix` characters, as the inbox shows ids.
    /// - Throws: `EngineError.instanceNotFound`, `AdministrationError.instancePrefixTooShort`
    ///   or `.ambiguousInstancePrefix`.
    public func resolveInstanceId(_ text: String) throws -> String {
        try store.readTransaction {
            if try store.loadInstance(id: text) != nil { return text }
            guard text.count >= Self.minimumInstancePrefix else {
                if try store.instanceIds(withPrefix: text, limit: 1).isEmpty {
                    throw EngineError.instanceNotFound(query: "{\"id\":\(JSONValue.string(text).jsonText)}")
                }
                throw AdministrationError.instancePrefixTooShort(prefix: text, minimum: Self.minimumInstancePrefix)
            }

            let matches = try store.instanceIds(withPrefix: text, limit: 6)
            guard let first = matches.first else {
                throw EngineError.instanceNotFound(query: "{\"id\":\(JSONValue.string(text).jsonText)}")
            }
            guard matches.count == 1 else { throw AdministrationError.ambiguousInstancePrefix(prefix: text, matches: matches) }
            return first
        }
    }

    // MARK: Paged queries

    /// Finds one page of matching instances with the cursor of the next page (see `FindOptions`).
    /// With a user, only instances of the tenants the user reaches match.
    public func findInstancePage(_ query: JSONValue, options: FindOptions, user: UserContext? = .system) throws -> FindPage<InstanceRecord> {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            try store.findInstancePage(.and([parsed, try tenantCondition(for: user)]), options: options)
        }
    }

    /// Finds one page of matching items with the cursor of the next page. With a user, only
    /// items of instances in the tenants the user reaches match.
    public func findItemPage(_ query: JSONValue, options: FindOptions, user: UserContext? = .system) throws -> FindPage<ItemRecord> {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            try store.findItemPage(.and([parsed, try tenantCondition(for: user)]), options: options)
        }
    }

    /// Loads the first instance `query` matches in the tenants `user` reaches.
    /// - Throws: `EngineError.instanceNotFound` when none matches there.
    public func get(_ query: JSONValue, user: UserContext?) throws -> Execution {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            let condition = Query.and([parsed, try tenantCondition(for: user)])
            let found = try store.findInstances(condition, options: FindOptions(limit: 1))
            guard let first = found.first, let state = try store.loadInstance(id: first.id) else {
                throw EngineError.instanceNotFound(query: query.jsonText)
            }
            return Execution(instance: state.instance, items: state.items, tokens: state.tokens)
        }
    }

    /// The condition that keeps a query inside the tenants `user` reaches.
    private func tenantCondition(for user: UserContext?) throws -> Query {
        AccessQueries.instances(try UserDirectory.scope(for: user, store: store))
    }

    // MARK: Delete and terminate

    /// Removes the instances `query` matches, and the instances their call activities
    /// started, with items, tokens, timers, subscriptions, history and save points. Admins
    /// only. Running instances are removed too: waiting timers and receivers go with them.
    /// - Throws: `EngineError.invalidQuery`, an access error.
    @discardableResult
    public func deleteInstances(_ query: JSONValue, user: UserContext? = nil) throws -> DeletionReport {
        let parsed = try Self.parseQuery(query)
        try requireAdministrator(user, action: "delete", target: "the instances matching \(query.jsonText)")
        return try store.writeTransaction {
            var ids = try store.findInstancePage(parsed, options: FindOptions(projection: .summary)).records.map(\.id)
            ids += try descendants(of: ids)
            _ = try store.deleteInstances(ids: ids)
            return DeletionReport(deletedIds: ids)
        }
    }

    /// Stops a running instance: every waiting or active item is cancelled (timers and
    /// message and signal subscriptions included), every token is terminated, and the
    /// instance gets status `terminated`. Instances its call activities started are
    /// terminated too. The history is kept and records who terminated it. Admins only.
    /// - Throws: `EngineError.instanceNotFound`, `.instanceNotRunning`, an access error.
    @discardableResult
    public func terminate(instanceId: String, user: UserContext? = nil) throws -> Execution {
        try requireAdministrator(user, action: "terminate", target: "instance \(instanceId)")
        return try store.writeTransaction {
            guard let state = try store.loadInstance(id: instanceId) else {
                throw EngineError.instanceNotFound(query: "{\"id\":\(JSONValue.string(instanceId).jsonText)}")
            }
            guard state.instance.status == .running else {
                throw EngineError.instanceNotRunning(instanceId: instanceId, status: state.instance.status.rawValue)
            }
            let ended = try terminateTree(state, user: user)
            return Execution(instance: ended.instance, items: ended.items, tokens: ended.tokens)
        }
    }

    /// Terminates one instance and its running children, and returns its new state.
    private func terminateTree(_ state: InstanceState, user: UserContext?) throws -> InstanceState {
        var state = state
        let now = clock.now()
        var cancelled: [String] = []
        for index in state.items.indices where [.enter, .start, .wait].contains(state.items[index].status) {
            state.items[index].status = .end
            state.items[index].endedAt = nil
            cancelled.append(state.items[index].elementId)
        }
        for index in state.tokens.indices where state.tokens[index].status != .end {
            state.tokens[index].status = .terminated
        }
        state.instance.status = .terminated
        state.instance.endedAt = now
        state.instance.revision += 1

        try store.saveInstance(state, changedItemIds: nil)
        try store.appendHistory([
            HistoryRecord(
                instanceId: state.instance.id, at: now, user: user?.name, action: "terminate",
                data: .object(["cancelled": .array(cancelled.map(JSONValue.string))]),
                message: "terminated; cancelled \(cancelled.count) waiting item\(cancelled.count == 1 ? "" : "s")")
        ])

        for childId in try children(of: [state.instance.id]) {
            guard let child = try store.loadInstance(id: childId), child.instance.status == .running else { continue }
            _ = try terminateTree(child, user: user)
        }
        return state
    }

    /// Ids of the instances started by call activities of `ids`, at any depth.
    private func descendants(of ids: [String]) throws -> [String] {
        var found: [String] = []
        var level = try children(of: ids)
        while !level.isEmpty {
            let fresh = level.filter { !found.contains($0) && !ids.contains($0) }
            found += fresh
            level = try children(of: fresh)
        }
        return found
    }

    private func children(of ids: [String]) throws -> [String] {
        guard !ids.isEmpty else { return [] }
        let itemIds = try store.findItemPage(
            .and([.field(.instance(.id), .isIn(ids.map(JSONValue.string))), .field(.item(.type), .eq(.string("bpmn:CallActivity")))]),
            options: FindOptions(projection: .summary)
        ).records.map(\.id)
        guard !itemIds.isEmpty else { return [] }
        return try store.findInstancePage(
            .field(.instance(.parentItemId), .isIn(itemIds.map(JSONValue.string))), options: FindOptions(projection: .summary)
        ).records.map(\.id)
    }

    // MARK: Save points

    /// Returns whether calls record save points for `restart` (the setting `snapshots`).
    public func savePointsEnabled() throws -> Bool {
        try store.readTransaction { try store.setting(Self.savePointSetting) } == "on"
    }

    /// Turns save points on or off for every process that uses the database. Admins only.
    public func setSavePoints(enabled: Bool, user: UserContext? = nil) throws {
        try requireAdministrator(user, action: "change", target: "the snapshots setting")
        try store.writeTransaction { try store.setSetting(Self.savePointSetting, value: enabled ? "on" : "off") }
    }

    static let savePointSetting = "snapshots"
}
