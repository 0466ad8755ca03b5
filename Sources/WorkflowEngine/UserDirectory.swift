import Foundation

/// A user recorded in the database: groups added to the login's Unix groups, the admin
/// flag and the tenant.
public struct UserRecord: Sendable, Equatable {
    public var name: String
    /// Candidate groups, sorted and without repeats.
    public var groups: [String]
    public var isAdmin: Bool
    public var tenantId: String?

    public init(name: String, groups: [String] = [], isAdmin: Bool = false, tenantId: String? = nil) {
        self.name = name
        self.groups = Array(Set(groups)).sorted()
        self.isAdmin = isAdmin
        self.tenantId = tenantId
    }
}

/// Turns the `UserContext` of a call into the `AccessScope` the rules check, from the users
/// and settings stored in the database.
enum UserDirectory {
    /// The settings key of the admin group's name.
    static let adminGroupKey = "admin-group"
    /// The admin group when the setting is absent.
    static let defaultAdminGroup = "bpmn-admin"

    /// Returns the scope of `user`: its groups plus the recorded ones, and its tenant or else
    /// the recorded one. The user is an admin when the context or the record has the admin
    /// flag, or when one of its groups is the admin group. `UserContext.system` gets every tenant. A nil user gets no
    /// name, no groups and no tenant.
    static func scope(for user: UserContext?, store: WorkflowStore) throws -> AccessScope {
        guard let user else { return AccessScope(userName: nil) }
        if user == .system { return AccessScope(userName: user.name, isAdmin: true) }

        let record = try store.user(named: user.name)
        let groups = user.groups + (record?.groups ?? [])
        let adminGroup = try adminGroupName(store: store)
        let isAdmin = user.isAdmin || record?.isAdmin == true || groups.contains(adminGroup)
        return AccessScope(
            userName: user.name, groups: groups, isAdmin: isAdmin, tenantId: user.tenantId ?? record?.tenantId)
    }

    /// Returns the configured admin group, or `bpmn-admin`.
    static func adminGroupName(store: WorkflowStore) throws -> String {
        let value = try store.setting(adminGroupKey)?.trimmingCharacters(in: .whitespaces)
        guard let value, !value.isEmpty else { return defaultAdminGroup }
        return value
    }

    /// Checks a user or group name: not empty, no surrounding spaces, no commas (lists
    /// separate names with commas), no control characters, at most 200 characters.
    /// - Throws: `EngineError.invalidUser` naming the value.
    static func validateName(_ name: String, kind: String, user: String) throws {
        let reason: String?
        if name.isEmpty {
            reason = "the \(kind) name is empty"
        } else if name != name.trimmingCharacters(in: .whitespacesAndNewlines) {
            reason = "the \(kind) name '\(name)' starts or ends with a space"
        } else if name.contains(",") {
            reason = "the \(kind) name '\(name)' contains a comma, which separates names in lists"
        } else if name.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            reason = "the \(kind) name contains a control character"
        } else if name.count > 200 {
            reason = "the \(kind) name is longer than 200 characters"
        } else {
            reason = nil
        }
        guard let reason else { return }
        throw EngineError.invalidUser(name: user, reason: reason + "; give a name such as 'alice' or 'managers'")
    }
}
