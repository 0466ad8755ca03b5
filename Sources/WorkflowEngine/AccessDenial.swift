/// Why the access rules rejected a call: who tried what on which item, the rule that
/// applied and what to do instead.
public struct AccessDenial: Sendable, Equatable, CustomStringConvertible {
    /// The user name of the call, or "a call without a user".
    public var user: String
    /// The action as a verb: `complete`, `claim`, `unclaim`, `reassign`, `change`, `manage`.
    public var action: String
    /// The item the call targeted, when it targeted one.
    public var itemId: String?
    /// The task or object named in the message, such as `Approve` or `the users`.
    public var target: String
    /// The rule that applied, such as "it is assigned to alice".
    public var reason: String
    /// The next step, such as "ask alice or an admin to reassign it".
    public var advice: String

    public init(user: String, action: String, itemId: String?, target: String, reason: String, advice: String) {
        self.user = user
        self.action = action
        self.itemId = itemId
        self.target = target
        self.reason = reason
        self.advice = advice
    }

    /// For example "bob may not complete Approve (item 3f2a…): it is assigned to alice; ask
    /// alice or an admin to reassign it".
    public var description: String {
        let item = itemId.map { " (item \($0))" } ?? ""
        return "\(user) may not \(action) \(target)\(item): \(reason); \(advice)"
    }
}
