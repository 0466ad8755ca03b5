/// The instances and models a thrown message or signal may reach, by the tenant rules of
/// docs/ACCESS.md.
struct EventReach {
    /// The condition on the instances whose waiting receivers may get the event.
    var instances: Query
    /// The scope that limits which models' start events may start an instance. Nil lets the
    /// start events of every model start one.
    var modelScope: AccessScope?
    /// The user that instances started by the event's start events are started by.
    var starter: UserContext?

    /// Creates the reach of an event that `user` sends through the API, the CLI or the inbox:
    /// the instances and models of the tenants the user's `scope` reaches. A call without a
    /// user (timers, workers) reaches every receiver.
    init(user: UserContext?, scope: AccessScope?) {
        guard let scope else {
            self.init(instances: .all, modelScope: nil, starter: user)
            return
        }
        self.init(instances: AccessQueries.instances(scope), modelScope: scope, starter: user)
    }

    private init(instances: Query, modelScope: AccessScope?, starter: UserContext?) {
        self.instances = instances
        self.modelScope = modelScope
        self.starter = starter
    }

    /// The reach of an event that an element of an instance of tenant `tenantId` threw (nil
    /// for an instance without a tenant). It is the reach of a user of that tenant, no matter
    /// who made the call that ran the element: an admin without a tenant completing a task of
    /// tenant A, or a timer, still sends only to tenant A. A thrower without a tenant reaches
    /// the instances without one, as a user without a tenant does.
    ///
    /// Instances that the event's start events start belong to the thrower's tenant: a
    /// tenant's model gives its own tenant, and a shared model is started by the calling
    /// user (or `system` for a call without a user) limited to that tenant.
    static func thrown(byInstanceOf tenantId: String?, user: UserContext?) -> EventReach {
        let scope = AccessScope(userName: nil, tenantId: tenantId)
        var starter = user
        if let tenantId {
            starter = UserContext(name: user?.name ?? UserContext.system.name, tenantId: tenantId)
        }
        return EventReach(instances: AccessQueries.instances(scope), modelScope: scope, starter: starter)
    }
}
