import Foundation

extension WorkflowEngine {
    /// Records a user, or replaces the groups, admin flag and tenant of a recorded one.
    ///
    /// Who may: an admin; anyone while no user is recorded (the bootstrap of a new
    /// database); anyone on a demo database (setting `demo` = `true`). Without an admin
    /// caller, the first user recorded on a database that is not a demo must be an admin, so
    /// that someone can manage the users afterwards.
    /// - Returns: the stored record, with groups sorted.
    /// - Throws: `EngineError.accessDenied`, `.invalidUser` for an empty name or group, a
    ///   name with a comma or a non-admin first user, `.readOnly`.
    @discardableResult
    public func saveUser(_ record: UserRecord, by caller: UserContext?) throws -> UserRecord {
        try UserDirectory.validateName(record.name, kind: "user", user: record.name)
        for group in record.groups { try UserDirectory.validateName(group, kind: "group", user: record.name) }
        if let tenant = record.tenantId { try UserDirectory.validateName(tenant, kind: "tenant", user: record.name) }

        try requireWritable("user add")
        return try store.writeTransaction {
            let access = try userManagement(caller)
            if access == .bootstrap, !record.isAdmin {
                throw EngineError.invalidUser(
                    name: record.name,
                    reason: "no user is recorded yet, so the first user must be an admin who can manage the others; "
                        + "add --admin (for example 'bpmn-inbox user add \(record.name) --admin')")
            }
            if access != .demo, try isOnlyAdmin(record.name), !record.isAdmin {
                throw EngineError.invalidUser(
                    name: record.name,
                    reason: "it is the only recorded admin, and without the admin flag nobody outside the admin group "
                        + "could manage the users; record another admin first, or keep --admin")
            }
            try store.saveUser(record)
            return try store.user(named: record.name) ?? record
        }
    }

    /// Removes a recorded user. Tasks assigned to the user stay assigned.
    /// - Throws: `EngineError.userNotFound`, `.accessDenied` when the caller may not manage
    ///   users, `.invalidUser` when it is the only recorded admin while other users remain,
    ///   `.readOnly`.
    public func removeUser(named name: String, by caller: UserContext?) throws {
        try requireWritable("user remove")
        try store.writeTransaction {
            let access = try userManagement(caller)
            guard try store.user(named: name) != nil else { throw EngineError.userNotFound(name: name) }

            let othersRemain = try store.listUsers().count > 1
            if try isOnlyAdmin(name), othersRemain, access != .demo {
                throw EngineError.invalidUser(
                    name: name,
                    reason: "it is the only recorded admin, and without it nobody outside the admin group could "
                        + "manage the other users; record another admin first ('bpmn-inbox user add NAME --admin')")
            }
            _ = try store.removeUser(named: name)
        }
    }

    /// Returns every recorded user, sorted by name. Who may: as `saveUser`.
    /// - Throws: `EngineError.accessDenied`.
    public func listUsers(by caller: UserContext?) throws -> [UserRecord] {
        try store.readTransaction {
            _ = try userManagement(caller)
            return try store.listUsers()
        }
    }

    /// Returns the group whose members are admins: the setting `admin-group`, else `bpmn-admin`.
    public func adminGroup() throws -> String {
        try store.readTransaction { try UserDirectory.adminGroupName(store: store) }
    }

    /// Sets the admin group, or restores the default `bpmn-admin` when `name` is nil. Who
    /// may: as `saveUser`.
    /// - Throws: `EngineError.accessDenied`, `.invalidUser` for an invalid group name, `.readOnly`.
    public func setAdminGroup(_ name: String?, by caller: UserContext?) throws {
        if let name { try UserDirectory.validateName(name, kind: "group", user: name) }
        try requireWritable("config set")
        try store.writeTransaction {
            _ = try userManagement(caller)
            try store.setSetting(UserDirectory.adminGroupKey, value: name)
        }
    }

    /// Returns whether `caller` may record users and change the admin group, without
    /// changing anything.
    public func mayManageUsers(_ caller: UserContext?) throws -> Bool {
        try store.readTransaction { (try? userManagement(caller)) != nil }
    }

    /// Returns whether `caller` may act as another user (`--user`, `--groups`): admins, and
    /// anyone on a demo database or one with no recorded users.
    public func mayImpersonate(_ caller: UserContext?) throws -> Bool {
        try mayManageUsers(caller)
    }

    /// Returns whether `name` is recorded as admin and no other user is.
    private func isOnlyAdmin(_ name: String) throws -> Bool {
        let admins = try store.listUsers().filter(\.isAdmin).map(\.name)
        return admins == [name]
    }

    /// The reason a caller may manage users.
    enum UserManagementAccess {
        case admin, bootstrap, demo
    }

    /// Returns why `caller` may manage users.
    /// - Throws: `EngineError.accessDenied` when it may not.
    func userManagement(_ caller: UserContext?) throws -> UserManagementAccess {
        let scope = try UserDirectory.scope(for: caller, store: store)
        if scope.isAdmin { return .admin }
        if try store.setting("demo") == "true" { return .demo }
        if try store.listUsers().isEmpty { return .bootstrap }

        let adminGroup = try UserDirectory.adminGroupName(store: store)
        throw EngineError.accessDenied(
            AccessDenial(
                user: scope.displayName, action: "manage", itemId: nil, target: "the users",
                reason: "only admins may, and \(scope.displayName) is neither recorded as admin nor in the group '\(adminGroup)'",
                advice: "ask an admin to run the command"))
    }
}
