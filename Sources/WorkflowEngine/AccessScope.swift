/// A user as the engine checks access: the call's `UserContext` with the groups, admin flag
/// and tenant that the database records for that name added. Stores translate it to SQL
/// conditions, so lists only contain what the user may see.
public struct AccessScope: Sendable, Equatable {
    /// The login name, or nil for a call made without a user.
    public var userName: String?
    /// Candidate groups the user belongs to, sorted and without repeats.
    public var groups: [String]
    /// Admins see and may change every task of their tenant (of every tenant without one).
    public var isAdmin: Bool
    /// The tenant the user is limited to. When nil, the user can see instances without a tenant, or
    /// every instance when `isAdmin` is set.
    public var tenantId: String?

    public init(userName: String?, groups: [String] = [], isAdmin: Bool = false, tenantId: String? = nil) {
        self.userName = userName
        self.groups = Array(Set(groups)).sorted()
        self.isAdmin = isAdmin
        self.tenantId = tenantId
    }

    /// The privileged scope of timers, workers and `UserContext.system`, which can see everything.
    public static let unrestricted = AccessScope(userName: nil, isAdmin: true)

    /// True when the scope can see every tenant, so no tenant condition applies.
    public var seesAllTenants: Bool { isAdmin && tenantId == nil }

    /// The name used in messages: the user name, or "a call without a user".
    var displayName: String { userName ?? "a call without a user" }
}

/// The lists of the task inbox. Each contains waiting user tasks the user may see, except
/// `completedByMe`, which contains ended user tasks the user completed.
public enum TaskView: String, Sendable, CaseIterable, Hashable, Codable {
    /// Tasks assigned to the user.
    case mine
    /// Unassigned tasks offered to the user as a candidate user or through a candidate group.
    case myGroups
    /// Every waiting task the user may see.
    case all
    /// Visible waiting tasks whose due date is before now.
    case overdue
    /// Tasks the user completed with `invoke`, newest first by default.
    case completedByMe
}

/// The order of a task view. Every order ends with the task's start time and id, so pages
/// never overlap.
public enum TaskSort: String, Sendable, CaseIterable, Codable {
    /// Highest priority first. Tasks without a numeric priority come last.
    case priority
    /// Earliest due date first. Tasks without a due date come last.
    case dueDate
    /// Newest first: by the time the task started waiting (for `completedByMe`, ended).
    case created
    /// By model name, then newest first.
    case model
}
