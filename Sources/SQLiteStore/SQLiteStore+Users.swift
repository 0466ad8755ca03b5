import Foundation
import WorkflowEngine

extension SQLiteStore {
    /// Loads the recorded user `name` with its groups, or returns nil.
    public func user(named name: String) throws -> UserRecord? {
        try readTransaction {
            let rows = try connection.query(
                "SELECT name, is_admin, tenant_id FROM users WHERE name = \(bind: name)",
                operation: "loading user '\(name)'"
            ) { row in (row.text(0) ?? name, row.int(1) != 0, row.text(2)) }
            guard let (found, isAdmin, tenantId) = rows.first else { return nil }
            return UserRecord(name: found, groups: try groups(of: found), isAdmin: isAdmin, tenantId: tenantId)
        }
    }

    /// Loads every recorded user with its groups, sorted by name.
    public func listUsers() throws -> [UserRecord] {
        try readTransaction {
            var users = try connection.query(
                "SELECT name, is_admin, tenant_id FROM users ORDER BY name", operation: "listing the users"
            ) { row in UserRecord(name: row.text(0) ?? "", isAdmin: row.int(1) != 0, tenantId: row.text(2)) }
            let memberships = try connection.query(
                "SELECT user_name, group_name FROM user_groups ORDER BY user_name, group_name",
                operation: "listing the groups of the users"
            ) { row in (row.text(0) ?? "", row.text(1) ?? "") }
            let groupsByUser = Dictionary(grouping: memberships, by: \.0).mapValues { $0.map(\.1) }
            for index in users.indices {
                users[index].groups = groupsByUser[users[index].name] ?? []
            }
            return users
        }
    }

    /// Inserts the user or replaces its admin flag, tenant and groups.
    public func saveUser(_ user: UserRecord) throws {
        try writeTransaction {
            try connection.run(
                """
                INSERT INTO users (name, is_admin, tenant_id)
                VALUES (\(bind: user.name), \(bind: .integer(user.isAdmin ? 1 : 0)), \(bind: .text(user.tenantId)))
                ON CONFLICT (name) DO UPDATE SET is_admin = excluded.is_admin, tenant_id = excluded.tenant_id
                """,
                operation: "saving user '\(user.name)'")
            try connection.run(
                "DELETE FROM user_groups WHERE user_name = \(bind: user.name)",
                operation: "removing the old groups of user '\(user.name)'")
            for group in user.groups {
                try connection.run(
                    "INSERT OR IGNORE INTO user_groups (user_name, group_name) VALUES (\(bind: user.name), \(bind: group))",
                    operation: "saving group '\(group)' of user '\(user.name)'")
            }
        }
    }

    /// Removes the user and its groups; returns false when it was not recorded.
    public func removeUser(named name: String) throws -> Bool {
        try writeTransaction {
            let existed = try user(named: name) != nil
            try connection.run("DELETE FROM users WHERE name = \(bind: name)", operation: "removing user '\(name)'")
            return existed
        }
    }

    private func groups(of name: String) throws -> [String] {
        try connection.query(
            "SELECT group_name FROM user_groups WHERE user_name = \(bind: name) ORDER BY group_name",
            operation: "loading the groups of user '\(name)'"
        ) { $0.text(0) ?? "" }
    }
}

extension SQLiteStore {
    /// Loads the tenant of every model that belongs to one, by model name.
    public func modelTenants() throws -> [String: String] {
        let rows = try connection.query(
            "SELECT model_name, tenant_id FROM model_tenants", operation: "loading the tenants of the models"
        ) { row in (row.text(0) ?? "", row.text(1) ?? "") }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }

    /// Makes the model belong to `tenantId`, or shared when nil.
    public func setModelTenant(name: String, tenantId: String?) throws {
        try writeTransaction {
            guard let tenantId else {
                try connection.run(
                    "DELETE FROM model_tenants WHERE model_name = \(bind: name)",
                    operation: "sharing model '\(name)' with every tenant")
                return
            }
            try connection.run(
                """
                INSERT INTO model_tenants (model_name, tenant_id) VALUES (\(bind: name), \(bind: tenantId))
                ON CONFLICT (model_name) DO UPDATE SET tenant_id = excluded.tenant_id
                """,
                operation: "setting the tenant of model '\(name)'")
        }
    }
}
