extension WorkflowEngine {
    /// Returns the history of one instance, oldest first, when `user` reaches the instance's
    /// tenant: every change with who made it, when, to which item and with which data,
    /// and the rejected attempts (`refused`).
    /// - Throws: `EngineError.instanceNotFound` when there is no such instance, or it belongs
    ///   to a tenant the user does not reach.
    public func history(instanceId: String, user: UserContext?) throws -> [HistoryRecord] {
        try store.readTransaction {
            let scope = try UserDirectory.scope(for: user, store: store)
            let query = Query.and([.field(.instance(.id), .eq(.string(instanceId))), AccessQueries.instances(scope)])
            guard try store.countInstances(query) > 0 else {
                throw EngineError.instanceNotFound(query: "{\"id\":\"\(instanceId)\"}")
            }
            return try store.history(instanceId: instanceId)
        }
    }
}
