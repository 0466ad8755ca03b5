import BPMNModel
import Foundation

extension WorkflowEngine {
    /// Returns one page of a task list of the inbox, filtered in SQL by the access rules.
    /// - Parameters:
    ///   - view: which list (see `TaskView`).
    ///   - user: the user whose list it is; nil gets only tasks open to anyone.
    ///   - query: an extra MongoDB-style filter, as in `findItems`.
    ///   - limit: the most tasks returned; nil for all.
    ///   - offset: how many tasks of the order to skip.
    /// - Throws: `EngineError.invalidQuery`, `.invalidData` for a negative limit or offset.
    public func tasks(
        view: TaskView, user: UserContext?, query: JSONValue? = nil, sort: TaskSort = .created,
        limit: Int? = nil, offset: Int = 0
    ) throws -> [TaskSummary] {
        try Self.checkPaging(limit: limit, offset: offset)
        let extra = try query.map(Self.parseQuery) ?? .all
        return try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            return try store.findTasks(
                view, scope: scope, query: extra, now: clock.now(), sort: sort, limit: limit, offset: offset)
        }
    }

    /// Counts every task list of `user` on one snapshot: one indexed COUNT query per view,
    /// with no model parsing, fast enough for a shell prompt.
    public func taskCounts(user: UserContext?) throws -> [TaskView: Int] {
        try taskCounts(user: user, views: TaskView.allCases)
    }

    /// Counts the given task lists of `user` on one snapshot.
    public func taskCounts(user: UserContext?, views: [TaskView]) throws -> [TaskView: Int] {
        try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            var counts: [TaskView: Int] = [:]
            for view in views {
                counts[view] = try store.countTasks(view, scope: scope, now: clock.now())
            }
            return counts
        }
    }

    /// Items matching a MongoDB-style query that `user` may see (see `AccessRules`); a nil
    /// user sees only items open to anyone in instances without a tenant.
    public func findItems(_ query: JSONValue, options: FindOptions = FindOptions(), user: UserContext?) throws -> [ItemRecord] {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            return try store.findItems(.and([parsed, AccessQueries.items(scope)]), options: options)
        }
    }

    /// Instances matching a MongoDB-style query in the tenants `user` reaches.
    public func findInstances(_ query: JSONValue, options: FindOptions = FindOptions(), user: UserContext?) throws -> [InstanceRecord] {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            return try store.findInstances(.and([parsed, AccessQueries.instances(scope)]), options: options)
        }
    }

    /// Counts the instances matching a MongoDB-style query in the tenants `user` reaches.
    /// - Throws: `EngineError.invalidQuery` for a malformed query.
    public func countInstances(_ query: JSONValue, user: UserContext?) throws -> Int {
        let parsed = try Self.parseQuery(query)
        return try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            return try store.countInstances(.and([parsed, AccessQueries.instances(scope)]))
        }
    }

    /// Waiting user tasks matching `query` that `user` may see, newest first.
    public func pendingUserTasks(_ query: JSONValue = .emptyObject, user: UserContext?) throws -> [TaskSummary] {
        try tasks(view: .all, user: user, query: query, sort: .created)
    }

    static func checkPaging(limit: Int?, offset: Int) throws {
        if let limit, limit < 0 {
            throw EngineError.invalidData(reason: "limit \(limit) is negative; give 0 or more, or no limit")
        }
        if offset < 0 {
            throw EngineError.invalidData(reason: "offset \(offset) is negative; give 0 or more")
        }
    }
}
