/// The access rules as query conditions, so the store filters `findItems` and
/// `findInstances` in SQL and never loads rows a user may not see. They state the same rules
/// as `AccessRules.canSee`; the task lists use the store's own translation (`findTasks`).
enum AccessQueries {
    /// Instances the scope reaches: its tenant's, those without a tenant for a user without
    /// one, every instance for an admin without a tenant.
    static func instances(_ scope: AccessScope) -> Query {
        if scope.seesAllTenants { return .all }
        let tenant: JSONValue = scope.tenantId.map(JSONValue.string) ?? .null
        return .field(.instance(.tenantId), .eq(tenant))
    }

    /// Returns the condition for items the scope can see, in a query over items.
    static func items(_ scope: AccessScope) -> Query {
        let tenant = instances(scope)
        if scope.isAdmin { return tenant }

        var branches = [openToAnyone]
        if let name = scope.userName {
            branches.append(.field(.item(.assignee), .eq(.string(name))))
            branches.append(.field(.item(.candidateUsers), .eq(.string(name))))
        }
        if !scope.groups.isEmpty {
            branches.append(.field(.item(.candidateGroups), .isIn(scope.groups.map(JSONValue.string))))
        }
        return .and([tenant, .or(branches)])
    }

    /// Items without an assignee. An empty name, which an assignee expression can produce,
    /// counts as none.
    static let unassigned = Query.field(.item(.assignee), .isIn([.null, .string("")]))

    /// The condition for items with no assignee and no candidates, which everyone can see.
    static let openToAnyone = Query.and([
        unassigned,
        .field(.item(.candidateUsers), .eq(.array([]))),
        .field(.item(.candidateGroups), .eq(.array([]))),
    ])
}
