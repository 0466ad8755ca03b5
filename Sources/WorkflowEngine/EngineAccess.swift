import Foundation

extension WorkflowEngine {
    /// Returns the scope the access rules check for `user`: its groups plus those recorded in
    /// the database, whether it is an admin, and its tenant. See `UserDirectory.scope`.
    public func accessScope(for user: UserContext?) throws -> AccessScope {
        try store.readTransaction { try UserDirectory.scope(for: user, store: store) }
    }

    /// Rejects a change when the engine is read-only. Every call that changes the database
    /// calls it first; calls added elsewhere should too.
    /// - Parameter operation: the call's name for the message, such as `invoke`.
    /// - Throws: `EngineError.readOnly`.
    public func requireWritable(_ operation: String) throws {
        if options.readOnly { throw EngineError.readOnly(operation: operation) }
    }

    /// Rejects the call unless `user` is an admin: recorded as one, a member of the admin
    /// group, `UserContext.system` or a context with `isAdmin`.
    /// - Parameters:
    ///   - action: the verb for the message, such as `delete`.
    ///   - target: what the call changes, such as `instance 3f2a…`.
    /// - Throws: `EngineError.accessDenied`.
    public func requireAdmin(_ user: UserContext?, action: String, target: String) throws {
        try AccessRules.requireAdmin(accessScope(for: user), action: action, target: target)
    }

    /// Runs `body` in one write transaction after checking that the engine may write. When
    /// the access rules reject the call, writes one `refused` history row for the attempt in
    /// a transaction of its own, then rethrows. Nothing else of the call is stored.
    /// - Parameters:
    ///   - operation: the call's name (`invoke`, `claim`, …), stored with the refusal.
    ///   - data: the data the call was given, stored with the refusal.
    func performChange<T>(
        _ operation: String, data: JSONValue = .null, user: UserContext?, _ body: () throws -> T
    ) throws -> T {
        try requireWritable(operation)
        do {
            return try store.writeTransaction(body)
        } catch EngineError.accessDenied(let denial) {
            try recordRefusal(denial, operation: operation, data: data, user: user)
            throw EngineError.accessDenied(denial)
        }
    }

    /// Appends the `refused` row of a rejected call to the history of the item's instance.
    /// A denial without an item (such as managing users) is not recorded, because the
    /// history belongs to instances.
    private func recordRefusal(_ denial: AccessDenial, operation: String, data: JSONValue, user: UserContext?) throws {
        guard let itemId = denial.itemId else { return }
        try store.writeTransaction {
            let found = try store.findItems(.field(.item(.id), .eq(.string(itemId))), options: FindOptions(limit: 1))
            guard let item = found.first else { return }
            let record = HistoryRecord(
                instanceId: item.instanceId, at: clock.now(), user: user?.name, action: "refused",
                itemId: item.id, elementId: item.elementId,
                data: .object(["operation": .string(operation), "data": data]),
                message: denial.description)
            try store.appendHistory([record])
        }
    }
}
