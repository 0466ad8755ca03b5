/// The access rules for tasks, checked by the engine inside the transaction that makes the
/// change, against the item as stored at that moment. The same rules, written in SQL by the
/// store, decide what lists and queries return.
///
/// - A user sees a task when they are an admin, its assignee, one of its candidate users or
///   a member of one of its candidate groups, or when it has no assignee and no candidates.
/// - A user may claim an unassigned task they see, and unclaim it when they are its assignee
///   or an admin.
/// - A user may complete a task as its assignee, as a candidate of an unassigned task (which
///   claims it first) or as an admin. A task with no assignee and no candidates is anyone's.
/// - Only the assignee or an admin may change a task that has an assignee, reassigning it
///   included. An unassigned task may be changed by anyone who sees it.
/// - A user limited to a tenant only reaches instances of that tenant.
public enum AccessRules {
    /// Returns whether `scope` may see `item` of an instance with tenant `tenantId`.
    public static func canSee(_ item: ItemRecord, tenantId: String?, scope: AccessScope) -> Bool {
        guard reachesTenant(tenantId, scope: scope) else { return false }
        if scope.isAdmin || isAssignee(item, scope) || isCandidate(item, scope) { return true }
        return isOpenToAnyone(item)
    }

    /// Returns whether `scope` reaches instances of tenant `tenantId`.
    public static func reachesTenant(_ tenantId: String?, scope: AccessScope) -> Bool {
        scope.seesAllTenants || tenantId == scope.tenantId
    }

    /// Rejects the call unless `scope` is an admin.
    /// - Parameters:
    ///   - action: the verb for the message, such as `delete`.
    ///   - target: what the call changes, such as `instance 3f2a…` or `the users`.
    /// - Throws: `EngineError.accessDenied`.
    public static func requireAdmin(_ scope: AccessScope, action: String, target: String) throws {
        guard !scope.isAdmin else { return }
        throw EngineError.accessDenied(
            AccessDenial(
                user: scope.displayName, action: action, itemId: nil, target: target,
                reason: "only admins may do that",
                advice: "ask an admin, or a member of the admin group, to do it"))
    }

    /// Checks that `scope` may complete `item`.
    /// - Returns: true when the user completes it as a candidate of the unassigned task, so
    ///   the caller claims it for the user first.
    /// - Throws: `EngineError.accessDenied` naming the assignee or the candidates.
    static func checkComplete(_ item: ItemRecord, tenantId: String?, scope: AccessScope) throws -> Bool {
        try checkTenant(item, tenantId: tenantId, scope: scope, action: "complete")
        if isAssignee(item, scope) || scope.isAdmin { return false }

        if let assignee = assignee(of: item) {
            throw denial(
                scope, "complete", item, reason: "it is assigned to \(assignee)",
                advice: "ask \(assignee) or an admin to reassign it")
        }
        if isOpenToAnyone(item) { return false }
        guard isCandidate(item, scope), scope.userName != nil else {
            throw denial(
                scope, "complete", item, reason: "it is offered to \(candidateList(item)) only",
                advice: "ask an admin to add you to its candidates or to assign it to you")
        }
        return true
    }

    /// Checks that `scope` may claim `item`, which has no assignee or is assigned to the user.
    /// - Throws: `EngineError.accessDenied` when the task is assigned to someone else, the
    ///   call has no user name, or the user does not see the task.
    static func checkClaim(_ item: ItemRecord, tenantId: String?, scope: AccessScope) throws {
        try checkTenant(item, tenantId: tenantId, scope: scope, action: "claim")
        guard let name = scope.userName else {
            throw denial(
                scope, "claim", item, reason: "a claim needs a user name to assign the task to",
                advice: "give the user with --user or a UserContext")
        }
        if let assignee = assignee(of: item), assignee != name {
            throw denial(
                scope, "claim", item, reason: "it is already claimed by \(assignee)",
                advice: "ask \(assignee) to unclaim it, or an admin to reassign it with 'assign'")
        }
        guard canSee(item, tenantId: tenantId, scope: scope) else {
            throw denial(
                scope, "claim", item, reason: "it is offered to \(candidateList(item)) only",
                advice: "ask an admin to add you to its candidates or to assign it to you")
        }
    }

    /// Checks that `scope` may unclaim `item`: the assignee or an admin.
    /// - Throws: `EngineError.accessDenied` naming the assignee.
    static func checkUnclaim(_ item: ItemRecord, tenantId: String?, scope: AccessScope) throws {
        try checkTenant(item, tenantId: tenantId, scope: scope, action: "unclaim")
        guard let assignee = assignee(of: item), !isAssignee(item, scope), !scope.isAdmin else { return }
        throw denial(
            scope, "unclaim", item, reason: "it is assigned to \(assignee)",
            advice: "ask \(assignee) or an admin to unclaim it")
    }

    /// Checks that `scope` may change the assignment fields of `item`.
    /// - Parameter fields: the keys of the `assign` call.
    /// - Throws: `EngineError.accessDenied`: a task with an assignee may only be changed by its
    ///   assignee or an admin, and an unassigned task only by users who see it.
    static func checkAssign(_ item: ItemRecord, fields: [String: JSONValue], tenantId: String?, scope: AccessScope) throws {
        let action = fields["assignee"] != nil ? "reassign" : "change"
        try checkTenant(item, tenantId: tenantId, scope: scope, action: action)
        if scope.isAdmin || isAssignee(item, scope) { return }

        if let assignee = assignee(of: item) {
            throw denial(
                scope, action, item, reason: "it is assigned to \(assignee), and only the assignee or an admin may change it",
                advice: "ask \(assignee) or an admin")
        }
        guard canSee(item, tenantId: tenantId, scope: scope) else {
            throw denial(
                scope, action, item, reason: "it is offered to \(candidateList(item)) only",
                advice: "ask an admin to add you to its candidates")
        }
    }

    // MARK: - Parts of the rules

    /// Returns the assignee, treating an empty name (an assignee expression can produce one)
    /// as none.
    static func assignee(of item: ItemRecord) -> String? {
        guard let name = item.assignee, !name.isEmpty else { return nil }
        return name
    }

    static func isAssignee(_ item: ItemRecord, _ scope: AccessScope) -> Bool {
        guard let name = scope.userName, let assignee = assignee(of: item) else { return false }
        return assignee == name
    }

    static func isCandidate(_ item: ItemRecord, _ scope: AccessScope) -> Bool {
        if let name = scope.userName, item.candidateUsers.contains(name) { return true }
        return item.candidateGroups.contains { scope.groups.contains($0) }
    }

    static func isOpenToAnyone(_ item: ItemRecord) -> Bool {
        assignee(of: item) == nil && item.candidateUsers.isEmpty && item.candidateGroups.isEmpty
    }

    /// Rejects a user limited to another tenant, with a message that names both tenants.
    private static func checkTenant(_ item: ItemRecord, tenantId: String?, scope: AccessScope, action: String) throws {
        guard !reachesTenant(tenantId, scope: scope) else { return }
        let own = scope.tenantId.map { "tenant '\($0)'" } ?? "instances without a tenant"
        let other = tenantId.map { "tenant '\($0)'" } ?? "no tenant"
        throw denial(
            scope, action, item, reason: "its instance belongs to \(other), and the user is limited to \(own)",
            advice: "ask a user of that tenant or an admin")
    }

    private static func candidateList(_ item: ItemRecord) -> String {
        var parts: [String] = []
        if !item.candidateUsers.isEmpty { parts.append("users " + item.candidateUsers.joined(separator: ", ")) }
        if !item.candidateGroups.isEmpty { parts.append("groups " + item.candidateGroups.joined(separator: ", ")) }
        return parts.isEmpty ? "nobody" : parts.joined(separator: " and ")
    }

    private static func denial(
        _ scope: AccessScope, _ action: String, _ item: ItemRecord, reason: String, advice: String
    ) -> EngineError {
        .accessDenied(
            AccessDenial(
                user: scope.displayName, action: action, itemId: item.id, target: item.name ?? item.elementId,
                reason: reason, advice: advice))
    }
}
